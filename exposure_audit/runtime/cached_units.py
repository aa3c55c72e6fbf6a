"""The scan cache as a wrapper around the unit runner (the verdicts themselves: runtime/cache.py).

`cached(run, session)` is a unit runner that does what `run` does, reusing what an earlier scan
found null: a fetcher task that gave nothing is not read again, a record that gave nothing is not
scanned again, and a photo that gave nothing is not opened again. It sees each item on its way to
the scanners through a view of the audit's stage, so the runner itself knows nothing of the cache.
`remember_features(session)` does the same for the impersonal image features of the vision
examiner (`PhotoExaminer.with_memory`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from exposure_audit.fetchers.base import Fetcher
from exposure_audit.media.enrich import photo_member
from exposure_audit.media.vision.features import VisionFeatures, VisionSettings, decode, encode
from exposure_audit.model import Item
from exposure_audit.runtime.cache import CacheSession, TaskMemo
from exposure_audit.runtime.units import ItemStage, StageRunner, Unit, UnitResult
from exposure_audit.sources.archive import Tree


@dataclass(frozen=True, slots=True)
class _View:
    """The audit's stage as the cache lets items through to it: everything, unless a view says otherwise."""

    stage: ItemStage

    @property
    def correlators(self) -> Sequence[object]:
        return self.stage.correlators

    def apply(self, item: Item, result: UnitResult) -> None:
        self.stage.apply(item, result)

    def photo(self, tree: Tree, item: Item, result: UnitResult) -> None:
        self.stage.photo(tree, item, result)


@dataclass(frozen=True, slots=True)
class _TaskView(_View):
    """One fetcher task's records: those known to be null are counted, not scanned."""

    memo: TaskMemo

    def apply(self, item: Item, result: UnitResult) -> None:
        self.memo.apply(item, result, self.stage.apply)


@dataclass(frozen=True, slots=True)
class _PhotoView(_View):
    """A batch of photos: an unchanged photo that gave nothing is counted, not opened."""

    session: CacheSession

    def photo(self, tree: Tree, item: Item, result: UnitResult) -> None:
        memo = self.session.photo(tree, item, photo_member(item), result)  # keyed by the item before enrichment
        if memo is not None and memo.was_null:
            memo.reuse(result)
            return
        self.stage.photo(tree, item, result)
        if memo is not None:
            memo.finish(result)


def _run_cached(
    run: StageRunner, session: CacheSession, stage: ItemStage, fetcher: Fetcher, tree: Tree, unit: Unit
) -> UnitResult:
    if unit.task is None:
        return run(_PhotoView(stage, session), fetcher, tree, unit)
    memo = session.task(tree, unit.task)
    if memo is None:  # its members' content cannot be known: no verdict either way
        return run(stage, fetcher, tree, unit)
    if memo.complete:  # nothing in it contributed last time, and it is unchanged
        result = UnitResult(items=memo.items, observations=[[] for _ in stage.correlators])
        memo.finish(result, failed=False)
        return result
    result = run(_TaskView(stage, memo), fetcher, tree, unit)
    memo.finish(result, failed=bool(result.failed_members))
    return result


def cached(run: StageRunner, session: CacheSession) -> StageRunner:
    """`run`, reusing the null verdicts of `session` and recording new ones in each unit's result."""
    return partial(_run_cached, run, session)


@dataclass(frozen=True, slots=True)
class _RememberedFeatures:
    session: CacheSession

    def __call__(
        self,
        tree: Tree,
        member: str,
        settings: VisionSettings,
        result: UnitResult,
        analyse: Callable[[], VisionFeatures],
    ) -> VisionFeatures:
        memo = self.session.image_features(tree, member, settings.cache_key())
        known = decode(memo.value) if memo is not None and memo.value is not None else None
        if known is not None and memo is not None:
            memo.reuse(result)
            return known
        features = analyse()
        if memo is not None:
            memo.keep(result, encode(features))
        return features


def remember_features(session: CacheSession) -> _RememberedFeatures:
    """A `FeatureMemory` (media/vision/photo.py) kept in the scan cache, by image content and settings."""
    return _RememberedFeatures(session)
