"""Per-item location rules: a geotag on a record, a geotag at a workplace, a coarse place on a profile."""

from __future__ import annotations

from collections.abc import Iterable

from exposure_audit.geo.distance import haversine_m, valid_coordinate
from exposure_audit.geo.places import format_distance, reverse_geocode
from exposure_audit.model import Category, Finding, GeoPoint, Item, ItemKind, Level, Platform, Precision
from exposure_audit.policy.model import Site
from exposure_audit.scanners.base import Scanner
from exposure_audit.scanners.catalogue import Reveals, RuleSpec
from exposure_audit.scanners.compiled import CompiledPolicy
from exposure_audit.scanners.location_actions import CAMERA_OFF, STRIP_COPIES, coarse_place, remove_posted

# Records the platform keeps about you rather than publishes: exposure to the platform and to anyone
# who obtains the data, lower than a geotag on a post.
LOGGED_ORIGINS = frozenset({"last_location", "last_known_location", "location_history"})
FILE_ORIGINS = frozenset({"exif", "exif_data", "photo_metadata", "geoData", "geoDataExif"})
PRECISE = (Precision.GPS, Precision.PLACE)


def precise_point(item: Item) -> GeoPoint | None:
    """The item's most precise valid coordinates: GPS before a named place's; None without either."""
    best: GeoPoint | None = None
    for point in item.geo:  # the first of the most precise kind, as a stable sort by precision gives
        if (
            point.precision in PRECISE
            and valid_coordinate(point.lat, point.lon)
            and (best is None or PRECISE.index(point.precision) < PRECISE.index(best.precision))
        ):
            best = point
    return best


EDITED_APART_M = 25.0  # two positions of one photo further apart than this are two places, not GPS noise


def reported_points(item: Item) -> list[GeoPoint]:
    """The positions a record gives away: its most precise one and, when a position was edited (Google
    Photos keeps the user's `geoData` and the camera's `geoDataExif`; the file keeps its EXIF), every
    other GPS position further than EDITED_APART_M from those already kept: the original is what the
    file and the download still say, whatever the edit shows."""
    first = precise_point(item)
    if first is None:
        return []
    kept = [first]
    if len(item.geo) == 1:  # a photo's EXIF position, a post's place: nothing else to compare it with
        return kept
    for point in item.geo:
        if (
            point.precision is Precision.GPS
            and valid_coordinate(point.lat, point.lon)
            and all(haversine_m(point.lat, point.lon, k.lat, k.lon) > EDITED_APART_M for k in kept)
        ):
            kept.append(point)
    return kept


def _edited_reason(point: GeoPoint, first: GeoPoint) -> str:
    return (
        f"the location shown ({first.origin}) was edited; the photo's original position ({point.origin}) is "
        f"still in the download, {format_distance(haversine_m(point.lat, point.lon, first.lat, first.lon))} away"
    )


def nearest_site(sites: Iterable[Site], point: GeoPoint) -> tuple[Site, float] | None:
    """The nearest site and its distance; of sites equally near, the first (as a stable sort gives)."""
    return min(((s, haversine_m(point.lat, point.lon, s.lat, s.lon)) for s in sites), key=_distance, default=None)


def _distance(ranked: tuple[Site, float]) -> float:
    return ranked[1]


def coordinates_text(point: GeoPoint) -> str:
    return f"{point.lat:.5f}, {point.lon:.5f}"


def place_text(point: GeoPoint) -> str:
    place = reverse_geocode(point.lat, point.lon)
    return place.describe() if place else "no populated place nearby"


def _origin_reason(point: GeoPoint) -> str:
    if point.origin == "exif":
        return "the photo file itself carries GPS coordinates (EXIF)"
    if point.origin in FILE_ORIGINS:
        return f"the download keeps the photo's GPS coordinates ({point.origin})"
    if point.precision is Precision.PLACE:
        return f"tagged with a named place and its coordinates ({point.origin})"
    return f"precise coordinates recorded ({point.origin})"


class GeotagPresent(Scanner):
    """A photo, post, check-in, event or location record carries coordinates.

    Fires once per position a record gives away (see `reported_points`: a Google Photos location edited
    by the user still leaves the camera's original in geoDataExif and the file's EXIF, and both are
    reported), with precise coordinates: GPS from the image file (EXIF) or from the
    download's photo metadata (Meta `exif_data`, Google `geoData`), or a named place's coordinates
    (check-ins, post and event places, tweet coordinates). The finding names the nearest town or
    suburb (offline; never a street address), the distance to it, and the distance to the nearest
    workplace site of the pack or `--site`. Coordinates 0/0 mean "none" and never fire. Records the
    platform only logs (last known location) are reported at low severity; published geotags at
    medium. Geotags inside a workplace site are reported again by EXP502.
    """

    spec = RuleSpec(id="EXP501", title="Geotag present", category=Category.LOCATION)

    def __init__(self, compiled: CompiledPolicy) -> None:
        super().__init__(compiled)
        # The action of each (platform, logged, from the file): the same few wordings for every
        # geotag of a download, joined once rather than per photo.
        self._actions: dict[tuple[Platform, bool, bool], str] = {}

    def _action(self, platform: Platform, logged: bool, from_file: bool) -> str:
        key = (platform, logged, from_file)
        action = self._actions.get(key)
        if action is None:
            steps = [remove_posted(platform)] if not logged else []
            if from_file:
                steps += [CAMERA_OFF, STRIP_COPIES]
            action = self._actions[key] = " ".join([self.policy.action_for(self.category), *steps]).strip()
        return action

    def scan(self, item: Item) -> Iterable[Finding]:
        points = reported_points(item)
        for point in points:
            yield self._finding(item, point, points[0])

    def _finding(self, item: Item, point: GeoPoint, first: GeoPoint) -> Finding:
        precise = point.precision is Precision.GPS
        reasons = [_origin_reason(point), "precise (GPS)" if precise else "a named place's coordinates"]
        if point is not first:
            reasons.append(_edited_reason(point, first))
        site = nearest_site(self.policy.sites, point)
        if site is not None:
            reasons.append(f"{format_distance(site[1])} from workplace site '{site[0].name}'")
        logged = point.origin in LOGGED_ORIGINS or (item.kind is ItemKind.LOCATION and point.origin != "marketplace")
        from_file = point.origin in FILE_ORIGINS or item.kind is ItemKind.PHOTO
        return self.finding(
            item,
            match=coordinates_text(point),
            excerpt=place_text(point),
            severity=Level.LOW if logged else Level.MEDIUM,
            confidence=Level.HIGH,
            reasons=reasons,
            action=self._action(item.platform, logged, from_file),
            geo=(point,),
            identity_extra="" if point is first else f"original:{point.origin}",
        )


class WorkLocationGeotag(Scanner):
    """A geotag falls inside a workplace site: it identifies a current work location.

    Sites come from the policy pack (`[[sites]]`) and from `--site NAME=LAT,LON[,RADIUS_M]`. Any
    precise geotag (GPS or a named place) within a site's radius fires, once per record, naming the
    nearest such site. The policy forbids identifying current work locations, so this is high
    severity; a named place's coordinates (a venue near the site) give medium confidence.
    """

    spec = RuleSpec(
        id="EXP502",
        category=Category.LOCATION,
        reveals=Reveals.WORKPLACE,
        title="Geotag identifies a current work location",
    )

    def scan(self, item: Item) -> Iterable[Finding]:
        points = reported_points(item)
        if not points or not self.policy.sites:
            return
        inside = [
            (p, s, d)
            for p in points
            for s in self.policy.sites
            if (d := haversine_m(p.lat, p.lon, s.lat, s.lon)) <= s.radius_m
        ]
        if not inside:
            return
        # The position shown first if it is inside; else the edited-away original that is.
        point, site, distance = min(inside, key=lambda p: (points.index(p[0]), p[2]))
        reasons = [_origin_reason(point), f"inside the {site.radius_m:.0f} m radius of '{site.name}'"]
        if point is not points[0]:
            reasons.append(_edited_reason(point, points[0]))
        yield self.finding(
            item,
            match=coordinates_text(point),
            excerpt=f"{format_distance(distance)} from workplace site '{site.name}'",
            severity=Level.HIGH,
            confidence=Level.HIGH if point.precision is Precision.GPS else Level.MEDIUM,
            reasons=reasons,
            action=" ".join([self.policy.action_for(self.category), remove_posted(item.platform), CAMERA_OFF]),
            geo=(point,),
        )


COARSE_FIELDS = {
    "current_city": "your current city",
    "hometown": "your hometown",
    "places_lived": "a place you lived",
    "profile_based_in": "the city the platform thinks you are based in",
    "city": "your city",
    "zip_code": "your postcode",
    "geo_location": "your location",
    "locations_of_interest": "a place of interest",
    "location": "your location",
}


class CoarsePlace(Scanner):
    """The profile or the platform's records name where you live: city, hometown, postcode, region.

    A coarse place on its own does not locate a person, but combined with an employer it narrows
    down where an officer lives and works. Postcodes narrow it to a suburb and are reported at
    medium severity; city, hometown and region names at low.
    """

    spec = RuleSpec(id="EXP503", title="Coarse place on the profile", category=Category.LOCATION)

    kinds = frozenset({ItemKind.PLACE})

    def scan(self, item: Item) -> Iterable[Finding]:
        if item.kind is not ItemKind.PLACE:
            return
        text = " ".join(item.text.split())
        if not text and not item.geo:
            return
        what = COARSE_FIELDS.get(item.field, "a place linked to you")
        postcode = item.field == "zip_code"
        yield self.finding(
            item,
            match=text or coordinates_text(item.geo[0]),
            excerpt=text or place_text(item.geo[0]),
            severity=Level.MEDIUM if postcode else Level.LOW,
            confidence=Level.HIGH,
            reasons=[f"the download records {what}", "coarse (city or region level)"],
            action=coarse_place(item.platform),
            geo=tuple(g for g in item.geo if valid_coordinate(g.lat, g.lon)),
        )
