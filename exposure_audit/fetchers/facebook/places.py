"""Facebook location records: last location, location history, primary and inferred places, marketplace.

Coordinates become LOCATION items (logged positions); names without coordinates become PLACE items
(coarse places the account is tied to). Shapes follow export-formats §1.4.8; the 2023+ label_values
and string_map_data variants are read through `meta_records`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from exposure_audit.fetchers.base import Reading, Record, epoch_to_datetime
from exposure_audit.fetchers.common.meta_records import (
    flatten_record,
    is_boilerplate,
    iter_records,
    pick,
    pointer_join,
    record_time,
)
from exposure_audit.fetchers.facebook.common import (
    as_dict,
    as_items,
    coordinate_of,
    each_record,
    first_time,
    geo_point,
    name_of,
    new_item,
    read_document,
    text_of,
    type_name,
    versioned_key,
)
from exposure_audit.model import ItemKind, Precision


def _keyed(document: Any, key: str) -> tuple[str, Any] | None:
    actual = versioned_key(document, key) if isinstance(document, dict) else None
    return (pointer_join("", actual), document[actual]) if actual is not None else None


def read_last_location(reading: Reading) -> Iterator[Record]:
    """last_location_v2 {time, coordinate{latitude, longitude}} (or a label_values record)."""
    document, failed = read_document(reading)
    if failed:
        yield failed
        return
    keyed = _keyed(document, "last_location")
    if keyed is not None and isinstance(keyed[1], dict):
        pointer, value = keyed
        when = first_time(value, "time", "timestamp")
        point = coordinate_of(value, origin="last_location", precision=Precision.GPS, at=when)
        if point is not None:
            yield new_item(
                reading,
                ItemKind.LOCATION,
                pointer,
                text=name_of(value),
                field_name="last_location",
                when=when,
                geo=(point,),
            )
        return
    records = list(iter_records(document))
    for pointer, record in records:
        fields = flatten_record(record, pointer)
        lat, lon = pick(fields, "Latitude"), pick(fields, "Longitude")
        when = record_time(record, fields)
        point = geo_point(
            lat.value if lat else None,
            lon.value if lon else None,
            origin="last_location",
            precision=Precision.GPS,
            at=when,
        )
        if point is not None:
            yield new_item(reading, ItemKind.LOCATION, pointer, field_name="last_location", when=when, geo=(point,))
    if keyed is None and not records:
        yield reading.skip("unexpected shape: expected last_location_v2, found " + type_name(document))


def read_location_history(reading: Reading) -> Iterator[Record]:
    """2018-2019 location_history [{name, coordinate, creation_timestamp}]."""
    return each_record(reading, "a location", partial(_history_entry, reading), "location_history")


def _history_entry(reading: Reading, record: dict[str, Any], pointer: str) -> Iterator[Record]:
    when = first_time(record, "creation_timestamp", "timestamp")
    point = coordinate_of(record, origin="location_history", precision=Precision.GPS, name=name_of(record), at=when)
    if point is not None:
        yield new_item(
            reading,
            ItemKind.LOCATION,
            pointer,
            text=name_of(record),
            field_name="location_history",
            when=when,
            geo=(point,),
        )


def read_primary_location(reading: Reading) -> Iterator[Record]:
    """primary_location_v2 {zipcode, city_region_pairs} and primary_public_location_v2 {city, region, country}."""
    document, failed = read_document(reading)
    if failed:
        yield failed
        return
    private, public = _keyed(document, "primary_location"), _keyed(document, "primary_public_location")
    if private is None and public is None:
        yield from _generic_places(reading, document, "city")
        return
    if private is not None:
        base, value = private
        value = as_dict(value)
        for index, code in enumerate(as_items(value.get("zipcode")) or [value.get("zipcode")]):
            text = text_of(code).strip()
            if text:
                yield new_item(
                    reading, ItemKind.PLACE, pointer_join(base, "zipcode", index), text=text, field_name="zip_code"
                )
        for index, pair in enumerate(as_items(value.get("city_region_pairs"))):
            text = (
                ", ".join(text_of(p).strip() for p in as_items(pair) if text_of(p).strip())
                if isinstance(pair, list)
                else text_of(pair).strip()
            )
            if text:
                yield new_item(
                    reading,
                    ItemKind.PLACE,
                    pointer_join(base, "city_region_pairs", index),
                    text=text,
                    field_name="city",
                )
    if public is not None:
        base, value = public
        value = as_dict(value)
        text = ", ".join(
            text_of(value.get(k)).strip() for k in ("city", "region", "country") if text_of(value.get(k)).strip()
        )
        if text:
            yield new_item(reading, ItemKind.PLACE, base, text=text, field_name="city", extra={"public": "true"})


def read_inferred_places(reading: Reading, field_name: str) -> Iterator[Record]:
    """profile_based_in.json / locations_of_interest.json: places Facebook ties the account to."""
    document, failed = read_document(reading)
    if failed:
        yield failed
        return
    yield from _generic_places(reading, document, field_name)


def _generic_places(reading: Reading, document: Any, field_name: str) -> Iterator[Record]:
    """Every value of every label_values / string_map_data record as a PLACE item."""
    records = list(iter_records(document))
    if not records:
        yield reading.skip(
            "unexpected shape: expected label_values or string_map_data records, found " + type_name(document)
        )
        return
    for pointer, record in records:
        fields = flatten_record(record, pointer)
        when = record_time(record, fields)
        for found in fields:
            if (
                found.value.strip()
                and not found.value.startswith(("http://", "https://"))
                and not is_boilerplate(found)
            ):
                yield new_item(
                    reading, ItemKind.PLACE, found.pointer, text=found.value.strip(), field_name=field_name, when=when
                )


def read_marketplace(reading: Reading) -> Iterator[Record]:
    """items_selling_v2 [{title, description, created_timestamp, location{name?, coordinate}}]."""
    return each_record(reading, "a listing", partial(_listing, reading), "items_selling", "items_sold")


def _listing(reading: Reading, record: dict[str, Any], pointer: str) -> Iterator[Record]:
    when = epoch_to_datetime(record.get("created_timestamp")) or first_time(record, "timestamp")
    location = as_dict(record.get("location"))
    name = name_of(location)
    point = coordinate_of(location, origin="marketplace", name=name, at=when)
    if point is not None or name:
        yield new_item(
            reading,
            ItemKind.LOCATION,
            pointer_join(pointer, "location"),
            text=name,
            field_name="marketplace",
            when=when,
            geo=(point,) if point else (),
            extra={"title": text_of(record.get("title")), "description": text_of(record.get("description"))},
        )
