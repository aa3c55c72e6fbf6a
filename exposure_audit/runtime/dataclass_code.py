"""Dataclass methods compiled once per Python, not on every start.

When a dataclass is defined, Python writes its `__init__`, `__repr__` and `__eq__` (and for a frozen
class `__hash__`, `__setattr__` and `__delattr__`) as source text and compiles it: about 0.6 ms a
class. A scan defines about ninety before it reads anything, a sixth of the time a one-photo scan
takes. The compiled code depends only on that text and the Python version, so, like the .pyc files
the interpreter keeps for modules, it is kept in the user's cache folder: `exec` inside the
`dataclasses` module is handed the code compiled earlier for the same text. Text not seen before is
compiled as usual, and the file is rewritten (atomically) when the process ends, unless Python was
told not to write bytecode (`PYTHONDONTWRITEBYTECODE`, `-B`), which is honoured here too. Nothing else
changes: the same code runs with the same globals, and a class is what it would have been.

The file holds only generated methods (class and field names, never a value from a download). It
is read only when it belongs to this user and no one else can write to it, as the interpreter's own
cached code is trusted, and a file that does not load is ignored and replaced.
"""

from __future__ import annotations

import atexit
import builtins
import dataclasses
import hashlib
import importlib.util
import marshal
import os
import sys
import tempfile
from pathlib import Path
from types import CodeType
from typing import Any

MAX_ENTRIES = 5_000  # a file that grew past this (many versions' classes) is started afresh


class CodeCache:
    """Compiled code by the digest of its source text, loaded from and saved to one file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.codes = _load(path)
        self.compiled = 0  # sources compiled in this process (the file is rewritten if any)

    def code(self, source: str) -> CodeType:
        key = hashlib.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        found = self.codes.get(key)
        if found is None:
            found = self.codes[key] = compile(source, "<string>", "exec")
            self.compiled += 1
        return found

    def save(self) -> None:
        """Write the file if new code was compiled; a failure leaves the old file (or none)."""
        if not self.compiled:
            return
        codes = self.codes if len(self.codes) <= MAX_ENTRIES else {}
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".dataclass-code-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(marshal.dumps(codes))
                os.replace(temporary, self.path)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError:
            return  # a read-only or full cache folder: the next run compiles again
        self.compiled = 0


def _load(path: Path) -> dict[bytes, CodeType]:
    try:
        with open(path, "rb") as handle:
            status = os.fstat(handle.fileno())
            if hasattr(os, "getuid") and (status.st_uid != os.getuid() or status.st_mode & 0o022):
                return {}  # not this user's own file: its code is not run
            loaded = marshal.loads(handle.read())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(loaded, dict) or not all(
        isinstance(k, bytes) and isinstance(v, CodeType) for k, v in loaded.items()
    ):
        return {}
    return loaded


def cache_file(folder: Path) -> Path:
    """The file for this interpreter: its code is valid only for this bytecode format."""
    tag = sys.implementation.cache_tag or sys.implementation.name
    return folder / f"dataclass-code-{tag}-{importlib.util.MAGIC_NUMBER.hex()}.marshal"


def install(folder: Path) -> CodeCache:
    """Route the `dataclasses` module's `exec` through a cache kept in `folder`, saved at exit."""
    cache = CodeCache(cache_file(folder))
    owner = os.getpid()

    def cached_exec(source: Any, globals: Any = None, locals: Any = None) -> None:
        if isinstance(source, str):
            source = cache.code(source)
        builtins.exec(source, globals, locals)

    def save_in_owner() -> None:
        # Not in a forked worker (the main process writes the file), nor when bytecode is not written.
        if os.getpid() == owner and not sys.dont_write_bytecode:
            cache.save()

    dataclasses.exec = cached_exec  # type: ignore[attr-defined]  # the name dataclasses looks up
    atexit.register(save_in_owner)
    return cache
