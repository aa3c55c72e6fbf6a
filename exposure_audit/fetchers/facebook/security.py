"""Facebook security logs: the IP addresses the account was used from (export-formats §1.4.12).

account_activity.json, ip_address_activity.json, logins_and_logouts.json and where_you're_logged_in.json
list one row per event; thousands of rows often share a handful of addresses. Each distinct address
becomes one IP item carrying its earliest time, so the report stays readable.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from exposure_audit.fetchers.base import Reading, Record
from exposure_audit.fetchers.common.meta_records import flatten_record, pick, pointer_join, record_time
from exposure_audit.fetchers.facebook.common import each_record, first_time, note_ip

IP_LISTS = ("account_activity", "used_ip_address", "account_accesses", "active_sessions", "admin_records")
_IP_KEYS = ("ip_address", "ip", "IP")
_IP_LABELS = ("IP address", "IP Address", "IP")


def read_ip_log(reading: Reading) -> Iterator[Record]:
    return each_record(reading, "a log entry", partial(_note, reading), *IP_LISTS)


def _note(reading: Reading, record: dict[str, Any], pointer: str) -> Iterator[Record]:
    """Tally the entry's address; the items come from the tally once the member is read."""
    yield from ()
    when = first_time(record, "timestamp", "created_timestamp", "updated_timestamp")
    for key in _IP_KEYS:
        if key in record:
            note_ip(reading, record[key], when, "login_ip", pointer_join(pointer, key))
            return
    fields = flatten_record(record, pointer)
    found = pick(fields, *_IP_LABELS)
    if found is not None:
        note_ip(reading, found.value, record_time(record, fields), "login_ip", found.pointer)
