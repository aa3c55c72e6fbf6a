"""Platform fetchers, their detection order, and the grouping of command-line paths into downloads.

Detection order is the order of `FETCHERS`: for each input the fetcher with the most marker files
wins; ties go to the earlier one. A path that matches no platform alone joins the download of the
same platform when that is unambiguous (a Meta "part 2 of 3" zip holds only media).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from exposure_audit.archive import Tree, open_source
from exposure_audit.errors import InputError
from exposure_audit.fetchers.base import Fetcher, Task
from exposure_audit.fetchers.facebook import FacebookFetcher
from exposure_audit.fetchers.google_photos import GooglePhotosFetcher
from exposure_audit.fetchers.instagram import InstagramFetcher
from exposure_audit.fetchers.linkedin import LinkedInFetcher
from exposure_audit.fetchers.photo_folder import PhotoFolderFetcher
from exposure_audit.fetchers.x_archive import XArchiveFetcher
from exposure_audit.limits import Limits
from exposure_audit.model import Platform

FETCHERS: tuple[type[Fetcher], ...] = (
    FacebookFetcher,
    InstagramFetcher,
    LinkedInFetcher,
    GooglePhotosFetcher,
    XArchiveFetcher,
    PhotoFolderFetcher,  # keep last: any folder of images matches it
)


def fetcher_for(platform: Platform) -> Fetcher:
    for cls in FETCHERS:
        if cls.platform is platform:
            return cls()
    raise KeyError(platform)


def supported_platforms() -> tuple[Platform, ...]:
    return tuple(cls.platform for cls in FETCHERS)


@dataclass(slots=True)
class Download:
    """One person's download of one platform, possibly given as several paths."""

    platform: Platform
    paths: list[Path]
    tree: Tree
    fetcher: Fetcher

    def plan(self) -> list[Task]:
        return self.fetcher.plan(self.tree)


def _markers_help() -> str:
    parts = []
    for cls in FETCHERS:
        looked = ", ".join(m.description for m in cls.markers)
        parts.append(f"{cls.platform.value} ({looked})")
    return "; ".join(parts)


def detect(tree: Tree) -> Platform | None:
    best: tuple[int, Platform] | None = None
    for cls in FETCHERS:
        score = cls().detect(tree)
        if score and (best is None or score > best[0]):
            best = (score, cls.platform)
    return best[1] if best else None


def group_downloads(paths: Sequence[Path], limits: Limits, forced: Platform | None = None) -> list[Download]:
    """Open every path, detect its platform and merge paths of the same platform into one download.

    Raises InputError (one line, exit 2) for a path that is unusable or whose platform is unknown.
    """
    detected: list[tuple[Path, Platform | None]] = []
    for path in paths:
        source = open_source(path)
        if forced is not None:
            detected.append((path, forced))
            continue
        probe = Tree([source], limits)
        platform = detect(probe)
        probe.close()
        detected.append((path, platform))
    known = sorted({p for _, p in detected if p is not None}, key=lambda p: supported_platforms().index(p))
    grouped: dict[Platform, list[Path]] = {p: [] for p in known}
    for path, platform in detected:
        if platform is None:
            if len(known) == 1:
                grouped[known[0]].append(path)
                continue
            raise InputError(
                str(path),
                "not recognised as a download of any supported platform; looked for " + _markers_help(),
                "Give the zip or folder exactly as downloaded, or force the platform with --platform",
            )
        grouped[platform].append(path)
    downloads = []
    for platform, members in grouped.items():
        tree = Tree.open(members, limits)
        downloads.append(Download(platform=platform, paths=members, tree=tree, fetcher=fetcher_for(platform)))
    return downloads
