"""A scheduled self-check from the command line: baseline, re-ordered and changed downloads, triage.

The download is a small invented Facebook download (2024+ layout) written by the test, so each step
can change exactly one thing: the order of the posts, one added post, one changed e-mail address.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from exposure_audit.baseline.compare import finding_id, short_id
from exposure_audit.baseline.store import load_baseline
from exposure_audit.cli import app
from exposure_audit.engine import AuditOptions, run_audit
from exposure_audit.policy.model import load_policy
from tests.conftest import zip_folder

runner = CliRunner()
POSTS = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
PROFILE = {
    "profile_v2": {
        "name": {"full_name": "Marisol Okafor-Beck"},
        "emails": {"emails": ["marisol.ob@example.com"]},
        "current_city": {"name": "Maroubra, New South Wales"},
    }
}
COORDINATES = ("-33.9213", "151.2577")
OFFICIAL = "m.okafor-beck@abf.gov.au"


def posts(official: str = OFFICIAL) -> list[dict[str, Any]]:
    return [
        {"timestamp": 1556600000, "data": [{"post": "Cake at the beach today"}]},
        {"timestamp": 1556700000, "data": [{"post": f"New desk! Reach me at {official}"}]},
        {
            "timestamp": 1556800000,
            "data": [{"post": "Sunset walk"}],
            "attachments": [
                {
                    "data": [
                        {
                            "place": {
                                "name": "Coogee Beach",
                                "coordinate": {"latitude": float(COORDINATES[0]), "longitude": float(COORDINATES[1])},
                            }
                        }
                    ]
                }
            ],
        },
        {"timestamp": 1556900000, "data": [{"post": "Selling my kayak, call Marisol on 0491 570 156"}]},
        {"timestamp": 1557000000, "data": [{"post": "Lunch with Priya Raman and Tom"}]},
    ]


ADDED = {"timestamp": 1557100000, "data": [{"post": "Old address still works: okafor.m@border.gov.au"}]}


def download(folder: Path, records: list[dict[str, Any]]) -> Path:
    profile = folder / "personal_information" / "profile_information" / "profile_information.json"
    profile.parent.mkdir(parents=True)
    profile.write_text(json.dumps(PROFILE))
    (folder / POSTS).parent.mkdir(parents=True)
    (folder / POSTS).write_text(json.dumps(records))
    return folder


def scan(path: Path, baseline: Path, *flags: str) -> tuple[int, str]:
    result = runner.invoke(app, ["scan", str(path), "--baseline", str(baseline), "--quiet", *flags])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout


def counts(line: str) -> dict[str, int]:
    found = re.search(r"(\d+) new, (\d+) reappeared, (\d+) known \((\d+) triaged\), (\d+) resolved", line)
    assert found, line
    return dict(zip(("new", "reappeared", "known", "triaged", "resolved"), map(int, found.groups()), strict=True))


def test_a_monthly_self_check(tmp_path: Path) -> None:
    baseline = tmp_path / "private" / "baseline.json"
    first = download(tmp_path / "first", posts())
    code, line = scan(first, baseline, "--update-baseline")
    assert code == 1 and counts(line)["new"] == 3  # the e-mail, the geotag, the current city

    shuffled = download(tmp_path / "shuffled", posts()[::-1])
    code, line = scan(zip_folder(shuffled, tmp_path / "shuffled.zip"), baseline)
    assert code == 0 and counts(line) == {"new": 0, "reappeared": 0, "known": 3, "triaged": 0, "resolved": 0}

    added = download(tmp_path / "added", [*posts(), ADDED])
    code, line = scan(added, baseline)
    assert code == 1 and counts(line)["new"] == 1 and counts(line)["known"] == 3

    changed = download(tmp_path / "changed", posts(official="marisol.okafor-beck@abf.gov.au"))
    code, line = scan(changed, baseline)
    assert code == 1 and counts(line)["new"] == 1 and counts(line)["resolved"] == 1

    # The person restricts the added post to friends and accepts it: it stays quiet from now on.
    key = load_baseline(baseline).key
    report = run_audit([added], load_policy(None), AuditOptions(jobs=1))
    known = set(load_baseline(baseline).entries)
    (new,) = [f for f in report.findings if finding_id(key, f) not in known]
    code, line = scan(
        added, baseline, "--triage", f"{short_id(finding_id(key, new))}=accepted", "--triage-note", "friends only"
    )
    assert code == 0 and counts(line)["triaged"] == 1
    code, line = scan(added, baseline, "--fail-on", "low")
    assert code == 0 and counts(line) == {"new": 0, "reappeared": 0, "known": 4, "triaged": 1, "resolved": 0}
    assert "0 need attention" in line

    # Ids and digests are keyed hashes in hex: a secret's digits ("0491") can turn up inside one by chance.
    text = re.sub(r"\b[0-9a-f]{16,}\b", "<hex>", baseline.read_text())
    for secret in (
        OFFICIAL,
        "okafor.m@border.gov.au",
        "marisol.ob@example.com",
        "abf.gov.au",
        "0491",
        "570 156",
        "Marisol",
        "Okafor",
        "Priya",
        "Raman",
        "Maroubra",
        "Coogee",
        *COORDINATES,
        "-33.92",
        "151.26",
    ):
        assert secret.lower() not in text.lower(), secret
    assert baseline.stat().st_mode & 0o077 == 0 and baseline.parent.exists()


def test_the_triage_command_lists_and_labels(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    first = download(tmp_path / "first", posts())
    scan(first, baseline, "--update-baseline")
    listing = runner.invoke(app, ["triage", str(baseline)])
    assert listing.exit_code == 0 and "EXP301" in listing.stdout and "OKAFOR" not in listing.stdout.upper()
    row = next(line for line in listing.stdout.splitlines() if "EXP301" in line)
    ident = row.split()[0]
    marked = runner.invoke(
        app, ["triage", str(baseline), ident[:6], "false-positive", "--note", "shared desk", "--until", "2099-12-31"]
    )
    assert marked.exit_code == 0 and "marked false-positive until 2099-12-31" in marked.stdout
    assert "false-positive (until 2099-12-31)" in runner.invoke(app, ["triage", str(baseline)]).stdout
    cleared = runner.invoke(app, ["triage", str(baseline), ident, "--clear"])
    assert cleared.exit_code == 0 and "false-positive" not in runner.invoke(app, ["triage", str(baseline)]).stdout
    for bad in (
        ["triage", str(baseline), ident, "ignored"],
        ["triage", str(baseline), "zz"],
        ["triage", str(tmp_path / "missing.json")],
    ):
        result = runner.invoke(app, bad)
        assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1, result.output


def test_baseline_flags_need_a_baseline_and_a_bad_baseline_is_exit_2(tmp_path: Path) -> None:
    first = download(tmp_path / "first", posts())
    for flags in (["--update-baseline"], ["--triage", "abcd=accepted"]):
        result = runner.invoke(app, ["scan", str(first), *flags])
        assert result.exit_code == 2 and "needs --baseline FILE" in result.output
    (tmp_path / "b.json").write_text("{}")
    result = runner.invoke(app, ["scan", str(first), "--baseline", str(tmp_path / "b.json")])
    assert result.exit_code == 2 and "not an exposure-audit baseline" in result.output
    result = runner.invoke(app, ["scan", str(first), "--baseline", str(tmp_path / "none.json")])
    assert result.exit_code == 2 and "--update-baseline" in result.output
