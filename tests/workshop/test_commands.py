"""The workshop commands and `scan --summary-out`, from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from exposure_audit.cli import app
from exposure_audit.workshop.summary import summary_json
from tests.conftest import FIXTURES
from tests.workshop.test_aggregate import person

runner = CliRunner()


def test_scan_shows_the_summary_then_writes_exactly_that(tmp_path: Path) -> None:
    target = tmp_path / "summary.json"
    result = runner.invoke(
        app,
        [
            "scan",
            str(FIXTURES / "facebook" / "2025-json"),
            "--summary-out",
            str(target),
            "-o",
            str(tmp_path / "report.md"),
        ],
    )
    assert result.exit_code in (0, 1), result.output
    written = target.read_text()
    assert written in result.stderr and "everything the file contains" in result.stderr
    assert json.loads(written)["format"] == "exposure-audit-summary"
    assert target.stat().st_mode & 0o077 == 0


def _summaries(tmp_path: Path, count: int) -> list[str]:
    paths = []
    for index in range(count):
        path = tmp_path / f"s{index}.json"
        path.write_text(summary_json(person(index)))
        paths.append(str(path))
    return paths


def test_aggregate_writes_the_room_and_names_no_one(tmp_path: Path) -> None:
    page = tmp_path / "room.html"
    result = runner.invoke(app, ["workshop", "aggregate", *_summaries(tmp_path, 12), "--output", str(page)])
    assert result.exit_code == 0, result.output
    html = page.read_text()
    assert '<td class="people">12</td>' in html and "s0.json" not in html and "s0.json" not in result.output


def test_aggregate_refuses_a_file_that_is_not_a_summary(tmp_path: Path) -> None:
    paths = _summaries(tmp_path, 12)
    report = tmp_path / "report.json"
    report.write_text('{"findings": []}')
    result = runner.invoke(app, ["workshop", "aggregate", *paths, str(report), "-o", str(tmp_path / "room.html")])
    assert result.exit_code == 2 and "report.json: not an exposure-audit summary" in result.output
    assert not (tmp_path / "room.html").exists()


def test_aggregate_refuses_a_room_smaller_than_the_group(tmp_path: Path) -> None:
    result = runner.invoke(app, ["workshop", "aggregate", *_summaries(tmp_path, 6), "--min-group", "7"])
    assert result.exit_code == 2 and "fewer than the minimum group of 7" in result.output


def test_handout_prints_the_policys_guidance(tmp_path: Path) -> None:
    result = runner.invoke(app, ["workshop", "handout", "--policy", "treasury-2014"])
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>") and "Treasury" in result.stdout
    assert runner.invoke(app, ["workshop", "handout", "--profile", "treasury-2014"]).stdout == result.stdout
    out = tmp_path / "handout.html"
    assert runner.invoke(app, ["workshop", "handout", "-o", str(out)]).exit_code == 0
    assert "Checklist:" in out.read_text()
