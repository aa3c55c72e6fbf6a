"""SARIF against the official OASIS SARIF 2.1.0 schema (errata 01, shipped in schemas/), and the CSV rows.

schemas/sarif-schema-2.1.0.json is the OASIS schema text, from oasis-tcs/sarif-spec Schemata/.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from exposure_audit.model import AuditReport
from exposure_audit.policy.model import Policy
from exposure_audit.reporters.formats import csv_report, sarif
from exposure_audit.reporters.formats.options import CsvOptions, SarifOptions
from exposure_audit.reporters.view import prepare
from tests.reporters.formats.standard_json import assert_written_as_the_standard_library

SARIF_SCHEMA = Path(__file__).parent.parent / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def render_sarif(report: AuditReport, policy: Policy, show: bool = False) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(sarif.render(prepare(report, policy, show_values=show), SarifOptions()))
    return log


@pytest.mark.parametrize("show", [False, True])
def test_sarif_is_valid(
    report: AuditReport, strict_policy: Policy, validator: jsonschema.Draft4Validator, show: bool
) -> None:
    errors = sorted(validator.iter_errors(render_sarif(report, strict_policy, show)), key=str)
    assert errors == []


def test_empty_sarif_is_valid(build_report: Any, strict_policy: Policy, validator: jsonschema.Draft4Validator) -> None:
    log = render_sarif(build_report([]), strict_policy)
    assert list(validator.iter_errors(log)) == []
    assert log["runs"][0]["results"] == []


def test_the_schema_is_strict_enough_to_catch_a_mistake(
    report: AuditReport, strict_policy: Policy, validator: jsonschema.Draft4Validator
) -> None:
    log = render_sarif(report, strict_policy)
    log["runs"][0]["results"][0]["level"] = "critical"
    assert list(validator.iter_errors(log))


def test_sarif_results(report: AuditReport, strict_policy: Policy) -> None:
    run = render_sarif(report, strict_policy)["runs"][0]
    results = run["results"]
    assert len(results) == len(report.findings)
    rules = run["tool"]["driver"]["rules"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    login = next(r for r in results if r["ruleId"] == "EXP401")
    assert login["level"] == "error"
    assert "j•••@abf.gov.au" in login["message"]["text"]
    assert "jane.citizen" not in json.dumps(run)
    assert login["partialFingerprints"]["exposureAudit/v1"] == next(
        f.fingerprint for f in report.findings if f.rule == "EXP401"
    )
    location = login["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "personal_information/profile_information/profile_information.json"
    assert location["properties"]["pointer"] == "/profile_v2/emails/emails/0"
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["properties"]["stage"] for n in notes] == ["fetch", "media"]


def test_csv_has_one_row_per_finding_with_its_action(report: AuditReport, strict_policy: Policy) -> None:
    text = csv_report.render(prepare(report, strict_policy), CsvOptions())
    assert text.startswith("\ufeff"), "Excel needs the UTF-8 byte-order mark to read the file as UTF-8"
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert tuple(rows[0]) == csv_report.COLUMNS
    assert [r["fingerprint"] for r in rows] == [f.fingerprint for f in report.findings]
    assert all(r["action"] and r["action_number"] for r in rows)
    login = next(r for r in rows if r["rule"] == "EXP401")
    assert login["match"] == "j•••@abf.gov.au"
    assert "jane.citizen" not in text and "Ravi Kumaran" not in text


def test_csv_cells_cannot_become_spreadsheet_formulas(report: AuditReport, strict_policy: Policy) -> None:
    rows = list(
        csv.reader(io.StringIO(csv_report.render(prepare(report, strict_policy), CsvOptions()).lstrip("\ufeff")))
    )
    for row in rows:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@")), value
    phone = next(
        r
        for r in csv.DictReader(
            io.StringIO(csv_report.render(prepare(report, strict_policy, show_values=True), CsvOptions()))
        )
        if r["rule"] == "EXP301"
    )
    assert phone["match"] == "0491 570 156"
    assert csv_report.cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert csv_report.cell("-33.95, 151.18") == "'-33.95, 151.18"


@pytest.mark.parametrize("show", [False, True])
def test_sarif_written_exactly_as_the_standard_library_writes_it(
    report: AuditReport, strict_policy: Policy, show: bool
) -> None:
    assert_written_as_the_standard_library(
        sarif.render(prepare(report, strict_policy, show_values=show), SarifOptions())
    )
