"""The person's own settings file, and how it combines with flags: defaults < file < flags.

The file is TOML, read from the platform's user config folder (on Linux
`~/.config/exposure-audit/config.toml`) or from `--config FILE`:

    policy = "dibp-2015"              # the default policy (a built-in name or a .toml path)
    formats = ["terminal", "html"]    # report formats written when no --format is given
    output_dir = "~/exposure-audit"   # where reports go when neither --output nor --output-dir is given
    fail_on = "medium"                # exit 1 only for findings at or above this severity
    cache = true                      # reuse work from earlier scans (false = always --no-cache)

The key `profile`, the policy's earlier name, is still read (`policy` wins when both are given).

Relative paths are taken from the folder the config file is in, so a scheduled run finds the same
folder whatever its working directory. Unknown keys and wrong types are errors naming the key: a typo
never silently drops a setting.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

import platformdirs

from exposure_audit.errors import UsageError
from exposure_audit.model import Level

APP_NAME = "exposure-audit"
KEYS = ("cache", "fail_on", "formats", "output_dir", "policy")
OLD_KEYS = ("profile",)  # the policy's earlier name, still read so existing files keep working


def default_config_path() -> Path:
    return platformdirs.user_config_path(APP_NAME) / "config.toml"


@dataclass(frozen=True, slots=True, kw_only=True)
class UserConfig:
    """What the person's settings file says; the defaults where it says nothing."""

    policy: str | None = None
    formats: tuple[str, ...] = ()
    output_dir: Path | None = None
    fail_on: Level | None = None
    cache: bool = True
    source: str = ""  # the file it was read from, "" for built-in defaults


def _fix(path: Path, problem: str) -> UsageError:
    return UsageError(str(path), problem, "Fix the config file (see 'exposure-audit scan --help')")


def parse_user_config(table: Mapping[str, Any], path: Path, known_formats: Collection[str]) -> UserConfig:
    unknown = sorted(set(table) - set(KEYS) - set(OLD_KEYS))
    if unknown:
        raise UsageError(str(path), f"unknown key '{unknown[0]}'", f"Valid keys are: {', '.join(KEYS)}")
    key = "policy" if "policy" in table else "profile"
    policy = table.get(key)
    if policy is not None and (not isinstance(policy, str) or not policy.strip()):
        raise _fix(path, f"key '{key}' must be a policy name or a path")
    formats = table.get("formats", [])
    if not isinstance(formats, list) or not all(isinstance(f, str) for f in formats):
        raise _fix(path, "key 'formats' must be a list of format names")
    for name in formats:
        if name not in known_formats:
            raise UsageError(
                str(path),
                f"key 'formats' names unknown format '{name}'",
                f"Use some of: {', '.join(sorted(known_formats))}",
            )
    output_dir = table.get("output_dir")
    if output_dir is not None and (not isinstance(output_dir, str) or not output_dir.strip()):
        raise _fix(path, "key 'output_dir' must be a folder path")
    fail_on = table.get("fail_on")
    if fail_on is not None and fail_on not in {lv.value for lv in Level}:
        raise UsageError(str(path), "key 'fail_on' must be one of low, medium, high", "Fix the config file")
    cache = table.get("cache", True)
    if not isinstance(cache, bool):
        raise _fix(path, "key 'cache' must be true or false")
    folder = Path(output_dir).expanduser() if output_dir else None
    if folder is not None and not folder.is_absolute():
        folder = path.parent / folder
    if policy and not PurePath(policy).is_absolute() and (policy.endswith(".toml") or "/" in policy):
        policy = str(path.parent / Path(policy).expanduser())
    return UserConfig(
        policy=policy,
        formats=tuple(dict.fromkeys(formats)),
        output_dir=folder,
        fail_on=Level(fail_on) if fail_on else None,
        cache=cache,
        source=str(path),
    )


def load_user_config(path: Path | None, known_formats: Collection[str]) -> UserConfig:
    """`--config FILE` (which must exist), else the default file if there is one, else defaults."""
    explicit = path is not None
    target = path if path is not None else default_config_path()
    try:
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        if explicit:
            raise UsageError(str(target), "no such config file", "Check the --config path") from None
        return UserConfig()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(str(target), f"the config file cannot be read ({exc})", "Check its permissions") from exc
    import tomllib  # only when there is a file to parse: most people have none

    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(str(target), f"not valid TOML ({exc})", "Fix the syntax of the config file") from exc
    return parse_user_config(table, target, known_formats)


@dataclass(frozen=True, slots=True, kw_only=True)
class ScanSettings:
    """A scan's settings once the flags and the settings file are combined."""

    policy: str | None
    formats: tuple[str, ...]
    output: Path | None
    output_dir: Path | None
    fail_on: Level
    cache: bool


def resolve_settings(
    config: UserConfig,
    *,
    suffixes: Mapping[str, str],
    policy: str | None = None,
    formats: Sequence[str] = (),
    output: Path | None = None,
    output_dir: Path | None = None,
    fail_on: Level | None = None,
    no_cache: bool = False,
) -> ScanSettings:
    """Flags over the config file over built-in defaults. `suffixes` maps format -> file suffix.

    --output FILE writes one format: the --format given, else the one its suffix names (.json, .md ...),
    else the config's first format, else terminal. The config's output folder applies only when neither
    --output nor --output-dir is given; a folder without formats gets every format.
    """
    chosen = tuple(dict.fromkeys(formats))
    if output is not None:
        if len(chosen) > 1:
            raise UsageError("--output", "one file cannot hold several formats", "Use --output-dir instead")
        if not chosen:
            by_suffix = sorted(
                (name for name, suffix in suffixes.items() if output.name.lower().endswith(suffix)),
                key=lambda name: -len(suffixes[name]),
            )  # ".sarif.json" before ".json"
            chosen = (by_suffix[0],) if by_suffix else config.formats[:1] or ("terminal",)
        folder = None
    else:
        folder = output_dir if output_dir is not None else config.output_dir
        chosen = chosen or config.formats or (tuple(suffixes) if folder is not None else ("terminal",))
    return ScanSettings(
        policy=policy or config.policy,
        formats=chosen,
        output=output,
        output_dir=folder,
        fail_on=fail_on or config.fail_on or Level.LOW,
        cache=config.cache and not no_cache,
    )
