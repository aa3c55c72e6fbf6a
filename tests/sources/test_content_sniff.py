"""Which unread members look like the person's own content."""

from __future__ import annotations

import json

import pytest

from exposure_audit.sources.archive import Tree
from exposure_audit.sources.content_sniff import content_members, looks_like_content

BLOCK = '<div class="_a6-g"><div class="_2pin">A day out</div><div class="_a72d">Jul 01, 2024 4:00:10 pm</div></div>'
SETTINGS = '<html><body><div class="_a6-g"><table><tr><td class="_a6_q">Timezone</td></tr></table></div></body></html>'


def _tree(files: dict[str, bytes]) -> Tree:
    return Tree.from_memory("download.zip", files)


@pytest.mark.parametrize(
    ("member", "body", "expected"),
    [
        ("your_facebook_activity/posts/your_posts_1.html", f"<html><main>{BLOCK * 40}</main></html>", True),
        ("preferences/timezone.html", SETTINGS, False),
        (
            "messages/thread.json",
            json.dumps({"messages": [{"timestamp_ms": 1700000000000 + i, "content": "hi"} for i in range(3)]}),
            True,
        ),
        ("groups/group_posts.json", json.dumps({"group_posts_v2": [{"timestamp": 1600000000, "data": []}] * 2}), True),
        ("preferences/language.json", json.dumps({"language_v2": {"value": "en_GB", "timestamp": 1600000000}}), False),
        (
            "data/community-tweet.js",
            "window.YTD.community_tweet.part0 = "
            + json.dumps([{"tweet": {"created_at": "Wed Mar 03 10:00:00 +0000 2021", "full_text": "hello"}}] * 3),
            True,
        ),
        ("Comments.csv", "Date,Link,Message\n2024-01-02 10:00:00,https://example.invalid/1,Nice\n", True),
        ("Registration.csv", "Registered At,Registration Ip\n", False),
        (
            "Connections.csv",
            'Notes:\n"When exporting..."\n\nFirst Name,Last Name,Connected On\nA,B,01 Jan 2024\n',
            False,
        ),
        ("photos/IMG_0001.jpg", "not text", False),
    ],
)
def test_content_is_recognised_by_its_shape(member: str, body: str, expected: bool) -> None:
    assert looks_like_content(_tree({member: body.encode()}), member) is expected


def test_the_opening_of_a_large_json_file_is_enough() -> None:
    records = [{"creation_timestamp": 1700000000 + i, "title": "x" * 200} for i in range(3000)]
    body = json.dumps({"other_v9": records}).encode()
    assert len(body) > 256 * 1024
    assert looks_like_content(_tree({"a/b.json": body}), "a/b.json")


def test_members_are_returned_in_the_order_given() -> None:
    files = {"b.csv": b"Date,Text\n2024-01-01,x\n", "a.txt": b"notes", "c.csv": b"Date,Text\n2024-01-01,y\n"}
    assert content_members(_tree(files), ["c.csv", "a.txt", "b.csv"]) == ("c.csv", "b.csv")
