"""CONTRIBUTING.md's "Add a rule" recipe, followed once: a toy rule class with its RuleSpec, put in the
registry, reaches the rule catalogue, `exposure-audit rules` and the checklist of a real download."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exposure_audit import scanners
from exposure_audit.cli import app
from exposure_audit.engine import AuditOptions, run_audit
from exposure_audit.model import Category, Finding, Item, ItemKind, Level
from exposure_audit.policy.model import load_policy
from exposure_audit.reporters.formats.render import render_formats
from exposure_audit.reporters.view import prepare
from exposure_audit.scanners.base import Scanner
from exposure_audit.scanners.catalogue import RuleSpec, rule_catalogue
from tests.conftest import FIXTURES


class PostMentionsASwim(Scanner):
    """EXP990: a post that talks about a swim (a toy rule for the recipe's test)."""

    spec = RuleSpec(id="EXP990", title="Post about a swim", category=Category.DUTIES)

    def scan(self, item: Item) -> Iterable[Finding]:
        at = item.text.lower().find("swim")
        if item.kind is ItemKind.POST and at >= 0:
            yield self.finding(
                item,
                match="swim",
                excerpt=item.text[max(0, at - 20) : at + 24],
                severity=Level.LOW,
                confidence=Level.MEDIUM,
                reasons=("the post says swim",),
            )


@pytest.fixture
def toy_rule(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(scanners, "SCANNERS", (*scanners.SCANNERS, PostMentionsASwim))  # step 2: one line
    rule_catalogue.cache_clear()
    yield
    rule_catalogue.cache_clear()


@pytest.mark.usefixtures("toy_rule")
def test_a_toy_rule_reaches_the_catalogue_the_rules_list_and_the_report(tmp_path: Path) -> None:
    assert rule_catalogue()["EXP990"].spec.title == "Post about a swim"
    listing = CliRunner().invoke(app, ["rules"])
    assert listing.exit_code == 0 and "EXP990" in listing.output
    policy = load_policy(None)
    report = run_audit([FIXTURES / "facebook" / "2022-json"], policy, AuditOptions(jobs=1))
    assert any(f.rule == "EXP990" for f in report.findings)
    text = render_formats(prepare(report, policy), ["markdown", "json"])
    assert "EXP990" in text["json"] and "EXP990" not in text["markdown"]  # no internal ids for people


def test_without_the_registry_line_the_rule_does_not_exist() -> None:
    rule_catalogue.cache_clear()
    assert "EXP990" not in rule_catalogue()
