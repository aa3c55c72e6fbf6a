"""Every action title reads as English with 1 and with 2 items, on every platform label."""

from __future__ import annotations

import re

import pytest

from exposure_audit.fetchers.steps import platform_steps
from exposure_audit.model import Category
from exposure_audit.reporters.plural import plural, plural_word
from exposure_audit.reporters.targets import NOUNS, title

TARGETS = sorted(
    {
        *NOUNS,
        "post",
        "comment",
        "life_event",
        "checkin",
        "message",
        "photo",
        "photo_location",
        "camera",
        "tag",
        "profile",
        "work",
        "education",
        "contact",
        "login",
        "group",
        "page",
        "event",
        "place",
        "location",
        "ip",
        "connection",
        "location_pattern",
        "generic",
    }
)
LABELS = sorted(set(platform_steps().labels.values()) - {""})
CATEGORY_SETS = [(Category.EMPLOYER,), (Category.LOCATION,), (Category.CONTACT,)]
BAD = [
    (re.compile(r"\(s\)"), "a '(s)' plural"),
    (re.compile(r"\byour your\b|\bthe your\b|\bthe the\b", re.I), "a doubled determiner"),
    (re.compile(r"\bthis \w+(?: \w+)? that point\b|\bthese \d+ \w+ that points\b"), "a verb that does not agree"),
    (re.compile(r"\bthese 1\b|\bthis \d"), "a count that does not agree"),
    (re.compile(r"\bSign in to your\b"), "signing in to something that is not an account"),
]


@pytest.mark.parametrize("count", [1, 2])
@pytest.mark.parametrize("target", TARGETS)
def test_every_title_reads_well(target: str, count: int) -> None:
    for label in LABELS:
        for categories in CATEGORY_SETS:
            for lenient in (False, True):
                text = title(
                    target=target,
                    field="headline",
                    platform=label,
                    count=count,
                    categories=categories,
                    allowed_wording="Australian Public Service",
                    naming_allowed=lenient,
                )
                for pattern, problem in BAD:
                    assert not pattern.search(text), f"{problem}: {text!r}"
                if count == 2 and target in NOUNS:
                    assert NOUNS[target][1] in text or "them" in text or target in ("camera",), text


def test_plural() -> None:
    assert plural(1, "photo") == "1 photo" and plural(2, "photo") == "2 photos"
    assert plural(2, "reply") == "2 replies" and plural(1200, "action") == "1,200 actions"
    assert plural_word("this", 2) == "these" and plural_word("match", 3) == "matches"


def test_no_step_tells_a_person_to_sign_in_to_a_folder() -> None:
    steps = platform_steps()
    for platform in steps.labels:
        for target in TARGETS:
            for step in steps.for_target(platform, target):
                assert "Sign in to your photo folders" not in step and "Sign in to your phone" not in step, step


def test_an_action_links_each_policy_title_once() -> None:
    """Two clauses of one section share a title; the action names the section once, the policy quotes both."""
    from exposure_audit.policy.model import load_policy
    from exposure_audit.reporters.policy import linked_clauses

    policy = load_policy(None)
    by_title: dict[str, list[object]] = {}
    for clause in policy.clauses:
        by_title.setdefault(clause.title, []).append(clause)
    shared = next(clauses for clauses in by_title.values() if len(clauses) > 1)
    linked = linked_clauses((*shared, *shared))
    assert len(linked) == 1 and linked[0] is shared[0]
