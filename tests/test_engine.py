"""The engine's scanning of one item: correlators that share an observation key see one observation."""

from __future__ import annotations

import pickle

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
