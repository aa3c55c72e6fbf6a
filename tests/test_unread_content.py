"""A download whose own content mostly went unread says so first, in every format, and --strict exits 2."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from exposure_audit.cli import app
from exposure_audit.engine import AuditOptions, run_audit
from exposure_audit.policy.model import load_policy
from tests.conftest import FIXTURES

UNKNOWN_LAYOUT = FIXTURES / "coverage" / "facebook-unknown-layout"
READABLE = FIXTURES / "facebook" / "2025-json"
SENTENCE = "8 files of this Facebook download could not be read: the report may miss much of what you posted"
runner = CliRunner()


def test_the_unread_members_that_hold_content_are_counted() -> None:
    report = run_audit([UNKNOWN_LAYOUT], load_policy(None), AuditOptions(jobs=1))
    (summary,) = report.inputs
    unread = summary.coverage.content_unread
    assert sorted(m.rsplit("/", 1)[-1] for m in unread) == [
        "items_1.html",
        "items_2.html",
        "items_3.html",
        "items_4.html",
        "items_5.html",
        "items_6.html",
        "records_1.json",
        "records_2.json",
    ]
    assert summary.coverage.content_read == 1  # the profile page


def _scan(tmp_path: Path, *extra: str) -> tuple[int, str, Path]:
    out = tmp_path / "out"
    result = runner.invoke(app, ["scan", str(UNKNOWN_LAYOUT), "--output-dir", str(out), *extra])
    return result.exit_code, result.output, out


def test_every_format_opens_with_the_warning(tmp_path: Path) -> None:
    code, output, out = _scan(tmp_path)
    assert code in (0, 1), output
    assert SENTENCE in output  # on the terminal, although the reports went to files
    assert "NOT a clean bill of health" in output
    files = {p.suffix: p.read_text(encoding="utf-8") for p in out.iterdir() if p.name.startswith("exposure-audit-")}
    assert set(files) >= {".md", ".json", ".sarif", ".csv", ".html", ".txt"}, sorted(files)
    assert SENTENCE in files[".md"].splitlines()[0]
    terminal = files[".txt"]
    assert terminal.startswith("WARNING:")
    assert SENTENCE in " ".join(terminal[: terminal.index("exposure-audit report")].split())
    document = json.loads(files[".json"])
    assert list(document)[:3] == ["schema_version", "notice", "unread_warning"]
    assert SENTENCE in document["unread_warning"][0]
    assert len(document["inputs"][0]["coverage"]["content_unread"]) == 8
    sarif = json.loads(files[".sarif"])
    first = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]
    assert first["level"] == "error" and SENTENCE in first["message"]["text"]
    rows = list(csv.reader(io.StringIO(files[".csv"])))
    assert rows[1][1] == "unread-content" and SENTENCE in rows[1][rows[0].index("action")]
    body = files[".html"]
    assert body.index(SENTENCE) < body.index("<h1>")


def test_strict_exits_2_when_content_went_unread(tmp_path: Path) -> None:
    code, output, _ = _scan(tmp_path, "--strict")
    assert code == 2, output
    assert "could not be read and --strict is set" in output


def test_a_fully_read_download_carries_no_warning(tmp_path: Path) -> None:
    report = run_audit([READABLE], load_policy(None), AuditOptions(jobs=1))
    assert all(not s.coverage.content_unread for s in report.inputs)
    out = tmp_path / "out"
    result = runner.invoke(app, ["scan", str(READABLE), "--output-dir", str(out)])
    assert "could not be read: the report may miss" not in result.output
    document = json.loads((out / "exposure-audit-report.json").read_text(encoding="utf-8"))
    assert document["unread_warning"] == []
