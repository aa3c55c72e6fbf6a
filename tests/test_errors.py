"""How a failure is worded in a skipped entry's reason: what refused a value is told, the value is not."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from exposure_audit.errors import describe_exception


def _raised(action: object) -> BaseException:
    try:
        action()  # type: ignore[operator]
    except Exception as exc:
        return exc
    raise AssertionError("nothing was raised")


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (_raised(lambda: int("0412 345 678")), "ValueError: invalid literal for int() with base 10: '…'"),
        (_raised(lambda: float("Home sweet home")), "ValueError: could not convert string to float: '…'"),
        (_raised(lambda: datetime.fromisoformat("Zoe's birthday")), "ValueError: Invalid isoformat string: '…'"),
        (_raised(lambda: {}["creation_timestamp"]), "KeyError: 'creation_timestamp'"),  # a key: kept
        (_raised(lambda: len(5)), "TypeError: object of type 'int' has no len()"),  # type: ignore[arg-type]
        (_raised(lambda: json.loads("[1,")), "JSONDecodeError: Expecting value: line 1 column 4 (char 3)"),
        (
            _raised(lambda: b"\xed".decode("utf-8")),
            "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xed in position 0: unexpected end of data",
        ),
    ],
)
def test_a_value_error_leaves_out_the_value_it_quotes_and_other_errors_say_all(exc: BaseException, reason: str) -> None:
    assert describe_exception(exc) == reason
