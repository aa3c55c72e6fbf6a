"""A short run of the archive fuzz target on every CI run (a longer one is a manual command)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TARGET = Path(__file__).with_name("fuzz_archive.py")


def test_a_short_fuzz_run_of_the_archive_layer_finds_no_crash(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(TARGET), "-runs=3000", "-max_len=8192", "-seed=1", f"-artifact_prefix={tmp_path}/"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    crashes = list(tmp_path.glob("crash-*"))
    assert result.returncode == 0 and not crashes, result.stderr[-3000:]
    assert "Done 3000 runs" in result.stderr
