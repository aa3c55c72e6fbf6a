"""Walking an unpacked download folder without recursion, and with a cap on how deep it goes.

`os.walk` recurses (up to Python 3.12), so a folder nested 1,200 levels deep ends the whole scan with
a RecursionError. This walk keeps its own stack, visits folders in the same order (each folder, then
its sub-folders in sorted order), never follows links to folders, and reports a folder beyond the
depth cap, or one that cannot be listed, instead of raising.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Listed:
    """One folder as walked: its sub-folders and everything else in it, sorted."""

    folder: str  # the folder's path, `top` joined with relative parts
    folders: list[str]  # names of sub-folders, sorted (links to folders included: they are not followed)
    files: list[str]  # names of everything else, sorted


@dataclass(frozen=True, slots=True)
class NotWalked:
    """A folder that was not read, and why."""

    folder: str
    reason: str


def walk(top: str, max_depth: int) -> Iterator[Listed | NotWalked]:
    """Every folder under `top` (depth 0) down to `max_depth`, in os.walk's top-down order."""
    stack: list[tuple[str, int]] = [(top, 0)]
    while stack:
        folder, depth = stack.pop()
        if depth > max_depth:
            yield NotWalked(folder, f"folders nested deeper than {max_depth} levels; not read")
            continue
        folders: list[str] = []
        files: list[str] = []
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    try:
                        is_folder = entry.is_dir(follow_symlinks=False)
                    except OSError:
                        is_folder = False
                    (folders if is_folder or _links_to_folder(entry) else files).append(entry.name)
        except OSError as exc:
            yield NotWalked(folder, f"the folder cannot be listed ({exc.strerror})")
            continue
        folders.sort()
        files.sort()
        yield Listed(folder, folders, files)
        real = [name for name in folders if not os.path.islink(os.path.join(folder, name))]
        stack.extend((os.path.join(folder, name), depth + 1) for name in reversed(real))


def _links_to_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink() and entry.is_dir()
    except OSError:
        return False
