"""The report's "Your policy" section: each clause the actions cite, quoted once.

Actions name their clauses by title and link here, so a clause shared by twenty actions is read once;
the policy's internal clause ids appear only in the machine formats (JSON, CSV, SARIF).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exposure_audit.policy.model import Clause

if TYPE_CHECKING:
    from exposure_audit.reporters.view import ReportView


def policy_clauses(view: ReportView) -> tuple[Clause, ...]:
    """The cited clauses in order of first citation."""
    return tuple(dict.fromkeys(c for action in view.checklist.actions for c in action.clauses))


def linked_clauses(clauses: tuple[Clause, ...]) -> tuple[Clause, ...]:
    """One clause per title, for an action's policy links: two clauses of one section share a title, and
    "Privacy considerations, Privacy considerations" reads as a mistake. The section quotes both."""
    first: dict[str, Clause] = {}
    for clause in clauses:
        first.setdefault(clause.title, clause)
    return tuple(first.values())


def anchor(view: ReportView, clause: Clause) -> str:
    """An HTML/Markdown anchor for a clause, by position, so that the policy's id is never shown."""
    return f"policy-{policy_clauses(view).index(clause) + 1}"
