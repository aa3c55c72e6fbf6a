"""The room's picture from many people's count-only summaries, with a minimum group size.

Every figure is a number of people ("7 people had an official e-mail address on a profile"). A
figure drawn from fewer people than the minimum group (default 5) is not shown, only "fewer than 5";
the room itself must have at least that many summaries. Nothing is ever broken down by person or
input file, and the output is the same whatever order the files are given in. Only counts come
from the summaries: every label is the program's own wording for a key from a fixed vocabulary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from exposure_audit.errors import UsageError
from exposure_audit.fetchers.downloads import supported_platforms
from exposure_audit.fetchers.steps import platform_steps
from exposure_audit.model import Category, Level
from exposure_audit.policy.model import Policy, builtin_policy_names, load_policy
from exposure_audit.reporters.checklist import naming_allowed, pattern_title
from exposure_audit.reporters.targets import title
from exposure_audit.workshop.summary import INFERENCES, PersonalSummary

DEFAULT_MIN_GROUP = 5
SMALLEST_MIN_GROUP = 2

CATEGORY_LABELS = {
    Category.EMPLOYER: "Named or hinted at the employer",
    Category.COLLEAGUE: "Made colleagues identifiable",
    Category.CONTACT: "Listed an official e-mail address or phone number",
    Category.ACCOUNT: "Had an account registered with an official address",
    Category.LOCATION: "Shared geotags or places",
    Category.UNIFORM: "Had photos that may show uniform or insignia",
    Category.DUTIES: "Discussed official duties",
}
INFERENCE_LABELS = {"home": "A likely home", "workplace": "A workplace", "routine": "A weekday routine"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure:
    label: str
    people: int | None  # None: drawn from fewer people than the minimum group, so not shown


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    title: str
    figures: tuple[Figure, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class RoomPicture:
    people: int
    min_group: int
    sections: tuple[Section, ...]
    actions: tuple[Figure, ...]  # the most common checklist actions, each shared by at least min_group people
    actions_not_shown: int  # kinds of action each drawn from fewer people than the minimum group


def _figure(label: str, people: int, min_group: int) -> Figure:
    return Figure(label=label, people=people if people >= min_group else None)


def action_wording(action: str, policy: Policy) -> str:
    """A checklist action kind ("facebook/photo_location") in the checklist's own words, without counts."""
    platform, _, rest = action.partition("/")
    target, _, detail = rest.partition(":")
    label = platform_steps().label(platform)
    pattern = pattern_title(detail, label) if target == "location_pattern" else None
    if pattern is not None:
        return pattern
    categories = [Category.LOCATION] if target in ("photo_location", "location_pattern", "camera") else []
    wording = title(
        target=target,
        field=detail,
        platform=label,
        count=2,
        categories=categories,
        allowed_wording=policy.employer.allowed_wording,
        naming_allowed=naming_allowed(policy),
    )
    return wording.replace("these 2 ", "")


def policy_for(summaries: Sequence[PersonalSummary], profile: str | None) -> Policy:
    """The policy whose wording the page uses: --policy, else the summaries' policy when they agree."""
    if profile:
        return load_policy(profile)
    policies = {s.policy for s in summaries}
    if len(policies) == 1 and (only := next(iter(policies))) in builtin_policy_names():
        return load_policy(only)
    return load_policy(None)


def aggregate(
    summaries: Sequence[PersonalSummary], policy: Policy, min_group: int = DEFAULT_MIN_GROUP, top_actions: int = 10
) -> RoomPicture:
    if min_group < SMALLEST_MIN_GROUP:
        raise UsageError(
            f"--min-group {min_group}",
            f"the minimum group must be at least {SMALLEST_MIN_GROUP}",
            "Use the default of 5 unless the room agreed otherwise",
        )
    if len(summaries) < min_group:
        raise UsageError(
            f"{len(summaries)} summaries",
            f"fewer than the minimum group of {min_group}",
            "Collect more summaries; figures from fewer people could point to someone",
        )
    people = Counter[str]()
    for s in summaries:
        categories = {c for c, counts in s.findings.items() if sum(counts.values())}
        people.update(f"category:{c}" for c in categories)
        people.update(f"high:{c}" for c, counts in s.findings.items() if counts.get(Level.HIGH.value))
        people.update(f"inferred:{k}" for k, yes in s.inferred.items() if yes)
        people.update(f"scanned:{p}" for p in s.platforms)
        people.update(f"found-on:{p}" for p, n in s.platforms.items() if n)
        people.update(f"action:{a}" for a in s.actions)
        if categories:
            people["any"] += 1
        if any(counts.get(Level.HIGH.value) for counts in s.findings.values()):
            people["any-high"] += 1

    def fig(label: str, key: str) -> Figure:
        return _figure(label, people[key], min_group)

    steps = platform_steps()
    sections = (
        Section(
            title="Overall",
            figures=(fig("At least one finding", "any"), fig("At least one high-severity finding", "any-high")),
        ),
        Section(
            title="Kinds of exposure", figures=tuple(fig(CATEGORY_LABELS[c], f"category:{c.value}") for c in Category)
        ),
        Section(
            title="High-severity findings, by kind",
            figures=tuple(fig(CATEGORY_LABELS[c], f"high:{c.value}") for c in Category),
        ),
        Section(
            title="What geotags revealed", figures=tuple(fig(INFERENCE_LABELS[k], f"inferred:{k}") for k in INFERENCES)
        ),
        Section(
            title="Platforms scanned",
            figures=tuple(fig(steps.label(p.value), f"scanned:{p.value}") for p in supported_platforms()),
        ),
        Section(
            title="Platforms with findings",
            figures=tuple(fig(steps.label(p.value), f"found-on:{p.value}") for p in supported_platforms()),
        ),
    )
    counted = sorted(
        ((n, key.removeprefix("action:")) for key, n in people.items() if key.startswith("action:")),
        key=lambda pair: (-pair[0], pair[1]),
    )
    shown = [(n, a) for n, a in counted if n >= min_group]
    return RoomPicture(
        people=len(summaries),
        min_group=min_group,
        sections=sections,
        actions=tuple(Figure(label=action_wording(a, policy), people=n) for n, a in shown[:top_actions]),
        actions_not_shown=len(counted) - len(shown),
    )
