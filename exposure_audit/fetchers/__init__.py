"""The platforms whose downloads are read: one line each, in detection order.

A line declares the platform's id (a `Platform`: an open set, so a new platform needs no change
elsewhere) and names its package (`exposure_audit.fetchers.<name>`). The package has three parts:
- `detection.py`: `MARKERS`, the files that identify its download (described for error messages),
  and, where counting them is not enough, `detect(tree)`. Detection loads only these, so a scan
  loads the readers of the platforms it finds and no others.
- `fetcher.py`: `FETCHER`, its fetcher class (a `RoutedFetcher`: markers, routes, readers, with the
  same `platform`).
- `steps.toml`: the platform's display name (`label`) and the remediation steps that checklists,
  `explain` and the workshop pages print.
Detection and grouping of command-line paths into downloads are in `downloads.py`. This module
imports no fetcher, so that the commands that only print steps or rules do not load them.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from exposure_audit.model import Platform

if TYPE_CHECKING:
    from exposure_audit.fetchers.base import Fetcher, Marker
    from exposure_audit.sources.archive import Tree


@dataclass(frozen=True, slots=True)
class PlatformPackage:
    """A registered platform and the package of its detection, readers and steps."""

    platform: Platform
    package: str  # dotted name: exposure_audit.fetchers.<folder>

    def fetcher(self) -> type[Fetcher]:
        found: type[Fetcher] = importlib.import_module(f"{self.package}.fetcher").FETCHER
        if found.platform is not self.platform:
            declared = f"its registry line says {self.platform.value!r}"
            raise ValueError(f"{self.package}: FETCHER reads {found.platform.value!r}, {declared}")
        return found

    def markers(self) -> tuple[Marker, ...]:
        markers: tuple[Marker, ...] = self._detection().MARKERS
        return markers

    def detect(self, tree: Tree) -> int:
        """How strongly the tree looks like this platform's download; 0 means it is not one."""
        from exposure_audit.fetchers.base import count_markers

        detection = self._detection()
        custom: Callable[[Tree], int] | None = getattr(detection, "detect", None)
        return custom(tree) if custom is not None else count_markers(detection.MARKERS, tree)

    def _detection(self) -> ModuleType:
        return importlib.import_module(f"{self.package}.detection")

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
