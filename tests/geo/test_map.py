"""The offline SVG map: well-formed, self-contained, labelled, and robust to one or no point."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from exposure_audit.config import Site
from exposure_audit.geo.map import MapPlace, MapPoint, render_svg, svg_from_findings
from exposure_audit.model import Category, Finding, GeoPoint, ItemKind, Level, Platform, Precision, SourceRef

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
    places = [MapPlace(lat=-27.4931, lon=153.0754, label="likely home: Camp Hill (Brisbane)", kind="home"),
              MapPlace(lat=-27.4327, lon=153.0861, label="likely workplace: Hendra (Brisbane)", kind="work")]
    root = parse(render_svg(points, places))
    circles = list(root.iter(f"{NS}circle"))
    assert len(circles) == 6 + 2
    labels = texts(root)
    assert "likely home: Camp Hill (Brisbane)" in labels and "likely workplace: Hendra (Brisbane)" in labels
    assert any(t.endswith("km") or t.endswith(" m") for t in labels)  # scale bar
    assert not any("27.49" in t or "153.07" in t for t in labels)  # no coordinates as text


def test_one_point_none_and_escaping() -> None:
    parse(render_svg([MapPoint(lat=10.0, lon=10.0)]))
    assert "No geotags found" in texts(parse(render_svg([])))
    root = parse(render_svg([], [MapPlace(lat=1.0, lon=1.0, label="<script>&", kind="home")]))
    assert "<script>&" in texts(root)


def test_places_at_one_spot_share_a_ring() -> None:
    places = [MapPlace(lat=-27.4, lon=153.0, label="likely home: X", kind="home"),
              MapPlace(lat=-27.4, lon=153.0, label="seen on several platforms: X", kind="place")]
    root = parse(render_svg([], places))
    assert texts(root).count("likely home: X (seen on several platforms)") == 1


def finding(rule: str, lat: float, lon: float, name: str = "") -> Finding:
    return Finding(rule=rule, category=Category.LOCATION, severity=Level.HIGH, confidence=Level.HIGH,
                   platform=Platform.FACEBOOK, source=SourceRef(archive="a", member="m"), item_kind=ItemKind.PHOTO,
                   item_identity="i", created_at=None, match="", excerpt="", reasons=(), guidance=(), action="",
                   fingerprint=f"{rule}{lat}", geo=(GeoPoint(lat=lat, lon=lon, precision=Precision.GPS,
                                                            origin="exif", name=name),))


def test_from_findings_with_sites() -> None:
    findings = [finding("EXP501", -27.49, 153.07), finding("EXP505", -27.49, 153.07, "likely home: Camp Hill"),
                finding("EXP101", 0.5, 0.5)]
    root = parse(svg_from_findings(findings, (Site(name="Hall", lat=-27.43, lon=153.08, radius_m=300),)) or "")
    assert "likely home: Camp Hill" in texts(root) and "site: Hall" in texts(root)
    assert svg_from_findings([finding("EXP101", 1, 1)]) is None
