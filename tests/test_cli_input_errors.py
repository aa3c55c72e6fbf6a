"""Wholly unusable inputs get one line saying what is wrong and what to do."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

from typer.testing import CliRunner

from exposure_audit.cli import app

runner = CliRunner()


def test_an_empty_folder(tmp_path: Path) -> None:
    empty = tmp_path / "takeout"
    empty.mkdir()
    result = runner.invoke(app, ["scan", str(empty), "-f", "json"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "this folder is empty" in lines[0] and len(lines[0]) < 200, lines


def test_a_tgz_says_choose_zip_or_unpack(tmp_path: Path) -> None:
    archive = tmp_path / "takeout-20240301T000000Z-001.tgz"
    with tarfile.open(archive, "w:gz") as tar:
        data = b"{}"
        info = tarfile.TarInfo("Takeout/archive_browser.html")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    result = runner.invoke(app, ["scan", str(archive), "-f", "json"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Choose .zip" in lines[0] and "unpack it" in lines[0], lines


def test_format_is_case_insensitive(tmp_path: Path) -> None:
    empty = tmp_path / "none"
    empty.mkdir()
    result = runner.invoke(app, ["scan", str(empty), "--format", "HTML"])
    assert "this folder is empty" in result.stderr  # the format was accepted; the input was the problem
