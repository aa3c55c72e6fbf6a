"""The data that flows through an audit: items read from a download, findings about them, skips.

Every type here is a frozen, slotted, keyword-only dataclass so that a finding cannot be mutated
after a scanner produced it and arguments cannot be swapped by position.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar

from exposure_audit.runtime.pickling import pickled_by_slots

if TYPE_CHECKING:  # types the model refers to but does not need at run time
    from exposure_audit.baseline.model import BaselineView
    from exposure_audit.media.metadata import PhotoFacts
    from exposure_audit.media.vision.features import VisionFeatures


class Category(StrEnum):
    EMPLOYER = "employer"
    COLLEAGUE = "colleague"
    CONTACT = "contact"
    ACCOUNT = "account"
    LOCATION = "location"
    UNIFORM = "uniform"
    DUTIES = "duties"


class Level(StrEnum):
    """Used both as a finding's severity and as its confidence."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return _LEVEL_RANK[self]

    def at_least(self, other: Level) -> bool:
        return self.rank >= other.rank

    def raised(self, steps: int = 1) -> Level:
        return _LEVELS_BY_RANK[min(2, max(0, self.rank + steps))]


_LEVEL_RANK = {Level.LOW: 0, Level.MEDIUM: 1, Level.HIGH: 2}
_LEVELS_BY_RANK = (Level.LOW, Level.MEDIUM, Level.HIGH)

Severity = Level
Confidence = Level


_PLATFORM_ID = re.compile(r"[a-z][a-z0-9-]{0,39}")


class Platform(str):
    """A platform's id ("facebook", "google-photos"), as items, findings, reports and the cache carry it.

    An open set rather than an enum, so that adding a platform does not touch this module: a
    download platform is declared by its line in the fetcher registry (`fetchers/__init__.py`).
    There is one object per id, so platforms compare by identity as enum members do. The names
    below are the platforms this program ships with (`NAMED`), for the code that refers to one.
    """

    __slots__ = ()
    _by_id: ClassVar[dict[str, Platform]] = {}
    NAMED: ClassVar[tuple[Platform, ...]]
    FACEBOOK: ClassVar[Platform]
    INSTAGRAM: ClassVar[Platform]
    LINKEDIN: ClassVar[Platform]
    X: ClassVar[Platform]
    GOOGLE_PHOTOS: ClassVar[Platform]
    PHOTOS: ClassVar[Platform]
    MASTODON: ClassVar[Platform]
    BLUESKY: ClassVar[Platform]
    WEB: ClassVar[Platform]

    def __new__(cls, value: str) -> Platform:
        found = cls._by_id.get(value)
        if found is None:
            if not isinstance(value, str) or not _PLATFORM_ID.fullmatch(value):
                raise ValueError(f"{value!r} is not a platform id")
            found = cls._by_id.setdefault(value, super().__new__(cls, value))
        return found

    @property
    def value(self) -> str:
        return str.__str__(self)

    def __repr__(self) -> str:
        return f"Platform({self.value!r})"


Platform.FACEBOOK = Platform("facebook")
Platform.INSTAGRAM = Platform("instagram")
Platform.LINKEDIN = Platform("linkedin")
Platform.X = Platform("x")
Platform.GOOGLE_PHOTOS = Platform("google-photos")
Platform.PHOTOS = Platform("photos")
Platform.MASTODON = Platform("mastodon")
Platform.BLUESKY = Platform("bluesky")
Platform.WEB = Platform("web")
Platform.NAMED = tuple(Platform._by_id.values())


class ItemKind(StrEnum):
    """What a record in a download is; scanners pick the kinds they understand."""

    POST = "post"  # a post, tweet, share, story or caption-bearing upload
    COMMENT = "comment"
    MESSAGE = "message"
    PROFILE = "profile"  # one profile field: bio, headline, summary, name, website, city ...
    WORK = "work"  # one work-history entry or job title (employer in `text`, title in extra["title"])
    EDUCATION = "education"
    CONTACT = "contact"  # an e-mail address or phone number the profile lists
    LOGIN = "login"  # an address or user id the account is registered / signs in with
    GROUP = "group"  # a group the person joined or runs
    PAGE = "page"  # a page or organisation the person likes or follows
    EVENT = "event"
    LIFE_EVENT = "life_event"
    PLACE = "place"  # a coarse place: current city, hometown, profile_based_in, zip code
    CHECKIN = "checkin"
    LOCATION = "location"  # a logged location record: last known location, marketplace location
    IP = "ip"  # a logged IP address (upload, login, registration)
    PHOTO = "photo"  # an image (or video thumbnail) with whatever text surrounds it
    CONNECTION = "connection"  # a friend, follower or connection (company/position in extra)
    TAG = "tag"  # a place or photo the person was tagged in


class Precision(StrEnum):
    GPS = "gps"  # device coordinates: EXIF, exif_data, geoData
    PLACE = "place"  # a named place's coordinates: check-in, event place
    CITY = "city"  # a city- or region-level name or centroid
    NETWORK = "network"  # an IP address; never geolocated


@pickled_by_slots
@dataclass(frozen=True, slots=True, kw_only=True)
class SourceRef:
    """Where a record came from: the input, the member inside it, and the place inside the member."""

    archive: str  # the input file or folder as given on the command line
    member: str  # posix path inside the (merged) download
    pointer: str = ""  # where inside the member: JSON pointer, CSV row, EXIF tag


@pickled_by_slots
@dataclass(frozen=True, slots=True, kw_only=True)
class GeoPoint:
    """A position a record gives, with how precise it is and which field gave it."""

    lat: float
    lon: float
    precision: Precision
    origin: str  # which field gave it: "exif", "place.coordinate", "geoData" ...
    name: str = ""  # a place name the download gives with it, if any
    at: datetime | None = None


@pickled_by_slots
@dataclass(frozen=True, slots=True, kw_only=True)
class MediaRef:
    """A photo or video a record refers to, as written and as found in the download."""

    uri: str  # as written in the download
    member: str = ""  # resolved path in the tree; "" when the file is not in the download


def first_member(media: tuple[MediaRef, ...]) -> str:
    """The download member of the first of these media files that is in the download, or ""."""
    for ref in media:  # a plain loop: asked for every photo and every finding of a report
        if ref.member:
            return ref.member
    return ""


@pickled_by_slots
@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """One record from a download, already normalised by its fetcher."""

    kind: ItemKind
    platform: Platform
    source: SourceRef
    identity: str  # stable across re-downloads and re-ordering; never a list position
    created_at: datetime | None = None
    text: str = ""  # the free text or the field's value
    field: str = ""  # semantic field name: "bio", "headline", "work.employer", "email", "group.name" ...
    labels: frozenset[str] = frozenset()  # e.g. {"work"}, {"login"}, {"primary", "confirmed"}
    people: tuple[str, ...] = ()  # people tagged or named by the record
    geo: tuple[GeoPoint, ...] = ()
    media: tuple[MediaRef, ...] = ()
    # Plain dict (not a read-only proxy) so that items pickle into worker processes; treat as read-only.
    extra: Mapping[str, str] = dataclass_field(default_factory=dict)
    public: bool = False  # known to be visible to anyone right now (live checks)
    url: str = ""  # the record's own address on the platform, when the download gives one
    # Set by the photo stage's enrichers (media/enrich.py), before the scanners see a photo item:
    photo: PhotoFacts | None = None  # what the image file itself says (EXIF: GPS, time, camera, size)
    vision: VisionFeatures | None = None  # what the image's pixels showed (None: not examined)

    @property
    def is_profile(self) -> bool:
        return self.kind in PROFILE_KINDS


PROFILE_KINDS = frozenset({ItemKind.PROFILE, ItemKind.WORK, ItemKind.CONTACT, ItemKind.LOGIN})


# The keys of Item.extra that say where on the platform an item sits; findings keep them (Finding.where).
WHERE_KEYS = ("album", "thread", "group")


@pickled_by_slots
@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One thing in a download that identifies the person as staff, with its evidence and its fix."""

    rule: str  # stable rule id, e.g. "EXP101"; baselines and suppressions key on it
    category: Category
    severity: Level
    confidence: Level
    platform: Platform
    source: SourceRef
    item_kind: ItemKind
    item_identity: str
    created_at: datetime | None
    match: str  # the exact matched value; reporters redact it unless asked not to
    excerpt: str  # a short piece of the text around the match (raw; reporters redact)
    reasons: tuple[str, ...]  # why it fired and what changed its confidence
    guidance: tuple[str, ...]  # clause ids of the active policy
    action: str  # the remediation step, in words a person acts on
    fingerprint: str  # position-independent identity of this finding
    media: tuple[MediaRef, ...] = ()
    geo: tuple[GeoPoint, ...] = ()
    public: bool = False
    field: str = ""  # the item's field ("headline", "email" ...): where on the platform the value lives
    people: tuple[str, ...] = ()  # people the item tags or names; reporters redact them in excerpts
    url: str = ""  # the item's address on the platform (Item.url)
    # Where on the platform the item sits, from the fetcher's extra fields (WHERE_KEYS): album, thread...
    where: tuple[tuple[str, str], ...] = ()


@pickled_by_slots
@dataclass(frozen=True, slots=True, kw_only=True)
class Skipped:
    """A member or record that could not be read or scanned, with the reason, shown in every report."""

    source: SourceRef
    stage: str  # "archive", "fetch", "scan", "media", "correlate"
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Coverage:
    """How much of one download the audit understood."""

    members_total: int
    members_read: int
    members_not_understood: tuple[str, ...]
    members_failed: int
    # members that look like the person's own content (sources/content_sniff.py) yet were not understood or failed
    content_unread: tuple[str, ...] = ()
    content_read: int = 0  # members a reader understood and read without failing

    @property
    def not_understood_count(self) -> int:
        return len(self.members_not_understood)


@dataclass(frozen=True, slots=True, kw_only=True)
class InputSummary:
    """One download as the report lists it: its files, platform, records and what was read."""

    paths: tuple[str, ...]  # one download may be several zips
    platform: Platform
    items: int
    coverage: Coverage

    @property
    def path(self) -> str:
        return " + ".join(self.paths)


# The result of one audit, as every reporter sees it.

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class PolicySummary:
    """The policy a report was made against, as the report names it."""

    id: str
    name: str
    organisation: str
    document: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditReport:
    """The result of one audit, as every reporter sees it."""

    tool_version: str
    generated_at: datetime
    profile: PolicySummary
    inputs: tuple[InputSummary, ...]
    findings: tuple[Finding, ...]
    skipped: tuple[Skipped, ...]
    interrupted: bool = False  # a partial report written after Ctrl-C
    baseline: BaselineView | None = None  # set when the scan was compared with a baseline file

    def count_by_category(self) -> dict[Category, int]:
        counts = {c: 0 for c in Category}
        for f in self.findings:
            counts[f.category] += 1
        return counts

    def worst(self) -> Level | None:
        return max((f.severity for f in self.findings), key=lambda lv: lv.rank, default=None)

    def at_or_above(self, level: Level) -> list[Finding]:
        return [f for f in self.findings if f.severity.at_least(level)]
