"""tools/compare-reports: a snapshot compared with itself passes; one changed byte fails the comparison."""

from __future__ import annotations

import importlib.machinery
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "compare-reports"


def _load() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader("compare_reports", str(SCRIPT))
    spec = importlib.util.spec_from_loader("compare_reports", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


compare_reports = _load()
RENDERED = {"demo/officer/report.json": b'{"findings": 3}\n', "demo/officer/report.md": b"# Report\n"}


def _snapshot(folder: Path) -> Path:
    for name, data in RENDERED.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def test_an_unchanged_snapshot_compares_identical(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert compare_reports.compare(_snapshot(tmp_path), render=lambda: dict(RENDERED)) == 0
    out = capsys.readouterr().out
    assert "identical  demo/officer/report.json" in out
    assert out.rstrip().endswith("2 files: 2 identical, 0 not identical")


def test_one_changed_byte_is_reported_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _snapshot(tmp_path)
    target = folder / "demo/officer/report.json"
    data = bytearray(target.read_bytes())
    data[13] ^= 0x01  # "3" becomes "2"
    target.write_bytes(bytes(data))
    assert compare_reports.compare(folder, render=lambda: dict(RENDERED)) == 1
    out = capsys.readouterr().out
    assert "different  demo/officer/report.json" in out
    assert "identical  demo/officer/report.md" in out
    assert out.rstrip().endswith("2 files: 1 identical, 1 not identical")


def test_a_report_missing_or_new_is_a_difference() -> None:
    lines, problems = compare_reports.compare_files({"a": b"1"}, {"b": b"1"})
    assert problems == 2
    assert lines[:2] == ["missing    a", "new        b"]


def test_fixture_downloads_are_the_platform_downloads_only() -> None:
    found = {p.as_posix() for p in compare_reports.fixture_downloads()}
    assert {"facebook/2025-json", "linkedin/basic", "x/x-2024-manifest", "photos/camera-roll"} <= found
    assert not any(p.startswith("corpus") for p in found)  # text corpora are not downloads
