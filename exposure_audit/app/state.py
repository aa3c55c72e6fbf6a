"""Everything the running app holds: its downloads, the one scan, its report and the session's life.

Only one scan exists at a time. Discarding it (or stopping the app) deletes every uploaded file
and every file the app made for it; downloads found in the Downloads folder are never touched.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from exposure_audit.app.exports import page_body
from exposure_audit.app.inputs import InputTable
from exposure_audit.app.job import ScanJob
from exposure_audit.app.settings import ScanSettings
from exposure_audit.app.ticks import TickStore
from exposure_audit.app.uploads import UploadCaps, UploadFolder
from exposure_audit.baseline.compare import finding_id
from exposure_audit.baseline.run import BaselineRequest, apply_baseline
from exposure_audit.baseline.store import load_baseline
from exposure_audit.engine import AuditOptions
from exposure_audit.errors import ExposureAuditError
from exposure_audit.limits import DEFAULT_LIMITS, Limits
from exposure_audit.model import AuditReport
from exposure_audit.policy.model import Policy
from exposure_audit.reporters.plural import plural
from exposure_audit.reporters.view import ReportView, prepare
from exposure_audit.runtime.cache import ScanCache


@dataclass(slots=True)
class Finished:
    """A complete scan's results, ready for the report page."""

    report: AuditReport
    policy: Policy
    view: ReportView  # prepared once: the page body, the report files and the actions all come from it
    body: str
    comparison: list[str]
    action_ids: dict[str, tuple[str, ...]]  # action key -> baseline ids of its findings


@dataclass(slots=True)
class AppConfig:
    downloads_folder: Path
    data_folder: Path
    limits: Limits = DEFAULT_LIMITS
    caps: UploadCaps = field(default_factory=UploadCaps)
    cache: bool = True
    jobs: int = 0


class AppState:
    def __init__(self, config: AppConfig) -> None:
        self.config = config
        self.uploads = UploadFolder(config.caps)
        self.workspace = Path(tempfile.mkdtemp(prefix="exposure-audit-work-"))
        self.inputs = InputTable(config.limits)
        self.ticks = TickStore(config.data_folder)
        self.job: ScanJob | None = None
        self.finished: Finished | None = None
        self.notes: list[str] = []
        self.error = ""
        self.lock = threading.Lock()
        self.connections = 0
        self.stopping = False
        self.last_seen = time.monotonic()

    # -------------------------------------------------------------- inputs
    def refresh(self) -> None:
        self.inputs.refresh_found(self.config.downloads_folder)

    def policies(self) -> list[tuple[str, str]]:
        from exposure_audit.policy.model import builtin_policy_names, load_policy

        offered = [("", "The default policy")]
        offered += [(name, load_policy(name).name) for name in builtin_policy_names()]
        offered += [(e.id, f"Your file: {e.name}") for e in self.inputs.all() if e.name.lower().endswith(".toml")]
        return offered

    def policy_files(self) -> dict[str, Path]:
        return {e.id: e.path for e in self.inputs.all() if e.name.lower().endswith(".toml")}

    def remove_input(self, ident: str) -> None:
        entry = self.inputs.remove(ident)
        if entry is not None and entry.origin == "upload":
            self.uploads.remove(entry.path)

    # -------------------------------------------------------------- the scan
    def start_scan(self, ids: list[str], settings: ScanSettings) -> ScanJob:
        with self.lock:
            if self.job is not None and self.job.running:
                raise ExposureAuditError("Scan", "a scan is already running", "Wait for it or cancel it")
            paths = [e.path for i in ids if (e := self.inputs.get(i)) is not None and e.usable]
            if not paths:
                raise ExposureAuditError("Scan", "no download is selected", "Add a download and tick it")
            options = AuditOptions(
                images=settings.images,
                limits=self.config.limits,
                jobs=self.config.jobs,
                cache=ScanCache() if self.config.cache else None,
            )
            self.finished = None
            self.error = ""
            self.job = ScanJob(paths, settings, options, self._finish, self._ended)
            self.job.start()
            return self.job

    def _finish(self, job: ScanJob, report: AuditReport, policy: Policy) -> None:
        view = prepare(report, policy)
        body = page_body(view)
        comparison, ids = self._compare(report, policy)
        action_ids = {a.key: tuple(ids[f] for f in a.fingerprints if f in ids) for a in view.checklist.actions}
        self.finished = Finished(report, policy, view, body, comparison, action_ids)

    def _compare(self, report: AuditReport, policy: Policy) -> tuple[list[str], dict[str, str]]:
        """Compare with the app's baseline and update it; (what changed, fingerprint -> baseline id)."""
        path = self.config.data_folder / "baseline.json"
        first = not path.exists()
        try:
            self.config.data_folder.mkdir(parents=True, exist_ok=True)
            compared = apply_baseline(report, policy, BaselineRequest(path=path, update=True), report.generated_at)
            key = load_baseline(path).key
        except ExposureAuditError as error:
            return [f"Your last scan could not be compared: {error.problem}."], {}
        ids = {f.fingerprint: finding_id(key, f) for f in report.findings}
        if first or compared.baseline is None:
            return ["This is your first scan: the next one will be compared with it."], ids
        counts = Counter(mark.status.value for mark in compared.baseline.marks.values())
        lines = [
            f"{plural(counts.get('new', 0), 'new finding')} since last time.",
            f"{plural(counts.get('known', 0), 'finding you had last time is', 'findings you had last time are')}"
            " still there.",
            f"{plural(counts.get('reappeared', 0), 'finding')} came back after being gone.",
        ]
        lines.append(
            f"{plural(compared.baseline.resolved, 'finding from last time is', 'findings from last time are')} gone."
        )
        lines += list(compared.baseline.warnings)
        return lines, ids

    def _ended(self, job: ScanJob) -> None:
        if job.state == "cancelled":
            self.discard()
        elif job.state == "failed":
            self.error = job.error.replace(str(self.uploads.root) + "/", "")

    def cancel(self) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()
            self.job.wait(60)

    def discard(self) -> None:
        """Forget the scan and delete every uploaded file and everything made for it."""
        self.finished = None
        self.uploads.clear()
        self.inputs.drop_uploads()
        for child in self.workspace.iterdir() if self.workspace.exists() else ():
            shutil.rmtree(child, ignore_errors=True) if child.is_dir() else child.unlink(missing_ok=True)

    # -------------------------------------------------------------- ticks
    def ticked_actions(self) -> list[str]:
        if self.finished is None:
            return []
        ticked = self.ticks.load()
        return [key for key, ids in self.finished.action_ids.items() if ids and set(ids) <= ticked]

    def tick(self, key: str, done: bool) -> bool:
        if self.finished is None or key not in self.finished.action_ids:
            return False
        self.ticks.set(self.finished.action_ids[key], done)
        return True

    # -------------------------------------------------------------- life
    def close(self) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()
            self.job.wait(30)
        self.uploads.clear()
        shutil.rmtree(self.workspace, ignore_errors=True)
