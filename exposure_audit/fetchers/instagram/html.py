"""Instagram's HTML download: the same files as the JSON one, rendered as pages of record blocks.

2022+ pages hold `main > div._a6-g` blocks: an `h2._a6-h` heading (a post's caption, a message's
sender), `div._a6-p` content (text, media links, label tables) and `div._a6-o` with the date.
Label tables come in two forms, `<td class="_a6_q">Label<div><div>value</div></div></td>` and
`<td class="_a6_q">Label</td><td class="_a6_r">value</td>`; a post's EXIF rows are
`<div class="_a6-q">Latitude</div><div><div class="_a6-q">-33.9</div></div>`. Older pages used
Facebook's `div.pam._2pi0` blocks (`_2pio` heading, `_2let` content, `_2lem` date).

Each block is turned into the JSON record shape and handed to the JSON builders, so a download
scans to the same items whichever format the person chose. Dates are rendered in the account's
time zone without saying which; they are read as UTC.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

from exposure_audit.errors import MemberError
from exposure_audit.fetchers.base import Record, skip
from exposure_audit.fetchers.common.html_guard import read_html
from exposure_audit.fetchers.common.meta_records import Field
from exposure_audit.fetchers.instagram.activity import comment, following, message_items
from exposure_audit.fetchers.instagram.labels import Concept, concept_of
from exposure_audit.fetchers.instagram.posts import CONTENT_FILES, content_items
from exposure_audit.fetchers.instagram.profile import HANDLERS, RecordAt
from exposure_audit.sources.archive import Tree

_DATE_FORMATS = (
    "%b %d %Y %I:%M:%S %p",
    "%b %d %Y %I:%M %p",
    "%b %d %Y %H:%M:%S",
    "%b %d %Y %H:%M",
    "%d %b %Y %H:%M",
    "%B %d %Y %I:%M %p",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
)


def html_date(text: str) -> datetime | None:
    """ "Jun 04, 2025 6:46:10 pm", "Jul 01, 2023, 4:00 PM" ... -> aware datetime (read as UTC)."""
    cleaned = " ".join(text.replace(",", " ").replace(" at ", " ").split()).upper()
    cleaned = re.sub(r"(\d)(AM|PM)$", r"\1 \2", cleaned)
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(
                cleaned.title() if "%b" in pattern or "%B" in pattern else cleaned, pattern
            ).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


@dataclass(slots=True)
class MediaLink:
    uri: str
    pairs: list[tuple[str, str]] = field(default_factory=list)  # EXIF rows shown under it


@dataclass(slots=True)
class Block:
    number: int  # 1-based position on the page, for the person to find it
    heading: str
    text: str
    date: datetime | None
    pairs: list[tuple[str, str]]
    media: list[MediaLink]

    @property
    def pointer(self) -> str:
        return f"block {self.number}"

    @property
    def when(self) -> datetime | None:
        """The block's date, else the first date in its label table ("Time")."""
        return self.date or next((f.at for f in self.fields() if f.at), None)

    def fields(self) -> list[Field]:
        out = []
        for index, (label, value) in enumerate(self.pairs):
            at = html_date(value) if concept_of(label) is Concept.TIME else None
            out.append(
                Field(labels=(label,), value="" if at else value, at=at, pointer=f"{self.pointer}/row {index + 1}")
            )
        return out


def _classes(tag: Tag) -> set[str]:
    value = tag.get("class")
    return set(value) if isinstance(value, list) else set(str(value or "").split())


def _text(tag: Tag | None) -> str:
    return " ".join(tag.get_text(" ", strip=True).split()) if tag is not None else ""


def _local_link(tag: Tag) -> str:
    for attribute in ("href", "src"):
        value = tag.get(attribute)
        if isinstance(value, str) and value and not value.startswith(("http://", "https://", "#", "mailto:", "data:")):
            return value
    return ""


def _pair(tag: Tag) -> tuple[str, str] | None:
    """A label/value pair from a `td._a6_q` cell or a `div._a6-q` EXIF row; None if the tag is neither."""
    classes = _classes(tag)
    if tag.name == "td" and "_a6_q" in classes:
        inner = tag.find("div")
        if isinstance(inner, Tag):
            label = " ".join(str(s) for s in tag.children if isinstance(s, NavigableString)).strip()
            return (label, _text(inner)) if label else None
        sibling = tag.find_next_sibling("td")
        return (_text(tag), _text(sibling)) if isinstance(sibling, Tag) else None
    if tag.name == "div" and "_a6-q" in classes and tag.find(class_="_a6-q") is None:
        sibling = tag.find_next_sibling()
        return (_text(tag), _text(sibling)) if isinstance(sibling, Tag) else None
    if tag.name == "tr" and not tag.find(class_=["_a6_q", "_a6-q"]):  # legacy unclassed tables
        cells = tag.find_all("td", recursive=False)
        if len(cells) == 2:
            return _text(cells[0]), _text(cells[1])
    return None


def _read_content(content: Tag | None) -> tuple[str, list[tuple[str, str]], list[MediaLink]]:
    """The free text, block-level pairs and media (with their own EXIF pairs) of a content element."""
    if content is None:
        return "", [], []
    pairs: list[tuple[str, str]] = []
    media: list[MediaLink] = []
    for tag in content.find_all(True):
        if tag.name in ("a", "img", "video", "source") and (link := _local_link(tag)):
            if not media or media[-1].uri != link:
                media.append(MediaLink(uri=link))
            continue
        pair = _pair(tag)
        if pair is not None and pair[0]:
            # EXIF rows (div._a6-q) describe the media item shown above them; label tables the record
            exif_row = tag.name == "div"
            (media[-1].pairs if media and exif_row else pairs).append(pair)
    return _prose(content), pairs, media


def _prose(content: Tag) -> str:
    """The content's text without its label tables and EXIF rows (read as pairs above).

    They are taken out of the page for the moment the text is read, then put back where they were:
    a copy of the content (or a second parse of it) would double the memory a deeply nested page costs."""
    taken: list[tuple[Tag, int, Tag]] = []
    for tag in [*content.find_all("table"), *content.find_all(class_="_a6-q")]:
        parent = tag.parent
        if parent is not None and not any(tag is t for _, _, t in taken):  # a table may also be an EXIF row
            taken.append((parent, parent.index(tag), tag.extract()))
    text = _text(content)
    for parent, index, tag in reversed(taken):
        parent.insert(index, tag)
    return text


def parse_blocks(soup: BeautifulSoup) -> list[Block]:
    containers = [t for t in soup.find_all(["div", "section"]) if "_a6-g" in _classes(t)]
    legacy = not containers
    if legacy:
        containers = [t for t in soup.find_all("div") if "_2pi0" in _classes(t)]
    blocks = []
    for number, node in enumerate(containers, 1):
        if legacy:
            heading = _text(node.find(class_="_2pio"))
            content = node.find(class_="_2let")
            date = _text(node.find(class_="_2lem"))
        else:
            heading = _text(node.find(class_="_a6-h") or node.find("h2"))
            content = node.find(class_="_a6-p")
            date = _text(node.find(class_="_a6-o") or node.find(class_="_a72d"))
        text, pairs, media = _read_content(content if isinstance(content, Tag) else None)
        blocks.append(
            Block(
                number=number,
                heading=heading,
                text=text,
                date=html_date(date) if date else None,
                pairs=pairs,
                media=media,
            )
        )
    return blocks


def _post_record(block: Block) -> dict[str, Any]:
    media = []
    for link in block.media:
        exif = {re.sub(r"\W+", "_", label.casefold()).strip("_"): value for label, value in link.pairs}
        media.append({"uri": link.uri, "title": "", "media_metadata": {"photo_metadata": {"exif_data": [exif]}}})
    stamp = int(block.date.timestamp()) if block.date else None
    return {"title": block.heading, "creation_timestamp": stamp, "media": media}


def read_html_page(tree: Tree, member: str) -> Iterator[Record]:
    try:
        data = read_html(tree, member)
    except MemberError as exc:
        yield skip(tree, member, exc.reason)
        return
    blocks = parse_blocks(BeautifulSoup(data.decode("utf-8", "replace"), "html.parser"))
    if not blocks:
        yield skip(tree, member, "no Instagram record blocks (_a6-g or _2pi0) on this page; another layout?")
        return
    stem = re.sub(r"_\d+$", "", PurePosixPath(member).stem.lower())
    for block in blocks:
        yield from _block_items(tree, member, stem, block)


def _block_items(tree: Tree, member: str, stem: str, block: Block) -> Iterator[Record]:
    full_stem = PurePosixPath(member).stem.lower()
    if full_stem in HANDLERS or stem in HANDLERS:
        _, handler = HANDLERS.get(full_stem) or HANDLERS[stem]
        yield from handler(RecordAt(tree, member, block.pointer, block.fields(), block.when, title=block.heading))
        for index, link in enumerate(block.media):  # the profile photo shown on personal_information
            yield from content_items(
                tree, member, {"uri": link.uri}, f"{block.pointer}/media/{index}", "", "profile photos"
            )
    elif stem in CONTENT_FILES:
        field, album = CONTENT_FILES[stem]
        yield from content_items(tree, member, _post_record(block), block.pointer, field, album)
    elif stem in ("post_comments", "reels_comments"):
        yield from comment(RecordAt(tree, member, block.pointer, block.fields(), block.when, title=block.heading))
    elif stem == "following":
        name = block.heading or block.text
        yield from following(RecordAt(tree, member, block.pointer, [], block.date, title=name))
    elif stem == "message":
        thread = PurePosixPath(member).parent.name.rpartition("_")[0] or PurePosixPath(member).parent.name
        stamp = int(block.date.timestamp() * 1000) if block.date else None
        message = {
            "sender_name": block.heading,
            "content": block.text,
            "timestamp_ms": stamp,
            "photos": [{"uri": link.uri} for link in block.media],
        }
        yield from message_items(tree, member, thread, block.pointer, message)
