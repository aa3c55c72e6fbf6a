"""The CLI's report side: every format from one run, private files, `rules` and `explain`."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from exposure_audit.cli import app
from exposure_audit.demo import build_demo_download
from exposure_audit.demo.personas import PERSONAS
from exposure_audit.policy.model import load_policy
from exposure_audit.reporters.formats import FILE_SUFFIX
from exposure_audit.scanners import CORRELATORS, SCANNERS

runner = CliRunner()


@pytest.fixture(scope="module")
def download(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return build_demo_download(tmp_path_factory.mktemp("demo") / "download", "officer")


def scan(download: list[Path], *args: str) -> Any:
    return runner.invoke(app, ["scan", *map(str, download), "--jobs", "1", *args])


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_output_dir_writes_every_format_privately_under_fixed_names(download: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "reports"
    result = scan(download, "--output-dir", str(out))
    assert result.exit_code in (0, 1), result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"exposure-audit-report{suffix}" for suffix in FILE_SUFFIX.values())
    assert mode(out) == 0o700
    official = PERSONAS["officer"].official_email
    for path in out.iterdir():
        assert mode(path) == 0o600, path.name
        text = path.read_text(encoding="utf-8")
        assert official not in text, f"{path.name} shows a raw official address"
    html = (out / "exposure-audit-report.html").read_text(encoding="utf-8")
    assert "contains personal information" in html and 'http-equiv="Content-Security-Policy"' in html


def test_every_finding_of_the_demo_is_in_one_action_citing_the_policy(download: list[Path], tmp_path: Path) -> None:
    for profile in ("dibp-2015", "treasury-2014"):
        target = tmp_path / f"{profile}.json"
        result = scan(download, "--policy", profile, "-f", "json", "-o", str(target))
        assert result.exit_code in (0, 1), result.output
        document = json.loads(target.read_text(encoding="utf-8"))
        clause_ids = {c.id for c in load_policy(profile).clauses}
        referenced = [fp for action in document["checklist"] for fp in action["findings"]]
        assert sorted(referenced) == sorted(f["fingerprint"] for f in document["findings"])
        for action in document["checklist"]:
            cited = {c["id"] for c in action["clauses"]}
            assert cited <= clause_ids, (profile, action["title"])
            if profile == "dibp-2015":  # the default policy covers every category
                assert cited, action["title"]


def test_formats_may_be_repeated_and_show_values_reveals(download: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "two"
    result = scan(download, "-f", "csv", "-f", "sarif", "--output-dir", str(out), "--show-values")
    assert result.exit_code in (0, 1), result.output
    assert sorted(p.name for p in out.iterdir()) == ["exposure-audit-report.csv", "exposure-audit-report.sarif"]
    sarif = json.loads((out / "exposure-audit-report.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert sarif["runs"][0]["properties"]["redacted"] is False


def test_html_to_stdout(download: list[Path]) -> None:
    result = scan(download, "-f", "html")
    assert result.exit_code in (0, 1)
    assert result.output.startswith("<!DOCTYPE html>")


def test_rules_lists_every_registered_rule_with_category_and_clauses() -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0, result.output
    registered = {cls.rule: cls.category.value for cls in (*SCANNERS, *CORRELATORS)}
    for rule, category in registered.items():
        assert f"{rule}  {category}" in result.output
    if registered:
        assert "dibp-2015:" in result.output and "treasury-2014:" in result.output


def test_explain_prints_what_why_and_how() -> None:
    registered = [*SCANNERS, *CORRELATORS]
    if not registered:
        pytest.skip("no rule is registered yet")
    rule = registered[0]
    result = runner.invoke(app, ["explain", rule.rule.lower()])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{rule.rule}: {rule.title}")
    for heading in ("What it detects", "Why it matters", "How to fix it", "Facebook:", "LinkedIn:"):
        assert heading in result.output
    for name in ("dibp-2015", "treasury-2014"):
        assert load_policy(name).name in result.output
    first_doc_words = " ".join((rule.__doc__ or "").split()[:4])
    assert first_doc_words in " ".join(result.output.split())


def test_explain_an_unknown_rule_is_a_one_line_error() -> None:
    result = runner.invoke(app, ["explain", "EXP999"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "exposure-audit: EXP999: no such rule or topic. Run 'exposure-audit rules' to list "
        "the rules; the topics are images, platforms, public, baseline, workshop, limits, exit"
    )
