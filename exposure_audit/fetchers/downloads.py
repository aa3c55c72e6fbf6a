"""Which platform a path is a download of, and the grouping of command-line paths into downloads.

Detection order is the order of the registry (`fetchers/__init__.py`): for each input the fetcher
with the most marker files wins; ties go to the earlier one. A path that matches no platform alone
joins the download of the same platform when that is unambiguous (a Meta "part 2 of 3" zip holds
only media).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from exposure_audit import fetchers as registry
from exposure_audit.errors import InputError
from exposure_audit.fetchers.base import Fetcher, Task
from exposure_audit.limits import Limits
from exposure_audit.model import Platform
from exposure_audit.sources.archive import Tree, open_source
from exposure_audit.sources.inputs import Source


def fetcher_for(platform: Platform) -> Fetcher:
    """A fetcher of the platform's downloads: only its package's readers are loaded."""
    for entry in registry.REGISTRY:
        if entry.platform is platform:
            return entry.fetcher()()
    raise KeyError(platform)


def supported_platforms() -> tuple[Platform, ...]:
    return tuple(entry.platform for entry in registry.REGISTRY)


@dataclass(slots=True)
class Download:
    """One person's download of one platform, possibly given as several paths."""

    platform: Platform
    paths: list[Path] | list[str]  # command-line paths, or the --public specs of a live check
    tree: Tree
    fetcher: Fetcher

    def plan(self) -> list[Task]:
        return self.fetcher.plan(self.tree)


def _markers_help() -> str:
    parts = []
    for entry in registry.REGISTRY:
        looked = ", ".join(m.description for m in entry.markers())
        parts.append(f"{entry.platform.value} ({looked})")
    return "; ".join(parts)


def detect(tree: Tree) -> Platform | None:
    best: tuple[int, Platform] | None = None
    for entry in registry.REGISTRY:
        score = entry.detect(tree)
        if score and (best is None or score > best[0]):
            best = (score, entry.platform)
    return best[1] if best else None


def _shared_prefix(a: str, b: str) -> int:
    return len(os.path.commonprefix([a.lower(), b.lower()]))  # noqa: RUF071 - a character prefix of file names is meant


def _owner_of_part(path: Path, grouped: dict[Platform, list[Path]]) -> Platform | None:
    """The download an unrecognised part belongs to: the only one, or the one whose file names share
    the longest prefix with it ("facebook-jo-2026-10-04-" parts), when that is unambiguous."""
    if len(grouped) == 1:
        return next(iter(grouped))
    scores = sorted(
        (
            (max(_shared_prefix(path.name, p.name) for p in paths), platform)
            for platform, paths in grouped.items()
            if paths
        ),
        key=lambda s: s[0],
        reverse=True,
    )
    if scores and scores[0][0] >= 8 and (len(scores) == 1 or scores[0][0] > scores[1][0]):
        return scores[0][1]
    return None


def group_downloads(paths: Sequence[Path], limits: Limits, forced: Platform | None = None) -> list[Download]:
    """Open every path, detect its platform and merge paths of the same platform into one download.

    Raises InputError (one line, exit 2) for a path that is unusable or whose platform is unknown.
    """
    detected: list[tuple[Path, Platform | None]] = []
    sources: dict[Path, Source] = {}
    trees: dict[Path, Tree] = {}  # a download of one path reads the tree its detection built
    for path in paths:
        source = open_source(path)
        sources[path] = source
        if forced is not None:
            detected.append((path, forced))
            continue
        trees[path] = Tree([source], limits)  # the source stays open: its directory is read once
        detected.append((path, detect(trees[path])))
    known = sorted({p for _, p in detected if p is not None}, key=lambda p: supported_platforms().index(p))
    grouped: dict[Platform, list[Path]] = {p: [] for p in known}
    for path, platform in detected:
        if platform is not None:
            grouped[platform].append(path)
    for path, platform in detected:
        if platform is None:
            owner = _owner_of_part(path, grouped)
            if owner is None:
                raise InputError(
                    str(path),
                    "not recognised as a download of any supported platform; looked for " + _markers_help(),
                    "Give the zip or folder exactly as downloaded, or force the platform with --platform",
                )
            grouped[owner].append(path)
    downloads = []
    for platform, members in grouped.items():
        alone = len(members) == 1 and members[0] in trees
        tree = trees[members[0]] if alone else Tree([sources[p] for p in members], limits)
        downloads.append(Download(platform=platform, paths=members, tree=tree, fetcher=fetcher_for(platform)))
    return downloads
