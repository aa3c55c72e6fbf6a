"""Writing outputs: atomic and private for files, written into (never replaced) for pipes and devices."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

from exposure_audit.output.atomic import write_private


def test_file_is_written_whole_and_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")
    write_private(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left behind


def test_pipe_is_written_into_not_replaced(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    write_private(pipe, "the report")
    reader.join(timeout=10)
    assert received == [b"the report"]
    assert stat.S_ISFIFO(pipe.stat().st_mode)  # still the pipe, not a regular file renamed over it
