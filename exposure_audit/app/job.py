"""One scan, run in a background thread, with its progress as phases the page can show.

Cancel works through the engine's progress hook: the hook raises, the engine's worker pool is
stopped and its downloads closed, and nothing is stored (the scan cache is written only after a
complete scan, and the app writes its baseline only then too).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exposure_audit.app.settings import ScanSettings
from exposure_audit.engine import AuditOptions, run_audit
from exposure_audit.errors import ExposureAuditError
from exposure_audit.model import AuditReport
from exposure_audit.policy.model import Policy

PHASES = (
    ("reading", "Reading your downloads", "files"),
    ("photos", "Looking at your photos", "photos"),
    ("checks", "Checking what they reveal", ""),
    ("report", "Writing your report", ""),
)
ENGINE_STAGES = {"members": "reading", "photos": "photos"}


class Cancelled(Exception):
    """Raised from the progress hook to stop the engine."""


@dataclass(slots=True)
class Phase:
    key: str
    label: str
    unit: str
    done: int = 0
    total: int = 0
    started: float | None = None
    finished: float | None = None

    def as_dict(self) -> dict[str, Any]:
        state = "done" if self.finished else "running" if self.started else "waiting"
        left = None
        if state == "running" and self.started and self.done and self.total > self.done:
            left = round((time.monotonic() - self.started) / self.done * (self.total - self.done))
        return {
            "key": self.key,
            "label": self.label,
            "unit": self.unit,
            "done": self.done,
            "total": self.total,
            "state": state,
            "seconds_left": left,
        }


Finisher = Callable[["ScanJob", AuditReport, Policy], None]


class ScanJob:
    def __init__(
        self,
        paths: list[Path],
        settings: ScanSettings,
        options: AuditOptions,
        finish: Finisher,
        on_end: Callable[[ScanJob], None],
    ) -> None:
        self.paths = paths
        self.settings = settings
        self.options = options
        self.phases = {key: Phase(key, label, unit) for key, label, unit in PHASES}
        self.state = "running"
        self.error = ""
        self.report: AuditReport | None = None
        self.policy: Policy | None = None
        self._finish = finish
        self._on_end = on_end
        self._cancel = threading.Event()
        self._thread = threading.Thread(target=self._run, name="exposure-audit-scan", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self.state == "running"

    def snapshot(self) -> dict[str, Any]:
        return {"state": self.state, "error": self.error, "phases": [phase.as_dict() for phase in self.phases.values()]}

    def _enter(self, key: str, done: int = 0, total: int = 0) -> None:
        now = time.monotonic()
        order = [k for k, _, _ in PHASES]
        for earlier in order[: order.index(key)]:
            phase = self.phases[earlier]
            phase.started = phase.started or now
            phase.finished = phase.finished or now
        phase = self.phases[key]
        phase.started = phase.started or now
        phase.done, phase.total = done, total

    def _hook(self, stage: str, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled
        key = ENGINE_STAGES.get(stage)
        if key is not None:
            self._enter(key, done, total)
            if key == "photos" and done >= total:
                self._enter("checks")

    def _run(self) -> None:
        try:
            self._enter("reading")
            policy = self.settings.policy()
            report = run_audit(self.paths, policy, self.options, progress=self._hook)
            if self._cancel.is_set():
                raise Cancelled
            self._enter("report")
            self._finish(self, report, policy)
            if self._cancel.is_set():
                raise Cancelled
            self.phases["report"].finished = time.monotonic()
            self.report, self.policy = report, policy
            self.state = "done"
        except Cancelled:
            self.state = "cancelled"
        except ExposureAuditError as error:
            self.error = str(error)
            self.state = "failed"
        except Exception as error:  # a bug must end this scan, not the app
            self.error = f"The scan stopped on an unexpected problem ({type(error).__name__})."
            self.state = "failed"
        finally:
            self._on_end(self)
