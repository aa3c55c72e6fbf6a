"""Location rules across items: likely home, workplace, routine, one place on several platforms, and
logged internet addresses. Each observes geotagged items into a small `GeoObservation`."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from exposure_audit.geo.distance import haversine_m
from exposure_audit.geo.patterns import GeoObservation, Patterns, PlaceActivity, Routine, analyse
from exposure_audit.geo.places import format_distance, reverse_geocode
from exposure_audit.geo.timezones import local_time
from exposure_audit.model import Category, Finding, GeoPoint, Item, ItemKind, Level, Platform, Precision, SourceRef
from exposure_audit.scanners.base import Correlator, make_finding
from exposure_audit.scanners.catalogue import Reveals, RuleSpec
from exposure_audit.scanners.location import precise_point
from exposure_audit.scanners.location_actions import CAMERA_OFF, NETWORK

PLATFORM_NAMES = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "x": "X",
    "google-photos": "Google Photos",
    "photos": "photo folders",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "web": "the web",
}


def observe_geotag(item: Item) -> GeoObservation | None:
    point = precise_point(item)
    if point is None:
        return None
    when = point.at or item.created_at
    return GeoObservation(
        lat=point.lat,
        lon=point.lon,
        local=local_time(point.lat, point.lon, when) if when else None,
        platform=item.platform.value,
        precision=point.precision.value,
        origin=point.origin,
        identity=item.identity,
        archive=item.source.archive,
        member=item.source.member,
        pointer=item.source.pointer,
    )


_last_analysis: list[tuple[tuple[GeoObservation, ...], Patterns]] = []


def analysed(observations: tuple[GeoObservation, ...]) -> Patterns:
    """The analysis shared by the four pattern rules of one audit (computed once). The engine hands
    each rule the same observation objects, so they are recognised by identity: an lru_cache would
    hash every observation of the audit again for each rule (ten thousand photos: 30 ms a rule)."""
    if _last_analysis:
        seen, patterns = _last_analysis[0]
        if len(seen) == len(observations) and all(a is b for a, b in zip(seen, observations, strict=True)):
            return patterns
    patterns = analyse(observations)
    _last_analysis[:] = [(observations, patterns)]
    return patterns


def near_text(lat: float, lon: float) -> str:
    place = reverse_geocode(lat, lon)
    return place.label() if place else "an unnamed place"


def short_name(lat: float, lon: float) -> str:
    """ "Camp Hill (Brisbane)": the map label of a place."""
    place = reverse_geocode(lat, lon)
    if place is None:
        return "unnamed place"
    return place.name if place.city == place.name else f"{place.name} ({place.city})"


class PlaceCorrelator(Correlator):
    """Shared observe step and finding builder of the geotag pattern rules."""

    label = ""
    observation_key = "geotag"  # the home, workplace, routine and cross-platform rules see the same

    def observe(self, item: Item) -> object | None:
        return observe_geotag(item)

    def patterns(self, observations: Sequence[object]) -> Patterns:
        return analysed(tuple(o for o in observations if isinstance(o, GeoObservation)))

    def place_finding(
        self,
        place: PlaceActivity,
        *,
        excerpt: str,
        reasons: list[str],
        severity: Level,
        confidence: Level,
        action: str = "",
        detail: str = "",
    ) -> Finding:
        """A finding centred on the place's centroid; its GeoPoint's name is the map label."""
        first = place.observations[0]
        key = f"{self.rule}:{place.lat:.3f},{place.lon:.3f}"
        site_notes = [
            f"{format_distance(d)} from workplace site '{s.name}'"
            for s in self.policy.sites
            if (d := haversine_m(place.lat, place.lon, s.lat, s.lon)) <= max(s.radius_m, 1000.0)
        ]
        return make_finding(
            rule=self.rule,
            category=self.category,
            policy=self.policy,
            platform=Platform(place.platforms[0]),
            cites=self.spec.clauses,
            source=SourceRef(archive=first.archive, member=first.member, pointer=first.pointer),
            item=None,
            match=f"{place.lat:.5f}, {place.lon:.5f}",
            excerpt=excerpt,
            severity=severity,
            confidence=confidence,
            reasons=tuple(reasons + site_notes),
            action=" ".join(p for p in (self.policy.action_for(self.category), action, CAMERA_OFF) if p),
            geo=(
                GeoPoint(
                    lat=place.lat,
                    lon=place.lon,
                    precision=Precision.GPS,
                    origin="cluster",
                    name=f"{self.label}: {short_name(place.lat, place.lon)}{detail}",
                ),
            ),
            identity=key,
            item_kind=ItemKind.LOCATION,
        )


def _evidence(place: PlaceActivity) -> list[str]:
    counts = ", ".join(f"{place.count(w)} {w}" for w in ("rest", "work", "leisure"))
    platforms = ", ".join(PLATFORM_NAMES.get(p, p) for p in place.platforms)
    return [
        f"{len(place.observations)} geotags within {place.cluster.radius_m:.0f} m ({counts}; local time)",
        f"seen on: {platforms}",
    ]


class LabelledPlace(PlaceCorrelator):
    """A place that the OSNA time windows label (home or workplace); one finding at most.

    Which place, and which time window counts, follow from what the rule's spec says it reveals.
    """

    when = ""  # the window in words
    consequence = ""

    @property
    def window(self) -> str:
        return "rest" if self.spec.reveals is Reveals.HOME else "work"

    def chosen(self, patterns: Patterns) -> PlaceActivity | None:
        """The labelled place of this audit, if there is one."""
        return patterns.home if self.spec.reveals is Reveals.HOME else patterns.work

    def correlate(self, observations: Sequence[object]) -> Iterable[Finding]:
        place = self.chosen(self.patterns(observations))
        if place is None:
            return
        yield self.place_finding(
            place,
            excerpt=f"{self.label}: {place.count(self.window)} geotags {self.when} near "
            f"{near_text(place.lat, place.lon)}",
            reasons=_evidence(place),
            severity=Level.HIGH,
            confidence=Level.HIGH if place.days(self.window) >= 4 else Level.MEDIUM,
            action=f"Remove the location from these posts and photos: together they {self.consequence}.",
        )


class LikelyHome(LabelledPlace):
    """Geotags cluster where you are on weekday nights and early mornings: a likely home.

    Geotags are clustered (DBSCAN, 120 m); the place with the most weekday activity between 02:00
    and 08:00 local time (time zone of the coordinates; leisure hours count half) on at least two
    days is the likely home, as in the OSNA method. The finding's centre is the cluster centroid.
    """

    spec = RuleSpec(id="EXP505", title="Geotags reveal a likely home", category=Category.LOCATION, reveals=Reveals.HOME)
    label = "likely home"
    when = "on weekday nights and early mornings"
    consequence = "show where you live"


class LikelyWorkplace(LabelledPlace):
    """Geotags cluster where you are on weekdays between 08:00 and 19:00: a likely workplace.

    The place other than the likely home with the most weekday geotags between 08:00 and 19:00
    local time on at least two days, where work-hour activity outweighs night activity.
    """

    spec = RuleSpec(
        id="EXP506", category=Category.LOCATION, reveals=Reveals.WORKPLACE, title="Geotags reveal a likely workplace"
    )
    label = "likely workplace"
    when = "on weekdays between 08:00 and 19:00"
    consequence = "identify a current work location"


class WeekdayRoutine(PlaceCorrelator):
    """Geotags recur at one place at the same time of day on weekdays: a daily routine.

    For every place other than the likely home and workplace, the busiest 90-minute weekday window
    is a routine when it holds at least five geotags on at least four days ("13 geotagged posts
    within 150 m of <place> on weekday mornings between 07:00 and 08:30").
    """

    spec = RuleSpec(
        id="EXP507", category=Category.LOCATION, reveals=Reveals.ROUTINE, title="Geotags reveal a weekday routine"
    )
    label = "routine"

    def correlate(self, observations: Sequence[object]) -> Iterable[Finding]:
        for routine in self.patterns(observations).routines:
            yield self._finding(routine)

    def _finding(self, routine: Routine) -> Finding:
        place = routine.place
        noun = "photos" if all(o.origin == "exif" for o in place.observations) else "posts"
        text = (
            f"{routine.count} geotagged {noun} within 150 m of {near_text(place.lat, place.lon)} on weekday "
            f"{routine.period} {routine.window_text()}"
        )
        return self.place_finding(
            place,
            excerpt=text,
            reasons=[*_evidence(place), f"on {routine.days} different days"],
            severity=Level.HIGH,
            confidence=Level.MEDIUM,
            detail=f", weekday {routine.period} {routine.clock_range()}",
            action="Remove the location from these posts: a routine tells anyone where to find you and when.",
        )


class SamePlaceAcrossPlatforms(PlaceCorrelator):
    """The same place shows up in geotags on several platforms, so the accounts can be linked by it.

    A place (cluster) with geotags from two or more platforms' downloads fires once; photos from a
    camera-roll folder do not count as a platform.
    """

    spec = RuleSpec(
        id="EXP508",
        category=Category.LOCATION,
        reveals=Reveals.PLACE,
        title="Same place geotagged on several platforms",
    )
    label = "seen on several platforms"

    def correlate(self, observations: Sequence[object]) -> Iterable[Finding]:
        for place in self.patterns(observations).places:
            online = [p for p in place.platforms if p != Platform.PHOTOS.value]  # a camera roll is no account
            if len(online) < 2:
                continue
            names = ", ".join(PLATFORM_NAMES.get(p, p) for p in online[:-1]) + f" and {PLATFORM_NAMES.get(online[-1])}"
            yield self.place_finding(
                place,
                excerpt=f"geotagged on {names} near {near_text(place.lat, place.lon)}",
                reasons=_evidence(place),
                severity=Level.MEDIUM,
                confidence=Level.HIGH,
                action="Remove the location on each platform: one place ties the accounts to one person.",
            )


@dataclass(frozen=True, slots=True)
class AddressSeen:
    """A sign-in address (IP) a record holds, kept only as a keyed digest."""

    platform: str
    field: str
    digest: str  # keyed hash of the address: distinct counts without keeping the address
    archive: str
    member: str


class NetworkLocation(Correlator):
    """The platform logged the internet (IP) addresses you used: one finding per platform, counts only.

    IP addresses are not geolocated (that would need an online or licensed database), but they place
    a person at a home or workplace network for anyone who obtains the data. The report gives how
    many distinct addresses were logged and where, never the addresses themselves.
    """

    spec = RuleSpec(id="EXP504", title="Internet addresses logged", category=Category.LOCATION)

    def observe(self, item: Item) -> object | None:
        if item.kind is not ItemKind.IP or not item.text.strip():
            return None
        digest = hashlib.blake2b(item.text.strip().lower().encode(), key=b"exposure-audit/ip", digest_size=8)
        return AddressSeen(
            item.platform.value, item.field or "ip", digest.hexdigest(), item.source.archive, item.source.member
        )

    def correlate(self, observations: Sequence[object]) -> Iterable[Finding]:
        by_platform: dict[str, list[AddressSeen]] = defaultdict(list)
        for o in observations:
            if isinstance(o, AddressSeen):
                by_platform[o.platform].append(o)
        for platform, seen in sorted(by_platform.items()):
            distinct = len({s.digest for s in seen})
            fields: dict[str, int] = defaultdict(int)
            for s in seen:
                fields[s.field] += 1
            detail = ", ".join(f"{name}: {n}" for name, n in sorted(fields.items()))
            yield make_finding(
                rule=self.rule,
                category=self.category,
                policy=self.policy,
                platform=Platform(platform),
                cites=self.spec.clauses,
                source=SourceRef(archive=seen[0].archive, member=seen[0].member),
                item=None,
                match=f"{distinct} distinct IP address{'es' if distinct != 1 else ''}",
                excerpt=f"{len(seen)} logged uses ({detail})",
                severity=Level.LOW,
                confidence=Level.HIGH,
                reasons=("network location exposure; addresses are not geolocated",),
                action=NETWORK,
                identity=f"{self.rule}:{platform}",
                item_kind=ItemKind.IP,
            )
