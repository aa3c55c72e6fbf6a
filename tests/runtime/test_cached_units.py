"""The scan cache in front of the units: an unchanged photo that gave nothing is counted, not opened again."""

from __future__ import annotations

from pathlib import Path

from exposure_audit.fetchers.base import Fetcher, Task
from exposure_audit.fetchers.photo_folder.fetcher import PhotoFolderFetcher
from exposure_audit.model import Item, Skipped
from exposure_audit.policy.model import load_policy
from exposure_audit.runtime.cache import ScanCache
from exposure_audit.runtime.cached_units import CachedUnits
from exposure_audit.runtime.units import RecordHook, Unit, UnitResult
from exposure_audit.sources.archive import Tree
from tests.media.vision.test_photo import photo


class Work:
    """Units of work that open every photo they are given and flag those named `flagged*`."""

    def __init__(self) -> None:
        self.opened: list[str] = []

    def new_result(self) -> UnitResult:
        return UnitResult()

    def apply(self, item: Item, result: UnitResult) -> None:
        result.items += 1

    def task(self, fetcher: Fetcher, tree: Tree, task: Task, apply: RecordHook) -> UnitResult:
        raise AssertionError("only photos here")

    def photo(self, tree: Tree, item: Item, result: UnitResult) -> None:
        self.opened.append(item.identity)
        if item.identity.startswith("flagged"):
            result.skipped.append(Skipped(source=item.source, stage="media", reason="flagged"))
        self.apply(item, result)


def test_a_photo_that_gave_nothing_is_counted_not_opened_again(tmp_path: Path) -> None:
    folder = tmp_path / "roll"
    folder.mkdir()
    for name in ("plain.jpg", "flagged.jpg"):
        (folder / name).write_bytes(name.encode())
    cache = ScanCache(tmp_path / "cache")
    tree = Tree.open([folder])
    unit = Unit(download=0, photos=(photo(tree, "plain.jpg"), photo(tree, "flagged.jpg")))
    work = Work()
    results = []
    for _ in range(2):
        session = cache.session(load_policy(None))
        assert session is not None
        results.append(CachedUnits(work, session)(PhotoFolderFetcher(), tree, unit))
        cache.store(session, results[-1].cache)
    assert work.opened == ["plain.jpg", "flagged.jpg", "flagged.jpg"]
    assert [r.items for r in results] == [2, 2] and results[0].skipped == results[1].skipped
    assert results[0].cache[0][1] == b"" and results[1].cache[0][1] is None  # stored, then a hit
    tree.close()
