"""Whether a policy's phone region is one the phone-number library knows, without importing it.

Every policy is checked when it is loaded, and importing `phonenumbers` takes a tenth of a scan's
start-up, which a scan of photos alone would otherwise pay for nothing. The library keeps one
metadata module per region it supports (`phonenumbers/data/region_AU.py`; a test checks that these
are exactly its SUPPORTED_REGIONS), so the region's file is looked for instead. Where the package is
not laid out so, it is imported and asked.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

_REGION = re.compile(r"[A-Z]{2}")


@lru_cache(maxsize=1)
def _region_files() -> Path | None:
    spec = importlib.util.find_spec("phonenumbers")  # located, not imported
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    return folder if (folder / "region_AU.py").is_file() else None


def is_phone_region(code: str) -> bool:
    """True when `code` is a region the phone-number library can parse numbers of."""
    if not _REGION.fullmatch(code):
        return False
    folder = _region_files()
    if folder is None:
        import phonenumbers

        return code in phonenumbers.SUPPORTED_REGIONS
    return (folder / f"region_{code}.py").is_file()
