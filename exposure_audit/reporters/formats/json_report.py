"""The JSON report, schema version 1 (`exposure_audit/data/report-v1.schema.json` describes it).

Findings carry redacted values unless --show-values; `checklist[]` entries list the fingerprints of
the findings they cover, so every finding can be traced to the one action that fixes it.
"""

from __future__ import annotations

from typing import Any

from exposure_audit.model import SCHEMA_VERSION, Finding, InputSummary, Skipped
from exposure_audit.reporters.checklist import Action, Evidence
from exposure_audit.reporters.formats.options import JsonOptions
from exposure_audit.reporters.json_text import document_bytes, dumps_document
from exposure_audit.reporters.redact import Redactor
from exposure_audit.reporters.unread_warning import warning_lines
from exposure_audit.reporters.view import PRIVACY_NOTICE, ReportView, iso_utc

SCHEMA_RESOURCE = "report-v1.schema.json"


def _input(summary: InputSummary, redactor: Redactor) -> dict[str, Any]:
    cov = summary.coverage
    return {
        "path": redactor.text(summary.path),
        "paths": [redactor.text(p) for p in summary.paths],
        "platform": summary.platform.value,
        "items": summary.items,
        "coverage": {
            "members_total": cov.members_total,
            "members_read": cov.members_read,
            "members_not_understood": cov.not_understood_count,
            "members_failed": cov.members_failed,
            "not_understood": [redactor.text(m) for m in cov.members_not_understood],
            "content_unread": [redactor.text(m) for m in cov.content_unread],
            "content_read": cov.content_read,
        },
    }


def finding_record(f: Finding, shown: Evidence) -> dict[str, Any]:
    return {
        "fingerprint": f.fingerprint,
        "rule": f.rule,
        "category": f.category.value,
        "severity": f.severity.value,
        "confidence": f.confidence.value,
        "platform": f.platform.value,
        "source": {"archive": shown.archive, "member": shown.member, "pointer": shown.pointer},
        "created_at": iso_utc(f.created_at),
        "match": shown.match,
        "excerpt": shown.excerpt,
        "guidance": list(f.guidance),
        "action": f.action,
        "reasons": list(shown.reasons),
        "item_kind": f.item_kind.value,
        "field": f.field,
        "public": f.public,
        "url": shown.url,  # the item on its platform, when the download gives its address
    }


def _skipped(s: Skipped, redactor: Redactor) -> dict[str, Any]:
    return {
        "archive": redactor.text(s.source.archive),
        "member": redactor.text(s.source.member),
        "pointer": redactor.text(s.source.pointer),
        "stage": s.stage,
        "reason": redactor.text(s.reason),
    }


def _action(number: int, a: Action) -> dict[str, Any]:
    return {
        "id": a.key,
        "number": number,
        "title": a.title,
        "platform": a.platform.value,
        "target": a.target,
        "field": a.field,
        "severity": a.severity.value,
        "categories": [c.value for c in a.categories],
        "rules": list(a.rules),
        "clauses": [{"id": c.id, "title": c.title, "text": c.text} for c in a.clauses],
        "instructions": list(a.instructions),
        "steps": list(a.steps),
        "items": a.items,
        "findings": list(a.fingerprints),
    }


def report_document(view: ReportView) -> dict[str, Any]:
    report = view.report
    redactor = view.redactor
    return {
        "schema_version": SCHEMA_VERSION,
        "notice": PRIVACY_NOTICE,
        "unread_warning": list(warning_lines(report)),  # near the top, so no reader of the file can miss it
        "tool": {"name": "exposure-audit", "version": report.tool_version},
        "generated_at": iso_utc(report.generated_at),
        "interrupted": report.interrupted,
        "redacted": not view.show_values,
        "profile": {
            "id": report.profile.id,
            "name": report.profile.name,
            "organisation": report.profile.organisation,
            "document": report.profile.document,
        },
        "summary": {
            "sentences": list(view.summary.sentences),
            "start_here": [number for number, _ in view.start.actions],
            "counts": {c.value: n for c, n in view.summary.counts.items()},
            "total": view.summary.total,
        },
        "inputs": [_input(s, redactor) for s in report.inputs],
        "findings": [finding_record(f, view.evidence[f.fingerprint]) for f in report.findings],
        "skipped": [_skipped(s, redactor) for s in report.skipped],
        "checklist": [_action(i, a) for i, a in enumerate(view.checklist.actions, 1)],
    }


def render(view: ReportView, options: JsonOptions) -> str:
    return dumps_document(report_document(view)) + "\n"


def render_bytes(view: ReportView, options: JsonOptions) -> bytes:
    """`render` as the file holds it (see ReportFormat.render_bytes)."""
    return document_bytes(report_document(view))
