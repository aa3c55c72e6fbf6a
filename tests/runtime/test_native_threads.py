"""numpy's OpenBLAS runs one thread unless the person asked for more, in the tool and its workers."""

from __future__ import annotations

import os
import subprocess
import sys

SHOW = "import exposure_audit, os; print(os.environ.get('OPENBLAS_NUM_THREADS'))"
THREADS = "import exposure_audit, numpy, os, time; time.sleep(0.2);print(len(os.listdir(f'/proc/{os.getpid()}/task')))"


def run(code: str, **extra: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"} | extra
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout


def test_the_package_asks_for_one_thread_and_numpy_starts_no_other() -> None:
    assert run(SHOW).strip() == "1"
    assert run(THREADS).strip() == "1"  # the interpreter's own thread only


def test_a_setting_of_the_persons_own_is_kept() -> None:
    assert run(SHOW, OPENBLAS_NUM_THREADS="3").strip() == "3"
