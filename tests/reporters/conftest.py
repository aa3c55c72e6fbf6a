"""A fixed report with invented findings for the reporter tests, and the policies it is rendered with.

Every name, address, number and coordinate here is invented. Some excerpts carry hostile text
(script tags, attribute breakers, javascript: links, terminal escapes, Markdown images) so that every
format is tested against them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from exposure_audit.model import (
    AuditReport,
    Category,
    Coverage,
    Finding,
    GeoPoint,
    InputSummary,
    ItemKind,
    Level,
    MediaRef,
    Platform,
    PolicySummary,
    Precision,
    Skipped,
    SourceRef,
)
from exposure_audit.policy.model import Policy, parse_policy
from exposure_audit.reporters import rules as rules_module
from exposure_audit.scanners.base import fingerprint
from exposure_audit.scanners.catalogue import Reveals, RuleInfo, RuleSpec

STRICT_POLICY = """
id = "test-strict"
name = "Test strict pack"
organisation = "Department of Invented Affairs"
document = "Invented social media instruction, 2015"

[employer]
names = ["Australian Border Force"]
abbreviations = ["ABF"]
handles = ["@AusBorderForce"]
display_name = "the Australian Border Force"
allowed_wording = "Australian Public Service"

[[clauses]]
id = "T-identify"
title = "Using social media for private purposes"
text = "Users must not identify themselves or others as departmental employees."
categories = ["employer", "colleague"]

[[clauses]]
id = "T-review"
title = "Becoming socially aware"
text = "Remove any information, such as photos, comments, tags and geo-tags, which identifies you."
categories = ["employer", "colleague", "location", "uniform"]

[[clauses]]
id = "T-register"
title = "Corporate identifiers"
text = "Profiles set up using an official email must be removed."
categories = ["account"]

[[clauses]]
id = "T-contact"
title = "Contact details"
text = "Do not post official email addresses or telephone numbers."
categories = ["contact"]

[[clauses]]
id = "T-duties"
title = "Official duties"
text = "Do not post about your official duties."
categories = ["duties", "uniform"]

[actions]
employer = "Remove what identifies you as staff; you may say you work for the Australian Public Service."
colleague = "Untag and remove what identifies colleagues."
contact = "Remove official contact details."
account = "Remove profiles set up with an official address."
location = "Remove the geo-tag and turn off location on your phone."
uniform = "Remove photos in uniform."
duties = "Remove posts about your duties."
"""

LENIENT_POLICY = """
id = "test-lenient"
name = "Test lenient pack"
organisation = "Invented Treasury"
document = "Invented social media policy, 2014"

[employer]
names = ["Invented Treasury"]
display_name = "the Invented Treasury"

[duties]
require_disclaimer = true

[[clauses]]
id = "L-disclaimer"
title = "Professional use"
text = "Make it clear that you are not representing your agency."
categories = ["employer", "duties"]

[[clauses]]
id = "L-profile"
title = "Personal use"
text = "Do not use a Treasury email address for personal use on external social media."
categories = ["account", "contact"]

[actions]
employer = "Make it clear that you do not speak for the agency: add a 'views are my own' disclaimer."
account = "Use a profile linked to a personal e-mail address; keep official and personal profiles separate."
"""

GENERATED = datetime(2025, 6, 2, 9, 30, tzinfo=UTC)
IG = "instagram-jcitizen-2025.zip"
FB = "facebook-jcitizen-2025.zip"
LI = "Complete_LinkedInDataExport.zip"
XA = "twitter-archive.zip"
PH = "Pictures/Camera"

SCRIPT_PAYLOAD = "Early start at T1 with the ABF crew <script>window.__pwned='script'</script>"
ATTRIBUTE_PAYLOAD = 'Border Force pride "><img src=x onerror="window.__pwned=\'img\'">'
LINK_PAYLOAD = "Seizure day at work javascript:window.__pwned='link' [click](javascript:alert(1)) ![x](http://tracker.invalid/a.png)"
TERMINAL_PAYLOAD = "Call me on 0491 570 156 or jane.citizen@abf.gov.au \x1b[2J[bold red]ABF[/bold red]"


def make(
    *,
    rule: str,
    category: Category,
    platform: Platform,
    archive: str,
    member: str,
    pointer: str,
    kind: ItemKind,
    identity: str,
    match: str,
    excerpt: str = "",
    severity: Level = Level.MEDIUM,
    confidence: Level = Level.HIGH,
    when: datetime | None = None,
    field: str = "",
    reasons: tuple[str, ...] = ("matched",),
    people: tuple[str, ...] = (),
    guidance: tuple[str, ...] = (),
    media: tuple[MediaRef, ...] = (),
    geo: tuple[GeoPoint, ...] = (),
) -> Finding:
    return Finding(
        rule=rule,
        category=category,
        severity=severity,
        confidence=confidence,
        platform=platform,
        source=SourceRef(archive=archive, member=member, pointer=pointer),
        item_kind=kind,
        item_identity=identity,
        created_at=when,
        match=match,
        excerpt=excerpt,
        reasons=reasons,
        guidance=guidance,
        action="",
        fingerprint=fingerprint(rule, platform, identity, match),
        media=media,
        geo=geo,
        field=field,
        people=people,
    )


def sample_findings() -> list[Finding]:
    d = lambda *a: datetime(*a, tzinfo=UTC)  # noqa: E731
    posts = "your_instagram_activity/content/posts_1.json"
    return [
        make(
            rule="EXP101",
            category=Category.EMPLOYER,
            platform=Platform.INSTAGRAM,
            archive=IG,
            member=posts,
            pointer="/0/title",
            kind=ItemKind.POST,
            identity="ig:post:1",
            match="ABF",
            excerpt=SCRIPT_PAYLOAD,
            severity=Level.HIGH,
            when=d(2024, 3, 4, 21, 5),
            field="caption",
            guidance=("T-identify", "T-review"),
        ),
        make(
            rule="EXP101",
            category=Category.EMPLOYER,
            platform=Platform.INSTAGRAM,
            archive=IG,
            member=posts,
            pointer="/1/title",
            kind=ItemKind.POST,
            identity="ig:post:2",
            match="Border Force",
            excerpt=ATTRIBUTE_PAYLOAD,
            severity=Level.HIGH,
            when=d(2024, 5, 1, 7, 40),
            field="caption",
            guidance=("T-identify",),
        ),
        make(
            rule="EXP501",
            category=Category.LOCATION,
            platform=Platform.INSTAGRAM,
            archive=IG,
            member=posts,
            pointer="/0/media/0/media_metadata/photo_metadata/exif_data/0",
            kind=ItemKind.POST,
            identity="ig:post:1",
            match="-33.94612, 151.17723",
            excerpt="geotag -33.94612, 151.17723",
            when=d(2024, 3, 4, 21, 5),
            field="caption",
            guidance=("T-review",),
            geo=(GeoPoint(lat=-33.94612, lon=151.17723, precision=Precision.GPS, origin="exif_data"),),
        ),
        make(
            rule="EXP601",
            category=Category.UNIFORM,
            platform=Platform.INSTAGRAM,
            archive=IG,
            member="media/posts/202404/uniform_1.jpg",
            pointer="",
            kind=ItemKind.PHOTO,
            identity="ig:photo:9",
            match="uniform",
            excerpt="Day one in the new uniform with Ravi Kumaran",
            when=d(2024, 4, 9, 8, 0),
            field="photo",
            people=("Ravi Kumaran",),
            guidance=("T-review", "T-duties"),
            media=(MediaRef(uri="media/posts/202404/uniform_1.jpg", member="media/posts/202404/uniform_1.jpg"),),
        ),
        make(
            rule="EXP510",
            category=Category.LOCATION,
            platform=Platform.INSTAGRAM,
            archive=IG,
            member=posts,
            pointer="",
            kind=ItemKind.LOCATION,
            identity="pattern:home",
            match="-33.91234,151.20123",
            severity=Level.HIGH,
            reasons=("14 photos taken at night within 200 m of one place: likely home",),
            guidance=("T-review",),
        ),
        make(
            rule="EXP512",
            category=Category.LOCATION,
            platform=Platform.INSTAGRAM,
            archive=IG,
            member=posts,
            pointer="",
            kind=ItemKind.LOCATION,
            identity="pattern:routine",
            match="Cargo hall",
            reasons=("posted within 150 m of the workplace on 37 weekday mornings",),
            guidance=("T-review",),
        ),
        make(
            rule="EXP102",
            category=Category.EMPLOYER,
            platform=Platform.LINKEDIN,
            archive=LI,
            member="Profile.csv",
            pointer="row 2",
            kind=ItemKind.PROFILE,
            identity="li:headline",
            match="Australian Border Force",
            excerpt="Border Force Officer at Australian Border Force",
            severity=Level.HIGH,
            field="headline",
            guidance=("T-identify",),
        ),
        make(
            rule="EXP103",
            category=Category.EMPLOYER,
            platform=Platform.LINKEDIN,
            archive=LI,
            member="Positions.csv",
            pointer="row 2",
            kind=ItemKind.WORK,
            identity="li:position:1",
            match="Australian Border Force",
            excerpt="Australian Border Force",
            field="work.employer",
            when=d(2019, 2, 1),
            guidance=("T-identify",),
        ),
        make(
            rule="EXP401",
            category=Category.ACCOUNT,
            platform=Platform.FACEBOOK,
            archive=FB,
            member="personal_information/profile_information/profile_information.json",
            pointer="/profile_v2/emails/emails/0",
            kind=ItemKind.LOGIN,
            identity="fb:login:email",
            match="jane.citizen@abf.gov.au",
            excerpt="jane.citizen@abf.gov.au",
            severity=Level.HIGH,
            field="email",
            guidance=("T-register",),
        ),
        make(
            rule="EXP301",
            category=Category.CONTACT,
            platform=Platform.FACEBOOK,
            archive=FB,
            member="personal_information/profile_information/profile_information.json",
            pointer="/profile_v2/phone_numbers/0",
            kind=ItemKind.CONTACT,
            identity="fb:contact:phone",
            match="0491 570 156",
            excerpt="work phone 0491 570 156",
            field="phone",
            guidance=("T-contact",),
        ),
        make(
            rule="EXP201",
            category=Category.COLLEAGUE,
            platform=Platform.FACEBOOK,
            archive=FB,
            member="your_facebook_activity/posts/your_posts_1.json",
            pointer="/3/tags/0",
            kind=ItemKind.TAG,
            identity="fb:tag:3",
            match="Ravi Kumaran",
            excerpt="Farewell drinks for Ravi Kumaran from the ABF Sydney team",
            when=d(2023, 12, 15, 18, 0),
            field="tag",
            people=("Ravi Kumaran",),
            guidance=("T-identify",),
        ),
        make(
            rule="EXP202",
            category=Category.COLLEAGUE,
            platform=Platform.FACEBOOK,
            archive=FB,
            member="your_facebook_activity/groups/your_group_membership_activity.json",
            pointer="/groups_joined/4",
            kind=ItemKind.GROUP,
            identity="fb:group:4",
            match="ABF Sydney Airport Social Club",
            excerpt="ABF Sydney Airport Social Club",
            severity=Level.LOW,
            field="group",
            guidance=("T-identify",),
        ),
        make(
            rule="EXP101",
            category=Category.EMPLOYER,
            platform=Platform.FACEBOOK,
            archive=FB,
            member="your_facebook_activity/comments_and_reactions/comments.json",
            pointer="/comments_v2/7/data/0",
            kind=ItemKind.COMMENT,
            identity="fb:comment:7",
            match="ABF",
            excerpt=TERMINAL_PAYLOAD,
            when=d(2022, 8, 30, 12, 0),
            field="comment",
            guidance=("T-identify",),
        ),
        make(
            rule="EXP701",
            category=Category.DUTIES,
            platform=Platform.X,
            archive=XA,
            member="data/tweets.js",
            pointer="/12/tweet/full_text",
            kind=ItemKind.POST,
            identity="x:tweet:12",
            match="seizure",
            excerpt=LINK_PAYLOAD,
            when=d(2021, 11, 2, 23, 59),
            field="tweet",
            guidance=("T-duties",),
        ),
        make(
            rule="EXP502",
            category=Category.LOCATION,
            platform=Platform.PHOTOS,
            archive=PH,
            member="2024/IMG_2041.jpg",
            pointer="EXIF GPS",
            kind=ItemKind.PHOTO,
            identity="photos:IMG_2041.jpg:1",
            match="-33.94100, 151.17550",
            severity=Level.LOW,
            field="file",
            guidance=("T-review",),
            media=(MediaRef(uri="2024/IMG_2041.jpg", member="2024/IMG_2041.jpg"),),
        ),
    ]


def sample_report(findings: list[Finding] | None = None) -> AuditReport:
    return AuditReport(
        tool_version="0.1.0",
        generated_at=GENERATED,
        profile=PolicySummary(
            id="test-strict",
            name="Test strict pack",
            organisation="Department of Invented Affairs",
            document="Invented social media instruction, 2015",
        ),
        inputs=(
            InputSummary(
                paths=(IG,),
                platform=Platform.INSTAGRAM,
                items=412,
                coverage=Coverage(
                    members_total=40, members_read=37, members_not_understood=("odd.json",), members_failed=2
                ),
            ),
            InputSummary(
                paths=(FB, "facebook-jcitizen-2025-part2.zip"),
                platform=Platform.FACEBOOK,
                items=1290,
                coverage=Coverage(members_total=120, members_read=120, members_not_understood=(), members_failed=0),
            ),
            InputSummary(
                paths=(LI,),
                platform=Platform.LINKEDIN,
                items=85,
                coverage=Coverage(
                    members_total=30,
                    members_read=28,
                    members_not_understood=("Rich_Media.csv", "Learning.csv"),
                    members_failed=0,
                ),
            ),
            InputSummary(
                paths=(XA,),
                platform=Platform.X,
                items=300,
                coverage=Coverage(members_total=50, members_read=50, members_not_understood=(), members_failed=0),
            ),
            InputSummary(
                paths=(PH,),
                platform=Platform.PHOTOS,
                items=12,
                coverage=Coverage(members_total=12, members_read=12, members_not_understood=(), members_failed=0),
            ),
        ),
        findings=tuple(sample_findings() if findings is None else findings),
        skipped=(
            Skipped(
                source=SourceRef(archive=IG, member="your_instagram_activity/messages/inbox/x/message_1.json"),
                stage="fetch",
                reason="not valid JSON (line 3) <b>bold</b>",
            ),
            Skipped(
                source=SourceRef(archive=IG, member="media/posts/202404/broken.jpg"),
                stage="media",
                reason="truncated JPEG",
            ),
        ),
    )


PINNED_RULES = {
    "EXP510": RuleInfo(
        spec=RuleSpec(id="EXP510", title="Home revealed by geotags", category=Category.LOCATION, reveals=Reveals.HOME),
        doc="Home revealed by geotags.",
        correlator=True,
    ),
    "EXP511": RuleInfo(
        spec=RuleSpec(
            id="EXP511", title="Workplace revealed by geotags", category=Category.LOCATION, reveals=Reveals.WORKPLACE
        ),
        doc="Workplace revealed by geotags.",
        correlator=True,
    ),
    "EXP512": RuleInfo(
        spec=RuleSpec(
            id="EXP512", title="Routine at the workplace", category=Category.LOCATION, reveals=Reveals.ROUTINE
        ),
        doc="Routine at the workplace.",
        correlator=True,
    ),
}


@pytest.fixture(autouse=True)
def pinned_rules(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Pin the rule catalogue (what a rule reveals) so that rules registered elsewhere do not change these reports."""
    monkeypatch.setattr(rules_module, "rule_catalogue", lambda: PINNED_RULES)
    yield


@pytest.fixture
def strict_policy() -> Policy:
    return parse_policy(STRICT_POLICY, "test-strict.toml")


@pytest.fixture
def lenient_policy() -> Policy:
    return parse_policy(LENIENT_POLICY, "test-lenient.toml")


@pytest.fixture
def report() -> AuditReport:
    return sample_report()


@pytest.fixture
def make_finding() -> object:
    """The `make` helper, for tests that need findings of their own."""
    return make


@pytest.fixture
def build_report() -> object:
    """`sample_report(findings)`: the fixed report's inputs and skips around other findings."""
    return sample_report
