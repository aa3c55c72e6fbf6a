"""The format registry is what the command line offers, and a view renders the same whenever it is asked."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from typer.testing import CliRunner

import exposure_audit.reporters as reporters_package
from exposure_audit.cli import Format, app
from exposure_audit.model import AuditReport
from exposure_audit.policy.model import Policy
from exposure_audit.reporters.formats import BY_NAME, FILE_SUFFIX, FORMATS
from exposure_audit.reporters.formats.options import CsvOptions, FormatOptions, HtmlOptions, TerminalOptions
from exposure_audit.reporters.formats.render import render_files, render_formats
from exposure_audit.reporters.view import prepare


def test_the_format_choices_are_the_registered_formats() -> None:
    names = [f.name for f in FORMATS]
    assert [f.value for f in Format] == names
    assert list(FILE_SUFFIX) == names and len(set(FILE_SUFFIX.values())) == len(names)
    result = CliRunner().invoke(app, ["scan", "--help"])
    assert result.exit_code == 0, result.output
    assert ", ".join(names[:-1]) + " or " + names[-1] in " ".join(result.output.split())


def test_every_format_has_its_own_options_type_and_a_renderer(report: AuditReport, strict_policy: Policy) -> None:
    assert len({f.options for f in FORMATS}) == len(FORMATS)
    view = prepare(report, strict_policy)
    for fmt in FORMATS:
        assert issubclass(fmt.options, FormatOptions)
        assert fmt.render(view, fmt.options()).strip(), fmt.name


def test_every_file_holds_its_formats_text_in_utf8(report: AuditReport, strict_policy: Policy) -> None:
    """The formats that write their file's bytes themselves (JSON, SARIF) write exactly their text."""
    view = prepare(report, strict_policy)
    names = [f.name for f in FORMATS if f.name != "html"]  # HTML: thumbnails come from the downloads
    texts, files = render_formats(view, names), render_files(view, names)
    assert list(files) == names
    for name in names:
        assert files[name] == texts[name].encode("utf-8"), name
    with pytest.raises(TypeError, match="the json format takes JsonOptions"):
        BY_NAME["json"].render_bytes(view, TerminalOptions())


def test_a_format_refuses_another_formats_options(report: AuditReport, strict_policy: Policy) -> None:
    with pytest.raises(TypeError, match="the csv format takes CsvOptions, not TerminalOptions"):
        BY_NAME["csv"].render(prepare(report, strict_policy), TerminalOptions())
    assert BY_NAME["csv"].render(prepare(report, strict_policy), CsvOptions())


def test_one_report_renders_with_and_without_values_in_any_order(report: AuditReport, strict_policy: Policy) -> None:
    """Two views of one report never share state: the one shown in full and the masked one stay apart."""
    masked = prepare(report, strict_policy)
    shown = prepare(report, strict_policy, show_values=True)
    first = render_formats(masked, ["markdown", "json"])
    assert render_formats(shown, ["markdown", "json"]) != first
    assert render_formats(masked, ["markdown", "json"]) == first
    assert "Personal values are masked" in first["markdown"]


def test_html_options_reach_the_page(report: AuditReport, strict_policy: Policy) -> None:
    section = '<figure class="location"><svg class="map map-wide"></svg></figure>'
    page = BY_NAME["html"].render(prepare(report, strict_policy), HtmlOptions(location_map=section))
    assert 'class="location"' in page
    assert 'class="location"' not in BY_NAME["html"].render(prepare(report, strict_policy), HtmlOptions())


def test_no_reporter_keeps_state_between_calls() -> None:
    """No `global` statement and no module-level cache keyed by object ids anywhere in the reporters."""
    for path in sorted(Path(reporters_package.__file__).parent.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert not any(isinstance(n, ast.Global) for n in ast.walk(tree)), path.name
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)]
        assert not any(c.func.id == "id" for c in calls if isinstance(c.func, ast.Name)), path.name
