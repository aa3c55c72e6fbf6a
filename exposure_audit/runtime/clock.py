"""The time a report is dated: now, or SOURCE_DATE_EPOCH when set, for reproducible reports.

SOURCE_DATE_EPOCH (seconds since 1970, UTC) is the reproducible-builds convention: with it, the same
downloads and settings give byte-identical reports from the command line and from the app.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime


def report_time() -> datetime:
    fixed = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if fixed.isdigit():
        return datetime.fromtimestamp(int(fixed), UTC)
    return datetime.now(UTC).replace(microsecond=0)
