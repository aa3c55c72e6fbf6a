"""Ending a command promptly keeps what an ordinary exit guarantees: status, output, exit handlers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from exposure_audit.runtime.prompt_exit import exit_code


def _run(body: str, *args: str) -> subprocess.CompletedProcess[str]:
    code = "import sys\nfrom exposure_audit.runtime.prompt_exit import exit_promptly\n" + body
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (2, 2), (True, 1)])
def test_the_status_is_what_sys_exit_would_end_with(code: int | None, status: int) -> None:
    assert exit_code(code) == status


def test_status_buffered_output_and_exit_handlers_survive(tmp_path: Path) -> None:
    marker = tmp_path / "handler-ran"
    result = _run(
        "import atexit, pathlib\n"
        "atexit.register(pathlib.Path(sys.argv[1]).write_text, 'yes')\n"
        "sys.stdout.write('line\\n' * 100_000)\n"  # more than any pipe buffer: flushed, not lost
        "sys.stderr.write('last words')\n"
        "exit_promptly(3)\n",
        str(marker),
    )
    assert result.returncode == 3
    assert result.stdout.count("line\n") == 100_000
    assert result.stderr == "last words"
    assert marker.read_text() == "yes"


def test_a_message_is_printed_and_ends_with_1_as_sys_exit_does() -> None:
    result = _run("exit_promptly('cannot go on')\n")
    assert (result.returncode, result.stderr.strip()) == (1, "cannot go on")


def test_a_thread_still_running_gets_the_ordinary_exit_that_waits_for_it() -> None:
    result = _run(
        "import threading, time\n"
        "def late():\n    time.sleep(0.3)\n    print('thread finished', flush=True)\n"
        "threading.Thread(target=late).start()\n"
        "exit_promptly(4)\n"
    )
    assert (result.returncode, result.stdout.strip()) == (4, "thread finished")


def _command_line(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "exposure_audit", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def test_the_command_line_ends_with_the_commands_status(tmp_path: Path) -> None:
    """Through `python -m exposure_audit`: a scan that finds something fails at --fail-on, report written."""
    from exposure_audit.demo import build_demo_download

    (download, *_rest) = build_demo_download(tmp_path / "dl", "careful")
    report = tmp_path / "r.json"
    result = _command_line("scan", str(download), "--images", "off", "-f", "json", "-o", str(report))
    assert result.returncode == 1, result.stderr
    assert report.read_text(encoding="utf-8").rstrip().endswith("}")
    missing = _command_line("scan", str(tmp_path / "no-such-folder"))
    assert missing.returncode == 2 and "no-such-folder" in missing.stderr
