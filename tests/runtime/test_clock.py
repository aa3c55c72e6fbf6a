"""Reports are dated now, or at SOURCE_DATE_EPOCH when it is set (reproducible reports)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from exposure_audit.runtime.clock import report_time


def test_source_date_epoch_fixes_the_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    assert report_time() == datetime(2026, 9, 21, 14, 13, 20, tzinfo=UTC)


@pytest.mark.parametrize("value", ["", "soon", "-5"])
def test_without_a_usable_epoch_it_is_now(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    before = datetime.now(UTC).replace(microsecond=0)
    assert before <= report_time() <= datetime.now(UTC)
    assert report_time().microsecond == 0
