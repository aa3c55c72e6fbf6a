"""Hostile documents: JSON nested 100,000 deep, a CSV field of 100 MB, HTML nested 100,000 deep, and files
that are not what their name says. Each is refused (or read) without losing anything else."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.hostile.harness import assert_complete, assert_every_report_renders, audit, reason_of, skipped
from tests.hostile.inputs import (
    FACEBOOK_HTML,
    FACEBOOK_JSON,
    INSTAGRAM_HTML,
    LINKEDIN,
    X_ARCHIVE,
    Content,
    MiB,
    fixture_folder,
    fixture_zip,
    jpeg_with_app1,
    noise_text,
    png_header_only,
)

pytestmark = pytest.mark.timeout(60)

DEEP_JSON = b"[" * 100_000 + b"]" * 100_000
POSTS_2 = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_2.json"
IP_AUDIT = "data/ip-audit.js"


def _streamed(head: bytes, tail: bytes) -> list[bytes]:
    """`head`, a first record padded past the 8 MiB streaming threshold with text, then `tail`."""
    return [head, b'{"timestamp": 1700000000, "title": "', *noise_text(9 * MiB), b'"}, ', tail]


DEEP_CASES: dict[str, tuple[Path, str, Content]] = {
    "facebook-whole": (FACEBOOK_JSON, POSTS_2, DEEP_JSON),
    "facebook-streamed": (FACEBOOK_JSON, POSTS_2, _streamed(b"[", DEEP_JSON + b"]")),
    "x-whole": (X_ARCHIVE, IP_AUDIT, b"window.YTD.ip_audit.part0 = " + DEEP_JSON),
    "x-streamed": (X_ARCHIVE, IP_AUDIT, _streamed(b"window.YTD.ip_audit.part0 = [", DEEP_JSON + b"]")),
}


@pytest.mark.parametrize("case", sorted(DEEP_CASES))
def test_json_nested_100000_deep_is_refused_before_it_is_built(case: str, tmp_path: Path) -> None:
    fixture, member, content = DEEP_CASES[case]
    run = audit([fixture_zip(fixture, tmp_path / "download.zip", {member: content})])
    assert "nesting is deeper than the cap of 256 levels" in reason_of(run.value, member)
    assert_complete(run, fixture)


def test_a_csv_field_of_100_mb_skips_its_row_and_keeps_the_rows_before_it(tmp_path: Path) -> None:
    rows = b"".join(b"Skill number %d\n" % i for i in range(10_000))  # more than the 64K first read
    content = [b"Name\n", rows, b'"', *noise_text(100 * MiB), b'"\n', b"Last skill\n"]
    run = audit([fixture_zip(LINKEDIN, tmp_path / "linkedin.zip", {"Skills.csv": content})])
    (refusal,) = skipped(run.value, "Skills.csv")
    assert refusal.source.pointer == "row 10001" and "larger than the cap" in refusal.reason
    assert run.value.inputs[0].items >= 10_000  # the rows before the damage were read
    assert_complete(run, LINKEDIN)


@pytest.mark.parametrize("number", [b"1" * 5000, b"1e99999", b"-" + b"9" * 100_000])
def test_absurd_numbers_in_json_are_refused_with_a_reason(number: bytes, tmp_path: Path) -> None:
    member = "your_facebook_activity/groups/your_groups.json"
    document = b'[{"name": "Dog walkers", "timestamp": ' + number + b"}]"
    run = audit([fixture_zip(FACEBOOK_JSON, tmp_path / "facebook.zip", {member: document})])
    assert not skipped(run.value, member) or "JSON" in reason_of(run.value, member)
    assert_complete(run, FACEBOOK_JSON)


def _nested_html(text: str) -> bytes:
    return b"<div>" * 100_000 + text.encode() + b"</div>" * 100_000


def test_html_nested_100000_deep_in_a_facebook_page(tmp_path: Path) -> None:
    member = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.html"
    page = (FACEBOOK_HTML / member).read_bytes()
    deep = (
        b'<section class="_a6-g"><h2 class="_2ph_ _a6-h _a6-i">Deep</h2><div class="_2ph_ _a6-p">'
        + _nested_html("Proud to serve with the Australian Border Force")
        + b'</div><footer class="_3-94 _a6-o"><div class="_a72d">Nov 25, 2016 2:06:40 am</div></footer></section>'
    )
    # As an unpacked folder: zipped, a page this repetitive is refused by the zip-bomb ratio cap first.
    run = audit(
        [fixture_folder(FACEBOOK_HTML, tmp_path / "facebook", {member: page.replace(b"</main>", deep + b"</main>")})]
    )
    assert_complete(run, FACEBOOK_HTML)  # the records of the same page around the deep one are all read
    assert not skipped(run.value, member)
    assert any("Proud to serve" in f.excerpt for f in run.value.findings)  # and the deep one too


def test_html_nested_100000_deep_in_an_instagram_page(tmp_path: Path) -> None:
    member = "your_instagram_activity/content/posts_1.html"
    page = (INSTAGRAM_HTML / member).read_bytes()
    deep = (
        b'<div class="pam _3-95 _2ph- _a6-g uiBoxWhite noborder"><h2 class="_3-95 _2pim _a6-h _a6-i">'
        b'Border Force open day</h2><div class="_3-95 _a6-p">'
        + _nested_html("Shift at the airport")
        + b'</div><div class="_3-94 _a6-o">Jun 18, 2023 9:00 am</div></div>'
    )
    run = audit(
        [fixture_folder(INSTAGRAM_HTML, tmp_path / "instagram", {member: page.replace(b"</main>", deep + b"</main>")})]
    )
    assert_complete(run, INSTAGRAM_HTML)
    assert not skipped(run.value, member)
    assert any("open day" in f.excerpt for f in run.value.findings)


def test_a_page_of_millions_of_tags_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    member = "your_facebook_activity/groups/your_groups.html"
    page = b"<html><body><main>" + b"<b>" * 3_000_000 + b"</main></body></html>"  # 9 MB, gigabytes once parsed
    run = audit([fixture_folder(FACEBOOK_HTML, tmp_path / "facebook", {member: page})])
    assert "tags, over the cap of" in reason_of(run.value, member)
    assert_complete(run, FACEBOOK_HTML)


MISLABELLED: dict[str, tuple[Path, str, bytes, str]] = {
    "json-that-is-a-jpeg": (
        FACEBOOK_JSON,
        "your_facebook_activity/groups/your_groups.json",
        jpeg_with_app1(b""),
        "not UTF-8 text",
    ),
    "jpg-that-is-text": (
        FACEBOOK_JSON,
        "your_facebook_activity/posts/media/WeekendAway_k2Pz/55120_77341_n.jpg",
        b"Dear diary, this is not a photo.\n",
        "not a recognised image format",
    ),
    "csv-that-is-binary": (LINKEDIN, "Skills.csv", os.urandom(4096), "binary data, not CSV text"),
    "js-that-is-a-zip": (X_ARCHIVE, IP_AUDIT, b"PK\x03\x04" + os.urandom(512), "not an X archive data file"),
    "html-that-is-a-png": (
        FACEBOOK_HTML,
        "your_facebook_activity/groups/your_groups.html",
        png_header_only(8, 8),
        "no Facebook record blocks",
    ),
}


@pytest.mark.parametrize("case", sorted(MISLABELLED))
def test_a_file_that_is_not_what_its_name_says_is_refused_with_a_reason(case: str, tmp_path: Path) -> None:
    fixture, member, content, reason = MISLABELLED[case]
    run = audit([fixture_zip(fixture, tmp_path / "download.zip", {member: content})])
    assert reason in reason_of(run.value, member)
    assert_complete(run, fixture)


def test_half_characters_escaped_on_their_own_are_read_and_every_report_renders(tmp_path: Path) -> None:
    """`"\\ud83d"` is valid JSON but not Unicode (half an emoji, as a text cut short leaves it): the
    post that holds it is still scanned, and no report format fails on it."""
    halves = b"\\ude00 \\ud83d \\ud800\\ud800 "
    document = b'[{"timestamp": 1700000000, "data": [{"post": "' + halves + b'Moved to the Australian Border Force"}]}]'
    download = fixture_zip(FACEBOOK_JSON, tmp_path / "facebook.zip", {POSTS_2: document})
    run = audit([download])
    assert not skipped(run.value, POSTS_2)
    mentions = [f for f in run.value.findings if f.source.member == POSTS_2]
    assert mentions and all("\ufffd" in f.excerpt for f in mentions)
    assert_complete(run, FACEBOOK_JSON)
    assert_every_report_renders(download, tmp_path / "reports")
