"""Every command's --help at 80 columns: no line wider than 80, no option's name, value or help cut,
and no command's one-line description shortened with "..." in a command list."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from exposure_audit.cli import app

WIDTH = 80


def commands() -> list[tuple[list[str], Any]]:
    """Every command and group, with the words that call it (typer's own command classes)."""
    found: list[tuple[list[str], Any]] = []

    def walk(path: list[str], command: Any) -> None:
        found.append((path, command))
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                walk([*path, name], sub)

    walk([], typer.main.get_command(app))
    return found


def flat(text: str) -> str:
    """The help as one line: click wraps at spaces and after hyphens."""
    return re.sub(r"-\s+", "-", " ".join(text.split()))


@pytest.mark.parametrize(("path", "command"), commands(), ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_help_fits_80_columns_and_cuts_nothing(path: list[str], command: Any) -> None:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": str(WIDTH)}, terminal_width=WIDTH)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert all(len(line) <= WIDTH for line in lines), [line for line in lines if len(line) > WIDTH]
    assert len(lines) <= 100, len(lines)
    text = flat(result.output)
    ctx = command.context_class(command, info_name=" ".join(path))
    for param in command.params:
        if param.param_type_name != "option" or param.hidden:
            continue
        metavar = (param.metavar or param.display_type_rich(ctx) or "") if not param.is_flag else ""
        assert not metavar.startswith("<"), (param.name, metavar)  # a word a person understands, not a type
        name = max(param.opts, key=len)
        first_line = next(line for line in lines if name in line.split(" [")[0].replace(",", " ").split())
        if metavar:
            assert metavar in first_line, (name, metavar, first_line)  # the value's form on the option's line
        assert flat(param.help or "") in text, (name, param.help)
    if hasattr(command, "commands"):
        listed = lines[lines.index("Commands:") + 1 :]
        assert listed and not any(line.rstrip().endswith("...") for line in listed), listed


def test_every_topic_the_help_points_to_is_explained() -> None:
    from exposure_audit.reporters.explain_topics import TOPICS

    runner = CliRunner()
    scan_help = runner.invoke(app, ["scan", "--help"], env={"COLUMNS": str(WIDTH)}, terminal_width=WIDTH).output
    pointed = set(re.findall(r"explain (\w+)", flat(scan_help)))
    assert pointed and pointed <= set(TOPICS)
    for topic in TOPICS:
        result = runner.invoke(app, ["explain", topic])
        assert result.exit_code == 0, result.output
        assert all(len(line) <= WIDTH for line in result.output.splitlines())
    result = runner.invoke(app, ["explain", "no-such-topic"])
    assert result.exit_code == 2 and "no such rule or topic" in result.output


def test_explain_limits_names_every_cap_flag_with_its_help() -> None:
    from exposure_audit.limits import cap_flags

    text = flat(CliRunner().invoke(app, ["explain", "limits"]).output)
    for _, _, flag in cap_flags():
        assert f"{flag.flag}: {flat(flag.help)}" in text, flag.flag
