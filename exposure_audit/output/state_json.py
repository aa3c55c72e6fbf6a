"""Reading the tool's own JSON state files (baselines, workshop summaries) as the untrusted files they are.

A state file may come from someone else (a summary handed in at a workshop) or be edited; a file
nested 100,000 deep overflows Python's parser, and a 400 MB one costs a minute and gigabytes. The
size is checked before reading and the nesting before parsing, with the same guard a download's
JSON passes, so every such file gives one line, never a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from exposure_audit.errors import MemberError
from exposure_audit.fetchers.common.jsonio import parse_json_bytes
from exposure_audit.limits import MiB

MAX_STATE_BYTES = 64 * MiB  # a baseline of 100,000 findings is some 40 MB
MAX_STATE_DEPTH = 32  # baselines and summaries nest five levels deep


class StateFileError(ValueError):
    """The file is too large, too deep or not JSON; the message is a short reason."""


def read_state_json(path: Path, max_bytes: int = MAX_STATE_BYTES) -> Any:
    """The parsed file; FileNotFoundError, OSError or StateFileError with a one-line reason."""
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > max_bytes:
            raise StateFileError(f"it is {size // MiB} MB, larger than any such file this tool writes")
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise StateFileError("it is larger than any such file this tool writes")
    try:
        return parse_json_bytes(data, max_depth=MAX_STATE_DEPTH, max_string=max_bytes)
    except MemberError as exc:
        raise StateFileError(exc.reason) from None
