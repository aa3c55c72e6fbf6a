"""The JSON report: valid against its shipped schema, checklist entries trace every finding."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema
import pytest

from exposure_audit.model import AuditReport
from exposure_audit.policy.model import Policy
from exposure_audit.reporters.formats import json_report
from exposure_audit.reporters.formats.options import JsonOptions
from exposure_audit.reporters.view import prepare
from tests.reporters.formats.standard_json import assert_written_as_the_standard_library


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    text = (resources.files("exposure_audit") / "data" / json_report.SCHEMA_RESOURCE).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(loaded)
    return loaded


def render(report: AuditReport, policy: Policy, show: bool = False) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(json_report.render(prepare(report, policy, show_values=show), JsonOptions()))
    return document


@pytest.mark.parametrize("show", [False, True])
def test_valid_against_the_schema(
    report: AuditReport, strict_policy: Policy, schema: dict[str, Any], show: bool
) -> None:
    jsonschema.Draft202012Validator(schema).validate(render(report, strict_policy, show))


def test_empty_report_is_valid(build_report: Any, strict_policy: Policy, schema: dict[str, Any]) -> None:
    document = render(build_report([]), strict_policy)
    jsonschema.Draft202012Validator(schema).validate(document)
    assert document["findings"] == [] and document["checklist"] == []


def test_schema_rejects_what_the_format_forbids(
    report: AuditReport, strict_policy: Policy, schema: dict[str, Any]
) -> None:
    document = render(report, strict_policy)
    document["findings"][0]["severity"] = "critical"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(document)


def test_fields_of_schema_version_1(report: AuditReport, strict_policy: Policy) -> None:
    document = render(report, strict_policy)
    assert document["schema_version"] == 1
    assert list(document)[:2] == ["schema_version", "notice"] and "personal information" in document["notice"]
    assert document["profile"]["id"] == "test-strict"
    first_input = document["inputs"][1]
    assert first_input["path"] == "facebook-jcitizen-2025.zip + facebook-jcitizen-2025-part2.zip"
    assert first_input["coverage"]["members_read"] == 120
    finding = next(f for f in document["findings"] if f["rule"] == "EXP401")
    assert finding["match"] == "j•••@abf.gov.au"
    assert finding["source"]["pointer"] == "/profile_v2/emails/emails/0"
    assert finding["created_at"] is None
    dated = next(f for f in document["findings"] if f["rule"] == "EXP701")
    assert dated["created_at"] == "2021-11-02T23:59:00Z"
    assert {"member", "reason", "stage"} <= set(document["skipped"][0])


def test_checklist_references_every_finding_once(report: AuditReport, strict_policy: Policy) -> None:
    document = render(report, strict_policy)
    referenced = [fp for entry in document["checklist"] for fp in entry["findings"]]
    assert sorted(referenced) == sorted(f["fingerprint"] for f in document["findings"])
    assert all(entry["clauses"] for entry in document["checklist"])


def test_no_raw_personal_value_without_show_values(report: AuditReport, strict_policy: Policy) -> None:
    text = json_report.render(prepare(report, strict_policy), JsonOptions())
    for raw in ("jane.citizen@abf.gov.au", "0491 570 156", "Ravi Kumaran", "-33.94612", "-33.91234"):
        assert raw not in text
    shown = json_report.render(prepare(report, strict_policy, show_values=True), JsonOptions())
    assert "jane.citizen@abf.gov.au" in shown and "Ravi Kumaran" in shown


def test_start_here_names_checklist_actions(report: AuditReport, strict_policy: Policy) -> None:
    document = json.loads(json_report.render(prepare(report, strict_policy), JsonOptions()))
    numbers = document["summary"]["start_here"]
    assert 1 <= len(numbers) <= 3
    assert all(1 <= n <= len(document["checklist"]) for n in numbers)


@pytest.mark.parametrize("show", [False, True])
def test_written_exactly_as_the_standard_library_writes_it(
    report: AuditReport, strict_policy: Policy, show: bool
) -> None:
    assert_written_as_the_standard_library(
        json_report.render(prepare(report, strict_policy, show_values=show), JsonOptions())
    )
