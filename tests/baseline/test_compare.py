"""Baseline ids, comparison and update, on findings built directly (the end-to-end run is in test_end_to_end)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from exposure_audit.baseline.compare import (
    Baseline,
    Triage,
    TriageLabel,
    compare,
    finding_id,
    mismatch_warnings,
    new_baseline,
    policy_digest,
    updated,
)
from exposure_audit.baseline.model import BaselineStatus
from exposure_audit.model import Category, Finding, Item, ItemKind, Level, Platform, SourceRef
from exposure_audit.policy.model import Policy, Site
from exposure_audit.scanners.base import make_finding

POLICY = Policy(id="test-pack", name="Test", organisation="Org", document="Policy")
T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
T1 = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)
FB = {Platform.FACEBOOK}


def finding(
    identity: str = "facebook:post:1001",
    match: str = "kim.nguyen@abf.gov.au",
    *,
    rule: str = "EXP301",
    platform: Platform = Platform.FACEBOOK,
    pointer: str = "/0",
    severity: Level = Level.HIGH,
    identity_extra: str = "",
) -> Finding:
    item = Item(
        kind=ItemKind.POST,
        platform=platform,
        identity=identity,
        text=f"mail me at {match}",
        source=SourceRef(archive="dl.zip", member="posts/your_posts_1.json", pointer=pointer),
        created_at=datetime(2019, 3, 4, 7, 30, tzinfo=UTC),
    )
    return make_finding(
        rule=rule,
        category=Category.CONTACT,
        policy=POLICY,
        platform=platform,
        source=item.source,
        item=item,
        match=match,
        excerpt=item.text,
        severity=severity,
        confidence=Level.HIGH,
        reasons=("official domain",),
        identity_extra=identity_extra,
    )


def test_ids_ignore_position_but_not_the_value_or_the_item() -> None:
    key = b"k" * 32
    base = finding_id(key, finding())
    assert finding_id(key, finding(pointer="/57")) == base  # re-ordered download
    assert finding_id(key, finding(match="  KIM.Nguyen@abf.gov.au ")) == base  # normalised value
    assert finding_id(key, finding(match="lee.tran@abf.gov.au")) != base  # another value in the same post
    assert finding_id(key, finding(identity="facebook:post:1002")) != base
    assert finding_id(key, finding(rule="EXP302")) != base
    assert finding_id(key, finding(platform=Platform.INSTAGRAM)) != base
    assert finding_id(key, finding(identity_extra="#home")) != base
    assert finding_id(b"j" * 32, finding()) != base  # another baseline's key


def test_first_run_against_an_empty_baseline_is_all_new() -> None:
    baseline = new_baseline(POLICY, T0)
    view = compare(baseline, [finding()], FB, POLICY, T0.date(), "b.json")
    assert [m.status for m in view.marks.values()] == [BaselineStatus.NEW]
    assert view.resolved == 0 and view.warnings == ()


def test_known_new_and_resolved_after_an_update() -> None:
    old = finding()
    baseline = updated(new_baseline(POLICY, T0), [old], FB, POLICY, T0)
    changed = finding(match="lee.tran@abf.gov.au")
    view = compare(baseline, [changed], FB, POLICY, T1.date(), "b.json")
    assert view.marks[changed.fingerprint].status is BaselineStatus.NEW
    assert view.resolved == 1 and view.resolved_by_category == {Category.CONTACT: 1}
    view = compare(baseline, [old], FB, POLICY, T1.date(), "b.json")
    assert view.marks[old.fingerprint].status is BaselineStatus.KNOWN and view.resolved == 0


def test_an_update_resolves_what_is_gone_and_a_return_is_reappeared() -> None:
    first = updated(new_baseline(POLICY, T0), [finding()], FB, POLICY, T0)
    second = updated(first, [], FB, POLICY, T1)
    (entry,) = second.entries.values()
    assert entry.resolved == T1 and entry.first_seen == T0
    view = compare(second, [finding()], FB, POLICY, T1.date(), "b.json")
    assert view.marks[finding().fingerprint].status is BaselineStatus.REAPPEARED
    third = updated(second, [finding()], FB, POLICY, T1)
    assert next(iter(third.entries.values())).resolved is None


def test_findings_of_platforms_not_scanned_this_time_are_neither_resolved_nor_counted() -> None:
    linkedin = finding(identity="linkedin:profile:email", platform=Platform.LINKEDIN)
    baseline = updated(
        new_baseline(POLICY, T0), [finding(), linkedin], {Platform.FACEBOOK, Platform.LINKEDIN}, POLICY, T0
    )
    view = compare(baseline, [finding()], FB, POLICY, T1.date(), "b.json")
    assert view.resolved == 0 and view.not_checked == 1
    after = updated(baseline, [finding()], FB, POLICY, T1)
    assert all(e.resolved is None for e in after.entries.values())


def _labelled(
    label: TriageLabel, expires: date | None = None, resolved: datetime | None = None
) -> tuple[Baseline, str]:
    baseline = updated(new_baseline(POLICY, T0), [finding()], FB, POLICY, T0)
    bid, entry = next(iter(baseline.entries.items()))
    entry = replace(
        entry, resolved=resolved, triage=Triage(label=label, marked=T0, note="friends only", expires=expires)
    )
    return replace(baseline, entries={bid: entry}), bid


def test_a_label_in_force_is_quiet_and_an_expired_one_asks_again() -> None:
    baseline, bid = _labelled(TriageLabel.ACCEPTED, expires=date(2026, 1, 31))
    mark = compare(baseline, [finding()], FB, POLICY, date(2026, 1, 31), "b").marks[finding().fingerprint]
    assert mark.quiet and mark.triage == "accepted" and mark.status is BaselineStatus.KNOWN
    assert mark.id == bid[:10] and mark.note == "friends only"
    mark = compare(baseline, [finding()], FB, POLICY, date(2026, 2, 1), "b").marks[finding().fingerprint]
    assert not mark.quiet and mark.lapsed == "accepted" and mark.status is BaselineStatus.REAPPEARED


def test_fixed_that_comes_back_is_reappeared_and_loses_its_label() -> None:
    baseline, bid = _labelled(TriageLabel.FIXED, resolved=T0)
    mark = compare(baseline, [finding()], FB, POLICY, T1.date(), "b").marks[finding().fingerprint]
    assert mark.status is BaselineStatus.REAPPEARED and not mark.quiet and mark.lapsed == "fixed"
    after = updated(baseline, [finding()], FB, POLICY, T1)
    assert after.entries[bid].triage is None


def test_accepted_survives_going_away_and_coming_back() -> None:
    baseline, _ = _labelled(TriageLabel.ACCEPTED, resolved=T0)
    mark = compare(baseline, [finding()], FB, POLICY, T1.date(), "b").marks[finding().fingerprint]
    assert mark.quiet and mark.status is BaselineStatus.REAPPEARED


def test_a_changed_policy_or_rule_set_is_reported() -> None:
    baseline = new_baseline(POLICY, T0)
    assert mismatch_warnings(baseline, POLICY) == ()
    other = replace(POLICY, id="treasury-2014")
    assert "made with policy 'test-pack'" in mismatch_warnings(baseline, other)[0]
    edited = replace(POLICY, actions={"contact": "Remove it"})
    assert "another version of policy 'test-pack'" in mismatch_warnings(baseline, edited)[0]
    older_rules = replace(baseline, rules=(*baseline.rules, "EXP999"))
    assert "removed EXP999" in mismatch_warnings(older_rules, POLICY)[0]


def test_sites_do_not_change_the_policy_digest() -> None:
    assert policy_digest(POLICY.with_sites((Site(name="Work", lat=-33.9, lon=151.2),))) == policy_digest(POLICY)
    assert policy_digest(replace(POLICY, path="/somewhere/else.toml")) == policy_digest(POLICY)


def test_an_update_keeps_the_key_and_records_the_current_policy() -> None:
    baseline = new_baseline(replace(POLICY, id="old"), T0)
    after = updated(baseline, [finding()], FB, POLICY, T1)
    assert after.key == baseline.key and after.policy_id == "test-pack" and after.updated == T1
    (entry,) = after.entries.values()
    assert (entry.rule, entry.category, entry.severity, entry.platform, entry.kind, entry.day) == (
        "EXP301",
        Category.CONTACT,
        Level.HIGH,
        Platform.FACEBOOK,
        "post",
        "2019-03-04",
    )
