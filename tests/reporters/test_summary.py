"""The adversary's-eye summary: plain sentences from categories, platforms and location patterns."""

from __future__ import annotations

from typing import Any

import pytest

from exposure_audit.model import AuditReport, Category, ItemKind, Platform
from exposure_audit.policy.model import Policy
from exposure_audit.reporters.summary import build_summary, counts_line


def location(
    make_finding: Any,
    rule: str,
    kind: ItemKind = ItemKind.LOCATION,
    field: str = "",
    reasons: tuple[str, ...] = ("matched",),
    platform: Platform = Platform.INSTAGRAM,
) -> Any:
    return make_finding(
        rule=rule,
        category=Category.LOCATION,
        platform=platform,
        archive="a.zip",
        member="m.json",
        pointer="",
        kind=kind,
        identity=f"{rule}-{kind.value}-{field}",
        match="-33.9, 151.2",
        field=field,
        reasons=reasons,
    )


def sentences(build_report: Any, policy: Policy, findings: list[Any]) -> list[str]:
    return list(build_summary(build_report(findings), policy).sentences)


def test_the_sample_report(report: AuditReport, strict_policy: Policy) -> None:
    summary = build_summary(report, strict_policy)
    overview = summary.sentences[0]
    assert overview.startswith(
        "Together, your Instagram, Facebook, LinkedIn, X and photo folders let anyone who sees them tell you work "
        "for the Australian Border Force, who some of your colleagues are, what you look like in uniform"
    )
    assert "roughly where you live and where you usually are on weekday mornings" in overview
    # One paragraph for every platform: the department is named once, not once per platform.
    assert overview.count("Australian Border Force") == 1
    assert "Your Facebook account is registered with an official address or id" in overview
    assert summary.counts[Category.EMPLOYER] == 5 and summary.total == len(report.findings)
    assert counts_line(summary).startswith("employer 5 · colleague 2")


def test_workplace_with_a_routine(make_finding: Any, build_report: Any, strict_policy: Policy) -> None:
    found = sentences(
        build_report,
        strict_policy,
        [
            location(make_finding, "EXP511", reasons=("near workplace site 'Cargo hall'",)),
            location(make_finding, "EXP512", reasons=("routine on 17 different days",)),
        ],
    )
    assert found[0] == "Your Instagram lets anyone who sees it tell where you work and when you are usually there."


def test_unknown_pattern_rules_fall_back_to_places_you_have_been(
    make_finding: Any, build_report: Any, strict_policy: Policy
) -> None:
    found = sentences(build_report, strict_policy, [location(make_finding, "EXP599")])
    assert found[0] == "Your Instagram lets anyone who sees it tell where you have been."


@pytest.mark.parametrize(("kind", "field"), [(ItemKind.IP, "login_ip"), (ItemKind.LOCATION, "last_location")])
def test_what_only_the_platform_sees_is_not_said_to_be_visible(
    make_finding: Any, build_report: Any, strict_policy: Policy, kind: ItemKind, field: str
) -> None:
    found = sentences(build_report, strict_policy, [location(make_finding, "EXP504", kind=kind, field=field)])
    assert not any("anyone who sees" in s for s in found)


def test_a_profile_city(make_finding: Any, build_report: Any, strict_policy: Policy) -> None:
    found = sentences(
        build_report,
        strict_policy,
        [location(make_finding, "EXP503", kind=ItemKind.PLACE, field="current_city", platform=Platform.LINKEDIN)],
    )
    assert found[0] == "Your LinkedIn lets anyone who sees it tell which city you are based in."


def test_no_findings(build_report: Any, strict_policy: Policy) -> None:
    found = sentences(build_report, strict_policy, [])
    assert "Nothing in the downloads read identifies you as working for the Australian Border Force" in found[0]
    assert "were not understood or could not be read" in found[-1]


def test_a_distance_from_the_workplace_is_not_a_workplace(
    make_finding: Any, build_report: Any, strict_policy: Policy
) -> None:
    found = sentences(
        build_report,
        strict_policy,
        [
            location(
                make_finding,
                "EXP501",
                kind=ItemKind.EVENT,
                reasons=("tagged with a named place", "13.6 km from workplace site 'Fremantle office'"),
            )
        ],
    )
    assert "where you work" not in found[0] and "where you have been" in found[0]
