"""A progress display on stderr for long scans: members and photos done, rate and time left.

Shown only when stderr is a terminal and the person did not ask for quiet, so it is never mixed into
a report written to stdout or a log file.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn


class ScanProgress:
    """Context manager whose `update(stage, done, total)` fits the engine's progress hook."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._progress: Progress | None = None
        self._tasks: dict[str, TaskID] = {}
        self._started: dict[str, float] = {}

    def __enter__(self) -> ScanProgress:
        if self.enabled:
            self._progress = Progress(
                TextColumn("{task.description:>8}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.__enter__()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.__exit__(exc_type, exc, tb)

    def update(self, stage: str, done: int, total: int) -> None:
        if self._progress is None:
            return
        if stage not in self._tasks:
            self._tasks[stage] = self._progress.add_task(stage, total=total, rate="")
            self._started[stage] = time.monotonic()
        elapsed = max(1e-6, time.monotonic() - self._started[stage])
        self._progress.update(self._tasks[stage], completed=done, total=total, rate=f"{done / elapsed:,.0f}/s")
