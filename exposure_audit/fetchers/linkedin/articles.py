"""The member's own published LinkedIn articles: one HTML page each.

Current downloads put them under `Articles/Articles/<slug>.html`, 2018 ones under `Articles/<slug>.html`
(export-formats §3.2 and "Quirks seen"). A page has the title in `<h1>` (or `<title>`), "Created on" /
"Published on" lines with the date, and the article's body; the whole visible text is scanned, since
an article is the longest thing a person writes about their work on LinkedIn.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

from exposure_audit.errors import MemberError
from exposure_audit.fetchers.base import Record, skip, stable_identity
from exposure_audit.fetchers.common.html_guard import read_html
from exposure_audit.model import Item, ItemKind, Platform
from exposure_audit.sources.archive import Tree

ARTICLE = re.compile(r"(^|/)Articles/(Articles/)?[^/]+\.html?$", re.IGNORECASE)
_DATE = re.compile(r"(Published|Created) on\s+(\d{4}-\d\d-\d\d)(?:[ T](\d\d:\d\d))?", re.IGNORECASE)


def _when(text: str) -> datetime | None:
    found = {m.group(1).lower(): m for m in _DATE.finditer(text)}
    match = found.get("published") or found.get("created")
    if match is None:
        return None
    stamp = f"{match.group(2)} {match.group(3) or '00:00'}"
    return datetime.strptime(stamp, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def read_article(tree: Tree, member: str) -> Iterator[Record]:
    try:
        data = read_html(tree, member)
    except MemberError as exc:
        yield skip(tree, member, exc.reason)
        return
    from bs4 import BeautifulSoup  # only when an article is read: a scan without HTML never loads the parser

    soup = BeautifulSoup(data.decode("utf-8", "replace"), "html.parser")
    for tag in soup(["script", "style"]):
        tag.decompose()
    heading = soup.find("h1") or soup.find("title")
    title = heading.get_text(" ", strip=True) if heading else ""
    body = soup.body or soup
    text = "\n".join(line for line in (s.strip() for s in body.get_text("\n").splitlines()) if line)
    if not text:
        yield skip(tree, member, "the article page has no text")
        return
    when = _when(text)
    yield Item(
        kind=ItemKind.POST,
        platform=Platform.LINKEDIN,
        source=tree.ref(member),
        identity=stable_identity(Platform.LINKEDIN, ItemKind.POST, when=when, content=f"article\x1f{title}"),
        created_at=when,
        text=text,
        field="article",
        extra={"title": title},
    )
