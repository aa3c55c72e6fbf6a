"""The rule catalogue: every registered scanner and correlator with its title, category and
documentation, as `exposure-audit rules`, `explain` and the SARIF output describe them."""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from functools import lru_cache

from exposure_audit.model import Category, Finding


@dataclass(frozen=True, slots=True, kw_only=True)
class RuleInfo:
    rule: str
    title: str
    category: Category
    doc: str  # the class docstring: the rule's user documentation
    correlator: bool = False

    @property
    def summary(self) -> str:
        return self.doc.split("\n\n", 1)[0].replace("\n", " ").strip() or self.title


@lru_cache(maxsize=1)
def rule_catalogue() -> dict[str, RuleInfo]:
    from exposure_audit.scanners import CORRELATORS, SCANNERS

    catalogue: dict[str, RuleInfo] = {}
    for cls in SCANNERS:
        catalogue[cls.rule] = RuleInfo(rule=cls.rule, title=cls.title, category=cls.category,
                                       doc=inspect.cleandoc(cls.__doc__ or ""))
    for corr in CORRELATORS:
        info = RuleInfo(rule=corr.rule, title=corr.title, category=corr.category,
                        doc=inspect.cleandoc(corr.__doc__ or ""), correlator=True)
        catalogue[corr.rule] = info
        # A correlator may emit further rule ids; its docstring names them ("EXP502: ...").
        for other in re.findall(r"\b(EXP\d{3})\b", info.doc):
            catalogue.setdefault(other, RuleInfo(rule=other, title=_line_about(info.doc, other) or info.title,
                                                 category=corr.category, doc=info.doc, correlator=True))
    return dict(sorted(catalogue.items()))


def _line_about(doc: str, rule: str) -> str:
    for line in doc.splitlines():
        if rule in line:
            return line.split(rule, 1)[1].strip(" :-–—*`").strip()
    return ""


def rule_title(rule: str) -> str:
    info = rule_catalogue().get(rule)
    return info.title if info else ""


# What a location pattern reveals, recognised from the rule's title, then its reasons and match.
_PATTERN_WORDS = (
    ("routine", ("routine", "weekday", "weekend", "pattern", "regular", "commute", "mornings", "evenings",
                 "schedule")),
    ("home", ("home", "where you live", "residence", "overnight", "nights")),
    ("workplace", ("workplace", "work location", "place of work", "site", "terminal", "office", "work site")),
)


_DISTANCE_NOTE = re.compile(r"\d\s*k?m from\b")


def pattern_kind(finding: Finding) -> str:
    """'home', 'workplace', 'routine', or '' for a location finding drawn from many items."""
    return _pattern_kind(finding.rule, finding.reasons)


@lru_cache(maxsize=4096)  # thousands of photo findings share a handful of rule and reason lists
def _pattern_kind(rule: str, reasons_given: tuple[str, ...]) -> str:
    # A distance note ("13.6 km from workplace site ...") says how far away a place is, not that it is one.
    reasons = " ".join(r for r in reasons_given if not _DISTANCE_NOTE.search(r))
    for text in (rule_title(rule), reasons):
        lowered = text.casefold()
        for kind, words in _PATTERN_WORDS:
            if any(w in lowered for w in words):
                return kind
    return ""
