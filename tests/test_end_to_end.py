"""Every fixture download scans to exactly its planted findings, as a folder, a zip and split zips.

Each `fixtures/<platform>/<name>.expected.json` lists the exposures planted in `<name>/` as
(category, rule, member_suffix, match). For the rules those files speak about, the findings of a scan
must be exactly that multiset: a missed plant or a flagged near-miss control fails the test. Rules
the file does not mention (coarse places, patterns, counts of logged addresses) are checked by their
own tests.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from exposure_audit.engine import AuditOptions, run_audit
from exposure_audit.model import Finding
from exposure_audit.policy.model import load_policy
from exposure_audit.scanners.base import normalise_value
from tests.conftest import FIXTURES, split_zip, zip_folder

EXPECTED = sorted(FIXTURES.glob("*/*.expected.json"))


def _key(member: str, rule: str, match: str, suffixes: list[str]) -> tuple[str, str, str]:
    suffix = next((s for s in suffixes if member.endswith(s)), member)
    return rule, suffix, normalise_value(match)


def planted(expected: Path) -> Counter[tuple[str, str, str]]:
    rows = json.loads(expected.read_text(encoding="utf-8"))
    return Counter((r["rule"], r["member_suffix"], normalise_value(r["match"])) for r in rows)


def found(findings: tuple[Finding, ...], expected: Counter[tuple[str, str, str]]) -> Counter[tuple[str, str, str]]:
    rules = {rule for rule, _, _ in expected}
    suffixes = sorted({suffix for _, suffix, _ in expected}, key=len, reverse=True)
    return Counter(_key(f.source.member, f.rule, f.match, suffixes) for f in findings if f.rule in rules)


def scan(paths: list[Path]) -> tuple[Finding, ...]:
    report = run_audit(paths, load_policy(None), AuditOptions(jobs=1))
    return report.findings


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: f"{p.parent.name}/{p.name.removesuffix('.expected.json')}")
def test_fixture_scans_to_exactly_its_planted_findings(expected: Path, tmp_path: Path) -> None:
    folder = expected.with_name(expected.name.removesuffix(".expected.json"))
    want = planted(expected)
    as_folder = found(scan([folder]), want)
    assert as_folder == want, _difference(as_folder, want)
    zipped = zip_folder(folder, tmp_path / f"{folder.name}.zip")
    assert found(scan([zipped]), want) == want
    parts = split_zip(folder, (tmp_path / "part-1.zip", tmp_path / "part-2.zip"))
    assert found(scan(list(parts)), want) == want


def _difference(got: Counter[tuple[str, str, str]], want: Counter[tuple[str, str, str]]) -> str:
    missing = want - got
    extra = got - want
    return f"missing plants: {sorted(missing.elements())}\nflagged controls or extras: {sorted(extra.elements())}"


def test_every_platform_has_at_least_one_expected_fixture() -> None:
    platforms = {p.parent.name for p in EXPECTED}
    assert {"facebook", "instagram", "linkedin", "x", "google-photos", "photos"} <= platforms
