"""Text for `exposure-audit rules` and `exposure-audit explain RULE` (or a topic: `explain_topics`).

`explain` answers three questions from what the program already knows: what the rule detects (the
scanner's docstring), why it matters under each built-in policy (the clauses the policy maps to
the rule's category, quoted), and how to fix it (the per-platform steps of the checklist).
"""

from __future__ import annotations

import textwrap

from exposure_audit.errors import UsageError
from exposure_audit.fetchers.steps import platform_steps
from exposure_audit.model import Category
from exposure_audit.policy.model import Policy, builtin_policy_names, load_policy
from exposure_audit.reporters.explain_topics import TOPICS, topic_text
from exposure_audit.scanners.catalogue import RuleInfo, cited_clauses, rule_catalogue

# Where a finding of each category is usually fixed, in checklist targets.
TYPICAL_TARGETS: dict[Category, tuple[str, ...]] = {
    Category.EMPLOYER: ("post", "profile", "work"),
    Category.COLLEAGUE: ("tag", "group", "connection"),
    Category.CONTACT: ("contact",),
    Category.ACCOUNT: ("login",),
    Category.LOCATION: ("photo_location", "location"),
    Category.UNIFORM: ("photo",),
    Category.DUTIES: ("post", "comment"),
}
WIDTH = 80


def _policies() -> list[Policy]:
    return [load_policy(name) for name in builtin_policy_names()]


def _wrap(text: str, indent: int) -> str:
    pad = " " * indent
    return textwrap.fill(" ".join(text.split()), width=WIDTH, initial_indent=pad, subsequent_indent=pad)


def rules_text() -> str:
    policies = _policies()
    catalogue = rule_catalogue()
    if not catalogue:
        return "No rules are registered.\n"
    lines: list[str] = []
    for info in catalogue.values():
        lines.append(f"{info.rule}  {info.category.value:<9}  {info.title}")
        for policy in policies:
            clauses = ", ".join(cited_clauses(policy, info.spec.clauses)) or "(no clause)"
            lines.append(_wrap(f"{policy.id}: {clauses}", 17))
    return "\n".join(lines) + "\n"


def find_rule(rule: str) -> RuleInfo:
    info = rule_catalogue().get(rule.strip().upper())
    if info is None:
        raise UsageError(
            rule,
            "no such rule or topic",
            f"Run 'exposure-audit rules' to list the rules; the topics are {', '.join(TOPICS)}",
        )
    return info


def explain_text(rule: str) -> str:
    """A rule's explanation, or a topic's (`explain_topics`)."""
    topic = topic_text(rule)
    if topic is not None:
        return topic
    info = find_rule(rule)
    kind = "correlator (looks across many items)" if info.correlator else "scanner (looks at one item at a time)"
    out = [f"{info.rule}: {info.title}", f"Category: {info.category.value}; a {kind}", "", "What it detects"]
    out += [_wrap(paragraph, 2) for paragraph in (info.doc or info.title).split("\n\n")]
    out += ["", "Why it matters"]
    for policy in _policies():
        out.append(_wrap(f"Under {policy.name} ({policy.document}):", 2))
        clauses = [c for c in policy.clauses if c.id in cited_clauses(policy, info.spec.clauses)]
        if not clauses:
            out.append(_wrap("No clause of this policy covers this category.", 4))
        for clause in clauses:
            out.append(_wrap(f"{clause.id} ({clause.title}): “{clause.text}”", 4))
        if policy.action_for(info.category):
            out.append(_wrap(f"What to do: {policy.action_for(info.category)}", 4))
    out += ["", "How to fix it"]
    steps = platform_steps()
    for platform in steps.explained(location_rule=info.category is Category.LOCATION):
        shown: list[str] = []
        for target in TYPICAL_TARGETS[info.category]:
            shown += [s for s in steps.for_target(platform, target) if s not in shown]
        out.append(f"  {steps.label(platform)}:")
        out += [_wrap(f"- {step}", 4) for step in shown]
    out.append("")
    out.append(
        _wrap(
            f"Steps as the apps were laid out in {steps.checked}; menus move, so look for the nearest "
            "match if a name has changed.",
            0,
        )
    )
    return "\n".join(out) + "\n"
