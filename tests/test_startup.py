"""Start-up: the command line's small commands do not load the engine or the heavy libraries.

Checked by the modules a fresh interpreter holds after running the command (not by timing, which
depends on the machine)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from exposure_audit.geo.samples import geotagged

HEAVY = (
    "exposure_audit.engine",
    "exposure_audit.fetchers.base",  # the package face is the light registry; the readers start at base
    "exposure_audit.runtime.cache",
    "exposure_audit.baseline.compare",
    "exposure_audit.media.vision.analyse",
    "bs4",
    "httpx",
    "cv2",
    "onnxruntime",
    "numpy",
    "pydantic",  # typer 0.29 and later validate every option with it (pyproject.toml keeps typer below)
)

OTHER_PLATFORMS = ("facebook", "instagram", "linkedin", "google_photos", "x")

PROBE = """
import json, sys
from exposure_audit.cli import app
try:
    app(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def loaded_after(*argv: str, env: dict[str, str] | None = None) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, timeout=120, check=True, env=env
    )
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize("argv", [("--help",), ("scan", "--help"), ("--version",)])
def test_help_loads_nothing_heavy(argv: tuple[str, ...]) -> None:
    loaded = loaded_after(*argv)
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
    assert "phonenumbers" not in loaded


def test_rules_lists_rules_without_the_engine() -> None:
    loaded = loaded_after("rules")
    assert "exposure_audit.scanners" in loaded  # the rule catalogue is read from the rule classes
    # numpy comes with the location rules' clustering module; the engine and the parsers do not.
    heavy = set(HEAVY) - {"numpy"}
    assert not loaded & heavy, sorted(loaded & heavy)
    assert "exposure_audit.geo.place_index" not in loaded


def test_scan_of_a_photo_folder_without_images_loads_no_html_parser_or_vision(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "IMG_0001.jpg").write_bytes(geotagged("jpeg", seed=1, lat=-33.87, lon=151.21))
    loaded = loaded_after(
        "scan",
        str(folder),
        "--images",
        "off",
        "--no-cache",
        "--format",
        "json",
        "--output",
        str(tmp_path / "report.json"),
    )
    assert "exposure_audit.engine" in loaded
    assert not loaded & {"bs4", "cv2", "onnxruntime", "exposure_audit.media.vision.analyse"}, loaded & {"bs4", "cv2"}
    # Detection reads every platform's markers, but only the photo folder's readers are loaded.
    others = {m for m in loaded for p in OTHER_PLATFORMS if m.startswith(f"exposure_audit.fetchers.{p}.")}
    assert others == {f"exposure_audit.fetchers.{p}.detection" for p in OTHER_PLATFORMS}, sorted(others)
    assert "exposure_audit.fetchers.photo_folder.fetcher" in loaded
    assert "pydantic" not in loaded
    assert "phonenumbers" not in loaded  # no text there holds a number


def test_a_scan_parses_no_toml_once_the_packages_own_tables_are_kept(tmp_path: Path) -> None:
    """The built-in policy and the platforms' steps are read back parsed (runtime/shipped_toml.py), and
    there is no settings file here: tomllib is not even imported."""
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "IMG_0001.jpg").write_bytes(geotagged("jpeg", seed=1, lat=-33.87, lon=151.21))
    argv = ("scan", str(folder), "--images", "off", "--no-cache", "--format", "json", "-o", str(tmp_path / "r.json"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # the kept files are written
    assert "tomllib" in loaded_after(*argv, env=env)  # the first run parses and keeps the tables
    assert "tomllib" not in loaded_after(*argv, env=env)


def test_the_commands_signatures_are_read_without_evaluating_annotation_text() -> None:
    """typer reads every command's signature on each run; annotations kept as text cost an eval each."""
    import inspect

    from exposure_audit.cli import app

    groups = [app, *(group.typer_instance for group in app.registered_groups if group.typer_instance)]
    callbacks = [c.callback for g in groups for c in g.registered_commands if c.callback is not None]
    assert len(callbacks) >= 10
    as_text = [
        (callback.__name__, name)
        for callback in callbacks
        for name, parameter in inspect.signature(callback).parameters.items()
        if isinstance(parameter.annotation, str)
    ]
    assert not as_text
