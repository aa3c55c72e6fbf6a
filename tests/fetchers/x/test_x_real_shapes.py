"""X archives as they really are: community tweets, Periscope comments, retweets, renamed data files."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from exposure_audit.engine import AuditOptions, run_audit
from exposure_audit.fetchers.x.fetcher import XArchiveFetcher
from exposure_audit.model import Category, ItemKind, Level
from exposure_audit.policy.model import load_policy
from exposure_audit.scanners import build_scanners
from exposure_audit.scanners.compiled import compile_policy
from exposure_audit.text.shared_content import SHARED
from tests.conftest import FIXTURES, fetch_all

ARCHIVE = FIXTURES / "x" / "x-2023-community-periscope"


def test_community_tweets_and_periscope_comments_are_read() -> None:
    items, skipped, _ = fetch_all(XArchiveFetcher(), [ARCHIVE])
    assert not skipped
    per_member = Counter(i.source.member.rsplit("/", 1)[-1] for i in items if i.text)
    assert per_member["community-tweet.js"] == 2
    assert per_member["periscope-comments-made-by-user.js"] == 2
    comments = {i.text for i in items if i.kind is ItemKind.COMMENT}
    assert comments == {"Great view of the fireworks from here!", "Say hi to the crew at the kiosk"}


def test_a_renamed_data_file_is_routed_by_its_ytd_name() -> None:
    items, _, _ = fetch_all(XArchiveFetcher(), [ARCHIVE])
    notes = [i for i in items if i.source.member.endswith("tweets-archive-copy.js")]
    assert [i.field for i in notes] == ["note"]


def test_a_retweet_is_kept_but_marked_shared() -> None:
    items, _, _ = fetch_all(XArchiveFetcher(), [ARCHIVE])
    shared = [i for i in items if SHARED in i.labels]
    assert [i.text[:20] for i in shared] == ["RT @harbourcouncil: "]
    assert not any(SHARED in i.labels for i in items if i.text == "Sunny morning at the markets")


def test_a_retweet_is_never_duties_talk_and_its_findings_are_less_sure() -> None:
    items, _, _ = fetch_all(XArchiveFetcher(), [ARCHIVE])
    (retweet,) = [i for i in items if SHARED in i.labels]
    own = replace(retweet, labels=frozenset())  # the same words as the person's own would be duties talk
    assert any(
        f.category is Category.DUTIES for s in build_scanners(compile_policy(load_policy(None))) for f in s.scan(own)
    )
    report = run_audit([ARCHIVE], load_policy(None), AuditOptions(jobs=1))
    from_retweet = [
        f for f in report.findings if f.source.pointer.startswith("/1/") and f.source.member.endswith("data/tweets.js")
    ]
    assert not [f for f in from_retweet if f.category is Category.DUTIES]
    assert all(f.confidence is not Level.HIGH for f in from_retweet)
