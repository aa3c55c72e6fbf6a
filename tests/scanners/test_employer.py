"""EXP101 employer in free text, EXP102 in profile fields, EXP103 groups and pages: should-flag and
near-miss tables with the default policy, and what a finding says about itself."""

from __future__ import annotations

import pytest

from exposure_audit.model import Category, Finding, Item, ItemKind, Level, Platform, SourceRef
from exposure_audit.policy.model import load_policy
from exposure_audit.scanners.compiled import compile_policy
from exposure_audit.scanners.employer import EmployerGroupOrPage, EmployerInFreeText, EmployerInProfile

POLICY = load_policy("dibp-2015")
COMPILED = compile_policy(POLICY)
TREASURY = load_policy("treasury-2014")
TREASURY_COMPILED = compile_policy(TREASURY)


def item(text: str, kind: ItemKind = ItemKind.POST, field: str = "post", **extra: str) -> Item:
    return Item(
        kind=kind,
        platform=Platform.FACEBOOK,
        source=SourceRef(archive="dl.zip", member="posts/1.json"),
        identity=f"{kind}:{text}",
        text=text,
        field=field,
        extra=dict(extra),
    )


def reported(findings: list[Finding]) -> list[Finding]:
    """What counts as flagged: medium or high confidence (low-confidence findings are hints)."""
    return [f for f in findings if f.confidence.at_least(Level.MEDIUM)]


FREE_TEXT_FLAGGED = [
    "First night shift done with the Border Force crew 💪",
    "Passing out parade today! Officially an Australian Border Force officer",
    "Proud to serve with the ABF",
    "Ten years at the Department of Immigration and Border Protection this week",
    "Started my new job at Home Affairs today",  # ambiguous name with work context
    "Retired after 31 years with Customs",
    "Did my first shift with the Boarder Force team",  # misspelling
    "Austalian Border Force college was a blast",
    "Love the crew #BorderForce",
    "Back at @AusBorderForce after leave",
    "Australian\nBorder-Force recruits, week 3",  # line break and hyphen
    "DIBP Christmas party theme is 'under the sea'",  # a bare mention: medium (it is the user's own post)
    "ABF's roster came out",
]

FREE_TEXT_NOT_FLAGGED = [
    "Our border collie Biscuit turned three today",
    "Force of habit: coffee first",
    "Ab Fab marathon tonight #abfab",
    "Went through customs at Tullamarine, 45 min queue",
    "Love learning about local customs when we travel",
    "Getting our home affairs in order before the baby arrives",
    "Watching Border Force on Sky, episode 4 tonight",
    "Headline of the day: 'Border Force officers to patrol CBD'... ugh",
    "I work for the APS, that's all I'll say",
    "Proud Commonwealth public servant",
    "US Customs and Border Protection held me for 2 hours",
    "UK Border Force strike at Heathrow ruined our holiday",
    "My ABF (Australian Baseball Federation) course starts Monday",
    "Australian Baseball Federation (ABF) results are in",
    "Minister for Home Affairs announced changes today, according to the news",
    "Got pulled aside by a Customs officer at Brisbane for my Vegemite",
    "New article on Border Force https://news.example.com/a",
    "Border terrier puppies for sale",
    "email me at d.okafor@ABF.gov.au",  # an address is a contact finding, not a mention
]


@pytest.mark.parametrize("text", FREE_TEXT_FLAGGED)
def test_free_text_should_flag(text: str) -> None:
    findings = reported(list(EmployerInFreeText(COMPILED).scan(item(text))))
    assert len(findings) == 1, text
    assert findings[0].rule == "EXP101" and findings[0].category is Category.EMPLOYER


@pytest.mark.parametrize("text", FREE_TEXT_NOT_FLAGGED)
def test_free_text_should_not_flag(text: str) -> None:
    assert reported(list(EmployerInFreeText(COMPILED).scan(item(text)))) == [], text


def test_a_finding_explains_which_words_matched_what_context_counted_and_which_clauses_apply() -> None:
    text = "First night shift with the Border Force crew, watching the sunrise"
    (finding,) = EmployerInFreeText(COMPILED).scan(item(text))
    assert finding.match == "Border Force"
    assert finding.confidence is Level.HIGH  # base 1, two raising cues, one lowering
    text = " | ".join(finding.reasons)
    assert '"Border Force" matches name "Border Force"' in text
    assert 'raised confidence: "night shift", "crew"' in text
    assert 'lowered confidence: "watching"' in text
    assert "EXP101" in text and "IG2-private-identify" in text
    assert finding.guidance == POLICY.clauses_for(Category.EMPLOYER)
    assert "Australian Public Service" in finding.action
    assert "Border Force" in finding.excerpt


def test_confidence_and_severity_follow_context_and_kind() -> None:
    scanner = EmployerInFreeText(COMPILED)
    (strong,) = scanner.scan(item("Sworn in today with my Border Force colleagues"))
    (bare,) = scanner.scan(item("Border Force tomorrow, then the beach"))
    (mixed,) = scanner.scan(item("Watching the Border Force documentary with my colleagues"))
    (message,) = scanner.scan(item("on shift at Border Force til 6", ItemKind.MESSAGE, "message"))
    assert (strong.confidence, strong.severity) == (Level.HIGH, Level.HIGH)
    assert bare.confidence is Level.MEDIUM and bare.severity is Level.MEDIUM
    assert any("bare mention" in r for r in bare.reasons)
    assert mixed.confidence is Level.LOW  # 1 + 1 raising - 2 lowering: a hint, not a flag
    assert message.severity is Level.LOW  # a private message


def test_ambiguous_names_need_work_context_in_free_text() -> None:
    scanner = EmployerInFreeText(COMPILED)
    assert list(scanner.scan(item("Customs at Denpasar took five minutes"))) == []
    (finding,) = scanner.scan(item("My first day at Customs"))
    assert finding.confidence.at_least(Level.MEDIUM)


PROFILE_FLAGGED = [
    item("Australian Border Force", ItemKind.WORK, "work.employer", title="Border Force Officer"),
    item("Customs", ItemKind.WORK, "work.employer"),  # ambiguous, but the whole value
    item("Home Affairs (Department of)", ItemKind.WORK, "work.employer"),
    item("Border Force Officer", ItemKind.WORK, "work.title"),
    item("Australian Government", ItemKind.WORK, "work.employer", title="Coxswain, ABF Marine Unit"),
    item("ABF 🇦🇺 | mum of 2 | coffee snob", ItemKind.PROFILE, "bio"),
    item("Intelligence Analyst at Department of Home Affairs", ItemKind.PROFILE, "headline"),
    item("Australian Border Force College", ItemKind.EDUCATION, "education"),
    item("Started New Job at Australian Border Force", ItemKind.LIFE_EVENT, "life_event"),
]

PROFILE_NOT_FLAGGED = [
    item("Customs Brokers Australia Pty Ltd", ItemKind.WORK, "work.employer", title="Licensed Customs Broker"),
    item("Home Affairs Interiors", ItemKind.WORK, "work.employer"),
    item("ABF Freight System", ItemKind.WORK, "work.employer", title="Dock Supervisor"),
    item("Australian Public Service", ItemKind.WORK, "work.employer", title="APS 6"),
    item("Public servant | runner | dad joke specialist", ItemKind.PROFILE, "bio"),
    item("🐕 border collie mum | Illawarra", ItemKind.PROFILE, "bio"),
    item("Started New Job at Services Australia", ItemKind.LIFE_EVENT, "life_event"),
    item("Australian Customs Brokers Academy", ItemKind.EDUCATION, "education"),
    item("Australian Border Force", ItemKind.POST, "post"),  # free text is EXP101, not EXP102
]


@pytest.mark.parametrize("entry", PROFILE_FLAGGED, ids=lambda i: i.text)
def test_profile_should_flag(entry: Item) -> None:
    findings = reported(list(EmployerInProfile(COMPILED).scan(entry)))
    assert len(findings) == 1
    assert findings[0].rule == "EXP102" and findings[0].severity is Level.HIGH


@pytest.mark.parametrize("entry", PROFILE_NOT_FLAGGED, ids=lambda i: i.text)
def test_profile_should_not_flag(entry: Item) -> None:
    assert reported(list(EmployerInProfile(COMPILED).scan(entry))) == []


def test_a_work_history_entry_names_the_field_that_matched() -> None:
    (finding,) = EmployerInProfile(COMPILED).scan(
        item("Commonwealth of Australia", ItemKind.WORK, "work.employer", title="Border Force Supervisor")
    )
    assert finding.match == "Border Force Supervisor"
    assert "found in the entry's title" in finding.reasons


def test_groups_named_after_the_employer_are_flagged_and_followed_pages_are_low() -> None:
    scanner = EmployerGroupOrPage(COMPILED)
    (group,) = scanner.scan(item("ABF Officers – Port Kembla Social Club", ItemKind.GROUP, "group"))
    assert (group.severity, group.confidence) == (Level.MEDIUM, Level.HIGH)
    admin = Item(
        kind=ItemKind.GROUP,
        platform=Platform.FACEBOOK,
        source=SourceRef(archive="a", member="b"),
        identity="g2",
        text="Border Force Recruits 2019",
        field="group",
        labels=frozenset({"admin"}),
    )
    (run,) = scanner.scan(admin)
    assert run.severity is Level.HIGH
    (page,) = scanner.scan(item("Australian Border Force", ItemKind.PAGE, "page"))
    assert (page.severity, page.confidence) == (Level.LOW, Level.LOW)
    assert any("permitted" in r for r in page.reasons)
    for name in ("Border Collie Rescue NSW", "Home Affairs & Decor Ideas", "Customs House Markets", "APS Jobs"):
        assert list(scanner.scan(item(name, ItemKind.GROUP, "group"))) == [], name


def test_under_the_treasury_policy_naming_the_employer_is_a_low_severity_reminder() -> None:
    (finding,) = EmployerInFreeText(TREASURY_COMPILED).scan(item("Budget lock-up done, 14 hours at Treasury"))
    assert finding.severity is Level.LOW and finding.confidence.at_least(Level.MEDIUM)
    assert "views are your own" in finding.action
    assert list(EmployerInFreeText(TREASURY_COMPILED).scan(item("Treasury Wine Estates shares tanked"))) == []
    assert list(EmployerInFreeText(TREASURY_COMPILED).scan(item("US Treasury yields are spiking"))) == []


def test_items_without_text_and_other_kinds_are_ignored() -> None:
    for scanner in (
        EmployerInFreeText(COMPILED),
        EmployerInProfile(COMPILED),
        EmployerGroupOrPage(COMPILED),
    ):
        assert list(scanner.scan(item("", ItemKind.POST))) == []
        assert list(scanner.scan(item("a@abf.gov.au", ItemKind.LOGIN, "email"))) == []
