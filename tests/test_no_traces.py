"""A scan leaves nothing behind outside its report folder and the tool's own cache: no device ids,
telemetry databases or other files written by the libraries it uses (onnxruntime writes both unless
it is switched off before it is first imported)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from exposure_audit.demo import build_demo_download


def test_a_scan_in_a_fresh_home_leaves_no_file_outside_the_report_and_the_cache(tmp_path: Path) -> None:
    downloads = [str(p) for p in build_demo_download(tmp_path / "download", "officer")]
    home = tmp_path / "home"
    home.mkdir()
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "ORT_")) and k not in ("HOME", "USERPROFILE")
    }
    env["HOME"] = str(home)
    report_dir = home / "report"
    # Photos are examined in full (the default), so the OCR models run through onnxruntime.
    done = subprocess.run(
        [sys.executable, "-m", "exposure_audit", "scan", *downloads, "--output-dir", str(report_dir), "--jobs", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode in (0, 1), done.stderr
    assert any(report_dir.iterdir())
    cache = home / ".cache" / "exposure-audit"
    left = sorted(
        str(p.relative_to(home))
        for p in home.rglob("*")
        if p.is_file() and not p.is_relative_to(report_dir) and not p.is_relative_to(cache)
    )
    assert left == []
