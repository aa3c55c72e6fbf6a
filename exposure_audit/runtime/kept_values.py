"""Values kept from one run to the next in a file of the user's cache folder, as Python keeps `.pyc` files.

What the tool works out from its own code and data, the same on every start (dataclass methods, the
parsed tables of its TOML files), is kept in one `marshal` file per kind and Python version, keyed by
a digest of what it was made from. Nothing from a person's downloads or settings goes in.

The file is read only when it belongs to this user and no one else can write to it, as the
interpreter trusts its own cached code; a file that does not load, or holds a value of the wrong
type, is ignored and replaced. It is written (atomically) when the process ends, by the process that
opened it, only when something was added, and not when Python was told not to write bytecode
(`PYTHONDONTWRITEBYTECODE`, `-B`), which is honoured here too.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import marshal
import os
import sys
from collections.abc import Callable
from pathlib import Path

from exposure_audit.output.atomic import make_private_dir, write_private

MAX_ENTRIES = 5_000  # a file that grew past this (many versions' entries) is started afresh


def text_key(text: str) -> bytes:
    """The key a value made from `text` is kept under: a digest of the text (any text, lone surrogates too)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def kept_file(folder: Path, kind: str) -> Path:
    """The file for `kind` and this interpreter: marshal data is valid only for its bytecode format."""
    tag = sys.implementation.cache_tag or sys.implementation.name
    return folder / f"{kind}-{tag}-{importlib.util.MAGIC_NUMBER.hex()}.marshal"


class KeptValues:
    """Values by key (a digest), loaded from one file and saved back to it."""

    def __init__(self, path: Path, accepts: Callable[[object], bool]) -> None:
        self.path = path
        self.values = _load(path, accepts)
        self.added = 0  # values added in this process (the file is rewritten if any)

    def get(self, key: bytes) -> object | None:
        return self.values.get(key)

    def put(self, key: bytes, value: object) -> None:
        self.values[key] = value
        self.added += 1

    def save(self) -> None:
        """Write the file if something was added; a failure leaves the old file (or none)."""
        if not self.added:
            return
        values = self.values if len(self.values) <= MAX_ENTRIES else {}
        try:
            make_private_dir(self.path.parent)
            write_private(self.path, marshal.dumps(values))
        except OSError:
            return  # a read-only or full cache folder: the next run works it out again
        self.added = 0

    def save_at_exit(self) -> None:
        owner = os.getpid()

        def save_in_owner() -> None:
            # Not in a forked worker (the main process writes the file), nor when bytecode is not written.
            if os.getpid() == owner and not sys.dont_write_bytecode:
                self.save()

        atexit.register(save_in_owner)


def _load(path: Path, accepts: Callable[[object], bool]) -> dict[bytes, object]:
    try:
        with open(path, "rb") as handle:
            status = os.fstat(handle.fileno())
            if hasattr(os, "getuid") and (status.st_uid != os.getuid() or status.st_mode & 0o022):
                return {}  # not this user's own file: what it holds is not used
            loaded = marshal.loads(handle.read())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(loaded, dict) or not all(isinstance(k, bytes) and accepts(v) for k, v in loaded.items()):
        return {}
    return loaded
