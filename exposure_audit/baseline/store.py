"""Reading and writing baseline files: versioned JSON, upgraded on read, written atomically, mode 0600.

Version history (each step has an upgrade function, applied in order on read):

- 0: the preview format. A list of entries under "entries", the HMAC key under "salt", the label and
  note flat on each entry, no policy digest or rule list.
- 1: entries keyed by id under "findings", the key under "key", triage as a nested object with an
  optional expiry date, and the policy id and digest and the rule ids the baseline was made with.

A file written by a newer version is refused rather than half-understood.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from exposure_audit.baseline.compare import Baseline, Entry, Triage, TriageLabel
from exposure_audit.errors import InputError
from exposure_audit.model import Category, Level, Platform
from exposure_audit.output.atomic import write_private
from exposure_audit.output.state_json import StateFileError, read_state_json

FORMAT = "exposure-audit-baseline"
VERSION = 1

Document = dict[str, Any]


def _upgrade_v0(old: Document) -> Document:
    findings: Document = {}
    for item in old.get("entries", []):
        triage = None
        if item.get("label"):
            triage = {
                "label": item["label"],
                "note": item.get("note", ""),
                "expires": None,
                "marked": item.get("last_seen") or old["created"],
            }
        findings[item["id"]] = {
            "rule": item["rule"],
            "category": item["category"],
            "severity": item["severity"],
            "platform": item["platform"],
            "kind": item.get("kind", ""),
            "day": item.get("day", ""),
            "first_seen": item.get("first_seen") or old["created"],
            "last_seen": item.get("last_seen") or old["created"],
            "resolved": item.get("resolved"),
            "triage": triage,
        }
    return {
        "format": FORMAT,
        "version": 1,
        "key": old["salt"],
        "created": old["created"],
        "updated": old.get("updated") or old["created"],
        "tool_version": old.get("tool_version", ""),
        "pack": {"id": old.get("pack", ""), "digest": ""},
        "rules": [],
        "findings": findings,
    }


UPGRADES: dict[int, Callable[[Document], Document]] = {0: _upgrade_v0}


def upgrade(document: Document) -> Document:
    """Bring a parsed baseline of any known version up to VERSION."""
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ValueError("no version number")
    if version > VERSION:
        raise ValueError(f"version {version} is newer than this tool understands ({VERSION})")
    while version < VERSION:
        if version not in UPGRADES:
            raise ValueError(f"version {version} has no upgrade path")
        document = UPGRADES[version](document)
        version = document["version"]
    return document


def _datetime(value: Any) -> datetime:
    if not isinstance(value, str):
        raise ValueError("a timestamp is missing")
    return datetime.fromisoformat(value)


def _entry(raw: Any) -> Entry:
    if not isinstance(raw, dict):
        raise ValueError("a finding entry is not an object")
    triage = None
    if raw.get("triage"):
        t = raw["triage"]
        triage = Triage(
            label=TriageLabel(t["label"]),
            marked=_datetime(t["marked"]),
            note=str(t.get("note", "")),
            expires=date.fromisoformat(t["expires"]) if t.get("expires") else None,
        )
    return Entry(
        rule=str(raw["rule"]),
        category=Category(raw["category"]),
        severity=Level(raw["severity"]),
        platform=Platform(raw["platform"]),
        kind=str(raw.get("kind", "")),
        day=str(raw.get("day", "")),
        first_seen=_datetime(raw["first_seen"]),
        last_seen=_datetime(raw["last_seen"]),
        resolved=_datetime(raw["resolved"]) if raw.get("resolved") else None,
        triage=triage,
    )


def from_document(document: Document) -> Baseline:
    if document.get("format") != FORMAT and document.get("version") != 0:
        raise ValueError("it is not an exposure-audit baseline")
    document = upgrade(document)
    findings = document["findings"]
    if not isinstance(findings, dict):
        raise ValueError("'findings' is not an object")
    key = bytes.fromhex(document["key"])
    if len(key) < 16:
        raise ValueError("the key is too short")
    return Baseline(
        key=key,
        created=_datetime(document["created"]),
        updated=_datetime(document["updated"]),
        tool_version=str(document.get("tool_version", "")),
        policy_id=str(document["pack"]["id"]),
        policy_digest=str(document["pack"].get("digest", "")),
        rules=tuple(str(r) for r in document.get("rules", [])),
        entries={str(k): _entry(v) for k, v in findings.items()},
    )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def to_document(baseline: Baseline) -> Document:
    findings: Document = {}
    for bid, e in baseline.entries.items():
        triage = None
        if e.triage:
            triage = {
                "label": e.triage.label.value,
                "note": e.triage.note,
                "expires": e.triage.expires.isoformat() if e.triage.expires else None,
                "marked": e.triage.marked.isoformat(),
            }
        findings[bid] = {
            "rule": e.rule,
            "category": e.category.value,
            "severity": e.severity.value,
            "platform": e.platform.value,
            "kind": e.kind,
            "day": e.day,
            "first_seen": e.first_seen.isoformat(),
            "last_seen": e.last_seen.isoformat(),
            "resolved": _iso(e.resolved),
            "triage": triage,
        }
    return {
        "format": FORMAT,
        "version": VERSION,
        "key": baseline.key.hex(),
        "created": baseline.created.isoformat(),
        "updated": baseline.updated.isoformat(),
        "tool_version": baseline.tool_version,
        "pack": {"id": baseline.policy_id, "digest": baseline.policy_digest},
        "rules": list(baseline.rules),
        "findings": findings,
    }


def load_baseline(path: Path) -> Baseline:
    """Read and upgrade a baseline; InputError (exit 2) when it is missing or not a baseline."""
    try:
        document = read_state_json(path)
    except FileNotFoundError:
        raise InputError(
            str(path),
            "no such baseline file",
            "Create it with 'exposure-audit scan ... --baseline FILE --update-baseline'",
        ) from None
    except IsADirectoryError:
        raise InputError(str(path), "it is a folder, not a baseline file", "Name the baseline file") from None
    except OSError as exc:
        raise InputError(str(path), f"the baseline cannot be read ({exc.strerror})", "Check the path") from None
    except StateFileError as exc:
        raise InputError(
            str(path),
            f"not a usable exposure-audit baseline ({exc})",
            "Give a file written by --update-baseline, or remove it and create a new one",
        ) from None
    try:
        return from_document(document)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(
            str(path),
            f"not a usable exposure-audit baseline ({exc})",
            "Give a file written by --update-baseline, or remove it and create a new one",
        ) from exc


def baseline_text(baseline: Baseline) -> str:
    return json.dumps(to_document(baseline), indent=1, sort_keys=False) + "\n"


def save_baseline(path: Path, baseline: Baseline) -> None:
    write_private(path, baseline_text(baseline))
