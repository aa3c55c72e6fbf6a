"""Writing reports and other outputs: atomically, readable by the owner only."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_private(path: Path, data: str | bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder and a rename, mode 0600.

    A reader never sees a half-written file, and an interrupted run leaves nothing behind.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if is_device(path):
        with path.open("wb") as handle:
            handle.write(payload)
        return
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    # A short name of its own: a target whose name is at the 255-byte limit must still get a temporary.
    fd, tmp = tempfile.mkstemp(prefix=".ea-", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def is_device(path: Path) -> bool:
    """True for a device or pipe such as /dev/null or /dev/stdout: an output written into, never
    replaced by a renamed file (which, run as root, would swap /dev/null for a regular file)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def make_private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)
