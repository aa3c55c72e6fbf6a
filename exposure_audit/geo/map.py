"""An offline picture of a person's geotags: an SVG with no map tiles, for the HTML report.

    render_svg(points, places) -> str         # the picture, from plain values
    svg_from_findings(findings) -> str | None # the same, from an audit's location findings

Points are the geotags (small dots, filled for GPS, hollow for a named place's coordinates).
Places are the clusters with a meaning (likely home, workplace, routine) and workplace sites, drawn
as rings of their radius with a label that names the coarse place (suburb, city), never a street
and never coordinates as text. The projection is a local equirectangular one fitted to the points,
with a scale bar and a north mark, which is accurate to a few per cent over a city.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from exposure_audit.config import Site
from exposure_audit.geo.distance import EARTH_RADIUS_M
from exposure_audit.model import Finding, Precision
from exposure_audit.scanners.catalogue import Reveals, rule_catalogue

MIN_SPAN_M = 1500.0  # a lone point still gets a neighbourhood around it
MAX_DOTS = 4000  # more points than this are thinned to one dot per pixel
KIND_COLOURS = {"home": "#c0392b", "work": "#1f5fa8", "routine": "#b7791f", "site": "#555555", "place": "#6b3fa0"}
# The ring of a place a correlator draws from many geotags, by what the rule catalogue says it reveals.
PLACE_KINDS = {Reveals.HOME: "home", Reveals.WORKPLACE: "work", Reveals.ROUTINE: "routine", Reveals.PLACE: "place"}


def place_kind(rule: str) -> str | None:
    info = rule_catalogue().get(rule)
    return PLACE_KINDS.get(info.spec.reveals) if info and info.correlator else None


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


class _Projection:
    def __init__(self, lats: Sequence[float], lons: Sequence[float], width: int, height: int, margin: int) -> None:
        self.lat0 = (min(lats) + max(lats)) / 2
        self.lon0 = (min(lons) + max(lons)) / 2
        self.k = math.cos(math.radians(self.lat0))
        xs = [self._x_m(lon) for lon in lons]
        ys = [self._y_m(lat) for lat in lats]
        span_x = max(max(xs) - min(xs), MIN_SPAN_M)
        span_y = max(max(ys) - min(ys), MIN_SPAN_M)
        self.scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)  # pixels per metre
        self.cx, self.cy = width / 2, height / 2

    def _x_m(self, lon: float) -> float:
        return math.radians(lon - self.lon0) * EARTH_RADIUS_M * self.k

    def _y_m(self, lat: float) -> float:
        return math.radians(lat - self.lat0) * EARTH_RADIUS_M

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        return self.cx + self._x_m(lon) * self.scale, self.cy - self._y_m(lat) * self.scale


def _scale_bar(scale: float, width: int, height: int) -> str:
    target = 120 / scale  # metres that 120 px show
    step = 10 ** math.floor(math.log10(target))
    metres = max(s * step for s in (1, 2, 5) if s * step <= target)
    pixels = metres * scale
    text = f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"
    x, y = 16, height - 18
    return (f'<g class="scale"><path d="M{x},{y - 5}V{y}H{x + pixels:.1f}V{y - 5}" fill="none" stroke="#333"/>'
            f'<text x="{x + pixels / 2:.1f}" y="{y - 8}" text-anchor="middle">{escape(text)}</text></g>'
            f'<g class="north"><path d="M{width - 24},{42}L{width - 18},{24}L{width - 12},{42}Z" fill="#333"/>'
            f'<text x="{width - 18}" y="{56}" text-anchor="middle">N</text></g>')


PRIORITY = ("home", "work", "routine", "site", "place")


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


def render_svg(points: Sequence[MapPoint], places: Sequence[MapPlace] = (), *, width: int = 720,
               height: int = 480, title: str = "Where your geotags are") -> str:
    """A standalone SVG document (no external resources) of the points and labelled places."""
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" font-family="sans-serif" font-size="12">'
            f"<title>{escape(title)}</title><rect width=\"100%\" height=\"100%\" fill=\"#f6f4ef\"/>")
    if not points and not places:
        return head + f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">No geotags found</text></svg>'
    lats = [p.lat for p in points] + [p.lat for p in places]
    lons = [p.lon for p in points] + [p.lon for p in places]
    projection = _Projection(lats, lons, width, height, margin=48)
    body = [head, _scale_bar(projection.scale, width, height), '<g class="geotags">']
    seen: set[tuple[int, int]] = set()
    for point in points:
        x, y = projection.xy(point.lat, point.lon)
        if len(points) > MAX_DOTS:
            if (int(x), int(y)) in seen:
                continue
            seen.add((int(x), int(y)))
        style = 'fill="#222" fill-opacity="0.55"' if point.precise else 'fill="none" stroke="#222"'
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" {style}/>')
    body.append('</g><g class="places">')
    labels: list[tuple[float, float, float, float]] = []  # boxes of labels already placed
    for place, extra in _merged(places, projection):
        x, y = projection.xy(place.lat, place.lon)
        colour = KIND_COLOURS.get(place.kind, KIND_COLOURS["place"])
        radius = max(8.0, place.radius_m * projection.scale)
        dash = ' stroke-dasharray="6 4"' if place.kind == "site" else ""
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{colour}" fill-opacity="0.12" '
                    f'stroke="{colour}" stroke-width="2"{dash}/>')
        text = place.label + extra
        text_width = 6.5 * len(text)  # about right for 12 px sans-serif
        fits_right = x + radius + 4 + text_width <= width - 4
        fits_left = x - radius - 4 - text_width >= 4
        anchor = "start" if fits_right or not fits_left else "end"
        ty = y + 4
        if fits_right:
            left = x + radius + 4
        elif fits_left:
            left = x - radius - 4 - text_width
        else:  # too long for either side: under the ring
            left = max(4.0, min(x - text_width / 2, width - 4 - text_width))
            ty = y + radius + 14
        while any(left < b[2] and b[0] < left + text_width and ty - 12 < b[3] and b[1] < ty + 2 for b in labels):
            ty += 15  # move down until it no longer covers another label
        labels.append((left, ty - 12, left + text_width, ty + 2))
        tx = left + text_width if anchor == "end" else left
        body.append(f'<text x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}" fill="{colour}" '
                    f'data-kind={quoteattr(place.kind)}>{escape(text)}</text>')
    body.append("</g></svg>")
    return "".join(body)


def svg_from_findings(findings: Sequence[Finding], sites: Sequence[Site] = (), *, width: int = 720,
                      height: int = 480) -> str | None:
    """The map of an audit: EXP501 geotags as points, home/work/routine/shared places as labelled rings
    (their label is the finding's place name), workplace sites (pass `pack.sites`) as dashed rings.
    None when nothing is located."""
    points = [MapPoint(lat=g.lat, lon=g.lon, precise=g.precision is Precision.GPS)
              for f in findings if f.rule == "EXP501" for g in f.geo[:1]]
    places = []
    for f in findings:
        kind = place_kind(f.rule)
        if kind is None or not f.geo:
            continue
        centre = f.geo[0]
        places.append(MapPlace(lat=centre.lat, lon=centre.lon, label=centre.name or kind, kind=kind))
    if not points and not places:
        return None
    places += [MapPlace(lat=s.lat, lon=s.lon, label=f"site: {s.name}", kind="site", radius_m=s.radius_m)
               for s in sites]
    return render_svg(points, places, width=width, height=height)
