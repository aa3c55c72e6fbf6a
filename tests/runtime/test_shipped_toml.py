"""The package's TOML files parsed once and kept: the same tables, each call its own, nothing of a person's."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from exposure_audit.runtime import shipped_toml
from exposure_audit.runtime.kept_values import kept_file
from exposure_audit.runtime.shipped_toml import ParsedToml

TEXT = '[platforms.toy]\nlabel = "Toy"\nsteps = { photo = ["Open it", "Remove it"] }\n'


def test_a_table_parsed_once_is_read_back_by_the_next_process_without_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "parsed.marshal"
    first = ParsedToml(path)
    assert first.loads(TEXT) == tomllib.loads(TEXT)
    first.kept.save()
    assert path.stat().st_mode & 0o777 == 0o600

    def not_parsed(text: str) -> dict[str, object]:
        raise AssertionError("parsed again")

    monkeypatch.setattr(tomllib, "loads", not_parsed)
    assert ParsedToml(path).loads(TEXT) == {
        "platforms": {"toy": {"label": "Toy", "steps": {"photo": ["Open it", "Remove it"]}}}
    }


def test_every_call_gets_a_table_of_its_own(tmp_path: Path) -> None:
    parsed = ParsedToml(tmp_path / "parsed.marshal")
    for _ in range(2):  # parsed, then read back from what was kept
        table = parsed.loads(TEXT)
        table["platforms"]["toy"]["label"] = "changed"
        table.setdefault("more", {})
    assert parsed.loads(TEXT) == tomllib.loads(TEXT)


def test_a_table_with_a_date_is_parsed_each_time(tmp_path: Path) -> None:
    parsed = ParsedToml(tmp_path / "parsed.marshal")
    text = "checked = 2026-12-01\n"
    assert parsed.loads(text) == tomllib.loads(text)
    assert parsed.kept.added == 0


def test_a_damaged_entry_is_parsed_again(tmp_path: Path) -> None:
    path = tmp_path / "parsed.marshal"
    parsed = ParsedToml(path)
    parsed.loads(TEXT)
    (key,) = parsed.kept.values
    parsed.kept.values[key] = b"\x00not marshal data"
    parsed.kept.save()
    assert ParsedToml(path).loads(TEXT) == tomllib.loads(TEXT)


def test_text_that_is_not_toml_is_refused_as_tomllib_refuses_it(tmp_path: Path) -> None:
    with pytest.raises(tomllib.TOMLDecodeError):
        ParsedToml(tmp_path / "parsed.marshal").loads("label = \n")


POLICIES = textwrap.dedent(
    """
    import sys
    from exposure_audit.policy.model import load_policy
    from exposure_audit.fetchers.steps import platform_steps

    builtin = load_policy(None)
    own = load_policy(sys.argv[1])
    platform_steps()
    print(builtin.id, own.organisation)
    """
)


def test_the_builtin_policy_and_steps_are_kept_but_never_a_persons_own_policy(tmp_path: Path) -> None:
    from exposure_audit.policy.model import DEFAULT_PROFILE

    own = tmp_path / "mine.toml"
    text = (resources.files("exposure_audit.policy") / "builtin" / f"{DEFAULT_PROFILE}.toml").read_text(
        encoding="utf-8"
    )
    own.write_text(text.replace('organisation = "', 'organisation = "Zorblat Inland Revenue, ', 1), encoding="utf-8")
    cache = tmp_path / "cache"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"XDG_CACHE_HOME": str(cache)}
    for _ in range(2):  # written by the first process, read by the second
        result = subprocess.run(
            [sys.executable, "-c", POLICIES, str(own)], capture_output=True, text=True, timeout=120, env=env
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"{DEFAULT_PROFILE} Zorblat Inland Revenue, ")  # the person's file was read
    kept = kept_file(cache / "exposure-audit", "parsed-toml")
    assert len(ParsedToml(kept).kept.values) >= 2  # the built-in policy and the shared steps at least
    for path in cache.rglob("*"):
        if path.is_file():
            assert b"Zorblat" not in path.read_bytes(), path


def test_the_package_asks_for_the_users_own_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(shipped_toml, "_opened", [])
    assert shipped_toml.loads(TEXT) == tomllib.loads(TEXT)
    assert shipped_toml._opened[0].kept.path == kept_file(tmp_path / "exposure-audit", "parsed-toml")
