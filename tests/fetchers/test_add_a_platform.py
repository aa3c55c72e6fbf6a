"""CONTRIBUTING.md's "Add a platform" recipe works: a toy platform registered by one line reads its
download, and its item reaches every report with the platform's own steps. Also: the registry,
CONTRIBUTING.md and the README's platform table name the same platforms."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from exposure_audit import fetchers
from exposure_audit.engine import AuditOptions, run_audit
from exposure_audit.fetchers import REGISTRY, PlatformPackage
from exposure_audit.fetchers.downloads import detect
from exposure_audit.fetchers.steps import platform_steps
from exposure_audit.model import Platform
from exposure_audit.policy.model import load_policy
from exposure_audit.reporters.formats import FILE_SUFFIX
from exposure_audit.reporters.formats.render import render_formats
from exposure_audit.reporters.view import prepare
from exposure_audit.sources.archive import Tree

REPO = Path(__file__).resolve().parents[2]
TOY = PlatformPackage(Platform("toy-notes"), "tests.fetchers.toy_platform")  # the recipe's one registry line


@pytest.fixture
def toy_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetchers, "REGISTRY", (*REGISTRY[:-1], TOY, REGISTRY[-1]))


@pytest.fixture
def toy_download(tmp_path: Path) -> Path:
    folder = tmp_path / "toy-export"
    folder.mkdir()
    notes = "Lunch by the river\nFirst night shift done with the Border Force crew #ABF\n"
    (folder / "toy_notes.txt").write_text(notes, encoding="utf-8")
    return folder


def test_the_toy_download_is_not_known_until_its_line_is_in_the_registry(toy_download: Path) -> None:
    assert detect(Tree.open([toy_download])) is None


def test_a_registered_toy_platform_is_detected_read_and_reported(toy_registered: None, toy_download: Path) -> None:
    policy = load_policy(None)
    report = run_audit([toy_download], policy, AuditOptions(jobs=1))
    found = [f for f in report.findings if f.platform is TOY.platform]
    assert found, "the toy post about work was not flagged"
    assert {f.source.member for f in found} == {"toy_notes.txt"}
    rendered = render_formats(prepare(report, policy), list(FILE_SUFFIX))
    data = json.loads(rendered["json"])
    assert any(f["platform"] == "toy-notes" for f in data["findings"])
    # the steps come from the toy package's own steps.toml, read through the registry
    assert "Open Toy Notes → Your notes" in rendered["markdown"]
    assert platform_steps().label("toy-notes") == "Toy Notes"


def test_the_toy_platform_is_declared_by_its_registry_line_alone() -> None:
    assert TOY.platform not in Platform.NAMED  # model.py gained no value for it
    assert TOY.fetcher().platform is TOY.platform
    assert Platform("toy-notes") is TOY.platform  # one object per id, compared by identity


def test_a_registry_line_and_its_fetcher_declare_the_same_platform() -> None:
    for entry in REGISTRY:
        assert entry.fetcher().platform is entry.platform
    with pytest.raises(ValueError, match="registry line says 'bluesky'"):
        PlatformPackage(Platform.BLUESKY, "tests.fetchers.toy_platform").fetcher()


def test_a_registered_platform_is_known_to_the_workshop_summary(toy_registered: None) -> None:
    assert TOY.platform in fetchers.known_platforms()
    assert set(Platform.NAMED) <= set(fetchers.known_platforms())


def _contributing_platforms() -> list[str]:
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("## Platforms", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^- `(exposure_audit\.fetchers\.\w+)`", section, flags=re.MULTILINE)


def _readme_platforms() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## What it reads", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1].strip() for line in section.splitlines() if line.startswith("| ")]
    return [row for row in rows if row not in ("platform",)]


def test_contributing_lists_the_registered_platforms_in_registry_order() -> None:
    assert _contributing_platforms() == [entry.package for entry in REGISTRY]


def test_the_readme_table_has_one_row_per_registered_platform() -> None:
    rows = [row.lower() for row in _readme_platforms()]
    labels = [platform_steps().label(entry.platform.value).lower() for entry in REGISTRY]
    assert len(rows) == len(labels)
    for label in labels:  # "X" and "X / Twitter", "your photo folders" and "Photo folders"
        assert [row for row in rows if row in label or label in row], f"no README row for {label!r}"
