"""A scan in a fresh HOME leaves no file outside its report folder and the tool's own cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from exposure_audit.demo import build_demo_download


def test_a_scan_with_ocr_leaves_nothing_outside_the_report_and_cache(tmp_path: Path) -> None:
    (download, *_rest) = build_demo_download(tmp_path / "dl", "careful")
    home = tmp_path / "home"
    work = tmp_path / "work"
    home.mkdir()
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "ORT_", "HF_", "DO_NOT_TRACK"))}
    env["HOME"] = str(home)
    # --ocr full loads onnxruntime, whose import alone used to write a device id under ~/.cache/Microsoft.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "exposure_audit",
            "scan",
            str(download),
            "--jobs",
            "1",
            "--images",
            "full",
            "--ocr",
            "full",
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=420,
    )
    assert result.returncode in (0, 1), result.stderr
    left = sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file())
    assert all(p.startswith(".cache/exposure-audit/") for p in left), left
    assert sorted(p.name for p in (work / "exposure-audit-report").iterdir()) == [
        "exposure-audit-report.html",
        "exposure-audit-report.md",
    ]
    assert [p.name for p in work.iterdir()] == ["exposure-audit-report"]
