"""The engine's scanning of one item: correlators that share an observation key see one observation."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime
from pathlib import Path

import pytest

from exposure_audit.engine import Scanning
from exposure_audit.model import GeoPoint, Item, ItemKind, Platform, Precision, SourceRef
from exposure_audit.policy.model import load_policy
from exposure_audit.scanners.compiled import compile_policy
from exposure_audit.scanners.location_patterns import PlaceCorrelator

PHOTO = Item(
    kind=ItemKind.PHOTO,
    platform=Platform.PHOTOS,
    source=SourceRef(archive="camera-roll", member="DCIM/IMG_0001.jpg"),
    identity="photos:photo:IMG_0001.jpg:1000",
    geo=(GeoPoint(lat=-27.4705, lon=153.0260, precision=Precision.GPS, origin="exif"),),
)


def test_the_place_rules_share_one_observation_of_a_geotagged_item_and_it_is_sent_once() -> None:
    scanning = Scanning(compile_policy(load_policy(None)))
    result = scanning.new_result()
    scanning.apply(PHOTO, result)
    places = [i for i, c in enumerate(scanning.correlators) if isinstance(c, PlaceCorrelator)]
    assert len(places) >= 2
    observed = [result.observations[i] for i in places]
    assert all(len(o) == 1 for o in observed)
    assert all(o[0] is observed[0][0] for o in observed)  # one object, not equal copies
    received = pickle.loads(pickle.dumps(result))
    assert all(received.observations[i][0] is received.observations[places[0]][0] for i in places)
    assert received.observations == result.observations


def test_a_batch_of_photos_records_what_it_records_one_photo_at_a_time(tmp_path: Path) -> None:
    from exposure_audit.engine import AuditUnits
    from exposure_audit.fetchers.photo_folder.fetcher import PhotoFolderFetcher
    from exposure_audit.geo.samples import geotagged
    from exposure_audit.media.enrich import MetadataEnricher
    from exposure_audit.runtime.units import Unit
    from exposure_audit.sources.archive import Tree

    folder = tmp_path / "roll"
    folder.mkdir()
    for n in range(6):
        (folder / f"IMG_{n:04d}.jpg").write_bytes(geotagged("jpeg", seed=n, lat=-27.47 + n / 1000, lon=153.02))
    (folder / "IMG_0003.jpg").write_bytes(b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00broken")  # a problem mid-batch
    tree = Tree.open([folder])
    fetcher = PhotoFolderFetcher()
    photos = tuple(
        record for task in fetcher.plan(tree) for record in fetcher.run(task, tree) if isinstance(record, Item)
    )
    units = AuditUnits(Scanning(compile_policy(load_policy(None))), (MetadataEnricher(),))
    batch = units(fetcher, tree, Unit(download=0, photos=photos))
    one_by_one = units.new_result()
    for photo in photos:
        units.photo(tree, photo, one_by_one)
    assert batch.skipped and batch.skipped == one_by_one.skipped
    assert batch.findings == one_by_one.findings and batch.observations == one_by_one.observations


def geotagged_folder(folder: Path, count: int) -> Path:
    from exposure_audit.geo.samples import geotagged

    folder.mkdir()
    for n in range(count):
        (folder / f"IMG_{n:04d}.jpg").write_bytes(geotagged("jpeg", seed=n, lat=-27.47 + n / 1000, lon=153.02))
    return folder


def test_photos_a_task_puts_through_the_photo_stage_give_the_report_of_the_photo_phase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from exposure_audit import engine
    from exposure_audit.engine import AuditOptions, run_audit
    from exposure_audit.reporters.formats import FORMATS
    from exposure_audit.reporters.view import prepare

    (json_format,) = [f for f in FORMATS if f.name == "json"]
    folder = geotagged_folder(tmp_path / "roll", 150)
    policy = load_policy(None)
    options = AuditOptions(jobs=1, images="off", now=datetime(2026, 11, 1, 9, 0, tzinfo=UTC))

    def report() -> tuple[int, str]:
        audit = run_audit([folder], policy, options)
        return sum(bool(f.geo) for f in audit.findings), json_format.render(
            prepare(audit, policy), json_format.options()
        )

    in_tasks = report()
    monkeypatch.setattr(engine, "PHOTOS_IN_TASK", 0)  # every photo waits for the photo phase
    assert report() == in_tasks
    assert in_tasks[0] > 0  # the photos were looked at


def test_photo_progress_is_shown_while_the_tasks_read_the_photos(tmp_path: Path) -> None:
    from exposure_audit.engine import AuditOptions, run_audit

    folder = geotagged_folder(tmp_path / "roll", 150)
    seen: list[tuple[str, int, int]] = []
    options = AuditOptions(jobs=1, images="off")
    run_audit([folder], load_policy(None), options, progress=lambda *update: seen.append(update))
    photos = [(done, total) for stage, done, total in seen if stage == "photos"]
    last_read = max(i for i, (stage, _, _) in enumerate(seen) if stage == "members")
    first_photos = min(i for i, (stage, _, _) in enumerate(seen) if stage == "photos")
    assert first_photos < last_read  # counted while the downloads are still being read
    assert [done for done, _ in photos] == sorted(done for done, _ in photos)
    assert photos[0][0] < 150 and photos[-1] == (150, 150)


def test_photos_whose_pixels_are_examined_wait_for_the_photo_phase(tmp_path: Path) -> None:
    """A task examining its photos would finish long after the others and leave the workers idle."""
    from exposure_audit.engine import AuditOptions, run_audit

    folder = geotagged_folder(tmp_path / "roll", 150)
    seen: list[tuple[str, int, int]] = []
    options = AuditOptions(jobs=1, images="fast")
    run_audit([folder], load_policy(None), options, progress=lambda *update: seen.append(update))
    last_read = max(i for i, (stage, _, _) in enumerate(seen) if stage == "members")
    assert [done for stage, done, _ in seen[:last_read] if stage == "photos"] in ([], [0])
    assert ("photos", 150, 150) in seen[last_read:]


def test_an_interrupted_audit_keeps_the_photos_its_finished_tasks_looked_at(tmp_path: Path) -> None:
    from exposure_audit.engine import AuditOptions, run_audit

    folder = geotagged_folder(tmp_path / "roll", 150)

    def interrupt_after_the_first_task(stage: str, done: int, total: int) -> None:
        if stage == "members" and done == 1:
            raise KeyboardInterrupt

    options = AuditOptions(jobs=1, images="off", partial_on_interrupt=True)
    report = run_audit([folder], load_policy(None), options, progress=interrupt_after_the_first_task)
    whole = run_audit([folder], load_policy(None), AuditOptions(jobs=1, images="off"))
    assert report.interrupted
    located = {f.source.member for f in report.findings if f.geo}
    assert 0 < len(located) < len({f.source.member for f in whole.findings if f.geo})


def test_a_photo_folders_tasks_are_small_enough_to_do_their_photos_themselves() -> None:
    from exposure_audit import engine
    from exposure_audit.fetchers.photo_folder.fetcher import TASK_PHOTOS

    assert engine.PHOTO_BATCH <= TASK_PHOTOS <= engine.PHOTOS_IN_TASK


class _FailingRule:
    """A rule with a bug: it chokes on the text of the record and says so, quoting it."""

    rule = "EXP999"

    def scan(self, item: Item) -> list[object]:
        return [int(item.text)]


def test_a_rule_that_fails_on_a_record_is_named_without_quoting_the_record() -> None:
    scanning = Scanning(compile_policy(load_policy(None)))
    scanning.scanners_of[ItemKind.POST] = (_FailingRule(),)  # type: ignore[assignment]
    post = Item(
        kind=ItemKind.POST,
        platform=Platform.FACEBOOK,
        source=SourceRef(archive="facebook.zip", member="posts.json", pointer="/0"),
        identity="facebook:post:1",
        text="Call me on 0412 345 678 after my shift",
    )
    result = scanning.new_result()
    scanning.apply(post, result)
    assert [s.reason for s in result.skipped] == [
        "rule EXP999 failed on this record (ValueError: invalid literal for int() with base 10: '…')"
    ]
