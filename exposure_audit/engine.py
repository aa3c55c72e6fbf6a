"""run_audit(): downloads -> fetchers -> scanners -> photos -> correlators -> AuditReport.

Work is done per task (one fetcher reader over its members) and then per batch of photos; each
unit returns a `UnitResult` that is merged in plan order, so the report does not depend on how the
units were executed. A scanner that crashes on one item becomes a `Skipped` entry for that item.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from exposure_audit import __version__
from exposure_audit.errors import MemberError, describe_exception
from exposure_audit.fetchers.base import Fetcher, Task
from exposure_audit.fetchers.downloads import Download, group_downloads
from exposure_audit.fetchers.steps import platform_steps
from exposure_audit.geo import place_index as _place_index  # noqa: F401  # see run_audit's Background
from exposure_audit.geo import place_store as _place_store  # noqa: F401
from exposure_audit.geo.places import name_places, usable_place_index
from exposure_audit.limits import DEFAULT_LIMITS, Limits
from exposure_audit.media.enrich import Enricher, MetadataEnricher, photo_member
from exposure_audit.media.metadata import PEEK
from exposure_audit.media.vision.features import ImageDepth
from exposure_audit.media.vision.photo import PhotoExaminer, vision_settings
from exposure_audit.model import (
    AuditReport,
    Coverage,
    Finding,
    InputSummary,
    Item,
    ItemKind,
    MediaRef,
    Platform,
    PolicySummary,
    Skipped,
    SourceRef,
)
from exposure_audit.policy.model import Policy
from exposure_audit.runtime.background import Background
from exposure_audit.runtime.clock import report_time
from exposure_audit.runtime.units import (
    PhotosDone,
    RecordHook,
    Runner,
    Unit,
    UnitResult,
    UnitRunner,
    WorkerState,
    default_jobs,
)
from exposure_audit.scanners import build_correlators, build_scanners
from exposure_audit.scanners.base import Correlator, Scanner
from exposure_audit.scanners.compiled import CompiledPolicy, compile_policy
from exposure_audit.sources.archive import Tree
from exposure_audit.sources.content_sniff import content_members

if TYPE_CHECKING:  # the cache (sqlite, platformdirs) is loaded by whoever makes one, not by --no-cache runs
    from exposure_audit.runtime.cache import ScanCache

PHOTO_BATCH = 64
# A task that read no more photos than this puts them through the photo stage itself: they need
# not cross to the parent and back. Only when pixels are not examined (--images off): a photo read
# for its metadata costs about what its record does, but one examined costs a hundred times more,
# and tasks are ordered by the bytes of their records, so a task that examined its photos would
# finish late and leave the other workers idle. Twice a photo batch: such a unit still takes a few
# milliseconds, and each unit's trip to a worker and back costs the main process some of the
# processor time the workers need (halving the units of 10,000 photos took 5-9% off the processor
# time of the scan).
PHOTOS_IN_TASK = 2 * PHOTO_BATCH


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditOptions:
    """How an audit runs: limits, a forced platform, workers, clock, Ctrl-C, live checks, cache."""

    limits: Limits = DEFAULT_LIMITS
    platform: Platform | None = None  # force every input to this platform
    jobs: int = 0  # worker processes; 0 = one per core
    now: datetime | None = None  # the report's generation time (fixed in tests)
    partial_on_interrupt: bool = False  # on Ctrl-C, return what was done, marked as partial
    public: tuple[str, ...] = ()  # --public specs: live checks; nothing touches the network without them
    live: object | None = None  # exposure_audit.live.LiveOptions; typed loosely so httpx loads only when used
    cache: ScanCache | None = None  # reuse work on records that were null in an earlier scan (runtime/cache.py)
    images: str = "full"  # --images off|fast|full: how much of each photo's pixels is examined (vision/)
    ocr: str = "people"  # --ocr people|full: read text on the people found, or in the whole photo too


class Scanning:
    """The scanners and correlators of one audit, applied to one item at a time."""

    def __init__(self, compiled: CompiledPolicy) -> None:
        self.scanners: list[Scanner] = build_scanners(compiled)
        self.correlators: list[Correlator] = build_correlators(compiled)
        # The scanners of each item kind, in registry order (`Scanner.kinds`).
        self.scanners_of: dict[ItemKind, tuple[Scanner, ...]] = {
            kind: tuple(s for s in self.scanners if s.kinds is None or kind in s.kinds) for kind in ItemKind
        }

    def new_result(self) -> UnitResult:
        return UnitResult(observations=[[] for _ in self.correlators])

    def apply(self, item: Item, result: UnitResult) -> None:
        result.items += 1
        if not result.observations:
            result.observations = [[] for _ in self.correlators]
        for scanner in self.scanners_of[item.kind]:
            try:
                result.findings.extend(scanner.scan(item))
            except Exception as exc:  # isolate one scanner's bug to one item
                result.skipped.append(
                    Skipped(
                        source=item.source,
                        stage="scan",
                        reason=f"rule {scanner.rule} failed on this record ({describe_exception(exc)})",
                    )
                )
        shared: dict[str, object | None] = {}  # observation_key -> what the first of them observed
        for index, correlator in enumerate(self.correlators):
            key = correlator.observation_key
            try:
                observed = shared[key] if key in shared else correlator.observe(item)
            except Exception as exc:
                result.skipped.append(
                    Skipped(
                        source=item.source,
                        stage="correlate",
                        reason=f"rule {correlator.rule} failed on this record ({type(exc).__name__})",
                    )
                )
                continue
            if key:
                shared[key] = observed
            if observed is not None:
                result.observations[index].append(observed)


def run_task(fetcher: Fetcher, tree: Tree, task: Task, scanning: Scanning, apply: RecordHook) -> UnitResult:
    """Read one fetcher task and scan its records with `apply`; photos are kept for the photo stage.

    `apply` is `scanning.apply`, or the cache's stand-in for it that skips records known to be null."""
    result = scanning.new_result()
    try:
        for record in fetcher.run(task, tree):
            if isinstance(record, Skipped):
                result.skipped.append(record)
                if not record.source.pointer:
                    result.failed_members.add(record.source.member)
            elif record.kind is ItemKind.PHOTO and any(m.member for m in record.media):
                result.photos.append(record)
            else:
                apply(record, result)
    except MemberError as exc:
        member = task.members[0] if task.members else ""
        result.skipped.append(Skipped(source=tree.ref(member), stage="fetch", reason=exc.reason))
        result.failed_members.add(member)
    except Exception as exc:  # a fetcher bug must not lose the rest of the report
        member = task.members[0] if task.members else ""
        result.skipped.append(
            Skipped(source=tree.ref(member), stage="fetch", reason=f"could not be read ({describe_exception(exc)})")
        )
        result.failed_members.add(member)
    return result


class AuditUnits:
    """How each unit of an audit is done: a fetcher task's records, or a batch of photos.

    A photo goes through the photo stage (the enrichers, in order) and then the scanners. The cache,
    when there is one, stands in front of this (`runtime/cached_units.py`); nothing here knows of it."""

    def __init__(self, scanning: Scanning, enrichers: Sequence[Enricher]) -> None:
        self.scanning = scanning
        self.enrichers = tuple(enrichers)

    def new_result(self) -> UnitResult:
        return self.scanning.new_result()

    def apply(self, item: Item, result: UnitResult) -> None:
        self.scanning.apply(item, result)

    def task(self, fetcher: Fetcher, tree: Tree, task: Task, apply: RecordHook) -> UnitResult:
        return run_task(fetcher, tree, task, self.scanning, apply)

    def photo(self, tree: Tree, item: Item, result: UnitResult) -> None:
        enriched, staged = self._through_photo_stage(tree, item)
        self._scan_photo(enriched, staged, result)

    def __call__(self, fetcher: Fetcher, tree: Tree, unit: Unit) -> UnitResult:
        if unit.task is not None:
            return self.task(fetcher, tree, unit.task, self.apply)
        # The whole batch goes through the photo stage first, so that the places of all its points
        # are named in one go (one array operation per map cell, not one per photo); then each photo
        # is scanned, its own photo-stage problems recorded just before, as one photo at a time does.
        tree.read_ahead((photo_member(item) for item in unit.photos), PEEK)
        staged = [self._through_photo_stage(tree, item) for item in unit.photos]
        name_places((point.lat, point.lon) for item, _ in staged for point in item.geo)
        result = self.new_result()
        for item, problems in staged:
            self._scan_photo(item, problems, result)
        return result

    def _through_photo_stage(self, tree: Tree, item: Item) -> tuple[Item, UnitResult]:
        """The item as the enrichers leave it, and what they recorded (problems, cache verdicts)."""
        member = photo_member(item)
        staged = UnitResult()
        for enricher in self.enrichers:
            item = enricher.enrich(tree, item, member, staged)
        return item, staged

    def _scan_photo(self, item: Item, staged: UnitResult, result: UnitResult) -> None:
        result.skipped.extend(staged.skipped)
        result.cache.extend(staged.cache)
        self.scanning.apply(item, result)


class PhotosInTask:
    """A unit runner that puts a task's few photos through the photo stage in the same unit.

    What they give is kept apart (`UnitResult.photos_done`) and merged where the photo phase would
    have put it, so that the report is the same as when every photo waits for the photo phase."""

    def __init__(self, runner: UnitRunner) -> None:
        self.runner = runner

    def __call__(self, fetcher: Fetcher, tree: Tree, unit: Unit) -> UnitResult:
        result = self.runner(fetcher, tree, unit)
        if unit.task is None or not result.photos or len(result.photos) > PHOTOS_IN_TASK:
            return result
        photos, result.photos = tuple(result.photos), []
        members = frozenset(m.member for p in photos for m in p.media if m.member)
        done = self.runner(fetcher, tree, Unit(download=unit.download, photos=photos))
        result.photos_done = PhotosDone(members=members, photos=len(photos), result=done)
        return result


def orphan_photo_item(platform: Platform, tree: Tree, member: str) -> Item:
    """A photo found in the download that no record refers to (camera-roll folders, Takeout)."""
    size = tree.members[member].size
    return Item(
        kind=ItemKind.PHOTO,
        platform=platform,
        source=tree.ref(member),
        identity=f"{platform.value}:photo:{member.rsplit('/', 1)[-1]}:{size}",
        text="",
        field="file",
        media=(MediaRef(uri=member, member=member),),
    )


def _coverage(download: Download, planned: set[str], photos: set[str], failed: set[str]) -> Coverage:
    irrelevant: tuple[re.Pattern[str], ...] = download.fetcher.known_irrelevant
    understood = 0
    not_understood: list[str] = []
    for path in download.tree.members:
        if path in planned or path in photos or any(p.search(path) for p in irrelevant):
            understood += 1
        else:
            not_understood.append(path)
    archive_failed = {s.source.member for s in download.tree.skipped}
    unknown = set(not_understood)  # looked up once per member: a list made this quadratic
    unread = content_members(download.tree, [m for m in download.tree.members if m in failed or m in unknown])
    return Coverage(
        members_total=len(download.tree.members) + len(archive_failed),
        members_read=understood - len(failed & set(download.tree.members)),
        members_not_understood=tuple(not_understood),
        members_failed=len(failed | archive_failed),
        content_unread=unread,
        content_read=len(planned - failed - photos),
    )


ProgressHook = Callable[[str, int, int], None]


PhotoStep = Unit | PhotosDone  # a batch still to do, or the photos a task did itself


def _photo_steps(
    download_index: int, download: Download, results: Sequence[UnitResult], candidates: Sequence[str]
) -> tuple[list[PhotoStep], set[str]]:
    """The photo phase of one download, in order: those records referred to, then the image files
    no record mentions. Photos still to do go in batches; those a task did are its results."""
    tree = download.tree
    steps: list[PhotoStep] = []
    waiting: list[Item] = []
    seen: set[str] = set()

    def batch_waiting() -> None:
        steps.extend(
            Unit(download=download_index, photos=tuple(waiting[i : i + PHOTO_BATCH]))
            for i in range(0, len(waiting), PHOTO_BATCH)
        )
        waiting.clear()

    for result in results:
        if result.photos_done is not None:
            batch_waiting()
            steps.append(result.photos_done)
            seen |= result.photos_done.members
        waiting.extend(result.photos)
        seen.update(m.member for p in result.photos for m in p.media if m.member)
    orphans = [orphan_photo_item(download.platform, tree, m) for m in candidates if m not in seen]
    waiting.extend(orphans)
    batch_waiting()
    return steps, seen | {o.media[0].member for o in orphans}


def _summary(
    download: Download, tasks: Sequence[Task], photo_members: set[str], results: Sequence[UnitResult]
) -> InputSummary:
    planned = {m for t in tasks for m in t.members}
    failed: set[str] = set().union(*(r.failed_members for r in results)) if results else set()
    return InputSummary(
        paths=tuple(str(p) for p in download.paths),
        platform=download.platform,
        items=sum(r.items for r in results),
        coverage=_coverage(download, planned, photo_members, failed),
    )


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    seen: set[str] = set()
    unique = []
    for f in findings:
        if f.fingerprint not in seen:
            seen.add(f.fingerprint)
            unique.append(f)
    return unique


def finding_sort_key(f: Finding) -> tuple[object, ...]:
    when = f.created_at.isoformat() if f.created_at else ""
    return (
        -f.severity.rank,
        f.category.value,
        f.platform.value,
        f.rule,
        when,
        f.source.member,
        f.source.pointer,
        f.fingerprint,
    )


def _unit_cost(downloads: Sequence[Download], unit: Unit) -> int:
    """Bytes a unit reads: big members go to the workers first, so no worker idles at the end."""
    if unit.task is None:
        return len(unit.photos)
    members = downloads[unit.download].tree.members
    return sum(members[m].size for m in unit.task.members if m in members)


class _Work:
    """The two phases of an audit (fetcher tasks, then photo batches) and their results in plan order."""

    def __init__(self, downloads: Sequence[Download]) -> None:
        self.downloads = downloads
        self.per_download: list[list[UnitResult]] = [[] for _ in downloads]
        self.photo_members: list[set[str]] = [set() for _ in downloads]
        self._task_results: dict[int, UnitResult] = {}
        self._units: list[Unit] = []
        self._tasks_done = False
        self._steps: list[tuple[int, PhotoStep]] | None = None  # the photo phase, once planned
        self._steps_merged = 0

    def run(self, runner: Runner, units: list[Unit], progress: ProgressHook | None) -> None:
        self._units = units
        candidates = [d.fetcher.media_candidates(d.tree) for d in self.downloads]
        # The photos tasks put through the photo stage themselves are counted as they come, against
        # the image files the downloads hold: the real total is known only once every task is done.
        expected = sum(map(len, candidates))
        photos_done = 0
        order = sorted(range(len(units)), key=lambda i: -_unit_cost(self.downloads, units[i]))
        for done, (index, result) in enumerate(zip(order, runner.map([units[i] for i in order]), strict=False), 1):
            self._task_results[index] = result
            if progress:
                progress("members", done, len(units))
                if result.photos_done is not None:
                    photos_done += result.photos_done.photos
                    progress("photos", photos_done, max(expected, photos_done))
        self.finish_tasks()
        steps: list[tuple[int, PhotoStep]] = []
        for index, download in enumerate(self.downloads):
            planned, self.photo_members[index] = _photo_steps(
                index, download, self.per_download[index], candidates[index]
            )
            steps.extend((index, step) for step in planned)
        self._steps = steps
        photo_units = [step for _, step in steps if isinstance(step, Unit)]
        photos_done = sum(step.photos for _, step in steps if isinstance(step, PhotosDone))
        photo_total = photos_done + sum(len(u.photos) for u in photo_units)
        results = runner.map(photo_units)
        while self._steps_merged < len(steps):
            index, step = steps[self._steps_merged]
            if isinstance(step, PhotosDone):
                self.per_download[index].append(step.result)
            else:
                self.per_download[index].append(next(results))
                photos_done += len(step.photos)
                if progress:
                    progress("photos", photos_done, photo_total)
            self._steps_merged += 1
        if progress and not photo_units and photo_total:
            progress("photos", photos_done, photo_total)

    def finish_tasks(self) -> None:
        """Put the task results (all, or those done before an interrupt) in plan order."""
        if self._tasks_done:
            return
        self._tasks_done = True
        for index in sorted(self._task_results):
            self.per_download[self._units[index].download].append(self._task_results[index])

    def finish_interrupted(self) -> None:
        """Keep what was done before an interrupt: the task results, and the photos the tasks did."""
        self.finish_tasks()
        if self._steps is None:  # interrupted before the photo phase
            for results in self.per_download:
                results.extend([r.photos_done.result for r in results if r.photos_done is not None])
            return
        for index, step in self._steps[self._steps_merged :]:
            if isinstance(step, PhotosDone):
                self.per_download[index].append(step.result)


def _downloads(paths: Sequence[Path], options: AuditOptions) -> list[Download]:
    downloads = group_downloads(paths, options.limits, options.platform) if paths else []
    if options.public:
        from exposure_audit.live import LiveOptions, live_downloads

        live = options.live if isinstance(options.live, LiveOptions) else LiveOptions()
        downloads.extend(live_downloads(options.public, live, options.limits, only_inputs=not paths))
    return downloads


def run_audit(
    paths: Sequence[Path], policy: Policy, options: AuditOptions = AuditOptions(), progress: ProgressHook | None = None
) -> AuditReport:
    """Audit the given paths; raises InputError when a path cannot be audited at all."""
    jobs = options.jobs or default_jobs()
    # With workers to fork, the place index is opened while the inputs are listed and the policy is
    # compiled: most of that is reading and checksumming its file, outside the interpreter's lock. Its
    # modules were imported with this one, not in that thread: an import cycle split between two
    # threads fails with a deadlock error, which would leave every place unnamed.
    places = Background(usable_place_index) if jobs > 1 else None
    try:
        downloads = _downloads(paths, options)
    except BaseException:
        if places is not None:
            places.wait()  # not left running behind the error that ends the command
        raise
    # Compiled once, here: the forked workers inherit the matchers with the scanners.
    compiled = compile_policy(policy)
    settings = vision_settings(policy, options.images, options.ocr, options.limits)
    scanning = Scanning(compiled)
    examiner = PhotoExaminer(policy, compiled.captions, settings)
    # Everything in the options that can change a result is part of the cache's scope.
    context = repr(replace(options, cache=None, jobs=0, now=None, partial_on_interrupt=False))
    cache = options.cache.session(policy, context) if options.cache else None
    audit_units = AuditUnits(scanning, (MetadataEnricher(), examiner))
    unit_runner: UnitRunner = audit_units
    if cache is not None:
        from exposure_audit.runtime.cached_units import CachedUnits, cached_features

        examiner.features = cached_features(examiner.features, cache)
        unit_runner = CachedUnits(audit_units, cache)
    if settings.depth is ImageDepth.OFF:  # see PHOTOS_IN_TASK
        unit_runner = PhotosInTask(unit_runner)
    state = WorkerState(downloads=[(d.fetcher, d.tree) for d in downloads], runner=unit_runner)
    plans = [d.plan() for d in downloads]
    units = [Unit(download=i, task=t) for i, plan in enumerate(plans) for t in plan]
    skipped: list[Skipped] = [s for d in downloads for s in d.tree.skipped]
    interrupted = False
    if places is not None:
        # Made before the workers fork, so that they share one copy instead of each making its own:
        # the place index, and the platforms' steps (a geotag's advice quotes them; so does the checklist).
        places.result()
        platform_steps()
    work = _Work(downloads)
    try:
        with Runner(state, jobs) as runner:
            work.run(runner, units, progress)
    except KeyboardInterrupt:
        if not options.partial_on_interrupt:
            raise
        interrupted = True
        work.finish_interrupted()
    finally:
        for download in downloads:
            download.tree.close()
    per_download, photo_members = work.per_download, work.photo_members
    summaries = [_summary(d, plans[i], photo_members[i], per_download[i]) for i, d in enumerate(downloads)]
    all_results = [r for results in per_download for r in results]
    findings = [f for r in all_results for f in r.findings]
    skipped.extend(s for r in all_results for s in r.skipped)
    if options.cache is not None and cache is not None:
        options.cache.store(cache, (entry for r in all_results for entry in r.cache))
    if progress:
        progress("checks", 0, len(scanning.correlators))
    for index, correlator in enumerate(scanning.correlators):
        if progress:
            progress("checks", index, len(scanning.correlators))
        observations = [o for r in all_results if r.observations for o in r.observations[index]]
        try:
            findings.extend(correlator.correlate(observations))
        except Exception as exc:
            skipped.append(
                Skipped(
                    source=SourceRef(archive="", member=""),
                    stage="correlate",
                    reason=f"rule {correlator.rule} failed ({describe_exception(exc)})",
                )
            )
    if progress:
        progress("checks", len(scanning.correlators), len(scanning.correlators))
    return AuditReport(
        tool_version=__version__,
        generated_at=options.now or report_time(),
        profile=PolicySummary(
            id=policy.id, name=policy.name, organisation=policy.organisation, document=policy.document
        ),
        inputs=tuple(summaries),
        findings=tuple(sorted(_dedupe(findings), key=finding_sort_key)),
        skipped=tuple(skipped),
        interrupted=interrupted,
    )
