"""SARIF 2.1.0, for teams that already collect scanner results in SARIF viewers.

Each finding is a result located at its member inside the download (the archive and the record
pointer are in the location's properties), with the salted fingerprint as a partial fingerprint so
viewers track it across runs. Skipped members become tool execution notifications.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from exposure_audit.model import AuditReport, Finding, Level
from exposure_audit.reporters.checklist import Evidence
from exposure_audit.reporters.formats.options import SarifOptions
from exposure_audit.reporters.json_text import document_bytes, dumps_document
from exposure_audit.reporters.unread_warning import warning_lines
from exposure_audit.reporters.view import PRIVACY_NOTICE, ReportView, day, iso_utc
from exposure_audit.scanners.catalogue import rule_catalogue

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Level.HIGH: "error", Level.MEDIUM: "warning", Level.LOW: "note"}
FINGERPRINT_KEY = "exposureAudit/v1"


def _uri(member: str) -> str:
    return quote(member, safe="/") or "."


def _rules(report: AuditReport) -> list[dict[str, Any]]:
    catalogue = rule_catalogue()
    ids = sorted(set(catalogue) | {f.rule for f in report.findings})
    first = {f.rule: f for f in reversed(report.findings)}
    rules = []
    for rule in ids:
        info = catalogue.get(rule)
        category = info.category.value if info else first[rule].category.value
        title = info.title if info and info.title else f"{category} exposure"
        entry: dict[str, Any] = {
            "id": rule,
            "shortDescription": {"text": title},
            "fullDescription": {"text": info.summary if info else title},
            "properties": {"category": category, "tags": ["privacy", category]},
        }
        if info and info.doc:
            entry["help"] = {"text": info.doc}
        rules.append(entry)
    return rules


def _result(f: Finding, shown: Evidence, rule_index: dict[str, int], action: str) -> dict[str, Any]:
    match = shown.match
    text = f"{f.category.value} exposure on {f.platform.value}"
    text += f": “{match}”" if match else ""
    text += f" ({f.item_kind.value}, {day(f.created_at)})."
    if action:
        text += f" Fix: {action}."
    return {
        "ruleId": f.rule,
        "ruleIndex": rule_index[f.rule],
        "level": LEVELS[f.severity],
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {
                        "uri": _uri(shown.member),
                        "properties": {"archive": shown.archive, "pointer": shown.pointer},
                    }
                },
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": {
            "category": f.category.value,
            "severity": f.severity.value,
            "confidence": f.confidence.value,
            "platform": f.platform.value,
            "createdAt": iso_utc(f.created_at),
            "excerpt": shown.excerpt,
            "guidance": list(f.guidance),
            "reasons": list(shown.reasons),
        },
    }


def sarif_log(view: ReportView) -> dict[str, Any]:
    """The SARIF 2.1.0 log of a report, as a document to write."""
    report = view.report
    redactor = view.redactor
    rules = _rules(report)
    rule_index = {r["id"]: i for i, r in enumerate(rules)}
    action_of = view.checklist.action_index()
    evidence = view.evidence
    results = [
        _result(
            f,
            evidence[f.fingerprint],
            rule_index,
            view.checklist.actions[action_of[f.fingerprint]].title if f.fingerprint in action_of else "",
        )
        for f in report.findings
    ]
    notifications = [
        {
            "level": "warning",
            "message": {"text": f"{redactor.text(s.source.member) or '(whole input)'}: {redactor.text(s.reason)}"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": _uri(redactor.text(s.source.member)),
                            "properties": {"archive": redactor.text(s.source.archive)},
                        }
                    }
                }
            ],
            "properties": {"stage": s.stage},
        }
        for s in report.skipped
    ]
    # the unread-content warning comes first: a viewer lists notifications in order
    notifications[:0] = [
        {"level": "error", "message": {"text": line}, "properties": {"stage": "coverage"}}
        for line in warning_lines(report)
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "exposure-audit",
                        "version": report.tool_version,
                        "semanticVersion": report.tool_version,
                        "rules": rules,
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not report.interrupted,
                        "endTimeUtc": iso_utc(report.generated_at),
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": results,
                "properties": {
                    "notice": PRIVACY_NOTICE,
                    "profile": report.profile.id,
                    "redacted": not view.show_values,
                },
            }
        ],
    }
    return log


def render(view: ReportView, options: SarifOptions) -> str:
    return dumps_document(sarif_log(view)) + "\n"


def render_bytes(view: ReportView, options: SarifOptions) -> bytes:
    """`render` as the file holds it (see ReportFormat.render_bytes)."""
    return document_bytes(sarif_log(view))
