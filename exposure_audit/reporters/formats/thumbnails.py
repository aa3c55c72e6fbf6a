"""Small thumbnails of flagged photos for the HTML report, read again from the downloads in place.

The audit closes its downloads when it ends; the thumbnail provider reopens the one a finding came
from (all its parts, merged exactly as the audit merged them), reads only the flagged image, and
returns a small JPEG without any metadata, so no location travels into the report with the picture.
A photo that cannot be read simply has no thumbnail.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from exposure_audit.errors import ExposureAuditError, MemberError
from exposure_audit.limits import DEFAULT_LIMITS, Limits
from exposure_audit.media.pillow_warnings import quiet_pillow
from exposure_audit.model import InputSummary
from exposure_audit.sources.archive import Tree

THUMBNAIL_PX = 112  # longest side; shown at 4.5rem, sharp on a phone
THUMBNAIL_QUALITY = 60
MAX_SOURCE_BYTES = 40 * 1024 * 1024  # larger images are skipped rather than decoded
MAX_SOURCE_PIXELS = 80_000_000


def make_thumbnail(data: bytes, size: int = THUMBNAIL_PX) -> bytes | None:
    """A JPEG of at most `size` pixels a side, without EXIF; None when the bytes are not an image."""
    try:
        with quiet_pillow(), Image.open(io.BytesIO(data)) as image:  # a damaged image costs its thumbnail only
            if image.width * image.height > MAX_SOURCE_PIXELS:
                return None
            image.draft("RGB", (size * 2, size * 2))  # JPEG: decode at a fraction of full size
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((size, size))
            out = io.BytesIO()
            upright.convert("RGB").save(out, format="JPEG", quality=THUMBNAIL_QUALITY, optimize=True)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None


class DownloadThumbnails:
    """A thumbnail provider: (archive of the finding, image member) -> JPEG bytes or None."""

    def __init__(self, inputs: Sequence[InputSummary], limits: Limits = DEFAULT_LIMITS) -> None:
        self._limits = limits
        self._download_of: dict[str, tuple[str, ...]] = {}
        for summary in inputs:
            for path in summary.paths:
                self._download_of[path] = summary.paths
        self._trees: dict[tuple[str, ...], Tree | None] = {}
        self._cache: dict[tuple[str, str], bytes | None] = {}

    def _tree(self, paths: tuple[str, ...]) -> Tree | None:
        if paths not in self._trees:
            try:
                self._trees[paths] = Tree.open([Path(p) for p in paths], self._limits)
            except (ExposureAuditError, OSError, ValueError):
                self._trees[paths] = None
        return self._trees[paths]

    def __call__(self, archive: str, member: str) -> bytes | None:
        key = (archive, member)
        if key not in self._cache:
            self._cache[key] = self._read(archive, member)
        return self._cache[key]

    def _read(self, archive: str, member: str) -> bytes | None:
        paths = self._download_of.get(archive)
        tree = self._tree(paths) if paths else None
        if tree is None:
            return None
        try:
            data = tree.read_bytes(member, MAX_SOURCE_BYTES)
        except (MemberError, OSError, ValueError):
            return None
        return make_thumbnail(data)

    def close(self) -> None:
        for tree in self._trees.values():
            if tree is not None:
                tree.close()
        self._trees.clear()
