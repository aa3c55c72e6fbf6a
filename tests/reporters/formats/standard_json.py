"""The check shared by the JSON report's and the SARIF log's tests: written as json.dumps writes them."""

from __future__ import annotations

import json


def _no_float(token: str) -> float:
    raise AssertionError(f"the document holds a float ({token}): orjson writes floats unlike json.dumps")


def assert_written_as_the_standard_library(text: str) -> None:
    """`text` holds no float and is exactly json.dumps(..., ensure_ascii=False, indent=2) plus a newline."""
    document = json.loads(text, parse_float=_no_float)
    assert text == json.dumps(document, ensure_ascii=False, indent=2) + "\n"
