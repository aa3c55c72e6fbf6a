"""Running units of work (a fetcher task, or a batch of photos) in this process or on every core.

The per-member work is CPU-bound Python, so it is spread over processes. Workers are forked with the
audit's downloads and scanners already built; each reopens its zip handles lazily (a forked process
must not share the parent's file offsets). Results come back in submission order, so the report is
identical whatever the number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Protocol

from exposure_audit.fetchers.base import Fetcher, Task
from exposure_audit.model import Finding, Item, Skipped
from exposure_audit.sources.archive import Tree


@dataclass(slots=True)
class UnitResult:
    """What one unit of work found, to be merged in unit order."""

    items: int = 0
    findings: list[Finding] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    observations: list[list[object]] = field(default_factory=list)  # one list per correlator
    photos: list[Item] = field(default_factory=list)  # deferred to the photo stage (media/enrich.py)
    photos_done: PhotosDone | None = None  # or already through it, in the same unit (engine.PhotosInTask)
    failed_members: set[str] = field(default_factory=set)
    # Scan-cache verdicts to store in the parent: (key, value), or (key, None) for a hit (runtime/cache.py)
    cache: list[tuple[bytes, bytes | None]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PhotosDone:
    """A task's photos, put through the photo stage by the unit that read them."""

    members: frozenset[str]  # the image files they refer to, so that none is taken for an orphan
    photos: int
    result: UnitResult


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit of work: a fetcher task, or a batch of photos, of one download."""

    download: int  # index into the audit's downloads
    task: Task | None = None
    photos: tuple[Item, ...] = ()


UnitRunner = Callable[[Fetcher, Tree, Unit], UnitResult]
RecordHook = Callable[[Item, UnitResult], None]  # scans one record into a unit's result


class UnitWork(Protocol):
    """The parts of a unit's work that a wrapper (the scan cache) may stand in front of."""

    def new_result(self) -> UnitResult: ...

    def apply(self, item: Item, result: UnitResult) -> None:
        """Scan one record into the result."""
        ...

    def task(self, fetcher: Fetcher, tree: Tree, task: Task, apply: RecordHook) -> UnitResult:
        """Read one fetcher task, scanning each record with `apply`."""
        ...

    def photo(self, tree: Tree, item: Item, result: UnitResult) -> None:
        """Run one photo through the photo stage and the scanners, into the result."""
        ...


@dataclass(slots=True)
class WorkerState:
    """What every worker is forked with: the downloads and how a unit is run."""

    downloads: Sequence[tuple[Fetcher, Tree]]
    runner: UnitRunner


_STATE: WorkerState | None = None


def _init_worker(state: WorkerState) -> None:
    global _STATE
    # Ctrl-C is handled by the parent, which stops the workers; a worker must not die mid-result.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for _, tree in state.downloads:
        tree.close()  # drop inherited zip handles; they reopen on first use in this process
    _STATE = state


def _run(unit: Unit) -> UnitResult:
    assert _STATE is not None, "worker used before initialisation"
    fetcher, tree = _STATE.downloads[unit.download]
    return _STATE.runner(fetcher, tree, unit)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Runner:
    """Runs units in order, in this process (jobs == 1) or in a pool of forked workers."""

    def __init__(self, state: WorkerState, jobs: int) -> None:
        self._state = state
        self._jobs = max(1, jobs)
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Runner:
        if self._jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
            self._pool = ProcessPoolExecutor(
                max_workers=self._jobs,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_init_worker,
                initargs=(self._state,),
            )
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if self._pool is None:
            return
        if exc_type is not None:
            self.stop()
        else:
            self._pool.shutdown(wait=True)

    def stop(self) -> None:
        """Stop promptly (Ctrl-C): cancel what has not started and end the workers."""
        if self._pool is None:
            return
        processes = list(getattr(self._pool, "_processes", {}).values())  # no public API for this
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=5)

    def map(self, units: Sequence[Unit]) -> Iterator[UnitResult]:
        if self._pool is None:
            for unit in units:
                fetcher, tree = self._state.downloads[unit.download]
                yield self._state.runner(fetcher, tree, unit)
            return
        # Submit a bounded window ahead so memory stays flat however many units there are.
        window = self._jobs * 4
        pending: list[Future[UnitResult]] = []
        next_unit = 0
        while next_unit < len(units) or pending:
            while next_unit < len(units) and len(pending) < window:
                pending.append(self._pool.submit(_run, units[next_unit]))
                next_unit += 1
            yield pending.pop(0).result()
