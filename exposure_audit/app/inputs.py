"""The downloads the page offers: files added to the page, and those found in the Downloads folder.

Each is known to the page only by an opaque random id, so no request ever names a path: the server
looks the id up in this table, and the table holds only uploads and recognised downloads.
Found downloads are read in place and never copied or changed.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from exposure_audit.errors import ExposureAuditError
from exposure_audit.fetchers.downloads import detect
from exposure_audit.limits import Limits
from exposure_audit.sources.archive import Tree, open_source

# The names the platforms give their downloads (export-formats.md), matched case-insensitively.
DOWNLOAD_PATTERNS = (
    "facebook-*.zip",
    "instagram-*.zip",
    "Complete_LinkedInDataExport_*.zip",
    "twitter-*.zip",
    "takeout-*.zip",
)
PLATFORM_NAMES = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "x": "X (Twitter)",
    "google-photos": "Google Photos",
    "photos": "Photo folder",
}


@dataclass(frozen=True, slots=True)
class InputFile:
    id: str
    path: Path
    origin: str  # "upload" or "found"
    size: int
    platform: str = ""  # recognised platform's name, "" when not recognised on its own
    problem: str = ""  # the CLI's one-line reason when the file cannot be audited at all

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def usable(self) -> bool:
        return not self.problem


def one_line(error: ExposureAuditError, shown: str) -> str:
    """The CLI's one-line message, naming the file as the person knows it rather than a private path."""
    return f"{shown}: {error.problem}. {error.fix}"


def inspect(path: Path, origin: str, limits: Limits) -> InputFile:
    """Recognise a file's platform from its zip directory alone (nothing is extracted)."""
    size = path.stat().st_size
    ident = secrets.token_urlsafe(12)
    try:
        tree = Tree([open_source(path)], limits)
    except ExposureAuditError as error:
        return InputFile(ident, path, origin, size, problem=one_line(error, path.name))
    try:
        platform = detect(tree)
    finally:
        tree.close()
    label = PLATFORM_NAMES.get(platform.value, platform.value) if platform else ""
    return InputFile(ident, path, origin, size, platform=label)


def downloads_folder() -> Path:
    return Path(platformdirs.user_downloads_dir())


def find_downloads(folder: Path) -> list[Path]:
    """Files in the folder (not below it) named as a platform names its downloads."""
    if not folder.is_dir():
        return []
    found: set[Path] = set()
    for path in folder.iterdir():
        lower = path.name.lower()
        for pattern in DOWNLOAD_PATTERNS:
            head = pattern.lower().split("*", 1)[0]
            if lower.startswith(head) and lower.endswith(".zip") and path.is_file() and not path.is_symlink():
                found.add(path)
    return sorted(found)


class InputTable:
    """id -> input file; the only way the app reaches a download."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._by_id: dict[str, InputFile] = {}

    def add(self, path: Path, origin: str) -> InputFile:
        for existing in self._by_id.values():
            if existing.path == path:
                return existing
        entry = inspect(path, origin, self.limits)
        self._by_id[entry.id] = entry
        return entry

    def get(self, ident: str) -> InputFile | None:
        return self._by_id.get(ident)

    def remove(self, ident: str) -> InputFile | None:
        return self._by_id.pop(ident, None)

    def all(self) -> list[InputFile]:
        return sorted(self._by_id.values(), key=lambda e: (e.origin != "upload", e.name))

    def drop_uploads(self) -> None:
        self._by_id = {k: v for k, v in self._by_id.items() if v.origin != "upload"}

    def refresh_found(self, folder: Path) -> None:
        present = set(find_downloads(folder))
        self._by_id = {k: v for k, v in self._by_id.items() if v.origin != "found" or v.path in present}
        for path in present:
            self.add(path, "found")
