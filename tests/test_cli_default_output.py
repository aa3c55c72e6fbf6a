"""A plain `scan` writes the HTML and Markdown reports into ./exposure-audit-report/ and prints one screen."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exposure_audit.cli import app
from exposure_audit.demo import build_demo_download

runner = CliRunner()


@pytest.fixture(scope="module")
def download(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return build_demo_download(tmp_path_factory.mktemp("demo") / "download", "officer")


def test_a_plain_scan_writes_html_and_markdown_and_prints_a_summary(
    download: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["scan", *map(str, download), "--jobs", "1", "--images", "off"])
    assert result.exit_code in (0, 1), result.output
    folder = tmp_path / "exposure-audit-report"
    assert sorted(p.name for p in folder.iterdir()) == ["exposure-audit-report.html", "exposure-audit-report.md"]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in folder.iterdir())
    lines = result.stdout.splitlines()
    assert len(lines) <= 45, result.stdout
    assert "Start here" in result.stdout and "(s)" not in result.stdout
    assert f"Full report: {Path('exposure-audit-report') / 'exposure-audit-report.html'}" in result.stdout


def test_full_prints_the_whole_checklist(download: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["scan", *map(str, download), "--jobs", "1", "--images", "off", "--full"])
    assert result.exit_code in (0, 1), result.output
    assert "Checklist:" in result.stdout and "Your policy" in result.stdout
    assert (tmp_path / "exposure-audit-report" / "exposure-audit-report.html").exists()


def test_an_explicit_format_still_prints_only(
    download: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["scan", *map(str, download), "--jobs", "1", "--images", "off", "-f", "terminal"])
    assert result.exit_code in (0, 1), result.output
    assert "Checklist:" in result.stdout
    assert not (tmp_path / "exposure-audit-report").exists()


def test_demo_prints_at_most_60_lines_and_the_html_path(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = runner.invoke(app, ["demo", "--output-dir", str(out)])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) <= 60
    assert f"Full report: {out / 'exposure-audit-report.html'}" in result.stdout


def test_demo_help_lists_the_personas() -> None:
    result = runner.invoke(app, ["demo", "--help"], env={"COLUMNS": "80"})
    assert all(name in result.stdout for name in ("officer", "analyst", "careful"))


def test_help_shows_no_bool_metavar_and_fits_80_columns() -> None:
    for args in (["--help"], ["scan", "--help"], ["demo", "--help"]):
        result = runner.invoke(app, args, env={"COLUMNS": "80"})
        assert result.exit_code == 0
        assert "<bool>" not in result.stdout, args
    top = runner.invoke(app, ["--help"], env={"COLUMNS": "80"}).stdout
    assert all(len(line) <= 80 for line in top.splitlines())
