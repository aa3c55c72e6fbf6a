"""The generic Meta record flatteners: label_values and string_map_data / string_list_data."""

from __future__ import annotations

from datetime import UTC, datetime

from exposure_audit.fetchers.common.meta_records import (
    flatten_label_values,
    flatten_record,
    flatten_string_data,
    is_record,
    iter_records,
    pick,
    pick_all,
    pointer_join,
    record_time,
)

LABEL_VALUES = {
    "timestamp": 1700000000,
    "fbid": "1234567890",
    "label_values": [
        {"label": "Name", "value": "Harbourside Café"},
        {"label": "URL", "value": "https://www.facebook.com/places/1", "href": "https://www.facebook.com/places/1"},
        {"label": "Time", "timestamp_value": 1700000100},
        {"label": "Places", "vec": [{"value": "Sydney"}, {"value": "Perth"}]},
        {"label": "Address", "dict": [{"label": "City", "value": "Mascot"}, {"label": "Postcode", "value": "2020"}]},
        {"label": "Empty"},
        "not an object",
        {"ent_field_name": "Coordinates", "value": "-33.9,151.2"},
    ],
}


def test_label_values_every_carrier_is_flattened_with_its_pointer() -> None:
    fields = flatten_label_values(LABEL_VALUES, "/3")
    by_label = {(f.labels, f.value): f for f in fields}
    assert by_label[(("Name",), "Harbourside Café")].pointer == "/3/label_values/0/value"
    url = by_label[(("URL",), "https://www.facebook.com/places/1")]
    assert url.href == "https://www.facebook.com/places/1"
    time = pick(fields, "time")
    assert time is not None and time.value == "" and time.at == datetime.fromtimestamp(1700000100, UTC)
    assert time.pointer == "/3/label_values/2/timestamp_value"
    assert [f.value for f in pick_all(fields, "Places")] == ["Sydney", "Perth"]
    assert pick_all(fields, "Places")[1].pointer == "/3/label_values/3/vec/1/value"
    city = pick(fields, "City")
    assert city is not None and city.labels == ("Address", "City") and city.value == "Mascot"
    assert city.pointer == "/3/label_values/4/dict/0/value"
    assert pick(fields, "Empty") is None  # no value carrier: left out
    assert pick(fields, "Coordinates") is not None  # ent_field_name stands in for a missing label
    assert "not an object" in {f.value for f in fields}


def test_label_values_accepts_the_bare_list_and_ignores_other_shapes() -> None:
    assert [f.value for f in flatten_label_values([{"label": "A", "value": "x"}])] == ["x"]
    assert flatten_label_values({"label_values": "oops"}) == []
    assert flatten_label_values("a string") == []
    assert flatten_label_values(None) == []


def test_string_map_and_list_data() -> None:
    record = {
        "title": "Groups you joined",
        "string_map_data": {
            "Email": {"href": "", "value": "kim@example.com", "timestamp": 0},
            "Phone/Mobile": {"value": "0491 570 006"},
            "Bare": "plain text",
            "Nothing": {"href": "", "value": "", "timestamp": 0},
        },
        "string_list_data": [
            {"href": "https://example.com/g", "value": "Harbour Swimmers", "timestamp": 1608833534},
            "junk",
        ],
    }
    fields = flatten_string_data(record, "/profile_user/0")
    email = pick(fields, "email")
    assert email is not None and email.value == "kim@example.com" and email.at is None
    assert email.pointer == "/profile_user/0/string_map_data/Email/value"
    phone = pick(fields, "Phone/Mobile")
    assert phone is not None and phone.pointer == "/profile_user/0/string_map_data/Phone~1Mobile/value"
    assert pick(fields, "Bare") is not None
    assert pick(fields, "Nothing") is None
    listed = pick(fields, "Groups you joined")
    assert listed is not None and listed.value == "Harbour Swimmers" and listed.href == "https://example.com/g"
    assert listed.at == datetime.fromtimestamp(1608833534, UTC)
    assert listed.pointer == "/profile_user/0/string_list_data/0/value"


def test_flatten_record_mixes_both_families() -> None:
    record = {"label_values": [{"label": "A", "value": "1"}], "string_map_data": {"B": {"value": "2"}}}
    assert sorted(f.value for f in flatten_record(record)) == ["1", "2"]
    assert flatten_record(["not", "a", "record"]) == []


def test_iter_records_over_the_shapes_meta_writes() -> None:
    single = {"label_values": [{"label": "A", "value": "1"}]}
    assert [p for p, _ in iter_records(single)] == [""]
    assert [p for p, _ in iter_records([single, 5, single])] == ["/0", "/2"]
    wrapped = {"profile_user": [{"string_map_data": {}}, "x"], "other": {"string_list_data": []}, "n": 3}
    assert [p for p, _ in iter_records(wrapped)] == ["/profile_user/0", "/other"]
    assert list(iter_records("text")) == []
    assert is_record(single) and not is_record({"data": []})


def test_record_time_prefers_the_record_timestamp() -> None:
    assert record_time(LABEL_VALUES) == datetime.fromtimestamp(1700000000, UTC)
    fields = flatten_label_values({"label_values": [{"label": "Time", "timestamp_value": 1600000000}]})
    assert record_time({"timestamp": 0}, fields) == datetime.fromtimestamp(1600000000, UTC)
    assert record_time({}) is None


def test_pointer_join_escapes() -> None:
    assert pointer_join("", "a/b", "c~d", 3) == "/a~1b/c~0d/3"
