"""The CLI contract: exit codes, one-line errors, no output left behind on failure."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from exposure_audit.cli import app, parse_site
from exposure_audit.errors import UsageError

runner = CliRunner()


def _one_line_error(output: str) -> str:
    lines = [line for line in output.strip().splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert "Traceback" not in output
    return lines[0]


def test_a_missing_path_is_a_one_line_error_with_exit_2(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    result = runner.invoke(app, ["scan", str(tmp_path / "nope.zip"), "--output", str(report)])
    assert result.exit_code == 2
    line = _one_line_error(result.output)
    assert "nope.zip: no such file or folder." in line
    assert not report.exists()


def test_a_file_that_is_not_a_zip_names_the_fix(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    result = runner.invoke(app, ["scan", str(notes)])
    assert result.exit_code == 2
    assert "not a zip file or a folder" in _one_line_error(result.output)


def test_an_unrecognised_download_names_every_platform_and_marker(tmp_path: Path) -> None:
    folder = tmp_path / "mystery"
    folder.mkdir()
    (folder / "readme.md").write_text("nothing here")
    result = runner.invoke(app, ["scan", str(folder)])
    assert result.exit_code == 2
    line = _one_line_error(result.output)
    assert "not recognised as a download of any supported platform" in line
    assert "facebook (" in line and "profile_information.json" in line
    assert "--platform" in line


@pytest.mark.parametrize("flag", ["--policy", "--profile"])  # --profile: the earlier name, still read
def test_an_unknown_policy_is_a_usage_error(tmp_path: Path, flag: str) -> None:
    folder = tmp_path / "dl"
    folder.mkdir()
    result = runner.invoke(app, ["scan", str(folder), flag, "no-such-pack"])
    assert result.exit_code == 2
    assert "no such built-in policy" in _one_line_error(result.output)


@pytest.mark.parametrize("command", [["scan"], ["workshop", "handout"]])
def test_policy_and_its_earlier_name_naming_different_policies_is_a_usage_error(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--policy", "dibp-2015", "--profile", "treasury-2014"])
    assert result.exit_code == 2
    assert "name different policies" in result.output and "Traceback" not in result.output


def test_the_policies_are_listed_also_under_the_earlier_command_name() -> None:
    listed = runner.invoke(app, ["policies"])
    assert listed.exit_code == 0 and "dibp-2015" in listed.output and "treasury-2014" in listed.output
    # the titles start in one column, after the longest name and two spaces
    starts = {len(line) - len(line.split("  ", 1)[1].lstrip()) for line in listed.output.splitlines()}
    assert starts == {len("treasury-2014") + 2}
    assert runner.invoke(app, ["profiles"]).output == listed.output
    help_text = runner.invoke(app, ["--help"]).output
    assert "policies" in help_text and "profiles" not in help_text
    scan_help = runner.invoke(app, ["scan", "--help"]).output
    assert "--policy POLICY" in scan_help and "--profile" not in scan_help


def test_a_policy_file_with_an_unknown_key_names_the_key(tmp_path: Path) -> None:
    policy = tmp_path / "mine.toml"
    policy.write_text(
        'id = "x"\nname = "x"\norganisation = "x"\ndocument = "x"\n[employer]\nnames = ["A"]\nnmaes = []\n'
    )
    result = runner.invoke(app, ["scan", str(tmp_path), "--policy", str(policy)])
    assert result.exit_code == 2
    assert "unknown key 'employer.nmaes'" in _one_line_error(result.output)


def test_several_formats_need_an_output_dir(tmp_path: Path) -> None:
    result = runner.invoke(app, ["scan", str(tmp_path), "-f", "json", "-f", "markdown", "-o", str(tmp_path / "r")])
    assert result.exit_code == 2
    assert "--output" in _one_line_error(result.output)


@pytest.mark.parametrize("text", ["Work", "Work=1,2,3,4", "Work=-91,0", "Work=a,b", "=1,2", "Work=1,2,-5"])
def test_malformed_sites_are_rejected(text: str) -> None:
    with pytest.raises(UsageError):
        parse_site(text)


def test_sites_parse_with_and_without_radius() -> None:
    site = parse_site("Cargo hall=-34.46,150.90")
    assert (site.name, site.lat, site.lon, site.radius_m) == ("Cargo hall", -34.46, 150.90, 500.0)
    assert parse_site("Gate 3 = -34.46, 150.90, 250").radius_m == 250.0


def test_version_prints_and_exits_0() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip()


def test_a_plain_scan_never_loads_the_network_client_the_baseline_or_the_room_summary(tmp_path: Path) -> None:
    """Offline by construction: without --public the HTTP client library is not even imported. Nor are
    the baseline's and the workshop summary's modules without their flags (they cost start-up)."""
    import subprocess
    import sys

    from exposure_audit.demo import build_demo_download

    (download, *_rest) = build_demo_download(tmp_path / "dl", "careful")
    unloaded = ["httpx", "exposure_audit.live", "exposure_audit.baseline.run", "exposure_audit.workshop.summary"]
    code = (
        "import sys\n"
        "from exposure_audit.cli import app\n"  # main() would end the process before the check below
        "names = sys.argv[3:]\n"
        "sys.argv = ['exposure-audit', 'scan', sys.argv[1], '--images', 'off', '-f', 'json', '-o', sys.argv[2]]\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "print(*(name in sys.modules for name in names))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(download), str(tmp_path / "r.json"), *unloaded],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.stdout.strip().splitlines()[-1] == " ".join(["False"] * len(unloaded)), result.stdout + result.stderr
