"""The progress display's phases and rates: named as a person reads them, never a rate from a blink."""

from __future__ import annotations

import time

from exposure_audit.runtime.progress import ScanProgress


def test_no_rate_is_shown_before_a_phase_has_run_a_moment() -> None:
    shown = ScanProgress(enabled=True)
    with shown:
        shown.update("photos", 500, 1000)  # first report already far along: no "24,287,223/s"
        assert shown.rate("photos", 500, "photos") == ""
        shown._started["photos"] = (time.monotonic() - 2.0, 500)
        rate = shown.rate("photos", 700, "photos")
    assert rate.endswith(" photos/s")
    assert 90 <= float(rate.split()[0].replace(",", "")) <= 110


def test_phases_have_plain_names() -> None:
    shown = ScanProgress(enabled=True)
    with shown:
        for stage in ("members", "photos", "checks"):
            shown.update(stage, 1, 2)
        assert shown._progress is not None
        names = [task.description for task in shown._progress.tasks]
    assert names == ["Reading", "Photos", "Checks"]
