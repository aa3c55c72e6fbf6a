"""Triage labels and a scan against a baseline: ids, marks, the listing, exit decisions and the quiet line."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from exposure_audit.baseline.attention import needs_attention, quiet_line
from exposure_audit.baseline.compare import TriageLabel, finding_id, new_baseline, short_id, updated
from exposure_audit.baseline.model import BaselineStatus
from exposure_audit.baseline.run import BaselineRequest, apply_baseline
from exposure_audit.baseline.store import load_baseline, save_baseline
from exposure_audit.baseline.triage import clear, listing, mark, parse_expiry, parse_label, parse_mark, resolve_id
from exposure_audit.errors import InputError, UsageError
from exposure_audit.model import (
    AuditReport,
    Category,
    Coverage,
    Finding,
    InputSummary,
    Item,
    ItemKind,
    Level,
    Platform,
    PolicySummary,
    SourceRef,
)
from exposure_audit.policy.model import Policy
from exposure_audit.scanners.base import make_finding

POLICY = Policy(id="test-pack", name="Test", organisation="Org", document="Policy")
T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
T1 = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)


def finding(identity: str, match: str, severity: Level = Level.HIGH) -> Finding:
    item = Item(
        kind=ItemKind.POST,
        platform=Platform.FACEBOOK,
        identity=identity,
        text=match,
        source=SourceRef(archive="dl", member="posts.json"),
        created_at=T0,
    )
    return make_finding(
        rule="EXP301",
        category=Category.CONTACT,
        policy=POLICY,
        platform=Platform.FACEBOOK,
        source=item.source,
        item=item,
        match=match,
        excerpt=match,
        severity=severity,
        confidence=Level.HIGH,
        reasons=(),
    )


def report(*findings: Finding, interrupted: bool = False, failed: int = 0) -> AuditReport:
    coverage = Coverage(members_total=3, members_read=3 - failed, members_not_understood=(), members_failed=failed)
    return AuditReport(
        tool_version="t",
        generated_at=T1,
        profile=PolicySummary(id=POLICY.id, name="", organisation="", document=""),
        inputs=(InputSummary(paths=("dl",), platform=Platform.FACEBOOK, items=3, coverage=coverage),),
        findings=tuple(findings),
        skipped=(),
        interrupted=interrupted,
    )


A = finding("facebook:post:1", "ana.silva@abf.gov.au")
B = finding("facebook:post:2", "0491 570 156", Level.MEDIUM)
C = finding("facebook:post:3", "tom.baker@border.gov.au", Level.LOW)


def test_labels_marks_and_dates_parse_or_name_the_fix() -> None:
    assert parse_label(" False-Positive ") is TriageLabel.FALSE_POSITIVE
    assert parse_mark("3FA29c=accepted") == ("3fa29c", TriageLabel.ACCEPTED)
    assert parse_expiry("2027-06-30") == date(2027, 6, 30) and parse_expiry(None) is None
    for bad in ("3fa29c", "=accepted", "3fa29c=ignored"):
        with pytest.raises(UsageError):
            parse_mark(bad)
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        parse_expiry("30/06/2027")


def test_ids_resolve_by_unique_prefix() -> None:
    ids = ["abcd1234", "abcd9999", "ffff0000"]
    assert resolve_id(ids, "ABCD12", "x") == "abcd1234"
    with pytest.raises(UsageError, match="matches 2 findings"):
        resolve_id(ids, "abcd", "x")
    with pytest.raises(UsageError, match="no finding"):
        resolve_id(ids, "0000", "x")
    with pytest.raises(UsageError, match="at least 4"):
        resolve_id(ids, "ff", "x")


def test_mark_clear_and_listing() -> None:
    baseline = updated(new_baseline(POLICY, T0), [A, B, C], {Platform.FACEBOOK}, POLICY, T0)
    bid = finding_id(baseline.key, A)
    marked = mark(baseline, bid, TriageLabel.ACCEPTED, T1, note="friends only", expires=date(2026, 12, 31))
    triage = marked.entries[bid].triage
    assert triage is not None and triage.label is TriageLabel.ACCEPTED and triage.marked == T1
    text = listing(marked, T1.date())
    assert short_id(bid) in text and "accepted (until 2026-12-31)" in text and "note: friends only" in text
    assert "ana.silva" not in text and "2026-01-01" in text
    assert listing(marked, date(2027, 1, 1)).count("expired 2026-12-31") == 1
    assert clear(marked, bid).entries[bid].triage is None
    gone = updated(marked, [A], {Platform.FACEBOOK}, POLICY, T1)
    assert short_id(finding_id(baseline.key, B)) not in listing(gone, T1.date())
    assert "2 resolved findings not shown" in listing(gone, T1.date())
    assert short_id(finding_id(baseline.key, B)) in listing(gone, T1.date(), include_resolved=True)


def test_the_first_run_creates_the_baseline_and_everything_is_new(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    result = apply_baseline(report(A, B), POLICY, BaselineRequest(path=path, update=True), T0)
    assert result.baseline is not None and result.baseline.count(BaselineStatus.NEW) == 2
    assert len(load_baseline(path).entries) == 2
    assert needs_attention(result, Level.LOW) == [A, B] and needs_attention(result, Level.HIGH) == [A]


def test_a_missing_baseline_without_update_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        apply_baseline(report(A), POLICY, BaselineRequest(path=tmp_path / "b.json"), T0)


def test_known_findings_never_need_attention_and_new_ones_do(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    apply_baseline(report(A), POLICY, BaselineRequest(path=path, update=True), T0)
    before = path.read_bytes()
    result = apply_baseline(report(A, C), POLICY, BaselineRequest(path=path), T1)
    assert path.read_bytes() == before  # compared only
    assert needs_attention(result, Level.LOW) == [C] and needs_attention(result, Level.MEDIUM) == []
    line = quiet_line(result, Level.LOW)
    assert line.startswith("exposure-audit: 1 new, 0 reappeared, 1 known (0 triaged), 0 resolved")
    assert "1 need attention at or above low (1 low)" in line and "\n" not in line


def test_a_triage_flag_can_quiet_a_new_finding_in_the_same_run(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    apply_baseline(report(A), POLICY, BaselineRequest(path=path, update=True), T0)
    key = load_baseline(path).key
    new_id = short_id(finding_id(key, C))
    request = BaselineRequest(path=path, marks=((new_id, TriageLabel.FALSE_POSITIVE),), note="not mine")
    result = apply_baseline(report(A, C), POLICY, request, T1)
    assert result.baseline is not None
    assert result.baseline.marks[C.fingerprint].triage == "false-positive"
    assert needs_attention(result, Level.LOW) == []
    again = apply_baseline(report(A, C), POLICY, BaselineRequest(path=path), T1)
    assert needs_attention(again, Level.LOW) == [] and quiet_line(again, Level.LOW).count("1 triaged") == 1


def test_an_interrupted_run_never_rewrites_the_baseline(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    apply_baseline(report(A, B), POLICY, BaselineRequest(path=path, update=True), T0)
    before = path.read_bytes()
    result = apply_baseline(report(A, interrupted=True), POLICY, BaselineRequest(path=path, update=True), T1)
    assert path.read_bytes() == before
    assert result.baseline is not None and any("interrupted" in w for w in result.baseline.warnings)


def test_unreadable_members_are_warned_about(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    save_baseline(path, new_baseline(replace(POLICY, id="other"), T0))
    result = apply_baseline(report(A, failed=2), POLICY, BaselineRequest(path=path), T1)
    assert result.baseline is not None
    warnings = result.baseline.warnings
    assert "made with policy 'other'" in warnings[0] and "2 files could not be read" in warnings[1]
    assert "warning: the baseline was made with policy 'other'" in quiet_line(result, Level.LOW)


def test_without_a_baseline_the_quiet_line_counts_by_severity() -> None:
    line = quiet_line(report(A, B, C), Level.MEDIUM)
    assert line == (
        "exposure-audit: 3 findings (1 high, 1 medium, 1 low); 2 need attention at or above medium (1 high, 1 medium)"
    )


def test_the_written_baseline_has_owner_only_permissions_and_no_values(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    apply_baseline(report(A, B, C), POLICY, BaselineRequest(path=path, update=True), T0)
    assert path.stat().st_mode & 0o077 == 0
    text = json.dumps(json.loads(path.read_text())).lower()
    assert not any(f.match.lower() in text for f in (A, B, C))


def _fixed(path: Path) -> str:
    apply_baseline(report(A, B), POLICY, BaselineRequest(path=path, update=True), T0)
    bid = short_id(finding_id(load_baseline(path).key, B))
    apply_baseline(report(A, B), POLICY, BaselineRequest(path=path, marks=((bid, TriageLabel.FIXED),)), T0)
    return bid


def test_a_run_with_another_policy_cannot_update_the_baseline(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    _fixed(path)
    before = path.read_bytes()
    with pytest.raises(UsageError, match="made with policy"):
        apply_baseline(report(A), replace(POLICY, id="other"), BaselineRequest(path=path, update=True), T1)
    assert path.read_bytes() == before
    result = apply_baseline(report(A, B), POLICY, BaselineRequest(path=path), T1)
    assert needs_attention(result, Level.LOW) == []  # the fixed label still holds


def test_a_run_with_an_unreadable_member_resolves_nothing_and_keeps_labels(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    _fixed(path)
    apply_baseline(report(A, failed=1), POLICY, BaselineRequest(path=path, update=True), T1)
    assert all(e.resolved is None for e in load_baseline(path).entries.values())
    result = apply_baseline(report(A, B), POLICY, BaselineRequest(path=path), T1)
    assert needs_attention(result, Level.LOW) == []


def test_a_run_that_read_nothing_of_an_input_cannot_update_the_baseline(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    _fixed(path)
    coverage = Coverage(members_total=3, members_read=0, members_not_understood=(), members_failed=3)
    empty = replace(
        report(), inputs=(InputSummary(paths=("dl",), platform=Platform.FACEBOOK, items=0, coverage=coverage),)
    )
    with pytest.raises(UsageError, match="nothing of dl could be read"):
        apply_baseline(empty, POLICY, BaselineRequest(path=path, update=True), T1)


def test_triage_notes_reach_the_terminal_without_control_sequences(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from exposure_audit.cli import app

    path = tmp_path / "b.json"
    apply_baseline(report(A), POLICY, BaselineRequest(path=path, update=True), T0)
    bid = short_id(finding_id(load_baseline(path).key, A))
    note = "\x1b]52;c;aGVsbG8=\x07 ring \x07 the bell"
    apply_baseline(report(A), POLICY, BaselineRequest(path=path, marks=((bid, TriageLabel.ACCEPTED),), note=note), T0)
    result = CliRunner().invoke(app, ["triage", str(path)])
    assert result.exit_code == 0 and "ring" in result.output
    assert "\x1b" not in result.output and "\x07" not in result.output


def test_a_fixed_label_with_an_expiry_is_kept_through_resolution_and_return(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    apply_baseline(report(A, B), POLICY, BaselineRequest(path=path, update=True), T0)
    bid = short_id(finding_id(load_baseline(path).key, B))
    until = date(T1.year + 1, 1, 1)
    apply_baseline(
        report(A, B), POLICY, BaselineRequest(path=path, marks=((bid, TriageLabel.FIXED),), expires=until), T0
    )
    apply_baseline(report(A), POLICY, BaselineRequest(path=path, update=True), T1)  # B resolved
    back = apply_baseline(report(A, B), POLICY, BaselineRequest(path=path, update=True), T1)
    assert needs_attention(back, Level.LOW) == []
    entry = next(e for k, e in load_baseline(path).entries.items() if short_id(k) == bid)
    assert entry.triage is not None and entry.triage.expires == until
