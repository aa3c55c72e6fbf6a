"""The location section of the HTML report in a real headless chromium, for the three demo people.

Read from the rendered page (element boxes through JavaScript, not pixels), at a desktop and a phone
width: no two map labels overlap (town names, place labels, scale bar, north mark), each is at least
11 CSS px tall, and every cluster on the map has a town or suburb name near it. Plus the list that
stands in for a map that would not help.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from exposure_audit.model import Category, Finding, GeoPoint, ItemKind, Level, Platform, Precision, SourceRef
from exposure_audit.output.atomic import write_private
from exposure_audit.policy.model import Site
from exposure_audit.reporters.formats.html_map import map_html
from tests.reporters.test_html_browser import DevTools, pytestmark  # noqa: F401

VIEWPORTS = [(1280, 800), (390, 844)]
PERSONAS = ("officer", "analyst", "careful")
MIN_HEIGHT = 11.0  # CSS px
NEAR = 160.0  # CSS px from a cluster's centre to a town label's box

MEASURE = """
(() => {
  const box = e => { const r = e.getBoundingClientRect();
    return {x0: r.left, y0: r.top, x1: r.right, y1: r.bottom, text: e.textContent,
            cls: e.getAttribute('class') || ''}; };
  const maps = [...document.querySelectorAll('figure.location svg.map')]
    .filter(s => s.getBoundingClientRect().width > 0);
  return maps.map(svg => ({map: box(svg), labels: [...svg.querySelectorAll('text')].map(box),
                           anchors: [...svg.querySelectorAll('.anchor')].map(box)}));
})()
"""


@pytest.fixture(scope="module")
def demo_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The HTML report of each demo person, rendered as `exposure-audit demo` renders it."""
    from exposure_audit.demo import build_demo_download, demo_sites
    from exposure_audit.engine import run_audit
    from exposure_audit.policy.model import load_policy
    from exposure_audit.reporters.formats.render import render_formats
    from exposure_audit.reporters.view import prepare

    pages = {}
    for persona in PERSONAS:
        folder = tmp_path_factory.mktemp(persona)
        policy = load_policy(None).with_sites(demo_sites(persona))
        report = run_audit(build_demo_download(folder / "download", persona), policy)
        path = folder / "exposure-audit-report.html"
        write_private(path, render_formats(prepare(report, policy), ["html"])["html"])
        pages[persona] = path.as_uri()
    return pages


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevTools]:
    tools = DevTools(tmp_path_factory.mktemp("profile"))
    try:
        tools.attach()
        yield tools
    finally:
        tools.close()


def measure(browser: DevTools, page: str, width: int, height: int) -> list[dict[str, Any]]:
    browser.send(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    browser.load(page)
    maps: list[dict[str, Any]] = browser.js(MEASURE)
    return maps


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return a["x0"] < b["x1"] - 0.5 and b["x0"] < a["x1"] - 0.5 and a["y0"] < b["y1"] - 0.5 and b["y0"] < a["y1"] - 0.5


def gap(anchor: dict[str, float], label: dict[str, float]) -> float:
    """Distance from the anchor's centre to the nearest point of the label's box."""
    cx, cy = (anchor["x0"] + anchor["x1"]) / 2, (anchor["y0"] + anchor["y1"]) / 2
    dx = max(label["x0"] - cx, 0.0, cx - label["x1"])
    dy = max(label["y0"] - cy, 0.0, cy - label["y1"])
    return float((dx * dx + dy * dy) ** 0.5)


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_map_labels_are_apart_readable_and_name_the_towns(
    browser: DevTools, demo_pages: dict[str, str], persona: str, width: int, height: int
) -> None:
    maps = measure(browser, demo_pages[persona], width, height)
    assert len(maps) == 1, maps  # exactly one layout shows at a time
    shown = maps[0]
    labels, anchors, frame = shown["labels"], shown["anchors"], shown["map"]
    assert frame["x1"] <= width + 0.5  # the map fits the screen
    towns = [t for t in labels if "town" in t["cls"].split()]
    assert towns and anchors
    for i, a in enumerate(labels):
        assert a["y1"] - a["y0"] >= MIN_HEIGHT, a
        assert frame["x0"] <= a["x0"] and a["x1"] <= frame["x1"], a
        assert frame["y0"] <= a["y0"] and a["y1"] <= frame["y1"], a
        for b in labels[i + 1 :]:
            assert not overlap(a, b), (a, b)
    for anchor in anchors:
        assert min(gap(anchor, t) for t in towns) <= NEAR, (anchor, towns)
    for town in towns:  # names of places, never coordinates
        assert not any(ch.isdigit() for ch in town["text"]), town


def test_the_phone_layout_keeps_its_text_size(browser: DevTools, demo_pages: dict[str, str]) -> None:
    """At 390 px the phone map shows at about its own size, not a desktop map shrunk by half."""
    shown = measure(browser, demo_pages["officer"], 390, 844)[0]
    assert "map-narrow" in shown["map"]["cls"]
    place_labels = [t for t in shown["labels"] if "place" in t["cls"].split()]
    assert place_labels and all(t["y1"] - t["y0"] >= 13 for t in place_labels)


def finding(rule: str, lat: float, lon: float, name: str = "") -> Finding:
    return Finding(
        rule=rule,
        category=Category.LOCATION,
        severity=Level.HIGH,
        confidence=Level.HIGH,
        platform=Platform.FACEBOOK,
        source=SourceRef(archive="a", member="m"),
        item_kind=ItemKind.PHOTO,
        item_identity="i",
        created_at=None,
        match="",
        excerpt="",
        reasons=(),
        guidance=(),
        action="",
        fingerprint=f"{rule}{lat}",
        geo=(GeoPoint(lat=lat, lon=lon, precision=Precision.GPS, origin="exif", name=name),),
    )


def test_one_spot_is_a_list_not_an_empty_map() -> None:
    # Invented coordinates in Wollongong's suburbs: one geotag and nothing else located.
    html = map_html([finding("EXP501", -34.4185, 150.8791)]) or ""
    assert 'class="location location-list"' in html and "<svg" not in html
    assert "1 geotag near " in html


def test_places_and_sites_are_listed_in_full_under_the_map() -> None:
    findings = [
        finding("EXP501", -34.4185, 150.8791),
        finding("EXP501", -34.4630, 150.9013),
        finding("EXP505", -34.4185, 150.8791, "likely home: Gwynneville"),
    ]
    html = map_html(findings, (Site(name="Cargo Hall", lat=-34.4629, lon=150.9014, radius_m=400),)) or ""
    assert html.count("<svg") == 2
    assert "<li><strong>likely home</strong>: Gwynneville</li>" in html
    assert "<strong>workplace site</strong>: Cargo Hall" in html
    assert map_html([finding("EXP101", 1, 1)]) is None
