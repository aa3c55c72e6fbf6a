"""LinkedIn 2025 CSV as it really is: backslash-escaped quotes, HTML entities, renamed copies."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from exposure_audit.fetchers.base import Peek
from exposure_audit.fetchers.linkedin.fetcher import LinkedInFetcher
from exposure_audit.fetchers.linkedin.headers import kind_by_header
from exposure_audit.model import Category, ItemKind
from exposure_audit.policy.model import load_policy
from exposure_audit.scanners import build_scanners
from exposure_audit.scanners.compiled import compile_policy
from exposure_audit.sources.archive import Tree
from exposure_audit.text.shared_content import SHARED
from tests.conftest import FIXTURES, fetch_all

ESCAPES = FIXTURES / "linkedin" / "2025-escapes"


def test_backslash_escaped_quotes_lose_no_row() -> None:
    items, skipped, _ = fetch_all(LinkedInFetcher(), [ESCAPES])
    assert not skipped
    per_member = Counter(i.source.member for i in items if i.kind in (ItemKind.COMMENT, ItemKind.POST))
    assert per_member["Comments.csv"] == 3
    assert per_member["Shares.csv"] == 1
    texts = {i.text for i in items}
    assert 'Agree with "less is more", especially for weekend rosters, and thanks for the tip' in texts
    assert 'Our club\'s "Harbour Clean-up" is on again this Sunday, all welcome' in texts


def test_html_entities_in_messages_are_decoded() -> None:
    items, _, _ = fetch_all(LinkedInFetcher(), [ESCAPES])
    (message,) = [i for i in items if i.kind is ItemKind.MESSAGE and i.text.startswith("Thanks")]
    assert message.text == "Thanks Ada, that\u2019s really kind & helpful"


def test_a_renamed_copy_is_known_by_its_header_row() -> None:
    tree = Tree.open([ESCAPES])
    assert kind_by_header(Peek(tree, "my comments backup.csv")) == "comments"
    assert kind_by_header(Peek(tree, "Profile.csv")) == "profile"
    items, _, _ = fetch_all(LinkedInFetcher(), [ESCAPES])
    assert [i.text for i in items if i.source.member == "my comments backup.csv"] == [
        'Lovely photos from the "open day"'
    ]


def test_promotions_and_forwarded_messages_are_not_duties_talk() -> None:
    items, _, _ = fetch_all(LinkedInFetcher(), [ESCAPES])
    messages = {i.text.split("\n")[0]: i for i in items if i.kind is ItemKind.MESSAGE}
    promo, forwarded = messages["Your free trial is waiting"], messages["Fwd: roster"]
    assert SHARED in promo.labels and SHARED in forwarded.labels
    assert SHARED not in messages["Thanks Ada, that\u2019s really kind & helpful"].labels
    scanners = build_scanners(compile_policy(load_policy(None)))
    for item in (promo, forwarded):
        assert not [f for s in scanners for f in s.scan(item) if f.category is Category.DUTIES]
        # the same words as the person's own would be read as duties talk
        own = replace(item, labels=frozenset())
        assert [f for s in scanners for f in s.scan(own) if f.category is Category.DUTIES]


def test_published_articles_are_read_in_both_layouts() -> None:
    for folder, member, title in (
        (ESCAPES, "Articles/Articles/what-a-weekend-roster-taught-me.html", "What a weekend roster taught me"),
        (FIXTURES / "linkedin" / "2018", "Articles/first-steps-in-data.html", "First steps in data"),
    ):
        items, skipped, _ = fetch_all(LinkedInFetcher(), [folder])
        (article,) = [i for i in items if i.source.member == member]
        assert not [s for s in skipped if s.source.member == member]
        assert article.kind is ItemKind.POST and article.field == "article"
        assert article.extra["title"] == title
        assert article.created_at is not None and article.created_at.year in (2018, 2025)
        assert "Published on" in article.text and len(article.text.splitlines()) >= 3
