"""EXP201 colleagues identified, EXP202 connections at the employer (one finding with a count),
EXP203 staff groups: should-flag and near-miss tables."""

from __future__ import annotations

import pickle

import pytest

from exposure_audit.model import Category, GeoPoint, Item, ItemKind, Level, Platform, Precision, SourceRef
from exposure_audit.policy.model import Site, load_policy
from exposure_audit.scanners.colleague import ColleaguesNamed, ConnectionsAtEmployer, StaffGroup
from exposure_audit.scanners.compiled import compile_policy

WORK = (-34.47021, 150.90514)  # an invented workplace
BEACH = (-34.40990, 150.90210)
POLICY = load_policy("dibp-2015").with_sites((Site(name="Kembla Cargo Hall", lat=WORK[0], lon=WORK[1], radius_m=300),))
COMPILED = compile_policy(POLICY)


def post(
    text: str,
    people: tuple[str, ...] = (),
    geo: tuple[float, float] | None = None,
    kind: ItemKind = ItemKind.POST,
    **extra: str,
) -> Item:
    points = (GeoPoint(lat=geo[0], lon=geo[1], precision=Precision.GPS, origin="exif"),) if geo else ()
    return Item(
        kind=kind,
        platform=Platform.FACEBOOK,
        source=SourceRef(archive="dl.zip", member="posts/1.json"),
        identity=f"{kind}:{text}:{people}",
        text=text,
        field=kind.value,
        people=people,
        geo=points,
        extra=dict(extra),
    )


def flagged(entry: Item) -> list[Level]:
    return [f.confidence for f in ColleaguesNamed(COMPILED).scan(entry) if f.confidence.at_least(Level.MEDIUM)]


SHOULD_FLAG = [
    post("Farewell lunch for Jenny after 30 years at Customs", ("Jenny Marsh",)),
    post("Best crew at ABF Port Kembla, love you guys", ("Tamsin Ferreira-Byrne", "Kofi Marchetti")),
    post("Night shift with @kofi.marchetti at the Border Force cargo hall"),
    post("Big shoutout to Tom Rasmussen, best Border Force supervisor I've had"),
    post("Cake for Hannah's birthday", ("Hannah Kowalczyk",), geo=WORK),  # tagged at the workplace
    post("", ("Declan Okafor",), geo=WORK, kind=ItemKind.PHOTO, context="Friday arvo"),
    post("", ("Declan Okafor",), kind=ItemKind.PHOTO, context="My Border Force crew after the shift"),
    post("Morning tea at Kembla Cargo Hall", ("Siosaia Vuni",)),  # names the workplace site
]

SHOULD_NOT_FLAG = [
    post("Beach day with these two", ("Tamsin Ferreira-Byrne", "Kofi Marchetti"), geo=BEACH),
    post("Happy birthday @kofi.marchetti!!"),
    post("Watching Border Security with Hannah, she yells at the TV every episode", ("Hannah Kowalczyk",)),
    post("Went through customs in Denpasar with Priya", ("Priya Lindqvist",)),
    post("Thanks @AusBorderForce for the info"),  # the employer's own handle is not a person
    post("Proud to serve with the ABF"),  # the employer, but nobody else
    post("Rostered on Christmas Day again at Border Force. Sorry Nan"),  # not names
    post("ABF Port Kembla end of year drinks", kind=ItemKind.EVENT),
    post("Congrats to Lupe Fakatava on the new job at the council!"),
]


@pytest.mark.parametrize("entry", SHOULD_FLAG, ids=lambda i: i.text or i.extra.get("context", ""))
def test_should_flag(entry: Item) -> None:
    assert flagged(entry), entry.text


@pytest.mark.parametrize("entry", SHOULD_NOT_FLAG, ids=lambda i: i.text)
def test_should_not_flag(entry: Item) -> None:
    assert flagged(entry) == []


def test_a_colleague_finding_says_who_and_why_without_more_than_three_names() -> None:
    people = ("A One", "B Two", "C Three", "D Four")
    (finding,) = ColleaguesNamed(COMPILED).scan(post("Proud of my Border Force crew", people, geo=WORK))
    assert finding.rule == "EXP201" and finding.category is Category.COLLEAGUE
    assert finding.match == "A One, B Two, C Three"
    assert finding.people == people
    assert finding.severity is Level.HIGH and finding.confidence is Level.HIGH  # tagged, employer and workplace
    text = " | ".join(finding.reasons)
    assert "identifies 4 other people (tagged)" in text
    assert "Kembla Cargo Hall" in text and "Border Force" in text


def connection(company: str, name: str = "Alex Example", platform: Platform = Platform.LINKEDIN) -> Item:
    source = SourceRef(archive="li.zip", member="Connections.csv", pointer=f"row {name}")
    return Item(
        kind=ItemKind.CONNECTION,
        platform=platform,
        source=source,
        identity=f"c:{name}:{company}",
        text=name,
        field="connection",
        extra={"company": company, "position": ""},
    )


def test_people_named_in_the_text_travel_with_the_finding_so_reports_can_mask_them() -> None:
    (finding,) = ColleaguesNamed(COMPILED).scan(
        post("Big shoutout to Tom Rasmussen and @lupe.f, best Border Force crew")
    )
    assert set(finding.people) == {"Tom Rasmussen", "lupe.f"}


def test_connections_at_the_employer_are_one_finding_with_a_count_and_no_names() -> None:
    correlator = ConnectionsAtEmployer(COMPILED)
    companies = [
        "Australian Border Force",
        "Department of Home Affairs",
        "Australian Border Force",
        "DIBP",
        "ABF",
        "Border Express",
        "Customs Brokers Australia Pty Ltd",
        "Home Affairs Interiors",
        "ABF Freight",
        "US Customs and Border Protection",
        "Australian Federal Police",
    ]
    observed = [correlator.observe(connection(c, f"Person {i}")) for i, c in enumerate(companies)]
    records = [o for o in observed if o is not None]
    assert len(records) == 5
    assert pickle.loads(pickle.dumps(records)) == records  # observations travel between processes
    (finding,) = correlator.correlate(records)
    assert finding.rule == "EXP202" and finding.item_kind is ItemKind.CONNECTION
    assert finding.severity is Level.HIGH  # five or more
    assert "5 connections list the employer" in finding.reasons[0]
    assert all("Person" not in r for r in finding.reasons) and finding.match == "Australian Border Force"
    assert finding.fingerprint == next(iter(correlator.correlate(records[:3]))).fingerprint  # count-independent


def test_connections_are_counted_per_platform_and_people_items_are_ignored() -> None:
    correlator = ConnectionsAtEmployer(COMPILED)
    records = [
        correlator.observe(connection("Australian Border Force", "A")),
        correlator.observe(connection("Australian Border Force", "B", Platform.FACEBOOK)),
        correlator.observe(post("Australian Border Force")),
    ]
    findings = list(correlator.correlate([r for r in records if r is not None]))
    assert sorted(f.platform for f in findings) == [Platform.FACEBOOK, Platform.LINKEDIN]
    assert all(f.severity is Level.MEDIUM for f in findings)
    assert list(correlator.correlate([])) == []


def test_staff_groups_are_colleague_findings() -> None:
    scanner = StaffGroup(COMPILED)
    for name in (
        "ABF Officers – Port Kembla Social Club",
        "Detector Dog Program Alumni",
        "Maritime Border Command Crew (unofficial)",
    ):
        (finding,) = scanner.scan(post(name, kind=ItemKind.GROUP))
        assert finding.rule == "EXP203" and finding.confidence.at_least(Level.MEDIUM), name
    for name in ("Border Collie Rescue NSW", "Port Kembla Sailing Club", "Shift Workers Australia"):
        assert list(scanner.scan(post(name, kind=ItemKind.GROUP))) == [], name
    assert list(scanner.scan(post("Australian Border Force", kind=ItemKind.PAGE))) == []  # pages are EXP103
