"""The checklist: every finding in exactly one action, every action citing the policy, wording per policy."""

from __future__ import annotations

from collections import Counter
from typing import Any

from exposure_audit.fetchers.steps import parse_steps, platform_steps
from exposure_audit.model import AuditReport, Category, ItemKind, Level, Platform
from exposure_audit.policy.model import Policy
from exposure_audit.reporters.checklist import build_checklist
from exposure_audit.reporters.redact import Redactor


def checklist_of(report: AuditReport, policy: Policy, show: bool = False) -> Any:
    return build_checklist(report, policy, Redactor.for_findings(report.findings, show_values=show))


def test_every_finding_is_in_exactly_one_action(report: AuditReport, strict_policy: Policy) -> None:
    checklist = checklist_of(report, strict_policy)
    seen = Counter(fp for action in checklist.actions for fp in action.fingerprints)
    assert set(seen) == {f.fingerprint for f in report.findings}
    assert set(seen.values()) == {1}


def test_every_action_cites_a_clause_of_the_active_policy(report: AuditReport, strict_policy: Policy) -> None:
    policy_ids = {c.id for c in strict_policy.clauses}
    for action in checklist_of(report, strict_policy).actions:
        assert action.clauses, action.title
        assert {c.id for c in action.clauses} <= policy_ids
        assert all(c.text for c in action.clauses)


def test_actions_are_ordered_by_severity(report: AuditReport, strict_policy: Policy) -> None:
    ranks = [a.severity.rank for a in checklist_of(report, strict_policy).actions]
    assert ranks == sorted(ranks, reverse=True)
    assert ranks[0] == Level.HIGH.rank


def test_titles_name_the_action_the_platform_and_the_count(report: AuditReport, strict_policy: Policy) -> None:
    titles = [a.title for a in checklist_of(report, strict_policy).actions]
    assert "Delete or edit these 2 posts on Instagram" in titles  # three findings on two posts
    assert "Remove the employer from your LinkedIn headline, or replace it with 'Australian Public Service'" in titles
    assert (
        "Change the login e-mail address of this Facebook account from your official one, or delete the account"
        in titles
    )
    assert "Untag yourself from this photo or post on Facebook" in titles
    assert any(t.startswith("Turn off camera location on your phone") for t in titles)
    assert any(t.startswith("Stop revealing where you live") for t in titles)


def test_the_lenient_policy_words_its_own_actions(report: AuditReport, lenient_policy: Policy) -> None:
    actions = checklist_of(report, lenient_policy).actions
    titles = [a.title for a in actions]
    assert "Add a 'views are my own' disclaimer to these 2 posts on Instagram, or delete them" in titles
    assert "Add a 'views are my own' disclaimer to your LinkedIn headline" in titles
    assert "Change the login e-mail address of this Facebook account from your official one" in titles
    assert not any("Australian Public Service" in t for t in titles)
    login = next(a for a in actions if a.target == "login")
    assert login.instructions == (lenient_policy.actions["account"],)
    assert [c.id for c in login.clauses] == ["L-profile"]


def test_clauses_fall_back_to_the_category_when_findings_cite_none(
    make_finding: Any, build_report: Any, strict_policy: Policy
) -> None:
    finding = make_finding(
        rule="EXP301",
        category=Category.CONTACT,
        platform=Platform.LINKEDIN,
        archive="li.zip",
        member="Email Addresses.csv",
        pointer="row 2",
        kind=ItemKind.CONTACT,
        identity="c",
        match="j.citizen@abf.gov.au",
        field="email",
    )
    (action,) = checklist_of(build_report([finding]), strict_policy).actions
    assert [c.id for c in action.clauses] == ["T-contact"]
    assert action.title == "Remove your official e-mail address from your LinkedIn profile"


def test_evidence_is_redacted_unless_values_are_shown(report: AuditReport, strict_policy: Policy) -> None:
    def login_match(show: bool) -> str:
        actions = checklist_of(report, strict_policy, show).actions
        return str(next(a for a in actions if a.target == "login").evidence[0].match)

    assert login_match(False) == "j•••@abf.gov.au"
    assert login_match(True) == "jane.citizen@abf.gov.au"


def test_action_keys_change_when_the_findings_change(
    report: AuditReport, build_report: Any, strict_policy: Policy
) -> None:
    before = {a.title: a.key for a in checklist_of(report, strict_policy).actions}
    again = {a.title: a.key for a in checklist_of(build_report(), strict_policy).actions}
    fewer = {a.title: a.key for a in checklist_of(build_report(list(report.findings[1:])), strict_policy).actions}
    assert before == again
    title = "Delete or edit these 2 posts on Instagram"  # one of its three findings is gone
    assert fewer[title] != before[title]


def test_steps_cover_every_target_on_the_main_platforms() -> None:
    steps = platform_steps()
    for platform in ("facebook", "instagram", "linkedin", "x"):
        for target in ("post", "photo", "profile", "contact", "login", "photo_location"):
            assert steps.for_target(platform, target), (platform, target)
    assert any("Camera" in s for s in steps.for_target("photos", "camera"))
    assert steps.for_target("linkedin", "profile", "headline")[0].endswith("Headline, and rewrite it.")


def test_steps_fall_back_and_include_other_lists() -> None:
    steps = parse_steps(
        {
            "platforms": {
                "default": {"label": "the platform", "steps": {"generic": ["Open {platform}."]}},
                "phone": {"label": "your phone", "steps": {"camera": ["Camera off."]}},
                "bluesky": {"label": "Bluesky", "steps": {"post": ["Find it.", "@phone.camera", "@bluesky.post"]}},
            }
        }
    )
    assert steps.for_target("bluesky", "post") == ("Find it.", "Camera off.")
    assert steps.for_target("bluesky", "group") == ("Open Bluesky.",)
    assert steps.label("mastodon") == "Mastodon"
