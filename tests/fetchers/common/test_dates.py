"""Every date shape LinkedIn has written, plus the odd cells that must give None without raising."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exposure_audit.fetchers.common.dates import parse_date


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/8/18, 6:14 PM", utc(2018, 1, 8, 18, 14)),  # 2018 Connected On
        ("6/19/15, 10:16 AM", utc(2015, 6, 19, 10, 16)),  # 2018 Email Addresses Updated On
        ("10/16/18, 8:36 AM", utc(2018, 10, 16, 8, 36)),  # 2018 messages DATE
        ("9/5/26, 1:12\u202fAM", utc(2026, 9, 5, 1, 12)),  # newer Invitations, narrow no-break space
        ("12/12/18, 12:05 AM", utc(2018, 12, 12, 0, 5)),
        ("12/12/18, 12:05 PM", utc(2018, 12, 12, 12, 5)),
        ("25/12/2019", utc(2019, 12, 25)),  # day first when the first number cannot be a month
        ("14 Jan 2026", utc(2026, 1, 14)),  # current Connected On
        ("01 Oct 2022", utc(2022, 10, 1)),
        ("Jun 2018", utc(2018, 6, 1)),  # Positions Started On
        ("Mar 2020", utc(2020, 3, 1)),
        ("2004", utc(2004, 1, 1)),  # Education
        ("1833-06-05 14:00:00 UTC", utc(1833, 6, 5, 14)),
        ("2023-05-01 14:22:10 UTC", utc(2023, 5, 1, 14, 22, 10)),
        ("2017/06/08 08:15:44 UTC", utc(2017, 6, 8, 8, 15, 44)),  # 2018 Shares
        ("2025-11-19 09:59:30", utc(2025, 11, 19, 9, 59, 30)),
        ("Sat Sep 05 08:12:14 UTC 2020", utc(2020, 9, 5, 8, 12, 14)),  # Company Follows
        ("Sat Sep 05 08:12:14 PDT 2020", utc(2020, 9, 5, 15, 12, 14)),
        ("Feb 17, 1998", utc(1998, 2, 17)),  # 2018 Birth Date
        ("1815-12-10", utc(1815, 12, 10)),  # current Birth Date (synthetic fixtures)
        ("2020-09-05T08:12:14.000Z", utc(2020, 9, 5, 8, 12, 14)),
        ("2020-09-05T18:12:14+10:00", utc(2020, 9, 5, 8, 12, 14)),
        ("2021-03-03 04:05:06 +0000", utc(2021, 3, 3, 4, 5, 6)),
        ("Sep 20, 2020, 10:46:09 AM UTC", utc(2020, 9, 20, 10, 46, 9)),  # Google "formatted"
        ("  14 Jan 2026 ", utc(2026, 1, 14)),
    ],
)
def test_known_formats(text: str, expected: datetime) -> None:
    parsed = parse_date(text)
    assert parsed == expected
    assert parsed is not None and parsed.tzinfo is UTC


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Not Available",
        "Present",
        "n/a",
        "0491 570 156",
        "(02) 5550 1234",
        "13/13/18",
        "2/30/18, 1:00 PM",
        "tomorrow",
        "Sat Sep 05 08:12:14 XYZ 2020",
        "9999",
        "1/8/18, 13:14 PM",
        "x" * 500,
    ],
)
def test_not_dates_give_none(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize("value", [None, 12, 3.5, b"2020", ["2020"]])
def test_non_strings_give_none(value: object) -> None:
    assert parse_date(value) is None


@given(st.text(max_size=80))
def test_never_raises_and_is_aware(text: str) -> None:
    parsed = parse_date(text)
    assert parsed is None or parsed.tzinfo is UTC


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31)))
def test_round_trips_the_export_shapes(moment: datetime) -> None:
    moment = moment.replace(microsecond=0)
    assert parse_date(moment.strftime("%Y-%m-%d %H:%M:%S UTC")) == moment.replace(tzinfo=UTC)
    assert parse_date(moment.strftime("%a %b %d %H:%M:%S UTC %Y")) == moment.replace(tzinfo=UTC)
    assert parse_date(moment.strftime("%d %b %Y")) == moment.replace(hour=0, minute=0, second=0, tzinfo=UTC)
