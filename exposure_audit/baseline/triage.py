"""Triage labels on baseline findings: accepted, false-positive or fixed, with a note and an expiry date.

A labelled finding stays quiet on later runs (listed as known, never a reason to exit 1) until the
label's expiry date passes; then it asks for a decision again. A finding marked "fixed" that turns up
again after it had gone is reported as reappeared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from exposure_audit.baseline.compare import Baseline, Entry, Triage, TriageLabel, short_id
from exposure_audit.baseline.store import load_baseline, save_baseline
from exposure_audit.errors import UsageError
from exposure_audit.reporters.plural import plural

MIN_PREFIX = 4


def parse_label(text: str) -> TriageLabel:
    try:
        return TriageLabel(text.strip().lower())
    except ValueError:
        raise UsageError(
            text, "not a triage label", f"Use one of: {', '.join(label.value for label in TriageLabel)}"
        ) from None


def parse_expiry(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--until {text}", "not a date", "Give it as YYYY-MM-DD, e.g. 2027-06-30") from None


def parse_mark(text: str) -> tuple[str, TriageLabel]:
    """ "ID=LABEL" as given to `scan --triage`."""
    ident, sep, label = text.partition("=")
    if not sep or not ident.strip():
        raise UsageError(f"--triage {text}", "not of the form ID=LABEL", "For example --triage 3fa29c01be=accepted")
    return ident.strip().lower(), parse_label(label)


def resolve_id(candidates: Sequence[str], prefix: str, subject: str) -> str:
    """The one id among `candidates` that starts with `prefix`."""
    prefix = prefix.strip().lower()
    if len(prefix) < MIN_PREFIX:
        raise UsageError(subject, f"an id needs at least {MIN_PREFIX} characters", "Copy the id from the report")
    hits = sorted({c for c in candidates if c.startswith(prefix)})
    if not hits:
        raise UsageError(
            subject,
            "no finding with this id in the baseline or this run",
            "Copy the id from the report or from 'exposure-audit triage BASELINE'",
        )
    if len(hits) > 1:
        raise UsageError(subject, f"the id matches {len(hits)} findings", "Give more characters of the id")
    return hits[0]


def mark(
    baseline: Baseline, baseline_id: str, label: TriageLabel, now: datetime, note: str = "", expires: date | None = None
) -> Baseline:
    entry = baseline.entries[baseline_id]
    triage = Triage(label=label, marked=now, note=note, expires=expires)
    return replace(baseline, entries={**baseline.entries, baseline_id: replace(entry, triage=triage)})


def clear(baseline: Baseline, baseline_id: str) -> Baseline:
    entry = baseline.entries[baseline_id]
    return replace(baseline, entries={**baseline.entries, baseline_id: replace(entry, triage=None)})


def _state(entry: Entry) -> str:
    if entry.resolved is not None:
        return "resolved " + entry.resolved.date().isoformat()
    return "present"


def _label(entry: Entry, today: date) -> str:
    if entry.triage is None:
        return ""
    text = entry.triage.label.value
    if entry.triage.expires:
        lapsed = not entry.triage.in_force(today)
        text += f" ({'expired' if lapsed else 'until'} {entry.triage.expires.isoformat()})"
    return text


def listing(baseline: Baseline, today: date, include_resolved: bool = False) -> str:
    """The baseline's findings as a table for the terminal: id, rule, what, state and label."""
    header = (
        f"{'ID':10}  {'RULE':7}  {'SEVERITY':8}  {'CATEGORY':9}  {'PLATFORM':13}  {'ITEM':10}  "
        f"{'DATE':10}  {'STATE':19}  LABEL"
    )
    rows = []
    for bid, e in baseline.entries.items():
        if e.resolved is not None and not include_resolved:
            continue
        rows.append(
            (
                -e.severity.rank,
                e.category.value,
                e.rule,
                e.day,
                bid,
                f"{short_id(bid):10}  {e.rule:7}  {e.severity.value:8}  {e.category.value:9}  "
                f"{e.platform.value:13}  {e.kind:10}  {e.day or '-':10}  {_state(e):19}  "
                f"{_label(e, today)}".rstrip(),
            )
        )
    rows.sort()
    lines = [header, *(row[-1] for row in rows)]
    notes = [
        (short_id(bid), e.triage.note)
        for bid, e in baseline.entries.items()
        if e.triage and e.triage.note and (include_resolved or e.resolved is None)
    ]
    if notes:
        lines.append("")
        lines.extend(f"{ident}  note: {note}" for ident, note in sorted(notes))
    hidden = sum(1 for e in baseline.entries.values() if e.resolved is not None)
    if hidden and not include_resolved:
        lines.append(f"\n{plural(hidden, 'resolved finding')} not shown; add --all to list them.")
    return "\n".join(lines) + "\n"


def triage_command(
    path: Path,
    finding: str | None,
    label: str | None,
    *,
    note: str = "",
    until: str | None = None,
    clear_label: bool = False,
    include_resolved: bool = False,
    now: datetime,
) -> str:
    """`exposure-audit triage BASELINE [ID [LABEL]]`: list, label or clear; returns what to print."""
    baseline = load_baseline(path)
    if finding is None:
        if label is not None or clear_label:
            raise UsageError("triage", "a label needs the id of a finding", "Give ID then LABEL")
        return listing(baseline, now.date(), include_resolved)
    bid = resolve_id(sorted(baseline.entries), finding, finding)
    if clear_label:
        if label is not None:
            raise UsageError("--clear", "cannot be given with a label", "Give either a LABEL or --clear")
        save_baseline(path, clear(baseline, bid))
        return f"Label removed from {short_id(bid)}.\n"
    if label is None:
        raise UsageError(finding, "no label given", f"Add one of: {', '.join(lb.value for lb in TriageLabel)}")
    chosen = parse_label(label)
    expires = parse_expiry(until)
    save_baseline(path, mark(baseline, bid, chosen, now, note=note, expires=expires))
    suffix = f" until {expires.isoformat()}" if expires else ""
    return f"{short_id(bid)} marked {chosen.value}{suffix}.\n"
