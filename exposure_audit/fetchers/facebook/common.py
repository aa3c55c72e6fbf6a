"""What every Facebook reader shares: building items with provenance, coordinates, names, IP tallies.

Every reader takes the generic `Reading` of the member it reads: `new_item` builds an item that
carries the member and a JSON pointer, and the IP addresses seen in the member are tallied in the
reading's `IpTally` state, so that they become a few IP items (one per address, earliest time)
instead of one per record.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from exposure_audit.errors import MemberError, describe_exception
from exposure_audit.fetchers.base import Reading, Record, epoch_to_datetime, stable_identity
from exposure_audit.fetchers.common.jsonio import iter_json_array, read_json
from exposure_audit.fetchers.common.meta_records import pointer_join
from exposure_audit.model import GeoPoint, Item, ItemKind, MediaRef, Platform, Precision, Skipped

PLATFORM = Platform.FACEBOOK
# Members larger than this are streamed record by record instead of parsed whole.
STREAM_BYTES = 8 * 1024 * 1024
# Keys that mark an object as one record written bare instead of a list of one.
BARE_RECORD_KEYS = ("timestamp", "data", "attachments", "uri", "label_values", "sender_name")
# Exceptions that a record of an unexpected shape can raise while being picked apart.
_VERSION = re.compile(r"_v\d+$")
SHAPE_ERRORS = (KeyError, TypeError, AttributeError, ValueError, IndexError)


@dataclass(slots=True)
class IpTally:
    """The IP addresses seen in one member: address -> (earliest time, field, pointer)."""

    seen: dict[str, tuple[datetime | None, str, str]] = field(default_factory=dict)


def new_item(
    reading: Reading,
    kind: ItemKind,
    pointer: str,
    *,
    text: str = "",
    field_name: str = "",
    when: datetime | None = None,
    native_id: str = "",
    labels: Iterable[str] = (),
    people: Iterable[str] = (),
    geo: Iterable[GeoPoint] = (),
    media: Iterable[MediaRef] = (),
    extra: Mapping[str, str] | None = None,
) -> Item:
    """A Facebook item of the member being read, its source pointing at `pointer`."""
    content = f"{field_name}\x1f{text}"
    media = tuple(media)
    if not text and media:
        content += "\x1f" + media[0].uri
    return Item(
        kind=kind,
        platform=PLATFORM,
        source=reading.ref(pointer),
        identity=stable_identity(
            PLATFORM, kind, native_id=native_id, when=when.isoformat() if when else None, content=content
        ),
        created_at=when,
        text=text,
        field=field_name,
        labels=frozenset(labels),
        people=tuple(people),
        geo=tuple(geo),
        media=media,
        extra={k: v for k, v in (extra or {}).items() if v},
    )


def note_ip(reading: Reading, address: object, when: datetime | None, field_name: str, pointer: str) -> None:
    """Remember an IP address in the member's tally; `flush_ips` turns each distinct one into one item."""
    ip = text_of(address).strip()
    if not ip or ip == "-":
        return
    ips = reading.state(IpTally).seen
    seen = ips.get(ip)
    if seen is None or (when is not None and (seen[0] is None or when < seen[0])):
        ips[ip] = (when, field_name, pointer)


def flush_ips(reading: Reading) -> Iterator[Item]:
    ips = reading.state(IpTally).seen
    for ip, (when, field_name, pointer) in ips.items():
        yield new_item(reading, ItemKind.IP, pointer, text=ip, field_name=field_name, when=when, native_id=ip)
    ips.clear()


def load(reading: Reading) -> Any:
    """The whole member parsed, mojibake repaired; raises MemberError."""
    return read_json(reading.tree, reading.member, meta=True)


def read_document(reading: Reading) -> tuple[Any, Skipped | None]:
    """The whole member parsed, or (None, the Skipped saying why it could not be)."""
    try:
        return load(reading), None
    except MemberError as exc:
        return None, reading.skip(exc.reason)


def each_record(
    reading: Reading,
    what: str,
    produce: Callable[[dict[str, Any], str], Iterator[Record]],
    *keys: str,
    stream_key: str = "",
) -> Iterator[Record]:
    """Items of every record of the member's main list (see `records`), one object at a time.

    A record that is not an object, or whose producer trips over an unexpected shape, becomes
    a Skipped with the record's pointer; the IP tally is flushed at the end.
    """
    for entry in records(reading, *keys, stream_key=stream_key):
        if not isinstance(entry, tuple):
            yield entry
            continue
        pointer, record = entry
        if not isinstance(record, dict):
            yield reading.skip(f"expected {what} object, found {type_name(record)}", pointer)
            continue
        yield from guarded(reading, pointer, produce(record, pointer))
    yield from flush_ips(reading)


def records(
    reading: Reading, *keys: str, stream_key: str = "", bare: tuple[str, ...] = BARE_RECORD_KEYS
) -> Iterator[tuple[str, Any] | Skipped]:
    """(pointer, record) for each record of the member's main list.

    The list is the document itself or the value of the first of `keys` present (a bare object
    counts as a list of one). A document that is itself one record (an object with one of the
    `bare` keys) is a list of one: Meta writes a file with one record that way.

    Members over STREAM_BYTES are streamed: a top-level list as is, an object through
    `stream_key` ("messages" for message threads). A damaged member yields the records before
    the damage and then a Skipped.
    """
    member = reading.tree.members.get(reading.member)
    try:
        if member is not None and member.size > STREAM_BYTES and _starts_with_list(reading, stream_key):
            prefix = f"{stream_key}.item" if stream_key else "item"
            base = pointer_join("", stream_key) if stream_key else ""
            for index, record in enumerate(iter_json_array(reading.tree, reading.member, prefix, meta=True)):
                yield pointer_join(base, index), record
            return
        document = load(reading)
    except MemberError as exc:
        yield reading.skip(exc.reason)
        return
    found = main_list(document, keys, bare)
    if found is None:
        yield reading.skip("unexpected shape: " + describe_shape(document, keys))
        return
    yield from found


def _starts_with_list(reading: Reading, stream_key: str) -> bool:
    with reading.open() as handle:
        head = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") if stream_key else head.startswith(b"[")


def main_list(document: Any, keys: Iterable[str], bare: Iterable[str] = ()) -> list[tuple[str, Any]] | None:
    """(pointer, record) for the record list of a member: the document itself if it is a list, else
    the value of the first of `keys` present (a bare object standing for a list of one), else the
    document itself if it has one of the `bare` record keys. None when it has none of these shapes."""
    keys = tuple(keys)
    if isinstance(document, list):
        return [(pointer_join("", index), record) for index, record in enumerate(document)]
    if not isinstance(document, dict):
        return None
    for key in keys:
        actual = versioned_key(document, key)
        if actual is not None:
            value = document[actual]
            base = pointer_join("", actual)
            if isinstance(value, dict) and isinstance(value.get("activity_log_data"), list):
                value, base = value["activity_log_data"], pointer_join(base, "activity_log_data")  # 2018-2019
            if isinstance(value, list):
                return [(pointer_join(base, index), record) for index, record in enumerate(value)]
            return [(base, value)] if isinstance(value, dict) else None
    if not keys or any(key in document for key in bare):
        return [("", document)]
    return None


def versioned_key(document: Mapping[str, Any], key: str) -> str | None:
    """The key of `document` that is `key` or one of its versions ("friends", "friends_v2", "friends_v3")."""
    if key in document:
        return key
    stem = _VERSION.sub("", key)
    for actual in document:
        if isinstance(actual, str) and _VERSION.sub("", actual) == stem:
            return actual
    return None


def versioned(document: object, key: str) -> Any:
    """document[key] under any of its versioned spellings, or None."""
    if not isinstance(document, dict):
        return None
    actual = versioned_key(document, key)
    return document[actual] if actual is not None else None


def describe_shape(document: Any, keys: Iterable[str]) -> str:
    wanted = ", ".join(keys)
    found = type_name(document)
    if isinstance(document, dict):
        found += " with keys " + ", ".join(sorted(str(k) for k in document)[:6])
    return f"expected a list{' or an object with ' + wanted if wanted else ''}, found {found}"


def type_name(value: object) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


def text_of(value: object) -> str:
    """A string value, or "" for anything that is not text (numbers are written out)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def as_dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_items(value: object) -> list[Any]:
    """A list value, a bare object as a list of one, anything else as empty."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        return [value]
    return []


def first_time(record: Mapping[str, Any], *keys: str) -> datetime | None:
    for key in keys:
        when = epoch_to_datetime(record.get(key))
        if when is not None:
            return when
    return None


def name_of(value: object) -> str:
    """A person or place given as "Name" or {"name": "Name"}."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return text_of(value.get("name")).strip()
    return ""


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def geo_point(
    lat_value: object,
    lon_value: object,
    *,
    origin: str,
    precision: Precision,
    name: str = "",
    at: datetime | None = None,
) -> GeoPoint | None:
    """A GeoPoint from two values, or None when missing, out of range, or 0/0 (Meta's "no location")."""
    lat, lon = _number(lat_value), _number(lon_value)
    if lat is None or lon is None or not (-90.0 <= lat <= 90.0) or not (-180.0 <= lon <= 180.0):
        return None
    if lat == 0.0 and lon == 0.0:
        return None
    return GeoPoint(lat=lat, lon=lon, precision=precision, origin=origin, name=name, at=at)


def coordinate_of(
    holder: object, *, origin: str, precision: Precision = Precision.PLACE, name: str = "", at: datetime | None = None
) -> GeoPoint | None:
    """Coordinates of a place-like object: {"coordinate": {"latitude", "longitude"}} or flat keys."""
    if not isinstance(holder, dict):
        return None
    inner = holder.get("coordinate")
    source = inner if isinstance(inner, dict) else holder
    return geo_point(
        source.get("latitude"), source.get("longitude"), origin=origin, precision=precision, name=name, at=at
    )


def guarded(reading: Reading, pointer: str, produce: Iterator[Record]) -> Iterator[Record]:
    """Run one record's item producer; an unexpected shape deep inside becomes a record-level skip."""
    try:
        yield from produce
    except SHAPE_ERRORS as exc:
        yield reading.skip(f"record has an unexpected shape ({describe_exception(exc)})", pointer)
