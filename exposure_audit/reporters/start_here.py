"""'Start here': the few actions that remove most of the exposure, for the top of every format.

An action's weight is its severity times how much it removes: each distinct item counts, with
diminishing returns (deleting 40 photos is more than deleting one, not forty times more), and the
categories that identify a person on their own (an account registered with an official address, the
employer on the profile, home or workplace geotags) count more than a passing mention.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from exposure_audit.model import Category, Level
from exposure_audit.reporters.checklist import Action, Checklist

MAX_SHOWN = 3
_SEVERITY = {Level.HIGH: 9.0, Level.MEDIUM: 3.0, Level.LOW: 1.0}
_CATEGORY = {
    Category.ACCOUNT: 5.0,
    Category.EMPLOYER: 3.0,
    Category.CONTACT: 2.5,
    Category.LOCATION: 2.0,
    Category.UNIFORM: 2.0,
    Category.COLLEAGUE: 1.2,
    Category.DUTIES: 1.0,
}
# Targets that say where the person lives or works outweigh a single geotagged post.
_TARGET = {"location_pattern": 2.0, "profile": 1.5, "contact": 1.5, "login": 1.5}


@dataclass(frozen=True, slots=True, kw_only=True)
class StartHere:
    """The checklist's first steps, with their numbers in it, and how many other steps follow."""

    actions: tuple[tuple[int, Action], ...]  # (1-based number in the checklist, action)
    smaller: int  # the checklist's other actions

    @property
    def smaller_line(self) -> str:
        if not self.smaller:
            return ""
        return f"…and {self.smaller} smaller {'one' if self.smaller == 1 else 'ones'} in the full checklist."


def weight(action: Action) -> float:
    category = max((_CATEGORY.get(c, 1.0) for c in action.categories), default=1.0)
    return (
        _SEVERITY[action.severity] * category * _TARGET.get(action.target, 1.0) * (1.0 + math.log10(action.items or 1))
    )


def start_here(checklist: Checklist) -> StartHere:
    numbered = list(enumerate(checklist.actions, 1))
    by_weight = sorted(numbered, key=lambda na: (-weight(na[1]), na[0]))
    # Three different kinds of fix before a second of the same kind: three "change the login e-mail"
    # actions say less than one of them, the profile's employer and the home geotags.
    ranked: list[tuple[int, Action]] = []
    for distinct in (True, False):
        for number, action in by_weight:
            new_kind = all(action.target != r.target for _, r in ranked)
            if len(ranked) < MAX_SHOWN and (number, action) not in ranked and (new_kind or not distinct):
                ranked.append((number, action))
    ranked.sort(key=lambda na: na[0])  # shown in checklist order, so the numbers read upwards
    return StartHere(actions=tuple(ranked), smaller=len(numbered) - len(ranked))


def sentence(action: Action) -> str:
    """The action as one sentence: its title, with a full stop."""
    text = action.title.rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."
