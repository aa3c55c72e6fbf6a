"""Facebook HTML downloads: old (_2pi0 blocks) and 2023+ (section._a6-g) pages give what JSON gives."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from exposure_audit.fetchers.downloads import group_downloads
from exposure_audit.fetchers.facebook.html import twin_key
from exposure_audit.fetchers.facebook.html_parse import account_zone, parse_page, parse_when
from exposure_audit.limits import DEFAULT_LIMITS
from exposure_audit.model import Item, ItemKind, Platform
from exposure_audit.sources.archive import Tree
from tests.conftest import FIXTURES, split_zip, zip_folder
from tests.fetchers.facebook.test_facebook import comparable, read

PAIRS = (("2017-html", "2019-json"), ("2024-html", "2025-json"), ("2025-html-div", "2025-json"))
SAME_KINDS = {
    ItemKind.PROFILE,
    ItemKind.WORK,
    ItemKind.EDUCATION,
    ItemKind.CONTACT,
    ItemKind.LOGIN,
    ItemKind.GROUP,
    ItemKind.LIFE_EVENT,
    ItemKind.EVENT,
    ItemKind.COMMENT,
    ItemKind.MESSAGE,
    ItemKind.CONNECTION,
    ItemKind.TAG,
}


def _minute(when: datetime | None) -> datetime | None:
    return when.replace(second=0) if when else None


def projection(items: list[Item], kind_set: set[ItemKind], old: bool) -> set[tuple[object, ...]]:
    return {
        (i.kind.value, i.field, i.text, tuple(sorted(i.labels)), _minute(i.created_at) if old else i.created_at)
        for i in items
        if i.kind in kind_set
    }


@pytest.mark.parametrize(("html", "json_layout"), PAIRS)
def test_html_download_gives_the_items_of_its_json_twin(html: str, json_layout: str) -> None:
    old = html == "2017-html"
    html_items, html_skipped, _ = read([FIXTURES / "facebook" / html])
    json_items, _, _ = read([FIXTURES / "facebook" / json_layout])
    assert html_skipped == []
    assert projection(html_items, SAME_KINDS, old) == projection(json_items, SAME_KINDS, old)
    json_posts = {(i.text, i.people) for i in json_items if i.kind is ItemKind.POST and i.field == "post"}
    assert {(i.text, i.people) for i in html_items if i.kind is ItemKind.POST} == json_posts
    geotags = {(g.lat, g.lon) for i in html_items for g in i.geo}
    assert geotags == {(g.lat, g.lon) for i in json_items for g in i.geo if i.kind not in (ItemKind.LOCATION,)}
    resolved = {m.member for i in html_items for m in i.media if m.member}
    assert resolved == {m.member for i in json_items for m in i.media if m.member}


@pytest.mark.parametrize("html", [p[0] for p in PAIRS])
def test_html_folder_zip_and_split_zip_agree(html: str, tmp_path: Path) -> None:
    folder = FIXTURES / "facebook" / html
    items, _, _ = read([folder])
    zipped, zip_skipped, _ = read([zip_folder(folder, tmp_path / "fb.zip")])
    parts, part_skipped, _ = read(list(split_zip(folder, (tmp_path / "a.zip", tmp_path / "b.zip"))))
    assert zip_skipped == part_skipped == []
    assert comparable(items) == comparable(zipped) == comparable(parts)


def test_new_style_times_are_read_in_the_account_zone() -> None:
    items, _, tree = read([FIXTURES / "facebook" / "2024-html"])
    assert account_zone(tree) == (ZoneInfo("Australia/Sydney"), True)
    post = next(i for i in items if i.kind is ItemKind.POST and i.text.startswith("Three years"))
    assert post.created_at == datetime.fromtimestamp(1614670920, UTC)  # "Mar 02, 2021 6:42:00 pm" in Sydney
    photo = next(i for i in items if i.kind is ItemKind.PHOTO and i.media == post.media)
    assert [(g.lat, g.lon, g.origin) for g in photo.geo] == [(-33.9399, 151.1753, "exif_data")]
    assert photo.created_at == datetime.fromtimestamp(1614670860, UTC)  # taken
    assert photo.extra["upload_ip"] == "203.0.113.45"


def test_old_style_blocks() -> None:
    items, _, tree = read([FIXTURES / "facebook" / "2017-html"])
    assert account_zone(tree) == (UTC, False)
    work = next(
        i for i in items if i.kind is ItemKind.WORK and i.field == "work.employer" and "autofill" not in i.extra
    )
    assert (work.text, work.extra["title"], work.source.pointer) == (
        "Australian Border Force",
        "Border Force Officer",
        "record 6",
    )
    album = next(i for i in items if i.kind is ItemKind.PHOTO and i.text == "Cliff walk at sunset")
    assert album.extra["album"] == "Weekend away"
    assert [(g.lat, g.lon, g.origin) for g in album.geo] == [(-33.8915, 151.2767, "photo_metadata")]
    assert not any(i.kind is ItemKind.GROUP and "left" in i.text for i in items)


def test_json_is_preferred_when_both_formats_are_given(tmp_path: Path) -> None:
    both = group_downloads([FIXTURES / "facebook" / "2019-json", FIXTURES / "facebook" / "2017-html"], DEFAULT_LIMITS)
    assert [d.platform for d in both] == [Platform.FACEBOOK]
    tasks = both[0].plan()
    html_readers = {t.reader for t in tasks if t.members[0].endswith(".html")}
    assert html_readers == {"html_twin"}
    json_only, _, _ = read([FIXTURES / "facebook" / "2019-json"])
    merged, skipped, _ = read([FIXTURES / "facebook" / "2019-json", FIXTURES / "facebook" / "2017-html"])
    assert skipped == []
    assert sorted(i.identity for i in merged) == sorted(i.identity for i in json_only)


def test_html_download_is_detected() -> None:
    for html, _ in PAIRS:
        assert [d.platform for d in group_downloads([FIXTURES / "facebook" / html], DEFAULT_LIMITS)] == [
            Platform.FACEBOOK
        ]


BARE_DIV_PAGE = """<html><body><div class="_a705"><div class="_3b0d">Your posts</div></div>
<div class="_a706" role="main"><div class="_a6-g"><div class="_a6-p">A caption</div>
<div class="_a6-o">Jun 04, 2025 6:46 pm</div></div></div><div class="_a70g">Generated by Meta</div></body></html>"""


def test_a_bare_div_record_is_read_and_the_page_frame_is_not(tmp_path: Path) -> None:
    target = (
        tmp_path / "download" / "your_facebook_activity" / "posts" / "your_posts__check_ins__photos_and_videos_1.html"
    )
    target.parent.mkdir(parents=True)
    target.write_text(BARE_DIV_PAGE, encoding="utf-8")
    items, skipped, _ = read([tmp_path / "download"])
    assert skipped == []
    assert [(i.kind, i.text) for i in items] == [(ItemKind.POST, "A caption")]
    assert items[0].created_at == datetime(2025, 6, 4, 18, 46, tzinfo=UTC)


@pytest.mark.parametrize("content", ["<html><body><p>Nothing here</p></body></html>", "\x00\xff junk"])
def test_a_page_of_another_layout_is_skipped(tmp_path: Path, content: str) -> None:
    folder = tmp_path / "download"
    target = folder / "your_facebook_activity" / "posts" / "your_posts__check_ins__photos_and_videos_1.html"
    target.parent.mkdir(parents=True)
    target.write_text(content, encoding="utf-8")
    (folder / "your_facebook_activity" / "comments_and_reactions").mkdir(parents=True)
    (folder / "your_facebook_activity" / "comments_and_reactions" / "comments.html").write_text(
        '<main><section class="_a6-g"><h2>Kim commented.</h2><div class="_2pin"><div class="_3-95">'
        '<span class="_a6_m">Group: </span>Harbour Swimmers</div>See you at 6</div>'
        '<footer><div class="_a72d">Jun 04, 2025 6:46:10 pm</div></footer></section></main>',
        encoding="utf-8",
    )
    items, skipped, _ = read([folder])
    assert [s.source.member for s in skipped] == [target.relative_to(folder).as_posix()]
    assert "layout" in skipped[0].reason
    comment = next(i for i in items if i.kind is ItemKind.COMMENT)
    assert (comment.text, comment.extra["group"]) == ("See you at 6", "Harbour Swimmers")
    assert comment.created_at == datetime(2025, 6, 4, 18, 46, 10, tzinfo=UTC)  # no time zone file: UTC


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jun 04, 2025 6:46:10 pm", datetime(2025, 6, 4, 8, 46, 10, tzinfo=UTC)),
        ("Jul 01, 2023, 4:00 PM", datetime(2023, 7, 1, 6, 0, tzinfo=UTC)),
        ("1 Jul 2023, 16:00", datetime(2023, 7, 1, 6, 0, tzinfo=UTC)),
        ("Thursday, July 19, 2018 at 10:27 AM AEST", datetime(2018, 7, 19, 0, 27, tzinfo=UTC)),
        ("2025年6月4日 下午6:46:10", datetime(2025, 6, 4, 8, 46, 10, tzinfo=UTC)),
        ("2025年6月4日 上午12:05", datetime(2025, 6, 3, 14, 5, tzinfo=UTC)),
        ("2025年6月4日 18:46", datetime(2025, 6, 4, 8, 46, tzinfo=UTC)),
        ("2025年2月30日 下午6:46:10", None),
        ("sometime last year", None),
        ("", None),
    ],
)
def test_rendered_dates(text: str, expected: datetime | None) -> None:
    assert parse_when(text, ZoneInfo("Australia/Sydney")) == expected


@pytest.mark.parametrize(
    ("name", "content", "zone"),
    [
        ("timezone.json", json.dumps({"timezone_v2": "Australia/Perth"}), "Australia/Perth"),
        (
            "timezone.json",
            json.dumps([{"label_values": [{"label": "Timezone", "value": "Australia/Darwin"}]}]),
            "Australia/Darwin",
        ),
        ("timezone.json", json.dumps({"timezone_v2": "Mars/Olympus_Mons"}), None),
        ("timezone.json", "{truncated", None),
        (
            "timezone.html",
            '<section class="_a6-g"><table><tr><td class="_a6_q">Timezone</td>'
            '<td class="_a6_r">Australia/Hobart</td></tr></table></section>',
            "Australia/Hobart",
        ),
    ],
)
def test_account_zone(tmp_path: Path, name: str, content: str, zone: str | None) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    found = account_zone(Tree.open([tmp_path]))
    assert found == ((ZoneInfo(zone), True) if zone else (UTC, False))


def test_phone_tables_with_number_and_type_rows() -> None:
    page = parse_page(
        b'<section class="_a6-g"><h2>Phone numbers</h2><table><tr><td class="_a6_q">Phone number</td>'
        b'<td class="_a6_r">(03) 5550 0142</td></tr><tr><td class="_a6_q">Type</td>'
        b'<td class="_a6_r">Work</td></tr></table></section>',
        UTC,
    )
    assert page is not None and page.records[0].pairs == [("Phone number", "(03) 5550 0142"), ("Type", "Work")]


def test_twin_keys_ignore_apostrophes() -> None:
    assert twin_key("a/connections/followers/who_you've_followed.json") == twin_key(
        "connections/followers/who_you_ve_followed.html"
    )
    assert twin_key("posts/album/0.json") != twin_key("messages/inbox/x/0.html")


@pytest.mark.parametrize("html", [p[0] for p in PAIRS])
def test_damaged_pages_never_raise(tmp_path: Path, html: str) -> None:
    """Every page cut short at several points, and with its tables' cells emptied, still reads."""
    source = FIXTURES / "facebook" / html
    for page in sorted(source.rglob("*.html")):
        member = page.relative_to(source).as_posix()
        content = page.read_text(encoding="utf-8")
        variants = [content[: len(content) * n // 7] for n in range(1, 7)]
        variants.append(content.replace("<td", "<td></td><td").replace("</table>", ""))
        for variant in variants:
            folder = tmp_path / "one"
            target = folder / member
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(variant, encoding="utf-8")
            items, skipped, _ = read([folder])
            assert all(s.reason for s in skipped)
            assert all(isinstance(i, Item) for i in items)
            target.unlink()


ZH_TW = FIXTURES / "facebook" / "2024-html-zh-tw"


def test_a_chinese_language_download_gives_every_record_of_every_page() -> None:
    items, skipped, _ = read([ZH_TW])
    assert skipped == []
    per_member: dict[str, list[ItemKind]] = {}
    for item in items:
        per_member.setdefault(item.source.member.split("/", 1)[1], []).append(item.kind)
    assert per_member == {
        "posts/your_posts__check_ins__photos_and_videos_1.html": [ItemKind.POST] * 3,
        "comments_and_reactions/comments.html": [ItemKind.COMMENT] * 2,
        "messages/inbox/chenmeiling_a1b2c3/message_1.html": [ItemKind.MESSAGE] * 2,
        "messages/archived_threads/wangzhiming_d4e5f6/message_1.html": [ItemKind.MESSAGE],
        "messages/filtered_threads/zhangweiting_g7h8j9/message_1.html": [ItemKind.MESSAGE],
        "friends/your_friends.html": [ItemKind.CONNECTION] * 2,
    }
    assert all(item.created_at is not None for item in items)
    assert "你的貼文" not in {item.text for item in items}  # the page header is not a record


def test_the_2019_profile_groups_and_notes_pages_are_read() -> None:
    items, skipped, _ = read([FIXTURES / "facebook" / "2019-html"])
    assert skipped == []
    profile = {(i.kind, i.field, i.text) for i in items if i.source.member.endswith("profile_information.html")}
    assert profile == {
        (ItemKind.PROFILE, "name", "Marisol Ferreira-Quaid"),
        (ItemKind.LOGIN, "email", "marisol.fq@example.net"),
        (ItemKind.LOGIN, "email", "m.ferreira-quaid@abf.gov.au"),
        (ItemKind.CONTACT, "phone", "+61 491 570 113"),
        (ItemKind.CONTACT, "phone", "+61 2 5550 0142"),
        (ItemKind.WORK, "work.employer", "Australian Border Force"),
        (ItemKind.EDUCATION, "education", "Kurnell Police and Customs Academy"),
    }
    groups = [i for i in items if i.source.member.endswith("your_posts_and_comments_in_groups.html")]
    notes = [i for i in items if i.source.member.endswith("notes.html")]
    assert [i.kind for i in groups] == [ItemKind.POST] * 3
    assert [i.kind for i in notes] == [ItemKind.POST] * 2
    assert notes[0].field == "note"
    assert notes[0].text == "Packing list for the coast trip\nTent, stove, two dry bags and the good torch"
    assert all(i.created_at is not None for i in groups + notes)
