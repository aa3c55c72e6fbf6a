"""The rule catalogue: every rule id a scanner or correlator emits, declared by the rule class itself.

Each rule class declares a `RuleSpec` (its id, title, category, what a finding reveals and the policy
topics it cites); a correlator that emits further ids declares those too (`also_emits`). Everything
that needs to know about rules reads it from here: `exposure-audit rules` and `explain`, the SARIF
rule list, the map (which findings are places drawn from many geotags), the workshop summary
(which rules mean a home or a workplace could be inferred) and the checklist's wording.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING

from exposure_audit.model import Category

if TYPE_CHECKING:
    from exposure_audit.policy.model import Clause, Policy
    from exposure_audit.scanners.base import Rule


class Reveals(StrEnum):
    """What a finding of a rule tells someone about the person, beyond the matched value."""

    NOTHING = ""
    HOME = "home"
    WORKPLACE = "workplace"
    ROUTINE = "routine"  # where the person is at a given time of day
    PLACE = "place"  # a place that ties several accounts to one person


# What a location finding lets someone infer about the person (the workshop summary's yes/no questions).
INFERENCES = (Reveals.HOME, Reveals.WORKPLACE, Reveals.ROUTINE)


@dataclass(frozen=True, slots=True, kw_only=True)
class RuleSpec:
    """A rule as `rules` and `explain` list it: its id, what it flags, and what it cites."""

    id: str  # "EXP101": stable; baselines and suppressions key on it
    title: str  # one line: what it flags
    category: Category
    reveals: Reveals = Reveals.NOTHING
    # The policy topics whose clauses a finding cites (a policy maps its clauses to categories); the
    # rule's own category unless given.
    clauses: tuple[Category, ...] = ()

    def __post_init__(self) -> None:
        if not self.clauses:
            object.__setattr__(self, "clauses", (self.category,))


@dataclass(frozen=True, slots=True, kw_only=True)
class RuleInfo:
    """A catalogue entry: the spec and the user documentation of the class that emits it."""

    spec: RuleSpec
    doc: str  # the class docstring: the rule's user documentation
    correlator: bool = False

    @property
    def rule(self) -> str:
        return self.spec.id

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def category(self) -> Category:
        return self.spec.category

    @property
    def summary(self) -> str:
        return self.doc.split("\n\n", 1)[0].replace("\n", " ").strip() or self.title


def cited_clauses(policy: Policy, topics: tuple[Category, ...]) -> tuple[str, ...]:
    """The ids of the pack's clauses that serve any of the topics, in the pack's order."""
    return _cited(policy.clauses, topics)


@lru_cache(maxsize=256)  # every finding asks, with the same few topics; keyed by the (immutable) clauses
def _cited(clauses: tuple[Clause, ...], topics: tuple[Category, ...]) -> tuple[str, ...]:
    return tuple(c.id for c in clauses if any(t.value in c.categories for t in topics))


def build_catalogue(scanners: Iterable[type[Rule]], correlators: Iterable[type[Rule]]) -> dict[str, RuleInfo]:
    """Rule id -> entry, sorted by id, for every rule the classes declare; an id declared twice is an error."""
    catalogue: dict[str, RuleInfo] = {}
    for cls, correlator in [(s, False) for s in scanners] + [(c, True) for c in correlators]:
        doc = inspect.cleandoc(cls.__doc__ or "")
        for spec in cls.emits():
            if spec.id in catalogue:
                raise ValueError(f"rule {spec.id} is declared twice ({cls.__name__})")
            catalogue[spec.id] = RuleInfo(spec=spec, doc=doc, correlator=correlator)
    return dict(sorted(catalogue.items()))


@lru_cache(maxsize=1)
def rule_catalogue() -> Mapping[str, RuleInfo]:
    """The catalogue of the registered rule classes (built once; it never changes)."""
    # Imported here: the rule classes import this module for RuleSpec.
    from exposure_audit.scanners import CORRELATORS, SCANNERS

    return build_catalogue(SCANNERS, CORRELATORS)


def reveals_of(rule: str) -> Reveals:
    info = rule_catalogue().get(rule)
    return info.spec.reveals if info else Reveals.NOTHING


def inference_rules() -> Mapping[Reveals, frozenset[str]]:
    """For each inference (home, workplace, routine), the rules whose findings mean it could be made."""
    catalogue = rule_catalogue()
    return {kind: frozenset(r for r, info in catalogue.items() if info.spec.reveals is kind) for kind in INFERENCES}
