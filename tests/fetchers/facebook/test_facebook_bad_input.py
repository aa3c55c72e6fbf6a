"""Damaged Facebook downloads: every problem is a Skipped with a reason, the rest is still read."""

from __future__ import annotations

import json
import random
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from exposure_audit.fetchers.facebook import common as facebook_common
from exposure_audit.fetchers.facebook.fetcher import FacebookFetcher
from exposure_audit.model import Item, ItemKind, Skipped
from exposure_audit.sources.archive import Tree
from tests.conftest import FIXTURES, zip_folder
from tests.fetchers.facebook.test_facebook import read as read_download

LAYOUT = FIXTURES / "facebook" / "2025-json"
POSTS = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
PROFILE = "personal_information/profile_information/profile_information.json"


def read(paths: list[Path]) -> tuple[list[Item], list[Skipped]]:
    items, skipped, _ = read_download(paths)
    return items, skipped


def copy_layout(tmp_path: Path, source: Path = LAYOUT) -> Path:
    target = tmp_path / "download"
    shutil.copytree(source, target)
    return target


def write_json(folder: Path, member: str, value: Any) -> None:
    path = folder / member
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value), encoding="utf-8")


def test_truncated_json_member_is_skipped_and_the_rest_is_read(tmp_path: Path) -> None:
    folder = copy_layout(tmp_path)
    data = (folder / POSTS).read_bytes()
    (folder / POSTS).write_bytes(data[: len(data) // 2])
    items, skipped = read([folder])
    assert [(s.source.member, s.source.pointer) for s in skipped] == [(POSTS, "")]
    assert "truncated" in skipped[0].reason
    assert any(i.kind is ItemKind.WORK for i in items)  # other members still read
    assert not any(i.source.member == POSTS for i in items)


def test_corrupt_zip_member_is_skipped(tmp_path: Path) -> None:
    archive = zip_folder(LAYOUT, tmp_path / "fb.zip")
    with zipfile.ZipFile(archive) as probe:
        info = probe.getinfo(PROFILE)
    data = bytearray(archive.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 5, start + 25):
        data[offset] ^= 0xFF
    archive.write_bytes(bytes(data))
    items, skipped = read([archive])
    assert [s.source.member for s in skipped] == [PROFILE]
    assert skipped[0].source.pointer == ""
    assert any(i.source.member == POSTS for i in items)


def test_streamed_posts_match_whole_reading_and_stop_cleanly_at_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole, _ = read([LAYOUT])
    monkeypatch.setattr(facebook_common, "STREAM_BYTES", 64)  # stream every list member
    streamed, skipped = read([LAYOUT])
    assert skipped == []
    assert sorted(i.identity + i.source.pointer for i in streamed) == sorted(
        i.identity + i.source.pointer for i in whole
    )
    folder = copy_layout(tmp_path)
    posts = json.loads((folder / POSTS).read_text(encoding="ascii"))
    text = (folder / POSTS).read_text(encoding="ascii")
    cut = text.index('"timestamp": 1620555180')  # inside the fourth post
    (folder / POSTS).write_text(text[:cut], encoding="ascii")
    items, skipped = read([folder])
    from_posts = [i for i in items if i.source.member == POSTS and i.kind is ItemKind.POST]
    assert len(from_posts) == 3 < len(posts)  # the posts before the damage
    assert [(s.source.member, s.source.pointer) for s in skipped] == [(POSTS, "")]


@pytest.mark.parametrize(
    ("member", "value", "reason"),
    [
        (POSTS, {"unexpected": 1}, "unexpected shape"),
        (POSTS, "just a string", "unexpected shape"),
        (PROFILE, {"profile_v2": "a string"}, "unexpected shape"),
        (PROFILE, [1, 2], "unexpected shape"),
        ("your_facebook_activity/events/your_event_responses.json", {"events": []}, "unexpected shape"),
        ("your_facebook_activity/comments_and_reactions/comments.json", 42, "unexpected shape"),
        (
            "your_facebook_activity/groups/your_group_membership_activity.json",
            {"groups_joined_v2": "x"},
            "expected a list",
        ),
    ],
)
def test_member_of_unexpected_shape(tmp_path: Path, member: str, value: Any, reason: str) -> None:
    folder = copy_layout(tmp_path)
    write_json(folder, member, value)
    items, skipped = read([folder])
    assert [(s.source.member, s.source.pointer != "") for s in skipped] == [
        (member, member.endswith("membership_activity.json"))
    ]
    assert reason in skipped[0].reason
    assert len(items) > 30


def test_records_of_unexpected_shape_are_skipped_with_a_pointer(tmp_path: Path) -> None:
    folder = copy_layout(tmp_path)
    write_json(
        folder,
        POSTS,
        [
            {"timestamp": 1600000000, "data": [{"post": "Kept post"}]},
            "a string where a post belongs",
            {"timestamp": 1600000001},  # none of the keys a post has
            {
                "timestamp": 1600000002,
                "data": "not a list",
                "attachments": [
                    {
                        "data": [
                            {"media": "not an object"},
                            {"place": ["a", "list"]},
                            {"life_event": 5},
                            {"media": {"uri": 7, "media_metadata": "junk"}},
                        ]
                    }
                ],
            },
            {
                "timestamp": 1600000003,
                "data": [{"post": "Photo with odd metadata"}],
                "attachments": [
                    {
                        "data": [
                            {
                                "media": {
                                    "uri": "your_facebook_activity/posts/media/MobileUploads_q7Wm/48213_91824_n.jpg",
                                    "media_metadata": {
                                        "photo_metadata": {"exif_data": ["x", {"latitude": "abc", "longitude": None}]}
                                    },
                                }
                            }
                        ]
                    }
                ],
            },
        ],
    )
    write_json(
        folder,
        PROFILE,
        {
            "profile_v2": {
                "name": "Plain Name",
                "work_experiences": ["not an object", {"employer": "Harbour Cafe"}],
                "emails": {"emails": "x@example.com"},
                "phone_numbers": [{"phone_number": ["list"]}],
            }
        },
    )
    write_json(
        folder,
        "your_facebook_activity/messages/inbox/thread_1/message_1.json",
        {"messages": [3, {"content": "no sender"}, {"sender_name": "A", "timestamp_ms": 1, "content": "ok"}]},
    )
    items, skipped = read([folder])
    where = {(s.source.member, s.source.pointer) for s in skipped}
    assert (POSTS, "/1") in where and (POSTS, "/2") in where
    assert (PROFILE, "/profile_v2/work_experiences/0") in where
    thread = "your_facebook_activity/messages/inbox/thread_1/message_1.json"
    assert {(thread, "/messages/0"), (thread, "/messages/1")} <= where
    assert all(s.reason for s in skipped)
    texts = {i.text for i in items}
    assert {"Kept post", "Photo with odd metadata", "Plain Name", "Harbour Cafe", "x@example.com", "ok"} <= texts
    odd = next(i for i in items if i.kind is ItemKind.PHOTO and "Photo with odd metadata" in i.extra.get("context", ""))
    assert odd.geo == ()


def test_a_single_record_written_bare_is_read(tmp_path: Path) -> None:
    folder = copy_layout(tmp_path)
    write_json(folder, POSTS, {"timestamp": 1600000000, "data": [{"post": "The only post"}]})
    write_json(folder, "connections/friends/your_friends.json", {"friends_v2": {"name": "Solo Friend"}})
    items, skipped = read([folder])
    assert skipped == []
    assert any(i.text == "The only post" and i.source.pointer == "" for i in items)
    assert any(i.text == "Solo Friend" and i.kind is ItemKind.CONNECTION for i in items)


def _mutations(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    paths = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            paths.extend(_mutations(child, (*path, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            paths.extend(_mutations(child, (*path, index)))
    return paths


def _replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copy = json.loads(json.dumps(value))
    node = copy
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = new
    return copy


@pytest.mark.parametrize("layout", ["2019-json", "2025-json"])
def test_no_shape_of_any_value_raises(tmp_path: Path, layout: str) -> None:
    """Replace sampled values of every JSON member with values of every other type: never an exception."""
    rng = random.Random(7)
    fetcher = FacebookFetcher()
    source = FIXTURES / "facebook" / layout
    members = sorted(p.relative_to(source).as_posix() for p in source.rglob("*.json"))
    for member in members:
        original = json.loads((source / member).read_text(encoding="utf-8"))
        paths = _mutations(original)
        for path in rng.sample(paths, min(12, len(paths))):
            for new in ("text", 5, None, [], {}, [None], {"x": [1]}):
                folder = tmp_path / "one"
                shutil.rmtree(folder, ignore_errors=True)
                write_json(folder, member, _replaced(original, path, new))
                tree = Tree.open([folder])
                for task in fetcher.plan(tree):
                    records = list(fetcher.run(task, tree))
                    assert all(isinstance(r, (Item, Skipped)) for r in records)


@pytest.mark.parametrize("streamed", [False, True], ids=["whole", "streamed"])
def test_escaped_half_characters_are_read_and_lose_no_post(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, streamed: bool
) -> None:
    """Half an emoji escaped on its own (`\\ud83d`, a text cut short) is valid JSON but not Unicode: it
    is read as U+FFFD, and the post it is in, and every post after it, are still read."""
    folder = copy_layout(tmp_path)
    text = (folder / POSTS).read_text(encoding="ascii")
    text = text.replace('"post": "Three years', '"post": "\\ude00\\ud83d Three years', 1)
    text = text.replace('"post": "Sunday swim', '"post": "\\ud800\\ud800 Sunday swim', 1)
    (folder / POSTS).write_text(text, encoding="ascii")
    whole, _ = read([LAYOUT])
    if streamed:
        monkeypatch.setattr(facebook_common, "STREAM_BYTES", 64)
    items, skipped = read([folder])
    assert skipped == []
    posts = [i.text for i in items if i.source.member == POSTS and i.kind is ItemKind.POST]
    assert len(posts) == len([i for i in whole if i.source.member == POSTS and i.kind is ItemKind.POST])
    assert (
        "\ufffd\ufffd Three years with the Australian Border Force today. Proud of this team at the airport 💪" in posts
    )
    assert "\ufffd\ufffd Sunday swim then brunch ☕" in posts


def test_a_streamed_member_is_refused_without_quoting_the_text_around_the_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The streaming parser quotes the bytes around a fault in its message; the reason keeps only what
    the fault is, since those bytes may be a person's own words (the whole-document reader gives
    only a line and a column)."""
    folder = copy_layout(tmp_path)
    text = (folder / POSTS).read_text(encoding="ascii")
    damaged = text.replace('"post": "Sunday swim', '"post": NaN, "x": "Sunday swim', 1)
    (folder / POSTS).write_text(damaged, encoding="ascii")
    monkeypatch.setattr(facebook_common, "STREAM_BYTES", 64)
    items, skipped = read([folder])
    assert [(s.source.member, s.reason) for s in skipped] == [
        (POSTS, "invalid or truncated JSON (lexical error: invalid char in json text.)")
    ]
    assert any(i.source.member == POSTS for i in items)  # the posts before the fault were read
