"""The rule catalogue holds every rule id the scanners can emit, and says what each one reveals."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

import exposure_audit
from exposure_audit.cli import app
from exposure_audit.demo import build_demo_download, demo_sites
from exposure_audit.engine import AuditOptions, run_audit
from exposure_audit.model import Category, Finding, Item
from exposure_audit.policy.model import load_policy
from exposure_audit.reporters.formats.html_map import place_kind
from exposure_audit.scanners import CORRELATORS, SCANNERS
from exposure_audit.scanners.base import Correlator
from exposure_audit.scanners.catalogue import (
    Reveals,
    RuleSpec,
    build_catalogue,
    cited_clauses,
    inference_rules,
    rule_catalogue,
)
from exposure_audit.scanners.location import GeotagPresent

RULE_CODE = Path(exposure_audit.__file__).parent / "scanners"  # where findings are made
RULES_SNAPSHOT = Path(__file__).parent / "snapshots" / "rules.txt"


def test_the_catalogue_is_what_the_rule_classes_declare() -> None:
    declared = [spec.id for cls in (*SCANNERS, *CORRELATORS) for spec in cls.emits()]
    assert sorted(declared) == list(rule_catalogue())
    for cls in (*SCANNERS, *CORRELATORS):
        assert (cls.rule, cls.category, cls.title) == (cls.spec.id, cls.spec.category, cls.spec.title)


def _rule_arguments() -> list[tuple[str, ast.expr]]:
    """Every `rule=` argument of a call in the rules' source, with the file it is in."""
    found = []
    for path in sorted(RULE_CODE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                found += [(path.name, k.value) for k in node.keywords if k.arg == "rule"]
    return found


def test_every_rule_id_the_code_can_emit_is_in_the_catalogue() -> None:
    """A finding's rule id comes from a spec (`self.rule`) or is a literal that the catalogue holds."""
    catalogue = rule_catalogue()
    arguments = _rule_arguments()
    assert any(isinstance(v, ast.Attribute) for _, v in arguments)  # the search sees the scanners' calls
    for where, value in arguments:
        if isinstance(value, ast.Constant):
            assert value.value in catalogue, (where, value.value)
        else:
            assert isinstance(value, (ast.Attribute, ast.Name)), (where, ast.dump(value))
            # `rule` is make_finding's own parameter, passed on to the Finding it builds.
            assert ast.unparse(value) in {"self.rule", "rule"}, (where, ast.unparse(value))


@pytest.mark.parametrize("persona", ["officer", "analyst", "careful"])
def test_every_rule_a_demo_audit_emits_is_in_the_catalogue(tmp_path: Path, persona: str) -> None:
    paths = build_demo_download(tmp_path / persona, persona)
    report = run_audit(paths, load_policy(None).with_sites(demo_sites(persona)), AuditOptions(jobs=1, images="off"))
    emitted = {f.rule for f in report.findings}
    assert emitted, persona
    assert emitted <= set(rule_catalogue()), sorted(emitted - set(rule_catalogue()))


def test_the_rules_command_prints_the_catalogue_as_before() -> None:
    result = CliRunner().invoke(app, ["rules"])
    assert result.exit_code == 0, result.output
    assert result.output == RULES_SNAPSHOT.read_text(encoding="utf-8")


def test_what_the_location_rules_reveal() -> None:
    assert {k.value: sorted(v) for k, v in inference_rules().items()} == {
        "home": ["EXP505"],
        "workplace": ["EXP502", "EXP506"],
        "routine": ["EXP507"],
    }
    reveals = {rule: info.spec.reveals for rule, info in rule_catalogue().items() if info.spec.reveals}
    assert reveals == {
        "EXP502": Reveals.WORKPLACE,
        "EXP505": Reveals.HOME,
        "EXP506": Reveals.WORKPLACE,
        "EXP507": Reveals.ROUTINE,
        "EXP508": Reveals.PLACE,
    }


def test_the_map_rings_only_places_drawn_from_many_geotags() -> None:
    rings = {rule: place_kind(rule) for rule in rule_catalogue() if place_kind(rule)}
    # A geotag inside a workplace site reveals the workplace too, but it is one point, not a ring.
    assert rings == {"EXP505": "home", "EXP506": "work", "EXP507": "routine", "EXP508": "place"}
    assert place_kind("EXP999") is None


def test_a_rule_cites_its_own_category_unless_it_says_otherwise() -> None:
    for info in rule_catalogue().values():
        assert info.spec.clauses == (info.spec.category,)


class _Pairs(Correlator):
    """A toy correlator that emits two rule ids."""

    spec = RuleSpec(id="EXP291", title="Pairs of colleagues", category=Category.COLLEAGUE)
    also_emits = (
        RuleSpec(
            id="EXP292",
            title="Pairs at the workplace",
            category=Category.COLLEAGUE,
            reveals=Reveals.WORKPLACE,
            clauses=(Category.COLLEAGUE, Category.LOCATION),
        ),
    )

    def observe(self, item: Item) -> object | None:
        return None

    def correlate(self, observations: Sequence[object]) -> Iterable[Finding]:
        return ()


def test_a_correlator_that_emits_several_rules_declares_each() -> None:
    catalogue = build_catalogue(SCANNERS, (*CORRELATORS, _Pairs))
    assert catalogue["EXP291"].correlator and catalogue["EXP291"].doc == "A toy correlator that emits two rule ids."
    assert catalogue["EXP292"].title == "Pairs at the workplace"
    assert catalogue["EXP292"].spec.reveals is Reveals.WORKPLACE
    assert (_Pairs.rule, _Pairs.title) == ("EXP291", "Pairs of colleagues")
    policy = load_policy(None)
    cited = cited_clauses(policy, catalogue["EXP292"].spec.clauses)
    assert set(cited) == set(policy.clauses_for(Category.COLLEAGUE)) | set(policy.clauses_for(Category.LOCATION))


def test_a_rule_id_declared_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="rule EXP501 is declared twice"):
        build_catalogue((*SCANNERS, GeotagPresent), CORRELATORS)
