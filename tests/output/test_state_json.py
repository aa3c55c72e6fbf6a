"""The tool's own JSON state files are read as untrusted: too deep, too large or a folder is one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from exposure_audit.cli import app
from exposure_audit.output.state_json import StateFileError, read_state_json
from tests.baseline.test_end_to_end import download, posts

runner = CliRunner()


def test_a_baseline_nested_100000_deep_is_one_line(tmp_path: Path) -> None:
    folder, baseline = download(tmp_path / "fb", posts()), tmp_path / "b.json"
    baseline.write_text(
        '{"format": "exposure-audit-baseline", "version": 1, "findings": ' + "[" * 100_000 + "]" * 100_000 + "}"
    )
    for args in (
        ["scan", str(folder), "--baseline", str(baseline), "--images", "off", "--no-cache"],
        ["triage", str(baseline)],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert "not a usable exposure-audit baseline" in result.output and "deeper than" in result.output
        assert len(result.output.strip().splitlines()) == 1


def test_a_summary_nested_100000_deep_is_one_line(tmp_path: Path) -> None:
    summary = tmp_path / "s.json"
    summary.write_text("[" * 100_000 + "]" * 100_000)
    result = runner.invoke(app, ["workshop", "aggregate", str(summary)])
    assert result.exit_code == 2 and "not an exposure-audit summary" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_huge_state_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "b.json"
    with big.open("wb") as handle:
        handle.truncate(65 * 1024 * 1024)  # sparse: no disk used, and never read
    with pytest.raises(StateFileError, match="larger than any such file"):
        read_state_json(big)


def test_a_baseline_that_is_a_folder_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["triage", str(tmp_path)])
    assert result.exit_code == 2 and "it is a folder" in result.output
