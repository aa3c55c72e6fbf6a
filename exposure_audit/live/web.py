"""A person's own public web pages and feeds (a blog, a club page), read as a visitor would.

Starting from one address, same-site links are followed breadth-first up to `max_pages`, robots.txt
is honoured for our User-Agent, page text is extracted with beautifulsoup4, RSS/Atom feeds the pages
announce are parsed with feedparser, and images are downloaded (within a budget) for the EXIF and
image checks.
"""

from __future__ import annotations

import hashlib
import io
from collections import deque
from datetime import UTC, datetime
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import feedparser
from bs4 import BeautifulSoup

from exposure_audit.errors import MemberError
from exposure_audit.fetchers.common.html_guard import check_tags
from exposure_audit.live.client import USER_AGENT, Answer, FetchError, PoliteClient
from exposure_audit.live.collected import Collected, html_to_text, public_item
from exposure_audit.live.images import ImageFetcher
from exposure_audit.live.safety import RefusedAddress
from exposure_audit.model import ItemKind, Platform

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/feed+json")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def _identity(url: str, part: str = "") -> str:
    return "web:" + hashlib.blake2b(f"{url}\x1f{part}".encode(), digest_size=12).hexdigest()


def _same_site(a: str, b: str) -> bool:
    return urlsplit(a).netloc.lower() == urlsplit(b).netloc.lower()


class WebSource:
    def __init__(
        self, client: PoliteClient, start: str, *, max_pages: int, max_items: int, images: ImageFetcher
    ) -> None:
        self.client = client
        self.start = start
        self.max_pages = max_pages
        self.max_items = max_items
        self.images = images
        self._robots: RobotFileParser | None = None

    def _allowed(self, collected: Collected, url: str) -> bool:
        if self._robots is None:
            self._robots = RobotFileParser()
            robots_url = urljoin(self.start, "/robots.txt")
            try:
                answer = self.client.get(robots_url)
                lines = answer.text().splitlines() if answer.status < 400 else []
            except (FetchError, RefusedAddress):
                lines = []
            self._robots.parse(lines)
        allowed = self._robots.can_fetch(USER_AGENT, url)
        if not allowed:
            collected.skip(url, "robots.txt asks crawlers not to fetch this page; not fetched")
        return allowed

    def collect(self, label: str) -> Collected:
        collected = Collected(label=label, platform=Platform.WEB)
        queue: deque[str] = deque([self.start])
        visited: set[str] = set()
        feeds: list[str] = []
        while queue and len(visited) < self.max_pages and len(collected.items) < self.max_items:
            url = queue.popleft()
            if url in visited:
                continue
            visited.add(url)
            if not self._allowed(collected, url):
                continue
            try:
                answer = self.client.get(url)
            except (FetchError, RefusedAddress) as exc:
                collected.skip(url, str(exc))
                continue
            if answer.status >= 400:
                collected.skip(url, f"the server answered {answer.status}")
                continue
            if answer.content_type in FEED_TYPES:
                self._feed(collected, answer)
                continue
            if answer.content_type not in HTML_TYPES:
                collected.skip(url, f"not a web page ({answer.content_type or 'no type'}); not read")
                continue
            links, page_feeds = self._page(collected, answer)
            feeds.extend(f for f in page_feeds if f not in feeds)
            queue.extend(link for link in links if link not in visited)
        for feed_url in feeds:
            if feed_url not in visited and self._allowed(collected, feed_url):
                visited.add(feed_url)
                try:
                    self._feed(collected, self.client.get(feed_url))
                except (FetchError, RefusedAddress) as exc:
                    collected.skip(feed_url, str(exc))
        return collected

    def _page(self, collected: Collected, answer: Answer) -> tuple[list[str], list[str]]:
        try:
            check_tags(answer.body, self.client.limits.html_tags)  # before the parser builds a tree of it
        except MemberError as exc:
            collected.skip(answer.url, f"{exc.reason}; not read (--max-html-tags raises the cap)")
            return [], []
        soup = BeautifulSoup(answer.body, "html.parser")
        title = soup.title.get_text(" ", strip=True) if soup.title else ""
        text = html_to_text(str(soup.body or soup), self.client.limits)
        collected.items.append(
            public_item(
                collected,
                kind=ItemKind.POST,
                url=answer.url,
                identity=_identity(answer.url),
                text=" ".join(filter(None, (title, text))),
                field_name="page",
            )
        )
        links: list[str] = []
        for anchor in soup.find_all("a", href=True):
            target = urldefrag(urljoin(answer.url, str(anchor["href"])))[0]
            if target.startswith(("http://", "https://")) and _same_site(target, self.start) and target not in links:
                links.append(target)
        feeds = [
            urljoin(answer.url, str(link["href"]))
            for link in soup.find_all("link", href=True)
            if str(link.get("type", "")).lower() in FEED_TYPES
        ]
        for image in soup.find_all("img", src=True):
            source = urljoin(answer.url, str(image["src"]))
            if source.startswith(("http://", "https://")):
                self.images.fetch(
                    collected,
                    image_url=source,
                    page_url=answer.url,
                    context=title,
                    identity=_identity(source, "image"),
                    description=str(image.get("alt") or ""),
                )
        return links, feeds

    def _feed(self, collected: Collected, answer: Answer) -> None:
        # A file object, never bytes or a string: feedparser treats text that looks like a path or an
        # address as one to open, so a feed whose body is "/etc/passwd" would be read from this computer.
        parsed = feedparser.parse(io.BytesIO(answer.body))
        if parsed.bozo and not parsed.entries:
            collected.skip(answer.url, "the feed does not parse")
            return
        for entry in parsed.entries:
            if len(collected.items) >= self.max_items:
                return
            link = str(entry.get("link") or answer.url)
            try:
                summary = html_to_text(str(entry.get("summary") or ""), self.client.limits)
            except MemberError as exc:
                collected.skip(link, f"a feed entry was not read: {exc.reason}")
                continue
            text = " ".join(filter(None, (str(entry.get("title") or ""), summary)))
            published = entry.get("published_parsed") or entry.get("updated_parsed")
            created = datetime(*tuple(published)[:6]).replace(tzinfo=UTC) if published else None
            identity = _identity(str(entry.get("id") or link), "entry")
            collected.items.append(
                public_item(
                    collected,
                    kind=ItemKind.POST,
                    url=link,
                    identity=identity,
                    text=text,
                    field_name="post",
                    created_at=created,
                )
            )
            for enclosure in entry.get("enclosures") or []:
                if str(enclosure.get("type", "")).startswith("image/") and enclosure.get("href"):
                    self.images.fetch(
                        collected,
                        image_url=str(enclosure["href"]),
                        page_url=link,
                        identity=_identity(str(enclosure["href"]), "image"),
                        context=text,
                    )
