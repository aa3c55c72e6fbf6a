"""The package's top level holds only the entry points and the types every stage shares; everything
else lives in a package named after its feature (CONTRIBUTING.md)."""

from __future__ import annotations

import re
from pathlib import Path

import exposure_audit

PACKAGE = Path(exposure_audit.__file__).parent
TOP_LEVEL = {"__init__.py", "__main__.py", "engine.py", "model.py", "errors.py", "limits.py"}
ENTRY_PACKAGES = {"cli"}  # the command line: a package of its own, since its options fill modules of their own


def test_only_the_entry_points_and_shared_types_sit_at_the_top_level() -> None:
    assert {p.name for p in PACKAGE.glob("*.py")} == TOP_LEVEL
    assert all((PACKAGE / name / "__init__.py").is_file() for name in ENTRY_PACKAGES)


def test_no_reader_is_picked_by_building_a_method_name() -> None:
    dispatch = re.compile(r"getattr\([^)]*[\"']read_")
    offenders = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py") if dispatch.search(p.read_text("utf-8"))]
    assert offenders == []


def test_every_package_says_what_it_is_for() -> None:
    for init in PACKAGE.rglob("__init__.py"):
        text = init.read_text("utf-8").lstrip()
        assert text.startswith('"""') and len(text.split('"""')[1].split()) >= 5, init.relative_to(PACKAGE)
