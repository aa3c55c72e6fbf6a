"""The engine's scanning of one item: correlators that share an observation key see one observation."""

from __future__ import annotations

import pickle
from pathlib import Path

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
