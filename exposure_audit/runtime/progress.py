"""A progress display on stderr for long scans: its phases (reading, photos, checks), rate and time left.

Shown only when stderr is a terminal and the person did not ask for quiet, so it is never mixed into
a report written to stdout or a log file.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich is loaded only when the display is shown (a terminal), not for redirected runs
    from rich.progress import Progress, TaskID

# What each of the engine's phases is called on screen, and the unit its rate is counted in.
PHASES = {"members": ("Reading", "files"), "photos": ("Photos", "photos"), "checks": ("Checks", "")}
RATE_AFTER_S = 1.0  # a rate over the first moments of a phase says nothing (or millions a second)


class ScanProgress:
    """Context manager whose `update(stage, done, total)` fits the engine's progress hook."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._progress: Progress | None = None
        self._tasks: dict[str, TaskID] = {}
        self._started: dict[str, tuple[float, int]] = {}

    def __enter__(self) -> ScanProgress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

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

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.__exit__(exc_type, exc, tb)

    def update(self, stage: str, done: int, total: int) -> None:
        if self._progress is None:
            return
        label, unit = PHASES.get(stage, (stage, ""))
        if stage not in self._tasks:
            self._tasks[stage] = self._progress.add_task(label, total=total, rate="")
            self._started[stage] = (time.monotonic(), done)
        self._progress.update(self._tasks[stage], completed=done, total=total, rate=self.rate(stage, done, unit))

    def rate(self, stage: str, done: int, unit: str) -> str:
        """Items a second since the phase was first seen, once it has run long enough to mean something."""
        started, first = self._started[stage]
        elapsed = time.monotonic() - started
        if not unit or elapsed < RATE_AFTER_S or done <= first:
            return ""
        return f"{(done - first) / elapsed:,.1f} {unit}/s"
