"""LinkedIn fetcher: the Basic, Complete and 2018 fixtures, zipped and unzipped, alone and together."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from exposure_audit.engine import AuditOptions, run_audit
from exposure_audit.fetchers.downloads import detect
from exposure_audit.fetchers.linkedin.fetcher import LinkedInFetcher, csv_kind
from exposure_audit.model import Item, ItemKind, Platform, Skipped
from exposure_audit.policy.model import load_policy
from exposure_audit.sources.archive import Tree
from tests.conftest import FIXTURES, zip_folder

LINKEDIN = FIXTURES / "linkedin"


def collect(*paths: Path) -> tuple[list[Item], list[Skipped]]:
    tree = Tree.open(list(paths))
    fetcher = LinkedInFetcher()
    items: list[Item] = []
    skipped: list[Skipped] = []
    for task in fetcher.plan(tree):
        for record in fetcher.run(task, tree):
            (skipped if isinstance(record, Skipped) else items).append(record)  # type: ignore[arg-type]
    tree.close()
    return items, skipped


def find(items: list[Item], kind: ItemKind, field: str = "", text: str = "") -> list[Item]:
    return [i for i in items if i.kind is kind and (not field or i.field == field) and text in i.text]


@pytest.fixture(params=["folder", "zip"])
def complete(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    folder = LINKEDIN / "complete"
    if request.param == "folder":
        return folder
    return zip_folder(
        folder,
        tmp_path / "Complete_LinkedInDataExport_10-04-2026.zip",
        prefix="Complete_LinkedInDataExport_10-04-2026/",
    )


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("Email Addresses.csv", "email_addresses"),
        ("Basic_LinkedInDataExport_10-04-2026/Email_Addresses.csv", "email_addresses"),
        ("Jobs/Job Applications.csv", "job_applications"),
        ("Shares_123456789.csv", "shares"),
        ("Rich Media.csv", "rich_media"),
        ("Receipts_v2.csv", "receipts_v2"),
        ("PhoneNumbers.csv", "phonenumbers"),
        ("Connections (1).csv", "connections"),
        ("Articles/Articles/post.html", ""),
    ],
)
def test_file_names_are_normalised(path: str, kind: str) -> None:
    assert csv_kind(path) == kind


def test_detected_as_linkedin(complete: Path) -> None:
    tree = Tree.open([complete])
    assert detect(tree) is Platform.LINKEDIN
    tree.close()


def test_complete_download_items(complete: Path) -> None:
    items, skipped = collect(complete)
    assert skipped == []
    assert all(i.platform is Platform.LINKEDIN for i in items)
    headlines = [i.text for i in find(items, ItemKind.PROFILE, "headline")]
    assert headlines == ["Intelligence Analyst at Australian Border Force"]
    summary = find(items, ItemKind.PROFILE, "summary")[0]
    assert "Department of Home Affairs" in summary.text and "\n\n" in summary.text  # multi-line field
    assert {i.field: i.text for i in find(items, ItemKind.PLACE)} == {
        "geo_location": "Canberra, Australian Capital Territory, Australia",
        "zip_code": "2612",
    }

    work = find(items, ItemKind.WORK, "work.employer", "Australian Border Force")[0]
    assert work.extra["title"] == "Intelligence Analyst"
    assert work.extra["location"] == "Canberra, Australia"
    assert work.extra["description"].startswith("Data analysis")
    assert work.created_at == datetime(2019, 3, 1, tzinfo=UTC)
    assert work.source.pointer == "row 1" and work.source.member.endswith("Positions.csv")
    verified = find(items, ItemKind.WORK, text="Department of Home Affairs")[0]
    assert verified.labels == {"verified"}

    logins = {i.text: i.labels for i in find(items, ItemKind.LOGIN)}
    assert logins == {
        "t.vale@abf.gov.au": {"primary", "confirmed"},
        "tamsin.vale@example.com": {"confirmed"},
        "tamsin.vale@homeaffairs.gov.au": {"verification"},
    }
    phones = {i.text: i.labels for i in find(items, ItemKind.CONTACT, "phone")}
    assert phones == {
        "(02) 5550 4821": {"work"},
        "0491 570 156": frozenset(),
        "0491 570 157": {"whatsapp"},
        "0491 570 158": {"job_application"},
    }
    assert [i.text for i in find(items, ItemKind.CONTACT, "email")] == ["tamsin.vale@example.com"]
    assert [(i.text, i.field) for i in find(items, ItemKind.IP)] == [("203.0.113.45", "registration_ip")]


def test_connections_preamble_and_empty_rows(complete: Path) -> None:
    items, _ = collect(complete)
    connections = [i for i in find(items, ItemKind.CONNECTION) if i.source.member.endswith("Connections.csv")]
    assert len(connections) == 6  # the row empty but for its date carries nothing
    at_employer = [c.text for c in connections if c.extra.get("company") == "Australian Border Force"]
    assert at_employer == ["Jarrah Pemberton", "Mei Lindqvist", "Oscar Tremaine"]
    companies = {c.extra["company"] for c in connections}
    assert {"Border Collie Rescue", "Force of Habit Fitness"} <= companies
    mei = next(c for c in connections if c.text == "Mei Lindqvist")
    assert mei.extra["position"] == "Analyst, Intelligence"
    assert mei.created_at == datetime(2025, 11, 2, tzinfo=UTC)
    # The recommender is the same person as a connection: one identity for both.
    oscar = [c.identity for c in find(items, ItemKind.CONNECTION, text="Oscar Tremaine")]
    assert len(oscar) == 2 and len(set(oscar)) == 1


def test_activity_items(complete: Path) -> None:
    items, _ = collect(complete)
    shares = find(items, ItemKind.POST, "share")
    proud = next(s for s in shares if "Proud" in s.text)
    assert "Australian Border Force" in proud.text and proud.created_at == datetime(2025, 11, 19, 9, 59, 30, tzinfo=UTC)
    assert proud.identity == "linkedin:post:7100000000000000001"
    walk = next(s for s in shares if "collie" in s.text)
    assert [m.uri for m in walk.media] == ["https://media.example.net/walk.jpg"] and walk.media[0].member == ""
    comment = find(items, ItemKind.COMMENT)[0]
    assert comment.extra["on"].endswith("7100000000000000003")
    messages = [m for m in find(items, ItemKind.MESSAGE) if m.source.member.endswith("messages.csv")]
    assert len(messages) == 2 and "t.vale@abf.gov.au" in messages[0].text
    assert messages[0].created_at == datetime(2023, 5, 1, 14, 22, 10, tzinfo=UTC)
    invitation = [m for m in find(items, ItemKind.MESSAGE) if m.extra.get("on") == "invitation"]
    assert [(m.text[:5], m.extra["direction"], m.created_at) for m in invitation] == [
        ("Great", "sent", datetime(2026, 9, 5, 1, 12, tzinfo=UTC))
    ]
    recommendation = find(items, ItemKind.POST, "recommendation", "careful analyst")[0]
    assert recommendation.extra["company"] == "Australian Border Force"
    assert recommendation.extra["direction"] == "received" and recommendation.people == ("Oscar Tremaine",)
    assert [p.text for p in find(items, ItemKind.PAGE)] == ["Coastal Freight Co", "Border Collie Rescue"]
    assert find(items, ItemKind.PAGE)[0].field == "company_follow"
    photo = find(items, ItemKind.PHOTO)[0]
    assert photo.media[0].uri.endswith("profile-photo.jpg") and photo.extra["context"] == photo.text


def test_identities_are_unique_and_position_free(complete: Path, tmp_path: Path) -> None:
    items, _ = collect(complete)
    by_file: dict[str, list[str]] = {}
    for item in items:
        by_file.setdefault(item.source.member, []).append(item.identity)
    for identities in by_file.values():
        assert len(identities) == len(set(identities))
    # Reversing the rows of a file keeps every identity.
    copy = tmp_path / "reordered"
    shutil.copytree(LINKEDIN / "complete", copy)
    text = (copy / "Connections.csv").read_text(encoding="utf-8-sig")
    head, _, rows = text.partition("Connected On\n")
    (copy / "Connections.csv").write_text(head + "Connected On\n" + "\n".join(reversed(rows.strip().split("\n"))))
    again, _ = collect(copy)
    assert {i.identity for i in again} == {i.identity for i in items}


def test_basic_and_complete_together(tmp_path: Path) -> None:
    basic = zip_folder(LINKEDIN / "basic", tmp_path / "basic.zip", prefix="Basic_LinkedInDataExport_10-03-2026/")
    complete = zip_folder(
        LINKEDIN / "complete", tmp_path / "complete.zip", prefix="Complete_LinkedInDataExport_10-04-2026/"
    )
    together, skipped = collect(basic, complete)
    alone, _ = collect(LINKEDIN / "complete")
    assert skipped == []
    assert sorted(i.identity for i in together) == sorted(i.identity for i in alone)
    basic_only, _ = collect(basic)
    assert "Jarrah Pemberton" in {c.text for c in find(basic_only, ItemKind.CONNECTION)}
    assert "Ada Quill" not in {c.text for c in find(basic_only, ItemKind.CONNECTION)}


@pytest.mark.parametrize("zipped", [False, True])
def test_2018_export(zipped: bool, tmp_path: Path) -> None:
    path = LINKEDIN / "2018"
    if zipped:
        path = zip_folder(path, tmp_path / "LinkedInDataExport_11-04-2018.zip")
    items, skipped = collect(path)
    assert skipped == []
    share = find(items, ItemKind.POST, "share", "Australian Border Force")[0]  # UTF-16LE, tab-separated
    assert share.text == "First week with the Australian Border Force team.\nGreat people."
    assert share.created_at == datetime(2017, 6, 8, 8, 15, 44, tzinfo=UTC)
    assert share.extra["visibility"] == "CONNECTIONS_ONLY"
    jarrah = find(items, ItemKind.CONNECTION, text="Jarrah")[0]
    assert jarrah.created_at == datetime(2018, 1, 8, 18, 14, tzinfo=UTC)
    assert jarrah.extra["company"] == "Australian Customs and Border Protection Service"
    assert {i.text: i.labels for i in find(items, ItemKind.LOGIN)} == {
        "tamsin.vale@abf.gov.au": {"confirmed"},
        "tamsin.vale@example.com": {"confirmed", "primary"},
    }
    assert [(i.text, i.labels) for i in find(items, ItemKind.CONTACT)] == [("(02) 5550 4822", {"work"})]
    assert {(i.field, i.text) for i in find(items, ItemKind.IP)} == {
        ("registration_ip", "198.51.100.23"),
        ("login_ip", "192.0.2.77"),
    }
    message = find(items, ItemKind.MESSAGE)[0]
    assert message.extra["direction"] == "received" and message.text.startswith("Catch up\n")
    assert find(items, ItemKind.PROFILE, "headline")[0].text.endswith("Customs and Border Protection Service")


def test_damaged_files_lose_only_what_is_damaged(tmp_path: Path) -> None:
    copy = tmp_path / "export"
    shutil.copytree(LINKEDIN / "complete", copy)
    shares = (copy / "Shares.csv").read_bytes()
    (copy / "Shares.csv").write_bytes(shares[: shares.index(b"Weekend walk") + 10])  # cut inside a quoted field
    (copy / "Connections.csv").write_bytes(
        (copy / "Connections.csv").read_bytes().decode("utf-8-sig").replace("Mei", "Méi").encode("cp1252")
    )
    (copy / "Positions.csv").write_bytes(b"Employer,Role\nAustralian Border Force,Analyst\n")  # unknown layout
    (copy / "Comments.csv").write_bytes(bytes(range(256)) * 4)  # not text at all
    (copy / "Mystery Feature.csv").write_text("A,B\n1,2\n")
    items, skipped = collect(copy)
    reasons = {(s.source.member, s.source.pointer): s.reason for s in skipped}
    assert "truncated" in reasons[("Shares.csv", "row 2")]
    assert [s.text[:5] for s in find(items, ItemKind.POST, "share")] == ["Proud"]
    assert "Windows-1252" in reasons[("Connections.csv", "encoding")]
    assert "Méi Lindqvist" in {c.text for c in find(items, ItemKind.CONNECTION)}
    assert "LinkedIn may have changed its layout" in reasons[("Positions.csv", "")]
    assert "binary" in reasons[("Comments.csv", "")]
    assert not find(items, ItemKind.COMMENT)
    assert find(items, ItemKind.LOGIN) and find(items, ItemKind.PROFILE, "headline")  # the rest was read


def test_member_id_suffix_and_underscored_names(tmp_path: Path) -> None:
    copy = tmp_path / "export"
    shutil.copytree(LINKEDIN / "complete", copy)
    (copy / "Shares.csv").rename(copy / "Shares_123456789.csv")
    (copy / "Email Addresses.csv").rename(copy / "Email_Addresses.csv")
    items, skipped = collect(copy)
    assert skipped == []
    assert len(find(items, ItemKind.POST, "share")) == 2 and len(find(items, ItemKind.LOGIN)) == 3


def test_coverage_counts_unknown_csvs(tmp_path: Path) -> None:
    copy = tmp_path / "export"
    shutil.copytree(LINKEDIN / "complete", copy)
    (copy / "Mystery Feature.csv").write_text("A,B\n1,2\n")
    report = run_audit([copy], load_policy("dibp-2015"), AuditOptions(jobs=1))
    (summary,) = report.inputs
    assert summary.platform is Platform.LINKEDIN
    assert summary.coverage.members_not_understood == ("Mystery Feature.csv",)  # Reactions.csv is known
    assert summary.coverage.members_failed == 0
    assert summary.items > 40


@pytest.mark.parametrize("fixture", ["complete", "basic", "2018"])
def test_planted_location_findings(fixture: str, tmp_path: Path) -> None:
    """The location rules find exactly what the fixture plants (the other families are checked where
    their rules are tested)."""
    expected = json.loads((LINKEDIN / f"{fixture}.expected.json").read_text())
    for path in (LINKEDIN / fixture, zip_folder(LINKEDIN / fixture, tmp_path / f"{fixture}.zip", prefix="export/")):
        report = run_audit([path], load_policy("dibp-2015"), AuditOptions(jobs=1))
        found = sorted((f.rule, f.match) for f in report.findings if f.rule.startswith("EXP5"))
        assert found == sorted((e["rule"], e["match"]) for e in expected if e["rule"].startswith("EXP5"))
        for finding in (f for f in report.findings if f.rule.startswith("EXP5")):
            assert any(
                finding.source.member.endswith(e["member_suffix"])
                for e in expected
                if (e["rule"], e["match"]) == (finding.rule, finding.match)
            )
        assert report.skipped == ()


def test_less_common_files(tmp_path: Path) -> None:
    files = {
        "Profile Summary.csv": "Profile Summary\nAnalyst who likes clean data.\n",
        "Projects.csv": "Title,Description,Url,Started On,Finished On\nCargo dashboard,Built a dashboard,,Mar 2020,\n",
        "Member_Follows.csv": 'Notes:\n"Members you follow."\n\nDate,FullName,Status\n2024-01-02,Ada Quill,Active\n',
        "Events.csv": "Event Name,Event Time,Status,External Url\nData meetup,2024-05-01 18:00:00 UTC,Attending,\n",
        "Whatsapp Phone Numbers.csv": "Number,Extension,Is_WhatsApp_Number\n0491 570 110,,false\n",
        "Languages.csv": "Name,Proficiency\nEnglish,Native\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    items, skipped = collect(tmp_path)
    assert skipped == []
    assert [(i.kind, i.field, i.text) for i in items] == [
        (ItemKind.PROFILE, "summary", "Analyst who likes clean data."),
        (ItemKind.PROFILE, "about", "Cargo dashboard\nBuilt a dashboard"),
        (ItemKind.CONTACT, "phone", "0491 570 110"),
        (ItemKind.CONNECTION, "following", "Ada Quill"),
        (ItemKind.EVENT, "event", "Data meetup"),
    ]
    assert items[2].labels == frozenset()  # Is_WhatsApp_Number false
