"""The scanner registry is exhaustive and rule ids are unique and well-formed."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import exposure_audit.scanners as package
from exposure_audit.policy.model import load_policy
from exposure_audit.scanners import CORRELATORS, SCANNERS
from exposure_audit.scanners.base import Correlator, Scanner

RULE = re.compile(r"^EXP[1-7]\d\d$")
FIRST_DIGIT = {
    "employer": "1",
    "colleague": "2",
    "contact": "3",
    "account": "4",
    "location": "5",
    "uniform": "6",
    "duties": "7",
}


def concrete_rule_classes() -> set[type]:
    found: set[type] = set()
    for module in pkgutil.iter_modules(package.__path__):
        loaded = importlib.import_module(f"{package.__name__}.{module.name}")
        for _, cls in inspect.getmembers(loaded, inspect.isclass):
            # A rule class declares its spec; the shared bases above them (PlaceCorrelator...) do not.
            if issubclass(cls, (Scanner, Correlator)) and "spec" in vars(cls) and cls.__module__ == loaded.__name__:
                found.add(cls)
    return found


def test_every_rule_class_in_the_package_is_registered() -> None:
    registered = set(SCANNERS) | set(CORRELATORS)
    missing = sorted(cls.__name__ for cls in concrete_rule_classes() - registered)
    assert not missing, f"rule classes not in SCANNERS/CORRELATORS: {missing}"


def test_rule_ids_are_unique_well_formed_and_in_their_category_range() -> None:
    rules = [cls.rule for cls in (*SCANNERS, *CORRELATORS)]
    assert len(rules) == len(set(rules)), sorted(r for r in rules if rules.count(r) > 1)
    for cls in (*SCANNERS, *CORRELATORS):
        assert RULE.match(cls.rule), cls
        assert cls.rule[3] == FIRST_DIGIT[cls.category.value], (cls.rule, cls.category)


def test_every_rule_documents_itself() -> None:
    for cls in (*SCANNERS, *CORRELATORS):
        assert cls.title and (cls.__doc__ or "").strip(), f"{cls.__name__} needs a title and a docstring"


def test_every_category_has_a_rule_and_every_rule_cites_a_clause_of_the_default_policy() -> None:
    policy = load_policy(None)
    categories = {cls.category for cls in (*SCANNERS, *CORRELATORS)}
    assert {c.value for c in categories} == set(FIRST_DIGIT)
    for category in categories:
        assert policy.clauses_for(category), f"no clause of {policy.id} serves {category.value}"
