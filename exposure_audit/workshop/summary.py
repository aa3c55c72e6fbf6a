"""The count-only personal summary a person may share with a workshop (`scan ... --summary-out FILE`).

Modelled on data-donation tools: the download is processed on the person's machine, the person sees
exactly what would leave it (`summary_text`, printed by the scan and shown in the HTML report), and
only that leaves. The summary holds counts and words from fixed vocabularies, nothing else:

- the built-in policy it was measured against (or "custom");
- findings per category and severity;
- which platforms were scanned, with how many findings each;
- whether a home, a workplace or a routine could be inferred from geotags (yes/no);
- which kinds of checklist action apply ("facebook/photo_location", "linkedin/profile:headline").

No value, name, coordinate, fingerprint, item id, date, file name or free text is ever written, and a
file with anything else in it is refused when read back (`parse_summary`), so an aggregate can only
ever show counts. Action ids come from the checklist's own targets (`reporters/targets.py`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exposure_audit.errors import InputError
from exposure_audit.fetchers import known_platforms
from exposure_audit.limits import MiB
from exposure_audit.model import AuditReport, Category, Finding, Level
from exposure_audit.output.state_json import StateFileError, read_state_json
from exposure_audit.policy.model import builtin_policy_names
from exposure_audit.reporters.rules import pattern_kind
from exposure_audit.reporters.targets import FIELD_LABELS, FIELD_TARGETS, NOUNS, target_of
from exposure_audit.scanners import catalogue

FORMAT = "exposure-audit-summary"
VERSION = 1
INFERENCES = tuple(kind.value for kind in catalogue.INFERENCES)  # "home", "workplace", "routine"
TARGETS = frozenset(NOUNS) | FIELD_TARGETS | {"profile", "work", "education", "generic", "location_pattern"}
MAX_SUMMARY_BYTES = 1 * MiB  # a summary holds counts only: a few kilobytes
SEVERITIES = tuple(lv.value for lv in (Level.HIGH, Level.MEDIUM, Level.LOW))
MAX_COUNT = 10_000_000  # more findings than any download holds: a sign of a forged or broken file
_POLICY_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonalSummary:
    policy: str
    platforms: Mapping[str, int]  # platform scanned -> findings on it
    findings: Mapping[str, Mapping[str, int]]  # category -> severity -> count (every category and severity)
    inferred: Mapping[str, bool]  # "home" / "workplace" / "routine" -> could be inferred
    actions: tuple[str, ...]  # sorted action ids: "platform/target" or "platform/target:detail"


def action_id(finding: Finding) -> str:
    target = target_of(finding)
    detail = ""
    if target in FIELD_TARGETS and finding.field in FIELD_LABELS:
        detail = finding.field
    elif target == "location_pattern":
        detail = pattern_kind(finding)
    return f"{finding.platform.value}/{target}" + (f":{detail}" if detail else "")


def build_summary(report: AuditReport) -> PersonalSummary:
    findings = {c.value: dict.fromkeys(SEVERITIES, 0) for c in Category}
    platforms = {s.platform.value: 0 for s in report.inputs}
    rules = {f.rule for f in report.findings}
    for f in report.findings:
        findings[f.category.value][f.severity.value] += 1
        platforms[f.platform.value] = platforms.get(f.platform.value, 0) + 1
    return PersonalSummary(
        policy=report.profile.id if report.profile.id in builtin_policy_names() else "custom",
        platforms=dict(sorted(platforms.items())),
        findings=findings,
        # The rule catalogue says which rules' findings mean a home, workplace or routine could be inferred.
        inferred={kind.value: bool(rules & found) for kind, found in catalogue.inference_rules().items()},
        actions=tuple(sorted({action_id(f) for f in report.findings})),
    )


def summary_document(summary: PersonalSummary) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "pack": summary.policy,
        "platforms": dict(summary.platforms),
        "findings": {c: dict(s) for c, s in summary.findings.items()},
        "inferred": dict(summary.inferred),
        "actions": list(summary.actions),
    }


def summary_json(summary: PersonalSummary) -> str:
    """The exact content of the summary file."""
    return json.dumps(summary_document(summary), indent=1) + "\n"


def summary_text(summary: PersonalSummary) -> str:
    """What the person is shown before sharing: a reading of every field, then the file itself."""
    lines = [
        "Workshop summary: this is everything the file contains. It holds counts only: no values,",
        "names, places, dates or ids from your data.",
        "",
        f"  Policy: {summary.policy}",
    ]
    scanned = ", ".join(f"{p} ({n} finding{'s' if n != 1 else ''})" for p, n in summary.platforms.items())
    lines.append(f"  Platforms scanned: {scanned or 'none'}")
    lines.append("  Findings by kind and severity:")
    for category, counts in summary.findings.items():
        lines.append(f"    {category:10} " + "  ".join(f"{sev} {counts[sev]}" for sev in SEVERITIES))
    lines.append(
        "  Could be inferred from geotags: "
        + ", ".join(f"{k} {'yes' if summary.inferred[k] else 'no'}" for k in INFERENCES)
    )
    lines.append(f"  Kinds of checklist action: {', '.join(summary.actions) or 'none'}")
    return "\n".join(lines) + "\n\nExact file content:\n" + summary_json(summary)


# ---------------------------------------------------------------- reading back (schema check)


def _count(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_COUNT:
        raise ValueError(f"'{where}' is not a count")
    return value


def _keys(table: Any, expected: set[str], where: str, exact: bool = True) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise ValueError(f"'{where}' is not an object")
    unknown = sorted(set(table) - expected)
    if unknown:
        raise ValueError(f"'{where}' has an unexpected key")  # the key itself may be anything: never echo it
    if exact and set(table) != expected:
        raise ValueError(f"'{where}' lacks {', '.join(sorted(expected - set(table)))}")
    return table


def _platform_ids() -> set[str]:
    return {p.value for p in known_platforms()}


def _valid_action(action: Any) -> bool:
    if not isinstance(action, str):
        return False
    platform, _, rest = action.partition("/")
    target, _, detail = rest.partition(":")
    if platform not in _platform_ids() or target not in TARGETS:
        return False
    if not detail:
        return True
    return detail in (INFERENCES if target == "location_pattern" else FIELD_LABELS)


def parse_summary(document: Any) -> PersonalSummary:
    """A summary from parsed JSON; ValueError (saying what is wrong, never echoing content) otherwise."""
    top = _keys(document, {"format", "version", "pack", "platforms", "findings", "inferred", "actions"}, "file")
    if top["format"] != FORMAT:
        raise ValueError("it is not an exposure-audit summary")
    if top["version"] != VERSION:
        raise ValueError("it is a summary of another version")
    if not isinstance(top["pack"], str) or not (_POLICY_ID.match(top["pack"]) or top["pack"] == "custom"):
        raise ValueError("'pack' is not a policy id")
    platforms = _keys(top["platforms"], _platform_ids(), "platforms", exact=False)
    findings = _keys(top["findings"], {c.value for c in Category}, "findings")
    inferred = _keys(top["inferred"], set(INFERENCES), "inferred")
    if not all(isinstance(v, bool) for v in inferred.values()):
        raise ValueError("'inferred' holds something other than true/false")
    actions = top["actions"]
    if not isinstance(actions, list) or not all(_valid_action(a) for a in actions) or len(set(actions)) != len(actions):
        raise ValueError("'actions' holds something other than known action kinds")
    return PersonalSummary(
        policy=top["pack"],
        platforms={p: _count(n, f"platforms.{p}") for p, n in sorted(platforms.items())},
        findings={
            c: {
                s: _count(n, f"findings.{c}.{s}")
                for s, n in _keys(findings[c], set(SEVERITIES), f"findings.{c}").items()
            }
            for c in (cat.value for cat in Category)
        },
        inferred={k: bool(inferred[k]) for k in INFERENCES},
        actions=tuple(sorted(actions)),
    )


def load_summary(path: Path) -> PersonalSummary:
    """Read one summary file; InputError naming the file when it is not a summary."""
    try:
        document = read_state_json(path, max_bytes=MAX_SUMMARY_BYTES)
    except FileNotFoundError:
        raise InputError(str(path), "no such file", "Check the path") from None
    except (OSError, ValueError) as exc:
        reason = str(exc) if isinstance(exc, StateFileError) else "not readable JSON"
        raise InputError(
            str(path),
            f"not an exposure-audit summary ({reason})",
            "Give only files written by 'exposure-audit scan ... --summary-out'",
        ) from None
    try:
        return parse_summary(document)
    except ValueError as exc:
        raise InputError(
            str(path),
            f"not an exposure-audit summary ({exc})",
            "Give only files written by 'exposure-audit scan ... --summary-out'",
        ) from None
