"""CONTRIBUTING.md's "Add a format" recipe, followed once: a toy format module and its registry entry
render the same prepared view as every other format, with its own options type."""

from __future__ import annotations

import pytest

from exposure_audit.model import AuditReport
from exposure_audit.policy.model import Policy
from exposure_audit.reporters import formats
from exposure_audit.reporters.formats.options import TerminalOptions
from exposure_audit.reporters.formats.render import render_formats
from exposure_audit.reporters.view import prepare
from tests.reporters.formats.toy_format import ToyOptions

TOY = formats.ReportFormat(name="toy", suffix=".tsv", options=ToyOptions, module="tests.reporters.formats.toy_format")


@pytest.fixture
def toy_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formats, "FORMATS", (*formats.FORMATS, TOY))
    monkeypatch.setitem(formats.BY_NAME, "toy", TOY)


@pytest.mark.usefixtures("toy_registered")
def test_a_toy_format_renders_the_checklist(report: AuditReport, strict_policy: Policy) -> None:
    view = prepare(report, strict_policy)
    rendered = render_formats(view, ["toy", "json"])
    rows = rendered["toy"].splitlines()
    assert len(rows) == len(view.checklist.actions) > 0
    first = view.checklist.actions[0]
    assert rows[0] == f"1\t{first.severity.value}\t{first.title}"
    assert TOY.render(view, ToyOptions(separator=";")).splitlines()[0].startswith("1;")


def test_a_format_refuses_another_format_s_options(report: AuditReport, strict_policy: Policy) -> None:
    with pytest.raises(TypeError, match="toy format takes ToyOptions"):
        TOY.render(prepare(report, strict_policy), TerminalOptions())
