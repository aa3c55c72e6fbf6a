"""Baseline files: round trip, version upgrades, refusals, permissions, and no raw values inside."""

from __future__ import annotations

import json
import stat
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from exposure_audit.baseline.compare import Triage, TriageLabel, new_baseline, updated
from exposure_audit.baseline.store import VERSION, from_document, load_baseline, save_baseline, to_document, upgrade
from exposure_audit.errors import InputError
from exposure_audit.model import Category, Finding, Item, ItemKind, Level, Platform, SourceRef
from exposure_audit.policy.model import Policy
from exposure_audit.scanners.base import make_finding

POLICY = Policy(id="test-pack", name="Test", organisation="Org", document="Policy")
T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
T1 = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)


def finding(identity: str = "facebook:post:1001", match: str = "kim.nguyen@abf.gov.au") -> Finding:
    item = Item(
        kind=ItemKind.POST,
        platform=Platform.FACEBOOK,
        identity=identity,
        text=f"mail me at {match}",
        source=SourceRef(archive="dl.zip", member="posts/your_posts_1.json", pointer="/0"),
        created_at=datetime(2019, 3, 4, 7, 30, tzinfo=UTC),
    )
    return make_finding(
        rule="EXP301",
        category=Category.CONTACT,
        policy=POLICY,
        platform=Platform.FACEBOOK,
        source=item.source,
        item=item,
        match=match,
        excerpt=item.text,
        severity=Level.HIGH,
        confidence=Level.HIGH,
        reasons=(),
    )


V0_DOCUMENT = {
    "version": 0,
    "salt": "ab" * 32,
    "created": "2025-06-01T10:00:00+00:00",
    "pack": "dibp-2015",
    "entries": [
        {
            "id": "0123456789abcdef0123456789abcdef",
            "rule": "EXP301",
            "category": "contact",
            "severity": "high",
            "platform": "facebook",
            "kind": "post",
            "day": "2019-03-04",
            "first_seen": "2025-06-01T10:00:00+00:00",
            "last_seen": "2025-07-01T10:00:00+00:00",
            "label": "accepted",
            "note": "friends only",
        },
        {
            "id": "fedcba9876543210fedcba9876543210",
            "rule": "EXP101",
            "category": "employer",
            "severity": "medium",
            "platform": "linkedin",
            "resolved": "2025-07-01T10:00:00+00:00",
        },
    ],
}


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    baseline = updated(
        new_baseline(POLICY, T0), [finding(), finding(match="lee.tran@abf.gov.au")], {Platform.FACEBOOK}, POLICY, T1
    )
    bid = next(iter(baseline.entries))
    triage = Triage(label=TriageLabel.FIXED, marked=T1, note="deleted", expires=date(2026, 6, 30))
    baseline = replace(baseline, entries={**baseline.entries, bid: replace(baseline.entries[bid], triage=triage)})
    path = tmp_path / "baseline.json"
    save_baseline(path, baseline)
    assert load_baseline(path) == baseline
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text())["version"] == VERSION


def test_the_file_holds_no_matched_value_no_identity_and_no_excerpt(tmp_path: Path) -> None:
    findings = [finding(), finding(identity="facebook:post:77", match="0491 570 006")]
    path = tmp_path / "baseline.json"
    save_baseline(path, updated(new_baseline(POLICY, T0), findings, {Platform.FACEBOOK}, POLICY, T0))
    text = path.read_text().lower()
    for f in findings:
        assert f.match.lower() not in text and f.item_identity not in text and f.fingerprint not in text
    assert "0491570006" not in text and "mail me" not in text and "your_posts" not in text


def test_a_version_0_file_is_upgraded() -> None:
    baseline = from_document(json.loads(json.dumps(V0_DOCUMENT)))
    assert baseline.key == bytes.fromhex("ab" * 32) and baseline.policy_id == "dibp-2015"
    accepted = baseline.entries["0123456789abcdef0123456789abcdef"]
    assert accepted.triage is not None and accepted.triage.label is TriageLabel.ACCEPTED
    assert accepted.triage.note == "friends only" and accepted.triage.expires is None
    assert accepted.day == "2019-03-04" and accepted.resolved is None
    gone = baseline.entries["fedcba9876543210fedcba9876543210"]
    assert gone.resolved == datetime(2025, 7, 1, 10, tzinfo=UTC) and gone.triage is None
    assert gone.first_seen == datetime(2025, 6, 1, 10, tzinfo=UTC)
    assert upgrade(to_document(baseline)) == to_document(baseline)  # current files pass unchanged


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("not json", "not a usable exposure-audit baseline"),
        ('{"format": "something-else", "version": 1}', "not an exposure-audit baseline"),
        ('{"format": "exposure-audit-baseline", "version": 99}', "newer than this tool"),
        ('{"format": "exposure-audit-baseline", "version": "1"}', "no version number"),
        ('{"format": "exposure-audit-baseline", "version": 1, "key": "zz"}', "not a usable"),
        ("[1, 2]", "not a usable"),
    ],
)
def test_files_that_are_not_baselines_are_refused_with_the_path(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(content)
    with pytest.raises(InputError) as caught:
        load_baseline(path)
    assert str(path) in str(caught.value) and problem in str(caught.value)


def test_a_missing_baseline_says_how_to_create_one(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--update-baseline"):
        load_baseline(tmp_path / "nope.json")
