"""The location section of the HTML report: the map in two layouts and the list of places beside it.

    map_html(findings, sites) -> str | None   # an HTML fragment, None when nothing is located

A desktop map (720 px wide) and a phone map (360 px, fewer towns) are both in the page and CSS shows
the one that fits (`html_assets`): an SVG scaled down to a phone's width would shrink its
labels to 5 px, while the phone layout keeps them at 12-13 px. The list under the map names every
place in full (the map only says "likely home"), and is all there is when a map would not help: a
single spot, or no place label could be placed.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from exposure_audit.geo.distance import haversine_m
from exposure_audit.geo.map import GROUP_M, MapPicture, MapPlace, MapPoint, clusters, draw
from exposure_audit.geo.map_towns import Town, nearest, towns_around
from exposure_audit.model import Finding, Precision
from exposure_audit.policy.model import Site
from exposure_audit.reporters.plural import plural
from exposure_audit.scanners.catalogue import Reveals, rule_catalogue

# The ring of a place a correlator draws from many geotags, by what the rule catalogue says it reveals.
PLACE_KINDS = {Reveals.HOME: "home", Reveals.WORKPLACE: "work", Reveals.ROUTINE: "routine", Reveals.PLACE: "place"}
LAYOUTS = (("map map-wide", 720, 460, 10), ("map map-narrow", 360, 420, 6))  # class, width, height, towns
CAPTION = "Places your posts and photos reveal, rounded to about 1 km. Squares are towns and suburbs, for orientation."


def place_kind(rule: str) -> str | None:
    info = rule_catalogue().get(rule)
    return PLACE_KINDS.get(info.spec.reveals) if info and info.correlator else None


def located(findings: Sequence[Finding], sites: Sequence[Site] = ()) -> tuple[list[MapPoint], list[MapPlace]]:
    """EXP501 geotags as points; home/work/routine/shared places as places labelled with the finding's
    place name; workplace sites (pass `policy.sites`) too, when anything of the person's is located."""
    points = [
        MapPoint(lat=g.lat, lon=g.lon, precise=g.precision is Precision.GPS)
        for f in findings
        if f.rule == "EXP501"
        for g in f.geo[:1]
    ]
    places = []
    for f in findings:
        kind = place_kind(f.rule)
        if kind is None or not f.geo:
            continue
        centre = f.geo[0]
        places.append(MapPlace(lat=centre.lat, lon=centre.lon, label=centre.name or kind, kind=kind))
    if not points and not places:
        return [], []
    places += [
        MapPlace(lat=s.lat, lon=s.lon, label=f"workplace site: {s.name}", kind="site", radius_m=s.radius_m)
        for s in sites
    ]
    return points, places


def _item(label: str) -> str:
    head, _, rest = label.partition(":")
    if not rest:
        return f"<li>{escape(label)}</li>"
    return f"<li><strong>{escape(head)}</strong>:{escape(rest)}</li>"


def _groups(points: Sequence[MapPoint], places: Sequence[MapPlace], towns: Sequence[Town]) -> list[str]:
    """ "3 geotags near Figtree" for each group of geotags away from the named places."""
    lines = []
    for lat, lon in clusters(points, places)[len(places) :]:
        count = sum(1 for p in points if haversine_m(p.lat, p.lon, lat, lon) <= GROUP_M)
        town = nearest(towns, lat, lon)
        where = f"near {town.name}" if town is not None else "away from the places above"
        lines.append(f"{plural(count, 'geotag')} {where}")
    return lines


def _list(
    pictures: Sequence[MapPicture], points: Sequence[MapPoint], places: Sequence[MapPlace], towns: Sequence[Town]
) -> str:
    labels = list(dict.fromkeys(label for p in pictures for label in (*p.drawn, *p.dropped)))
    items = "".join(_item(label) for label in labels)
    items += "".join(f"<li>{escape(line)}</li>" for line in _groups(points, places, towns))
    return f'<ul class="map-places">{items}</ul>'


def map_html(findings: Sequence[Finding], sites: Sequence[Site] = ()) -> str | None:
    points, places = located(findings, sites)
    if not points and not places:
        return None
    spots = [(p.lat, p.lon) for p in points] + [(p.lat, p.lon) for p in places]
    towns = towns_around(spots)
    pictures = [
        draw(points, places, towns, width=width, height=height, max_towns=count, css_class=cls)
        for cls, width, height, count in LAYOUTS
    ]
    listing = _list(pictures, points, places, towns)
    useful = len(clusters(points, places)) >= 2 and all(p.drawn or not places for p in pictures)
    if not useful:  # one spot, or no label would fit: the names say more than an empty box
        return (
            f'<figure class="location location-list"><figcaption class="muted">Places your posts and '
            f"photos reveal, rounded to about 1 km.</figcaption>{listing}</figure>"
        )
    maps = "".join(p.svg for p in pictures)
    return f'<figure class="location">{maps}<figcaption class="muted">{CAPTION}</figcaption>{listing}</figure>'
