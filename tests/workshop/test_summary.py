"""The count-only personal summary: what it holds, what it never holds, and the schema check on reading."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from exposure_audit.errors import InputError
from exposure_audit.model import (
    AuditReport,
    Category,
    Coverage,
    Finding,
    GeoPoint,
    InputSummary,
    Item,
    ItemKind,
    Level,
    Platform,
    PolicySummary,
    Precision,
    SourceRef,
)
from exposure_audit.policy.model import Policy
from exposure_audit.scanners.base import make_finding
from exposure_audit.workshop.summary import (
    build_summary,
    load_summary,
    parse_summary,
    summary_document,
    summary_json,
    summary_text,
)

POLICY = Policy(id="dibp-2015", name="Test", organisation="Org", document="Policy")
WHEN = datetime(2024, 5, 6, 7, 45, tzinfo=UTC)
HOME = GeoPoint(lat=-33.8712, lon=151.2093, precision=Precision.GPS, origin="exif")


def finding(
    rule: str,
    category: Category,
    kind: ItemKind,
    match: str,
    *,
    field: str = "",
    severity: Level = Level.HIGH,
    platform: Platform = Platform.FACEBOOK,
    reasons: tuple[str, ...] = (),
) -> Finding:
    item = Item(
        kind=kind,
        platform=platform,
        identity=f"{platform.value}:{kind.value}:{match}",
        text=match,
        field=field,
        people=("Priya Raman",),
        created_at=WHEN,
        geo=(HOME,),
        source=SourceRef(archive="/home/kim/facebook-kimnguyen.zip", member="a/b.json", pointer="/3"),
    )
    return make_finding(
        rule=rule,
        category=category,
        policy=POLICY,
        platform=platform,
        source=item.source,
        item=item,
        match=match,
        excerpt=f"... {match} ...",
        severity=severity,
        confidence=Level.HIGH,
        reasons=reasons,
        geo=(HOME,),
    )


FINDINGS = (
    finding("EXP301", Category.CONTACT, ItemKind.CONTACT, "kim.nguyen@abf.gov.au", field="email"),
    finding("EXP101", Category.EMPLOYER, ItemKind.POST, "Australian Border Force", severity=Level.MEDIUM),
    finding(
        "EXP101",
        Category.EMPLOYER,
        ItemKind.WORK,
        "Border Force",
        platform=Platform.LINKEDIN,
        field="work.employer",
        severity=Level.MEDIUM,
    ),
    finding("EXP501", Category.LOCATION, ItemKind.PHOTO, "-33.8712,151.2093", severity=Level.LOW),
    finding(
        "EXP505",
        Category.LOCATION,
        ItemKind.LOCATION,
        "-33.8712,151.2093",
        reasons=("12 geotags at night near one place: a likely home",),
    ),
)


def report(findings: tuple[Finding, ...] = FINDINGS) -> AuditReport:
    coverage = Coverage(members_total=1, members_read=1, members_not_understood=(), members_failed=0)
    inputs = tuple(
        InputSummary(paths=(f"/home/kim/{p.value}.zip",), platform=p, items=10, coverage=coverage)
        for p in (Platform.FACEBOOK, Platform.LINKEDIN, Platform.INSTAGRAM)
    )
    return AuditReport(
        tool_version="t",
        generated_at=WHEN,
        profile=PolicySummary(id=POLICY.id, name="", organisation="", document=""),
        inputs=inputs,
        findings=findings,
        skipped=(),
    )


def test_the_summary_counts_by_category_severity_and_platform() -> None:
    summary = build_summary(report())
    assert summary.platforms == {"facebook": 4, "instagram": 0, "linkedin": 1}
    assert summary.findings["employer"] == {"high": 0, "medium": 2, "low": 0}
    assert summary.findings["contact"]["high"] == 1 and summary.findings["location"] == {
        "high": 1,
        "medium": 0,
        "low": 1,
    }
    assert summary.findings["uniform"] == {"high": 0, "medium": 0, "low": 0}
    assert summary.inferred == {"home": True, "workplace": False, "routine": False}
    assert summary.actions == (
        "facebook/contact:email",
        "facebook/location_pattern:home",
        "facebook/photo_location",
        "facebook/post",
        "linkedin/work",
    )


def test_nothing_but_counts_and_fixed_words_is_written() -> None:
    text = summary_json(build_summary(report()))
    for secret in (
        "kim",
        "nguyen",
        "abf.gov.au",
        "Border Force",
        "33.87",
        "151.2",
        "Priya",
        "Raman",
        "2024",
        "b.json",
        "/3",
        "home/",
    ):
        assert secret.lower() not in text.lower().replace('"home"', "").replace(":home", "")
    for f in FINDINGS:
        assert f.fingerprint not in text and f.item_identity not in text


def test_the_person_is_shown_exactly_the_file_content() -> None:
    summary = build_summary(report())
    shown = summary_text(summary)
    assert shown.endswith(summary_json(summary))
    assert "home yes, workplace no, routine no" in shown and "linkedin (1 finding)" in shown


def test_a_summary_reads_back_unchanged(tmp_path: Path) -> None:
    summary = build_summary(report())
    path = tmp_path / "s.json"
    path.write_text(summary_json(summary))
    assert load_summary(path) == summary


def _mutated(change: str) -> dict[str, object]:
    document = summary_document(build_summary(report()))
    findings = document["findings"]
    assert isinstance(findings, dict)
    match change:
        case "extra key":
            document["name"] = "Kim Nguyen"
        case "missing key":
            del document["inferred"]
        case "format":
            document["format"] = "exposure-audit-baseline"
        case "version":
            document["version"] = 2
        case "negative":
            findings["contact"]["high"] = -1
        case "float":
            findings["contact"]["high"] = 1.5
        case "bool count":
            findings["contact"]["high"] = True
        case "text action":
            document["actions"] = ["facebook/post", "call Kim on 0491 570 006"]
        case "odd field":
            document["actions"] = ["facebook/contact:kim.nguyen@abf.gov.au"]
        case "pack":
            document["pack"] = "Kim Nguyen's pack"
        case "platform":
            document["platforms"] = {"myspace": 3}
        case "severity key":
            findings["contact"] = {"high": 1, "medium": 0, "low": 0, "critical": 2}
    return document


@pytest.mark.parametrize(
    "change",
    [
        "extra key",
        "missing key",
        "format",
        "version",
        "negative",
        "float",
        "bool count",
        "text action",
        "odd field",
        "pack",
        "platform",
        "severity key",
    ],
)
def test_anything_but_a_summary_is_refused_without_echoing_it(tmp_path: Path, change: str) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps(_mutated(change)))
    with pytest.raises(InputError) as caught:
        load_summary(path)
    message = str(caught.value)
    assert str(path) in message and "not an exposure-audit summary" in message
    assert "Kim" not in message and "0491" not in message and "critical" not in message


def test_a_report_is_not_a_summary(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text('{"findings": [{"match": "x"}]}')
    with pytest.raises(InputError):
        load_summary(path)
    with pytest.raises(ValueError):
        parse_summary([1, 2, 3])


def test_a_custom_policy_is_named_only_as_custom() -> None:
    custom = report()
    custom = AuditReport(
        tool_version="t",
        generated_at=WHEN,
        inputs=custom.inputs,
        findings=custom.findings,
        skipped=(),
        profile=PolicySummary(id="kim-nguyen-own-pack", name="", organisation="", document=""),
    )
    assert build_summary(custom).policy == "custom" and "kim" not in summary_json(build_summary(custom))
