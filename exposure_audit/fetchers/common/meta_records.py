"""Flatteners for Meta's generic record shapes, shared by the Facebook and Instagram fetchers.

Two families recur across Meta downloads:

* the `label_values` record (Facebook 2023+, some Instagram files)::

      {"timestamp": 1700000000, "fbid": "123", "ent_name": "...",
       "label_values": [{"label": "Name", "value": "..."},
                        {"label": "Time", "timestamp_value": 1700000000},
                        {"label": "URL", "value": "https://...", "href": "https://..."},
                        {"label": "Places", "vec": [{"value": "Sydney"}, {"value": "Perth"}]},
                        {"label": "Address", "dict": [{"label": "City", "value": "Sydney"}]}]}

* the `string_map_data` / `string_list_data` record (Instagram, older Facebook IG-style files)::

      {"title": "...", "string_map_data": {"Email": {"value": "...", "href": "", "timestamp": 0}},
       "string_list_data": [{"value": "...", "href": "...", "timestamp": 1608833534}]}

Both flatten to a list of `Field`s: a label path, a string value, an optional href and time, and
the JSON pointer of the value, so that a finding can point at the exact place in the member. Labels
are localised display strings, so callers match them with `pick(fields, "Email", "E-mail", ...)`
rather than by position. Nothing here raises on an unexpected shape: what is not understood is
left out, and the caller decides whether a record with no usable field is worth a `Skipped`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from exposure_audit.fetchers.base import epoch_to_datetime

_RECORD_KEYS = frozenset({"label_values", "string_map_data", "string_list_data"})


@dataclass(frozen=True, slots=True)
class Field:
    """One flattened value of a Meta record."""

    labels: tuple[str, ...]  # the label path, outermost first: ("Address", "City"); () when unlabelled
    value: str  # the text value ("" when the field only carries a time or an href)
    pointer: str  # JSON pointer of the value inside the member
    href: str = ""
    at: datetime | None = None  # timestamp_value / string_list_data timestamp, as aware UTC

    @property
    def label(self) -> str:
        """The innermost label ("City" for ("Address", "City")); "" when unlabelled."""
        return self.labels[-1] if self.labels else ""


# Labels of text Meta writes beside the data to explain it (Instagram 2025 "Usage explanation"): the
# person's information is never under them.
BOILERPLATE_LABELS = frozenset({"usage explanation", "explanation", "how this is used", "learn more"})


def is_boilerplate(field: Field) -> bool:
    """A field holding Meta's own explanatory text rather than the person's data."""
    return any(label.strip().casefold() in BOILERPLATE_LABELS for label in field.labels)


def pointer_join(base: str, *parts: str | int) -> str:
    """Append path segments to a JSON pointer (RFC 6901 escaping of "~" and "/")."""
    out = base
    for part in parts:
        out += "/" + str(part).replace("~", "~0").replace("/", "~1")
    return out


def _text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return ""


def flatten_label_values(record: object, pointer: str = "") -> list[Field]:
    """Every value of a `label_values` record, nested `vec` and `dict` carriers included.

    `record` may be the record object (with a "label_values" key) or the bare label_values list.
    `pointer` is the record's own pointer in its member.
    """
    if isinstance(record, Mapping):
        entries = record.get("label_values")
        pointer = pointer_join(pointer, "label_values")
    else:
        entries = record
    fields: list[Field] = []
    if isinstance(entries, list):
        _walk_label_values(entries, (), pointer, fields)
    return fields


def _walk_label_values(entries: list[Any], path: tuple[str, ...], pointer: str, out: list[Field]) -> None:
    # Iterative over the outer list, recursive only through vec/dict nesting (shallow in practice;
    # the JSON reader has already capped the depth).
    for index, entry in enumerate(entries):
        here = pointer_join(pointer, index)
        if not isinstance(entry, Mapping):
            text = _text(entry)
            if text:
                out.append(Field(labels=path, value=text, pointer=here))
            continue
        label = _text(entry.get("label")) or _text(entry.get("ent_field_name"))
        labels = (*path, label) if label else path
        value = _text(entry.get("value"))
        href = _text(entry.get("href"))
        at = epoch_to_datetime(entry.get("timestamp_value")) if "timestamp_value" in entry else None
        if value or href or at is not None:
            key = "value" if value else ("href" if href else "timestamp_value")
            out.append(Field(labels=labels, value=value, pointer=pointer_join(here, key), href=href, at=at))
        for carrier in ("vec", "dict"):
            nested = entry.get(carrier)
            if isinstance(nested, list):
                _walk_label_values(nested, labels, pointer_join(here, carrier), out)


def flatten_string_data(record: object, pointer: str = "") -> list[Field]:
    """Every value of a `string_map_data` / `string_list_data` record.

    `string_map_data` keys become the label; `string_list_data` entries are unlabelled (the
    record's `title`, when present, is the label so that "Groups you joined"-style lists keep
    their meaning).
    """
    if not isinstance(record, Mapping):
        return []
    fields: list[Field] = []
    mapping = record.get("string_map_data")
    if isinstance(mapping, Mapping):
        base = pointer_join(pointer, "string_map_data")
        for key, entry in mapping.items():
            label = _text(key)
            if isinstance(entry, Mapping):
                field = _string_entry(entry, (label,) if label else (), pointer_join(base, label))
            else:
                text = _text(entry)
                field = Field(labels=(label,), value=text, pointer=pointer_join(base, label)) if text else None
            if field is not None:
                fields.append(field)
    listing = record.get("string_list_data")
    if isinstance(listing, list):
        base = pointer_join(pointer, "string_list_data")
        title = _text(record.get("title"))
        for index, entry in enumerate(listing):
            if isinstance(entry, Mapping):
                field = _string_entry(entry, (title,) if title else (), pointer_join(base, index))
                if field is not None:
                    fields.append(field)
    return fields


def _string_entry(entry: Mapping[str, Any], labels: tuple[str, ...], pointer: str) -> Field | None:
    value = _text(entry.get("value"))
    href = _text(entry.get("href"))
    at = epoch_to_datetime(entry.get("timestamp"))
    if not (value or href or at is not None):
        return None
    return Field(
        labels=labels, value=value, pointer=pointer_join(pointer, "value" if value else "href"), href=href, at=at
    )


def flatten_record(record: object, pointer: str = "") -> list[Field]:
    """Whichever family the record belongs to (both, if it mixes them)."""
    if not isinstance(record, Mapping):
        return []
    return flatten_label_values(record, pointer) + flatten_string_data(record, pointer)


def is_record(value: object) -> bool:
    """True for an object of either family."""
    return isinstance(value, Mapping) and not _RECORD_KEYS.isdisjoint(value)


def iter_records(document: object, pointer: str = "") -> Iterator[tuple[str, Mapping[str, Any]]]:
    """(pointer, record) for every record of either family in a parsed member.

    Accepts the shapes Meta writes: a bare list of records, a single bare record, or an object
    whose values (one level down, e.g. {"profile_user": [...]}) are lists of records or a record.
    """
    if is_record(document):
        assert isinstance(document, Mapping)
        yield pointer, document
        return
    if isinstance(document, list):
        for index, element in enumerate(document):
            if is_record(element):
                yield pointer_join(pointer, index), element
        return
    if isinstance(document, Mapping):
        for key, value in document.items():
            here = pointer_join(pointer, _text(key))
            if is_record(value):
                yield here, value
            elif isinstance(value, list):
                for index, element in enumerate(value):
                    if is_record(element):
                        yield pointer_join(here, index), element


def record_time(record: object, fields: list[Field] | None = None) -> datetime | None:
    """The record's time: its own `timestamp` / `creation_timestamp`, else the first timed field."""
    if isinstance(record, Mapping):
        for key in ("timestamp", "creation_timestamp"):
            when = epoch_to_datetime(record.get(key))
            if when is not None:
                return when
    for field in fields or ():
        if field.at is not None:
            return field.at
    return None


def pick(fields: list[Field], *labels: str) -> Field | None:
    """The first field whose innermost label equals one of `labels` (case-insensitive).

    Pass every localised spelling you know: pick(fields, "Email", "E-mail", "Adresse e-mail").
    """
    wanted = {label.casefold() for label in labels}
    for field in fields:
        if field.label.casefold() in wanted:
            return field
    return None


def pick_all(fields: list[Field], *labels: str) -> list[Field]:
    """Every field whose innermost label equals one of `labels` (case-insensitive)."""
    wanted = {label.casefold() for label in labels}
    return [field for field in fields if field.label.casefold() in wanted]
