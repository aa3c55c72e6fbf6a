"""Evidence a person can find: where on the platform an item sits, in words, and a link to it when the
download gives its address; only https links on the platforms' own hosts, people as initials."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from exposure_audit.engine import run_audit
from exposure_audit.model import Category, Finding, ItemKind, Level, Platform, SourceRef
from exposure_audit.policy.model import load_policy
from exposure_audit.reporters.evidence_where import platform_url, where_phrase
from exposure_audit.reporters.formats import html, markdown
from exposure_audit.reporters.formats.options import HtmlOptions, MarkdownOptions
from exposure_audit.reporters.redact import Redactor
from exposure_audit.reporters.view import prepare
from tests.conftest import FIXTURES

FINDING = Finding(
    rule="EXP101",
    category=Category.EMPLOYER,
    severity=Level.HIGH,
    confidence=Level.HIGH,
    platform=Platform.FACEBOOK,
    source=SourceRef(archive="a", member="m"),
    item_kind=ItemKind.MESSAGE,
    item_identity="i",
    created_at=None,
    match="ABF",
    excerpt="",
    reasons=(),
    guidance=(),
    action="",
    fingerprint="f",
)
HIDDEN = Redactor(show_values=False)
SHOWN = Redactor(show_values=True)


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://x.com/i/status/1800000000000000000", True),
        ("https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7001", True),
        ("https://photos.google.com/photo/AF1QipN123456", True),
        ("http://x.com/i/status/1", False),  # not https
        ("javascript:alert(1)", False),
        ("https://x.com.evil.example/i/status/1", False),
        ("https://user@x.com/i/status/1", False),
        ("https://x.com/a b", False),
        ("https://x.com/\u202eb", False),
        ("", False),
    ],
)
def test_only_platform_https_links_are_kept(url: str, kept: bool) -> None:
    assert platform_url(url) == (url if kept else "")


def test_where_names_the_album_group_or_conversation() -> None:
    album = replace(FINDING, where=(("album", "Graduation"),))
    assert where_phrase(album, HIDDEN) == "in the album ‘Graduation’"
    group = replace(FINDING, where=(("group", "ABF Port Kembla Social Club"),))
    assert where_phrase(group, HIDDEN) == "in the group ‘ABF Port Kembla Social Club’"
    thread = replace(FINDING, where=(("thread", "Tamsin Ferreira-Byrne, Kofi Marchetti"),))
    assert where_phrase(thread, HIDDEN) == "in your conversation with T. F., K. M."
    assert where_phrase(thread, SHOWN) == "in your conversation with Tamsin Ferreira-Byrne, Kofi Marchetti"
    assert where_phrase(FINDING, HIDDEN) == ""
    phone_album = replace(FINDING, where=(("album", "call 0491 570 156"),))
    assert "570 156" not in where_phrase(phone_album, HIDDEN)


def test_a_download_s_albums_and_conversations_show_in_the_reports() -> None:
    policy = load_policy(None)
    report = run_audit([FIXTURES / "facebook" / "2022-json"], policy)
    text = markdown.render(prepare(report, policy), MarkdownOptions())
    assert "photo from 12 January 2019 in the album ‘Weekend away’ on your Facebook" in text
    assert "message from 19 August 2019 in your conversation with J. on your Facebook" in text
    assert "/messages/" not in text and "message_1.json" not in text  # pointers stay in the machine formats


def test_the_demo_s_tweets_link_to_x(tmp_path: Path) -> None:
    from exposure_audit.demo import build_demo_download, demo_sites

    policy = load_policy(None).with_sites(demo_sites("officer"))
    report = run_audit(build_demo_download(tmp_path / "download", "officer"), policy)
    page = html.render(prepare(report, policy), HtmlOptions())
    tweets = [f for f in report.findings if f.platform is Platform.X and f.item_kind is ItemKind.POST]
    assert tweets and all(f.url.startswith("https://x.com/i/status/") for f in tweets)
    assert page.count('<a href="https://x.com/i/status/') >= len({f.url for f in tweets})
    assert 'rel="noopener noreferrer"' in page
    text = markdown.render(prepare(report, policy), MarkdownOptions())
    assert "[open it on X](<https://x.com/i/status/" in text
    assert "[open it on LinkedIn](<https://www.linkedin.com/" in text
