"""The scan cache in front of an audit's units of work: what an earlier run showed to be null is not redone.

The engine's units (`engine.AuditUnits`) know nothing of the cache; `CachedUnits` stands in front of them:
- a fetcher task whose members are unchanged and gave nothing last time is not read again, and in a
  task that is read, each record known to be null is counted and not scanned;
- a photo that is unchanged and gave nothing last time is counted and not examined;
- the vision enricher's feature source reuses the impersonal features of an image analysed before
  with the same settings.
Every verdict goes into the unit's result, and the parent stores them after the run (runtime/cache.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exposure_audit.media.enrich import photo_member
from exposure_audit.media.vision.features import VisionFeatures, VisionSettings, decode, encode
from exposure_audit.model import Item
from exposure_audit.runtime.cache import CacheSession
from exposure_audit.runtime.units import Unit, UnitResult, UnitWork
from exposure_audit.sources.archive import Tree

if TYPE_CHECKING:
    from exposure_audit.fetchers.base import Fetcher
    from exposure_audit.media.vision.photo import FeatureSource


class CachedUnits:
    """A unit runner: the wrapped work, minus what the cache says need not be redone."""

    def __init__(self, work: UnitWork, cache: CacheSession) -> None:
        self.work = work
        self.cache = cache

    def __call__(self, fetcher: Fetcher, tree: Tree, unit: Unit) -> UnitResult:
        if unit.task is not None:
            return self._task(fetcher, tree, unit)
        result = self.work.new_result()
        for item in unit.photos:
            self._photo(tree, item, result)
        return result

    def _task(self, fetcher: Fetcher, tree: Tree, unit: Unit) -> UnitResult:
        assert unit.task is not None
        memo = self.cache.task(tree, unit.task)
        if memo is None:  # its members cannot be fingerprinted: do the work, remember nothing
            return self.work.task(fetcher, tree, unit.task, self.work.apply)
        if memo.complete:  # nothing in it contributed last time, and it is unchanged
            result = self.work.new_result()
            result.items = memo.items
            memo.finish(result, failed=False)
            return result
        result = self.work.task(fetcher, tree, unit.task, lambda item, into: memo.apply(item, into, self.work.apply))
        memo.finish(result, failed=bool(result.failed_members))
        return result

    def _photo(self, tree: Tree, item: Item, result: UnitResult) -> None:
        memo = self.cache.photo(tree, item, photo_member(item), result)
        if memo is not None and memo.was_null:  # unchanged, and it contributed nothing last time
            memo.reuse(result)
            return
        self.work.photo(tree, item, result)
        if memo is not None:
            memo.finish(result)


def cached_features(source: FeatureSource, cache: CacheSession) -> FeatureSource:
    """`source` with its impersonal results kept in the cache (boxes, cue names, lexicon words; no pixels)."""

    def features(tree: Tree, member: str, settings: VisionSettings, result: UnitResult | None) -> VisionFeatures:
        memo = cache.image_features(tree, member, settings.cache_key())
        if memo is None or result is None:
            return source(tree, member, settings, result)
        known = decode(memo.value) if memo.value is not None else None
        if known is not None:
            memo.reuse(result)
            return known
        found = source(tree, member, settings, result)
        memo.keep(result, encode(found))
        return found

    return features
