"""Pillow's own warnings about the files it opens, kept out of a person's terminal.

Pillow reports some damage it reads past as a Python warning ("Corrupt EXIF data", an image over its
bomb limit), which Python prints to the terminal with Pillow's file path and line number. The tool
already says what it could not use in a file, in plain words, as a skipped entry of the report (the
EXIF reader's "malformed EXIF", the vision stage's "image data is damaged"), so the same problem
printed again as a library's warning only makes the run look broken. Every place that hands bytes
from a download to Pillow does it inside `quiet_pillow()`. Only warnings raised by Pillow's own
modules are silenced; any other warning in the block still shows.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager

PILLOW_MODULES = r"PIL(\.|$)"  # the module a warning is raised from, as `warnings` filters match it


@contextmanager
def quiet_pillow() -> Iterator[None]:
    """Pillow's warnings ignored for the `with` block (the caller reports damage its own way)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module=PILLOW_MODULES)
        yield
