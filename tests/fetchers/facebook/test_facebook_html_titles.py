"""People and groups that Facebook HTML pages name only in a record's title."""

from __future__ import annotations

from pathlib import Path

import pytest

from exposure_audit.fetchers.facebook.html_titles import group_in_title, people_in_title
from exposure_audit.model import ItemKind
from tests.fetchers.facebook.test_facebook import read


@pytest.mark.parametrize(
    ("title", "people"),
    [
        ("Kim Lee is with Ana Ruiz and Tom Bell.", ("Ana Ruiz", "Tom Bell")),
        ("Kim Lee was with Ana Ruiz, Tom Bell and 2 others at Harbour Café.", ("Ana Ruiz", "Tom Bell")),
        ("Kim Lee is with Ana Ruiz.", ("Ana Ruiz",)),
        ("Kim Lee updated her status.", ()),
    ],
)
def test_people_in_title(title: str, people: tuple[str, ...]) -> None:
    assert people_in_title(title) == people


@pytest.mark.parametrize(
    ("title", "group"),
    [("Kim Lee joined Harbour Swimmers.", "Harbour Swimmers"), ("Kim Lee left the group.", ""), ("", "")],
)
def test_group_in_title(title: str, group: str) -> None:
    assert group_in_title(title) == group


def _record(title: str, body: str) -> str:
    return (
        f'<div class="_a6-g"><div class="_2ph_ _a6-h _a6-i">{title}</div><div class="_2ph_ _a6-p">{body}</div>'
        '<div class="_3-94 _a6-o"><div class="_a72d">Jun 04, 2025 6:46:10 pm</div></div></div>'
    )


def test_pages_give_people_and_groups_named_only_in_titles(tmp_path: Path) -> None:
    activity = tmp_path / "download" / "your_facebook_activity"
    (activity / "posts").mkdir(parents=True)
    (activity / "groups").mkdir(parents=True)
    (activity / "posts" / "your_posts__check_ins__photos_and_videos_1.html").write_text(
        _record("Kim Lee is with Ana Ruiz and Tom Bell.", '<div class="_2pin"><div>Beach day</div></div>'),
        encoding="utf-8",
    )
    (activity / "groups" / "your_group_membership_activity.html").write_text(
        _record("Kim Lee joined Harbour Swimmers.", "") + _record("Kim Lee left the group.", ""), encoding="utf-8"
    )
    items, skipped, _ = read([tmp_path / "download"])
    assert skipped == []
    post = next(i for i in items if i.kind is ItemKind.POST)
    assert post.people == ("Ana Ruiz", "Tom Bell")
    assert [i.text for i in items if i.kind is ItemKind.GROUP] == ["Harbour Swimmers"]
