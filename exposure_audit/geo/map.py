"""An offline picture of a person's geotags: an SVG with no map tiles, for the HTML report.

    draw(points, places, towns) -> MapPicture  # the picture, from plain values, and what it left out
    render_svg(points, places) -> str          # the same, only the SVG document

Points are the geotags (small dots, filled for GPS, hollow for a named place's coordinates).
Places are the clusters with a meaning (likely home, workplace, routine) and workplace sites, drawn
as rings of their radius with a short label ("likely home"); the coarse place each is in is named
by the list beside the map (`reporters.formats.html_map`), never a street and never coordinates as text. Towns
are the populated places around them (`geo.map_towns`), drawn as small squares with their name, so
a person recognises the area. Labels are placed so that none covers another, a ring, the scale bar
or the north mark (`geo.map_labels`); one that finds no spot is left out and listed by the caller.
The projection is a local equirectangular one fitted to the points, the places and each place's
nearest town, accurate to a few per cent over a city.

There is no coastline or land/sea shading: the one small packaged land mask on PyPI
(`global-land-mask`, a 2.5 MB wheel) is a 1 km grid that decompresses to about 930 MB in memory when
loaded, and at 1 km its coast would be a staircase across a map a few kilometres wide. The town
names carry the context instead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from exposure_audit.geo.distance import EARTH_RADIUS_M, haversine_m
from exposure_audit.geo.map_labels import Box, LabelRequest, PlacedLabel, Placer, circle_box
from exposure_audit.geo.map_towns import NEAREST_REACH_M, Town, nearest

MIN_SPAN_M = 1500.0  # a lone point still gets a neighbourhood around it
MAX_DOTS = 4000  # more points than this are thinned to one dot per pixel
GROUP_M = 500.0  # geotags this close to each other (and to no ring) are one cluster on the map
MAX_GROUPS = 12
NAMED_M = 1500.0  # a town drawn this close to a cluster already names it
BACKGROUND = "#f6f4ef"
KIND_COLOURS = {"home": "#c0392b", "work": "#1f5fa8", "routine": "#9a6412", "site": "#555555", "place": "#6b3fa0"}
SHORT_LABELS = {
    "home": "likely home",
    "work": "likely workplace",
    "routine": "routine stop",
    "place": "seen on several platforms",
}
PRIORITY = ("home", "work", "routine", "site", "place")
FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"


@dataclass(frozen=True, slots=True, kw_only=True)
class MapPoint:
    lat: float
    lon: float
    precise: bool = True  # GPS; False for a named place's coordinates


@dataclass(frozen=True, slots=True, kw_only=True)
class MapPlace:
    lat: float
    lon: float
    label: str  # "likely home: Camp Hill (Brisbane)"
    kind: str = "place"  # "home", "work", "routine", "site", "place"
    radius_m: float = 150.0

    @property
    def short(self) -> str:
        """The words drawn on the map: the kind of place; a site by its name."""
        if self.kind == "site":
            return self.label.partition(": ")[2] or self.label
        return SHORT_LABELS.get(self.kind, self.label.split(":", 1)[0])


@dataclass(frozen=True, slots=True, kw_only=True)
class MapPicture:
    svg: str
    drawn: tuple[str, ...]  # the places labelled on the map (their full labels)
    dropped: tuple[str, ...]  # the places whose label found no free spot
    towns: tuple[str, ...]  # the town names drawn


class _Projection:
    def __init__(self, spots: Sequence[tuple[float, float]], width: int, height: int, margin: int) -> None:
        lats, lons = [s[0] for s in spots], [s[1] for s in spots]
        self.lat0 = (min(lats) + max(lats)) / 2
        self.lon0 = (min(lons) + max(lons)) / 2
        self.k = math.cos(math.radians(self.lat0))
        xs = [self._x_m(lon) for lon in lons]
        ys = [self._y_m(lat) for lat in lats]
        span_x = max(max(xs) - min(xs), MIN_SPAN_M)
        span_y = max(max(ys) - min(ys), MIN_SPAN_M)
        self.scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)  # pixels per metre
        self.cx, self.cy = width / 2, height / 2
        self.cx -= (min(xs) + max(xs)) / 2 * self.scale  # centre the extent, not the mid-latitude point
        self.cy += (min(ys) + max(ys)) / 2 * self.scale

    def _x_m(self, lon: float) -> float:
        return math.radians(lon - self.lon0) * EARTH_RADIUS_M * self.k

    def _y_m(self, lat: float) -> float:
        return math.radians(lat - self.lat0) * EARTH_RADIUS_M

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        return self.cx + self._x_m(lon) * self.scale, self.cy - self._y_m(lat) * self.scale


def _furniture(scale: float, width: int, height: int, font: float) -> tuple[str, list[Box]]:
    """The scale bar (bottom left) and north mark (top right), and the boxes labels must keep clear of."""
    target = min(120.0, width / 4) / scale  # metres that the bar may show
    step = 10 ** math.floor(math.log10(target))
    metres = max(s * step for s in (1, 2, 5) if s * step <= target)
    pixels = metres * scale
    text = f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"
    x, y = 12.0, height - 12.0
    north_x = width - 20.0
    svg = (
        f'<g class="scale"><path d="M{x},{y - 5}V{y}H{x + pixels:.1f}V{y - 5}" fill="none" stroke="#333"/>'
        f'<text class="map-label" x="{x + pixels / 2:.1f}" y="{y - 7:.1f}" text-anchor="middle" '
        f'font-size="{font:g}">{escape(text)}</text></g>'
        f'<g class="north"><path d="M{north_x - 6},30L{north_x},12L{north_x + 6},30Z" fill="#333"/>'
        f'<text class="map-label" x="{north_x}" y="{30 + font + 2:.1f}" text-anchor="middle" '
        f'font-size="{font:g}">N</text></g>'
    )
    scale_box = Box(x - 2, y - 7 - font * 1.1, x + max(pixels, font * 3) + 2, y + 2)
    north_box = Box(north_x - 10, 10, north_x + 10, 30 + font * 1.3 + 2)
    return svg, [scale_box, north_box]


def _merged(places: Sequence[MapPlace], projection: _Projection) -> list[tuple[MapPlace, str]]:
    """One ring per spot: places drawn within 10 px of a more important one add a note to its label."""
    ordered = sorted(places, key=lambda p: PRIORITY.index(p.kind) if p.kind in PRIORITY else len(PRIORITY))
    kept: list[tuple[MapPlace, list[str]]] = []
    for place in ordered:
        x, y = projection.xy(place.lat, place.lon)
        for other, notes in kept:
            ox, oy = projection.xy(other.lat, other.lon)
            if math.hypot(x - ox, y - oy) < 10:
                notes.append(place.label if place.kind == "site" else place.label.split(":", 1)[0])
                break
        else:
            kept.append((place, []))
    return [(place, f" ({'; '.join(notes)})" if notes else "") for place, notes in kept]


def clusters(points: Sequence[MapPoint], places: Sequence[MapPlace]) -> list[tuple[float, float]]:
    """Where things are: each place, then one spot for each group of geotags within no place's reach
    (at most MAX_GROUPS: a map of a world traveller names the places, not every trip)."""
    anchors = [(p.lat, p.lon, p.radius_m) for p in places]
    for point in points:
        if len(anchors) >= len(places) + MAX_GROUPS:
            break
        if not any(haversine_m(point.lat, point.lon, lat, lon) <= GROUP_M + r for lat, lon, r in anchors):
            anchors.append((point.lat, point.lon, 0.0))
    return [(lat, lon) for lat, lon, _ in anchors]


def _text(label: PlacedLabel, cls: str, colour: str, extra: str = "") -> str:
    request = label.request
    weight = ' font-weight="600"' if request.bold else ""
    return (
        f'<text class="map-label {cls}" x="{label.x:.1f}" y="{label.baseline:.1f}" font-size="{request.size:g}"'
        f'{weight} textLength="{label.width:.1f}" lengthAdjust="spacingAndGlyphs" fill="{colour}" '
        f'stroke="{BACKGROUND}" stroke-width="3" stroke-linejoin="round" paint-order="stroke"{extra}>'
        f"{escape(request.text)}</text>"
    )


def _leader(label: PlacedLabel, colour: str) -> str:
    if label.leader is None:
        return ""
    x0, y0, x1, y1 = label.leader
    return f'<path class="leader" d="M{x0:.1f},{y0:.1f}L{x1:.1f},{y1:.1f}" stroke="{colour}" stroke-width="1"/>'


def _head(width: int, height: int, title: str, css_class: str) -> str:
    cls = f" class={quoteattr(css_class)}" if css_class else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg"{cls} width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" font-family="{FONT}">'
        f'<title>{escape(title)}</title><rect width="100%" height="100%" fill="{BACKGROUND}"/>'
    )


def draw(
    points: Sequence[MapPoint],
    places: Sequence[MapPlace] = (),
    towns: Sequence[Town] = (),
    *,
    width: int = 720,
    height: int = 460,
    font: float = 13.0,
    max_towns: int = 10,
    title: str = "Where your geotags are",
    css_class: str = "",
) -> MapPicture:
    """The map as a standalone SVG document (no external resources), and what it shows and leaves out."""
    head = _head(width, height, title, css_class)
    if not points and not places:
        svg = head + f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">No geotags found</text></svg>'
        return MapPicture(svg=svg, drawn=(), dropped=(), towns=())
    anchors = clusters(points, places)
    spots = [(p.lat, p.lon) for p in points] + [(p.lat, p.lon) for p in places]
    for lat, lon in anchors:  # the nearest town of each cluster is in the frame, so it can be named
        town = nearest(towns, lat, lon, NEAREST_REACH_M)
        if town is not None:
            spots.append((town.lat, town.lon))
    projection = _Projection(spots, width, height, margin=max(40, int(font * 3)))
    furniture, obstacles = _furniture(projection.scale, width, height, font)
    merged = _merged(places, projection)
    rings: list[tuple[MapPlace, str, float, float, float]] = []
    for place, extra in merged:
        x, y = projection.xy(place.lat, place.lon)
        rings.append((place, extra, x, y, max(8.0, place.radius_m * projection.scale)))
    dots = [projection.xy(p.lat, p.lon) for p in points]
    placer = Placer(width, height, obstacles + [circle_box(x, y, r) for _, _, x, y, r in rings], dots)
    body = [head, furniture, '<g class="geotags">']
    seen: set[tuple[int, int]] = set()
    for point, (x, y) in zip(points, dots, strict=True):
        if len(points) > MAX_DOTS:
            if (int(x), int(y)) in seen:
                continue
            seen.add((int(x), int(y)))
        style = 'fill="#222" fill-opacity="0.55"' if point.precise else 'fill="none" stroke="#222"'
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" {style}/>')
    for lat, lon in anchors[len(places) :]:  # groups of geotags: an invisible mark of where they are
        x, y = projection.xy(lat, lon)
        body.append(f'<circle class="anchor" cx="{x:.1f}" cy="{y:.1f}" r="6" fill="none"/>')
    body.append('</g><g class="places">')
    drawn: list[str] = []
    dropped: list[str] = []
    labels: list[str] = []
    for place, extra, x, y, radius in rings:
        colour = KIND_COLOURS.get(place.kind, KIND_COLOURS["place"])
        dash = ' stroke-dasharray="6 4"' if place.kind == "site" else ""
        body.append(
            f'<circle class="anchor ring" cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{colour}" '
            f'fill-opacity="0.12" stroke="{colour}" stroke-width="2"{dash} data-kind={quoteattr(place.kind)}/>'
        )
        placed = placer.place(LabelRequest(text=place.short, x=x, y=y, radius=radius, size=font, bold=True))
        if placed is None:
            dropped.append(place.label + extra)
            continue
        drawn.append(place.label + extra)
        labels.append(_leader(placed, colour) + _text(placed, "place", colour, f" data-kind={quoteattr(place.kind)}"))
    body.append('</g><g class="towns">')
    town_names: list[str] = []

    def add_town(town: Town, far: bool) -> bool:
        x, y = projection.xy(town.lat, town.lon)
        marker = circle_box(x, y, 3.0)
        if town.name in town_names or not placer.clear_of_labels(marker):
            return False
        placed = placer.place(LabelRequest(text=town.name, x=x, y=y, radius=3.0, size=font - 1, far=far))
        if placed is None:
            return False
        placer.block(marker)
        town_names.append(town.name)
        body.append(f'<rect x="{x - 2.5:.1f}" y="{y - 2.5:.1f}" width="5" height="5" fill="#fff" stroke="#444"/>')
        labels.append(_leader(placed, "#444") + _text(placed, "town", "#333"))
        return True

    inside = _in_frame(towns, projection, width, height)
    for lat, lon in anchors:  # every cluster gets a name: its nearest town that fits, by a leader if need be
        named = any(haversine_m(lat, lon, t.lat, t.lon) < NAMED_M for t in inside if t.name in town_names)
        for town in [] if named else sorted(inside, key=lambda t: haversine_m(lat, lon, t.lat, t.lon))[:3]:
            if add_town(town, far=True):
                break
    for town in inside:  # then the biggest places around, each by its own mark
        if len(town_names) >= max_towns:
            break
        add_town(town, far=False)
    body.append('</g><g class="labels">')
    body.extend(labels)  # last, so that labels are drawn over rings and dots
    body.append("</g></svg>")
    return MapPicture(svg="".join(body), drawn=tuple(drawn), dropped=tuple(dropped), towns=tuple(town_names))


def _in_frame(towns: Sequence[Town], projection: _Projection, width: int, height: int) -> list[Town]:
    inside = []
    for town in towns:
        x, y = projection.xy(town.lat, town.lon)
        if 6 <= x <= width - 6 and 6 <= y <= height - 6:
            inside.append(town)
    return inside


def render_svg(
    points: Sequence[MapPoint],
    places: Sequence[MapPlace] = (),
    towns: Sequence[Town] = (),
    *,
    width: int = 720,
    height: int = 460,
    title: str = "Where your geotags are",
) -> str:
    """The SVG document alone (see `draw`)."""
    return draw(points, places, towns, width=width, height=height, title=title).svg
