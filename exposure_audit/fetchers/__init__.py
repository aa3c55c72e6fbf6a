"""The platforms whose downloads are read: one line each, in detection order.

A line declares the platform's id (a `Platform`: an open set, so a new platform needs no change
elsewhere) and names its package (`exposure_audit.fetchers.<name>`). The package's `FETCHER` is its
fetcher class (a `RoutedFetcher`: markers, routes, readers, with the same `platform`) and its
`steps.toml` the platform's display name (`label`) and the remediation steps that checklists,
`explain` and the workshop pages print. Detection and grouping of command-line paths into downloads
are in `downloads.py`. This module imports no fetcher, so that the commands that only print steps or
rules do not load them.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from exposure_audit.model import Platform

if TYPE_CHECKING:
    from exposure_audit.fetchers.base import Fetcher


@dataclass(frozen=True, slots=True)
class PlatformPackage:
    platform: Platform
    package: str  # dotted name: exposure_audit.fetchers.<folder>

    def fetcher(self) -> type[Fetcher]:
        found: type[Fetcher] = importlib.import_module(self.package).FETCHER
        if found.platform is not self.platform:
            declared = f"its registry line says {self.platform.value!r}"
            raise ValueError(f"{self.package}: FETCHER reads {found.platform.value!r}, {declared}")
        return found

    def steps_file(self) -> Path | None:
        """The package's steps.toml, found without importing the package (its readers are not needed)."""
        spec = importlib.util.find_spec(self.package)
        folders = spec.submodule_search_locations if spec is not None else None
        if not folders:
            return None
        path = Path(next(iter(folders))) / "steps.toml"
        return path if path.is_file() else None


REGISTRY: tuple[PlatformPackage, ...] = (
    PlatformPackage(Platform.FACEBOOK, "exposure_audit.fetchers.facebook"),
    PlatformPackage(Platform.INSTAGRAM, "exposure_audit.fetchers.instagram"),
    PlatformPackage(Platform.LINKEDIN, "exposure_audit.fetchers.linkedin"),
    PlatformPackage(Platform.GOOGLE_PHOTOS, "exposure_audit.fetchers.google_photos"),
    PlatformPackage(Platform.X, "exposure_audit.fetchers.x"),
    # keep last: any folder of images matches it
    PlatformPackage(Platform.PHOTOS, "exposure_audit.fetchers.photo_folder"),
)


def known_platforms() -> tuple[Platform, ...]:
    """Every platform a report may name: the registered downloads' and the live sources'."""
    return tuple(dict.fromkeys((*(entry.platform for entry in REGISTRY), *Platform.NAMED)))
