"""The offline SVG map: well-formed, self-contained, labelled, and robust to one or no point."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from exposure_audit.geo.map import MapPlace, MapPoint, draw, render_svg
from exposure_audit.geo.map_labels import Box
from exposure_audit.geo.map_towns import Town

NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg"
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")  # no external resources
    return root


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{NS}text")]


def test_points_and_labelled_places() -> None:
    points = [MapPoint(lat=-27.4931 + i * 1e-4, lon=153.0754) for i in range(5)]
    points.append(MapPoint(lat=-27.4327, lon=153.0861, precise=False))
    places = [
        MapPlace(lat=-27.4931, lon=153.0754, label="likely home: Camp Hill (Brisbane)", kind="home"),
        MapPlace(lat=-27.4327, lon=153.0861, label="likely workplace: Hendra (Brisbane)", kind="work"),
    ]
    root = parse(render_svg(points, places))
    circles = list(root.iter(f"{NS}circle"))
    assert len(circles) == 6 + 2
    labels = texts(root)
    assert "likely home" in labels and "likely workplace" in labels  # the list under the map says where
    assert any(t.endswith("km") or t.endswith(" m") for t in labels)  # scale bar
    assert not any("27.49" in t or "153.07" in t for t in labels)  # no coordinates as text


def test_one_point_none_and_escaping() -> None:
    parse(render_svg([MapPoint(lat=10.0, lon=10.0)]))
    assert "No geotags found" in texts(parse(render_svg([])))
    root = parse(
        render_svg(
            [],
            [MapPlace(lat=1.0, lon=1.0, label="workplace site: <script>&", kind="site")],
            [Town(name="<b>&", lat=1.001, lon=1.001, population=5000)],
        )
    )
    assert "<script>&" in texts(root) and "<b>&" in texts(root)


def test_places_at_one_spot_share_a_ring() -> None:
    places = [
        MapPlace(lat=-27.4, lon=153.0, label="likely home: X", kind="home"),
        MapPlace(lat=-27.4, lon=153.0, label="seen on several platforms: X", kind="place"),
    ]
    picture = draw([], places)
    assert picture.drawn == ("likely home: X (seen on several platforms)",)
    assert texts(parse(picture.svg)).count("likely home") == 1


# Invented spots around Wollongong's suburbs, and towns with invented names and sizes.
HOME = MapPlace(lat=-34.4185, lon=150.8791, label="likely home: Gwynneville (Wollongong)", kind="home")
WORK = MapPlace(lat=-34.4630, lon=150.9013, label="likely workplace: Port Kembla (Wollongong)", kind="work")
TOWNS = [
    Town(name=f"Town{chr(65 + i)}", lat=-34.40 - 0.007 * i, lon=150.86 + 0.004 * (i % 5), population=9e4 - i)
    for i in range(12)
]


def boxes(root: ET.Element) -> list[tuple[str, Box]]:
    """Each label's box from its drawn position and forced width (textLength) and font size."""
    found = []
    for t in root.iter(f"{NS}text"):
        if "map-label" not in (t.get("class") or "") or t.get("textLength") is None:
            continue
        x, y, size = float(t.get("x", 0)), float(t.get("y", 0)), float(t.get("font-size", 0))
        found.append(
            ("".join(t.itertext()), Box(x, y - size * 0.93, x + float(t.get("textLength", 0)), y + size * 0.27))
        )
    return found


def test_towns_name_each_cluster_and_no_label_covers_another() -> None:
    picture = draw([], [HOME, WORK], TOWNS, width=360, height=420, max_towns=6)
    assert 1 <= len(picture.towns) <= 6 + 2 and picture.dropped == ()
    placed = boxes(parse(picture.svg))
    assert {"likely home", "likely workplace"} <= {text for text, _ in placed}
    for i, (text, box) in enumerate(placed):
        assert box.inside(360, 420), text
        assert not any(box.overlaps(other) for _, other in placed[i + 1 :]), text


def test_a_label_with_no_room_is_dropped_not_drawn_over_another() -> None:
    crowded = [
        MapPlace(
            lat=HOME.lat + 0.003 * (i // 6),
            lon=HOME.lon + 0.003 * (i % 6),
            label=f"likely home: {i}",
            kind="home",
            radius_m=50,
        )
        for i in range(30)
    ]
    picture = draw([], crowded, width=240, height=160)
    assert picture.dropped and picture.drawn
    assert len(picture.drawn) + len(picture.dropped) == 30
    placed = boxes(parse(picture.svg))
    for i, (text, box) in enumerate(placed):
        assert not any(box.overlaps(other) for _, other in placed[i + 1 :]), text
