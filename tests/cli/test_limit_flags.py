"""The --max-* flags come from `Limits`: every cap declares its flag (or that it has none), and the scan
command offers exactly the declared flags, each changing its own cap."""

from __future__ import annotations

from dataclasses import fields

import pytest
import typer.main

from exposure_audit.cli import app
from exposure_audit.cli.limit_flags import LIMIT_FLAGS, LIMITS_PANEL, limits_from
from exposure_audit.errors import UsageError
from exposure_audit.limits import DEFAULT_LIMITS, FLAG, GiB, Limits, cap_flags

# Caps set only through `with_overrides`: a new cap has to be added here or be given a flag.
WITHOUT_FLAG = {"ratio_floor_bytes", "json_bytes", "text_bytes", "folder_depth"}


def scan_options() -> dict[str, typer.core.TyperOption]:
    scan = typer.main.get_command(app).commands["scan"]  # type: ignore[attr-defined]
    return {max(p.opts, key=len): p for p in scan.params if p.param_type_name == "option"}


def test_every_cap_declares_its_flag_or_that_it_has_none() -> None:
    for cap in fields(Limits):
        assert FLAG in cap.metadata, f"Limits.{cap.name} declares no flag"
    assert {cap.name for cap in fields(Limits) if cap.metadata[FLAG] is None} == WITHOUT_FLAG


def test_the_scan_command_offers_exactly_the_declared_flags() -> None:
    offered = {name: option for name, option in scan_options().items() if name.startswith("--max-")}
    declared = {cap.flag: cap for _, _, cap in cap_flags()}
    assert set(declared) <= set(offered)
    assert {name for name, option in offered.items() if option.rich_help_panel == LIMITS_PANEL} == set(declared)
    for flag, cap in declared.items():
        option = offered[flag]
        assert (option.help, option.metavar, option.default) == (cap.help, "SIZE" if cap.size else "N", None)
    assert set(LIMIT_FLAGS) == {f.name for f in fields(Limits)} - WITHOUT_FLAG


def test_the_values_given_become_limits_and_the_rest_keep_their_defaults() -> None:
    limits = limits_from({"member_bytes": "1G", "compression_ratio": 2.5, "members": None})
    assert (limits.member_bytes, limits.compression_ratio) == (GiB, 2.5)
    assert limits.members == DEFAULT_LIMITS.members and limits.json_depth == DEFAULT_LIMITS.json_depth


@pytest.mark.parametrize(("name", "value"), [("member_bytes", "lots"), ("members", 0)])
def test_a_bad_value_is_a_usage_error_naming_the_flag(name: str, value: str | int) -> None:
    with pytest.raises(UsageError, match=LIMIT_FLAGS[name]):
        limits_from({name: value})
