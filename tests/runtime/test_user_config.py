"""The user config file and the order defaults < file < flags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exposure_audit.errors import UsageError
from exposure_audit.model import Level
from exposure_audit.runtime.user_config import (
    UserConfig,
    default_config_path,
    load_user_config,
    resolve_settings,
)

FORMATS = ("terminal", "markdown", "json", "html", "sarif")
SUFFIXES = {"terminal": ".txt", "markdown": ".md", "json": ".json", "html": ".html", "sarif": ".sarif.json"}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text)
    return path


def test_a_full_file_is_read_with_paths_relative_to_it(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'profile = "treasury-2014"\nformats = ["html", "json", "html"]\n'
        'output_dir = "reports"\nfail_on = "medium"\ncache = false\n',
    )
    config = load_user_config(path, FORMATS)
    assert config == UserConfig(
        policy="treasury-2014",
        formats=("html", "json"),
        output_dir=tmp_path / "reports",
        fail_on=Level.MEDIUM,
        cache=False,
        source=str(path),
    )


def test_a_policy_path_in_the_file_is_relative_to_it_and_home_is_expanded(tmp_path: Path) -> None:
    config = load_user_config(write(tmp_path, 'policy = "packs/mine.toml"\noutput_dir = "~/r"\n'), FORMATS)
    assert config.policy == str(tmp_path / "packs" / "mine.toml")
    assert config.output_dir == Path.home() / "r"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('fail-on = "high"\n', "unknown key 'fail-on'"),
        ('[scan]\nprofile = "x"\n', "unknown key 'scan'"),
        ('formats = "html"\n', "key 'formats' must be a list"),
        ('formats = ["pdf"]\n', "unknown format 'pdf'"),
        ('fail_on = "critical"\n', "key 'fail_on' must be one of"),
        ("cache = 1\n", "key 'cache' must be true or false"),
        ("policy = 3\n", "key 'policy' must be"),
        ("profile = 3\n", "key 'profile' must be"),
        ("output_dir = ''\n", "key 'output_dir' must be"),
        ("profile = \n", "not valid TOML"),
    ],
)
def test_bad_files_name_the_key_and_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(UsageError) as caught:
        load_user_config(path, FORMATS)
    assert message in str(caught.value) and str(path) in str(caught.value)


def test_the_earlier_key_profile_still_names_the_policy_and_policy_wins(tmp_path: Path) -> None:
    assert load_user_config(write(tmp_path, 'profile = "dibp-2015"\n'), FORMATS).policy == "dibp-2015"
    both = write(tmp_path, 'profile = "dibp-2015"\npolicy = "treasury-2014"\n')
    assert load_user_config(both, FORMATS).policy == "treasury-2014"


def test_the_default_location_is_optional_but_an_explicit_one_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert default_config_path() == tmp_path / "cfg" / "exposure-audit" / "config.toml"
    assert load_user_config(None, FORMATS) == UserConfig()
    default_config_path().parent.mkdir(parents=True)
    default_config_path().write_text('fail_on = "high"\n')
    assert load_user_config(None, FORMATS).fail_on is Level.HIGH
    with pytest.raises(UsageError, match="no such config file"):
        load_user_config(tmp_path / "missing.toml", FORMATS)


def test_built_in_defaults() -> None:
    settings = resolve_settings(UserConfig(), suffixes=SUFFIXES)
    assert (
        settings.policy,
        settings.formats,
        settings.output,
        settings.output_dir,
        settings.fail_on,
        settings.cache,
    ) == (None, ("terminal",), None, None, Level.LOW, True)


CONFIG = UserConfig(
    policy="treasury-2014", formats=("html", "json"), output_dir=Path("/r"), fail_on=Level.HIGH, cache=False
)


def test_the_file_overrides_defaults() -> None:
    settings = resolve_settings(CONFIG, suffixes=SUFFIXES)
    assert (settings.policy, settings.formats, settings.output_dir, settings.fail_on, settings.cache) == (
        "treasury-2014",
        ("html", "json"),
        Path("/r"),
        Level.HIGH,
        False,
    )


def test_flags_override_the_file() -> None:
    settings = resolve_settings(
        CONFIG,
        suffixes=SUFFIXES,
        policy="dibp-2015",
        formats=["markdown"],
        output_dir=Path("/elsewhere"),
        fail_on=Level.LOW,
    )
    assert (settings.policy, settings.formats, settings.output_dir, settings.fail_on) == (
        "dibp-2015",
        ("markdown",),
        Path("/elsewhere"),
        Level.LOW,
    )
    assert resolve_settings(UserConfig(), suffixes=SUFFIXES, no_cache=True).cache is False


def test_an_output_file_writes_one_format_and_ignores_the_configured_folder() -> None:
    def fmt(name: str, config: UserConfig = CONFIG, formats: tuple[str, ...] = ()) -> tuple[str, ...]:
        settings = resolve_settings(config, suffixes=SUFFIXES, output=Path(name), formats=formats)
        assert settings.output_dir is None
        return settings.formats

    assert fmt("r.json") == ("json",)
    assert fmt("r.sarif.json") == ("sarif",)
    assert fmt("r.md", formats=("json",)) == ("json",)
    assert fmt("report") == ("html",)
    assert fmt("report", config=UserConfig()) == ("terminal",)
    with pytest.raises(UsageError, match="several formats"):
        fmt("r.json", formats=("json", "html"))


def test_a_folder_without_formats_gets_every_format() -> None:
    settings = resolve_settings(UserConfig(output_dir=Path("/r")), suffixes=SUFFIXES)
    assert settings.formats == tuple(SUFFIXES)


def test_the_command_line_reads_the_file_and_flags_win(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from exposure_audit.cli import app
    from tests.baseline.test_end_to_end import download as write_download
    from tests.baseline.test_end_to_end import posts

    runner = CliRunner()
    # A geotag (medium) and a current city (low), but no high-severity finding.
    download = str(write_download(tmp_path / "dl", [p for p in posts() if "abf.gov.au" not in json.dumps(p)]))
    config = write(tmp_path, f'fail_on = "high"\nformats = ["json"]\noutput_dir = "{tmp_path / "out"}"\n')
    result = runner.invoke(app, ["scan", download, "--config", str(config), "--no-cache"])
    assert result.exit_code == 0, result.output  # only medium and low findings in this download
    assert (tmp_path / "out" / "exposure-audit-report.json").exists()
    assert not (tmp_path / "out" / "exposure-audit-report.txt").exists()
    result = runner.invoke(
        app, ["scan", download, "--config", str(config), "--fail-on", "low", "--no-cache", "-o", str(tmp_path / "r.md")]
    )
    assert result.exit_code == 1 and (tmp_path / "r.md").read_text().strip()
    bad = write(tmp_path, 'fail-on = "high"\n')
    result = runner.invoke(app, ["scan", download, "--config", str(bad)])
    assert result.exit_code == 2 and "unknown key 'fail-on'" in result.output
