"""Ending the process as soon as a command is done, without tearing the interpreter down.

After a scan, Python's own shutdown frees every module and object one by one and runs a last
collection over them: about a tenth of a second for a one-photo scan, which is a tenth of the whole
run. Nothing in that teardown is needed once the command has finished: the reports were written (and
renamed into place) before this runs. So the exit handlers still run (temporary folders, workers,
logging), the standard streams are flushed, and only then does the process end directly.

Where that is not safe, the ordinary exit is taken: while another thread still runs (the local app),
or when a stream cannot be flushed (a closed pipe), Python's own shutdown reports it as usual.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading


def exit_code(code: str | int | None) -> int:
    """The status `sys.exit(code)` would end with; a message is printed to stderr, as Python does."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _flushed() -> bool:
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return False
    return True


def exit_promptly(code: str | int | None) -> None:
    """End the process with `code` (as `sys.exit` takes it), skipping the interpreter's teardown."""
    if threading.active_count() != 1 or not _flushed():
        sys.exit(code)
    status = exit_code(code)
    atexit._run_exitfuncs()  # what registered for the end of the process still runs
    if not _flushed():
        sys.exit(status)
    os._exit(status)
