"""Facebook HTML pages -> generic records (title, text blocks, label/value tables, media, time).

Two generations of markup exist (export-formats §1.7, §1.8):

* old (2018 - ~2022): each record is a `div.pam._2pi0` block with the title in `._2lel`, the body in
  `._2let` and the date in `._2lem` ("Jul 01, 2023, 4:00 PM"); tables are plain two-cell rows; the
  2019 profile page instead holds `div._4kny` key/value containers, label in `._2lek`, read alike;
* new (2023+): each record is a `section._a6-g` with an `h2` title, `._2pin` body blocks, label
  tables of `td._a6_q` / `td._a6_r`, and the date in `footer ._a72d` ("Jun 04, 2025 6:46:10 pm");
  real 2024 and 2025 pages (every language) write the same record as a `div._a6-g` whose title is a
  `div._a6-h` and whose date sits in a `div._a6-o`, under a `div._a706` page header that is not a record.

Dates are written in the account's time zone without a marker; `account_zone` reads it from
`timezone.json` / `timezone.html` when the download has one (else UTC is assumed and said so).
Only structure is keyed on, never the English wording of titles, except where noted by the
interpreters in `html.py`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag

from exposure_audit.errors import MemberError
from exposure_audit.sources.archive import Tree

OLD, NEW = "old", "new"
_LOCAL_SCHEMES = ("http://", "https://", "mailto:", "tel:", "#", "javascript:", "data:")
_DATE_FORMATS = (
    "%b %d, %Y %I:%M:%S %p",
    "%b %d, %Y, %I:%M:%S %p",
    "%b %d, %Y %I:%M %p",
    "%b %d, %Y, %I:%M %p",
    "%d %b %Y, %H:%M",
    "%d %b %Y %H:%M",
    "%d %B %Y, %H:%M",
    "%B %d, %Y at %I:%M %p",
    "%A, %B %d, %Y at %I:%M %p",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
)
# A trailing zone abbreviation ("AEST", "UTC+10") that old pages add; the account zone is used instead.
_ZONE_ABBREVIATION = re.compile(r"\s+(?!(?:AM|PM)$)(UTC[+-]\d{1,2}(:\d{2})?|[A-Z]{2,5})$")
_SPACE = re.compile(r"\s+")
# Chinese-language pages (zh-TW, zh-CN): "2024年3月2日 下午6:42:00", 上午/下午 = am/pm, or a 24-hour clock.
_CJK_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日\s*(上午|下午)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?$")


@dataclass(slots=True)
class HtmlMedia:
    uri: str
    pairs: list[tuple[str, str]] = field(default_factory=list)  # the metadata table beside the image


@dataclass(slots=True)
class HtmlRecord:
    pointer: str  # "record 3": the third record block of the page
    title: str = ""
    texts: list[str] = field(default_factory=list)  # body text blocks in page order
    tables: list[list[tuple[str, str]]] = field(default_factory=list)  # label/value rows, one list per table
    media: list[HtmlMedia] = field(default_factory=list)
    when_text: str = ""
    when: datetime | None = None

    @property
    def pairs(self) -> list[tuple[str, str]]:
        return [pair for table in self.tables for pair in table]

    def value(self, *labels: str) -> str:
        """The first value whose label is one of `labels` (case-insensitive), or ""."""
        return pair_value(self.pairs, *labels)


@dataclass(slots=True)
class HtmlPage:
    style: str  # OLD or NEW
    heading: str  # the page's own title (album name, thread title ...)
    records: list[HtmlRecord]


def pair_value(pairs: list[tuple[str, str]], *labels: str) -> str:
    wanted = {label.casefold() for label in labels}
    return next((value for label, value in pairs if label.casefold() in wanted and value), "")


def clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def parse_page(data: bytes, zone: tzinfo) -> HtmlPage | None:
    """The records of a Facebook HTML page, or None when it has neither generation's record blocks."""
    soup = BeautifulSoup(data, "html.parser")
    blocks: list[Tag] = _outermost(soup.select("section._a6-g, div._a6-g"))
    style = NEW
    if not blocks:
        blocks = [b for b in soup.select("div._2pi0") if "pam" in (b.get("class") or [])]
        style = OLD
    if not blocks:  # 2019 profile page: labelled key/value containers instead of records
        blocks = _outermost(soup.select("div._4kny"))
    if not blocks:
        return None
    heading_tag = soup.select_one("div._3b0d") or soup.select_one("h1") or soup.title
    heading = clean(heading_tag.get_text(" ")) if heading_tag else ""
    records = [_record(block, index, style, zone) for index, block in enumerate(blocks, 1)]
    return HtmlPage(style=style, heading=heading, records=records)


def _outermost(blocks: list[Tag]) -> list[Tag]:
    """Record blocks not nested in another one: a record's inner parts reuse the class on some pages."""
    chosen = {id(b) for b in blocks}
    return [b for b in blocks if not any(id(p) in chosen for p in b.parents)]


def _record(block: Tag, index: int, style: str, zone: tzinfo) -> HtmlRecord:
    record = HtmlRecord(pointer=f"record {index}")
    if style == NEW:
        title = block.find("h2") or block.select_one("div._a6-h")
        when = block.select_one("footer ._a72d") or block.select_one("._a72d") or block.select_one("div._a6-o")
        footer = block.find("footer") or block.select_one("div._a6-o")
        removable = [t for t in (title, footer) if isinstance(t, Tag)]
    else:
        title = block.select_one("._2lel") or block.select_one("._2lek")
        when = block.select_one("._2lem")
        removable = [t for t in (title, when) if isinstance(t, Tag)]
    record.title = clean(title.get_text(" ")) if isinstance(title, Tag) else ""
    record.when_text = clean(when.get_text(" ")) if isinstance(when, Tag) else ""
    record.when = parse_when(record.when_text, zone)
    body = block  # taken apart below: each block is read once
    for tag in removable:
        tag.decompose()
    media_tables: set[int] = set()
    for image in body.find_all(["img", "video"]):
        uri = str(image.get("src") or "")
        link = image.find_parent("a")
        if link is not None and _is_local(str(link.get("href") or "")):
            uri = str(link.get("href"))
        if not _is_local(uri):
            continue
        holder = _metadata_holder(image)
        tables = holder.find_all("table") if holder is not None else []
        media_tables.update(id(t) for t in tables)
        record.media.append(HtmlMedia(uri=uri, pairs=[p for t in tables for p in _rows(t)]))
    for table in body.find_all("table"):
        if id(table) not in media_tables and table.find_parent("table") is None:
            rows = _rows(table)
            if rows:
                record.tables.append(rows)
    labelled = [_labelled_span(span) for span in body.select("span._a6_m")]
    labelled_pairs = [pair for pair in labelled if pair is not None]
    if labelled_pairs:
        record.tables.append(labelled_pairs)
    for table in body.find_all("table"):
        table.decompose()
    for span in body.select("span._a6_m"):
        span.decompose()
    record.texts = _text_blocks(body, {value for _, value in labelled_pairs})
    return record


def _is_local(uri: str) -> bool:
    return bool(uri) and not uri.lower().startswith(_LOCAL_SCHEMES)


def _metadata_holder(image: Tag) -> Tag | None:
    """The nearest block around an image that also holds a table (its metadata), if any."""
    node: Tag | None = image.parent
    for _ in range(4):
        if node is None or node.name in ("section", "body", "main"):
            return None
        if {"_2pi0", "_a6-g"} & set(node.get("class") or []):  # the record itself: look no further
            return None
        if node.find("table") is not None and len(node.find_all(["img", "video"])) == 1:
            return node
        node = node.parent
    return None


def _rows(table: Tag) -> list[tuple[str, str]]:
    rows = []
    for row in table.find_all("tr"):
        cells = row.find_all("td", recursive=False) or row.find_all("th", recursive=False)
        if len(cells) >= 2:
            rows.append((clean(cells[0].get_text(" ")), clean(cells[1].get_text(" "))))
        elif len(cells) == 1:  # new style: label and value in one cell, the value in a nested div
            inner = cells[0].find("div")
            if inner is not None:
                value = clean(inner.get_text(" "))
                inner.extract()
                rows.append((clean(cells[0].get_text(" ")), value))
    return [(label.rstrip(":"), value) for label, value in rows if label or value]


def _labelled_span(span: Tag) -> tuple[str, str] | None:
    """<div><span class="_a6_m">Group: </span>Name</div> -> ("Group", "Name")."""
    label = clean(span.get_text(" ")).rstrip(":").strip()
    parent = span.parent
    if not label or parent is None:
        return None
    value = clean(
        "".join(str(s) for s in span.next_siblings if isinstance(s, NavigableString))
        or " ".join(s.get_text(" ") for s in span.find_next_siblings())
    )
    return (label, value) if value else None


def _text_blocks(body: Tag, exclude: set[str]) -> list[str]:
    """Text of the body grouped by the element that directly holds it, in page order."""
    blocks: list[str] = []
    current: Tag | None = None
    parts: list[str] = []
    for string in body.find_all(string=True):
        if not isinstance(string, NavigableString) or string.parent is None:
            continue
        if string.parent.name in ("script", "style", "title", "head"):
            continue
        holder = string.parent
        while holder.name in ("a", "span", "b", "i", "em", "strong", "br") and holder.parent is not None:
            holder = holder.parent
        if holder is not current:
            _flush(parts, blocks, exclude)
            current, parts = holder, []
        parts.append(str(string))
    _flush(parts, blocks, exclude)
    return blocks


def _flush(parts: list[str], blocks: list[str], exclude: set[str]) -> None:
    text = clean("".join(parts))
    if text and text not in exclude:
        blocks.append(text)


def parse_when(text: str, zone: tzinfo) -> datetime | None:
    """A rendered date in the account's zone -> aware UTC datetime, or None if no format fits."""
    text = _ZONE_ABBREVIATION.sub("", clean(text).replace("\u202f", " "))
    cjk = _CJK_DATE.match(text)
    if cjk:
        return _cjk_when(cjk, zone)
    for pattern in _DATE_FORMATS:
        try:
            local = datetime.strptime(text, pattern)
        except ValueError:
            continue
        return local.replace(tzinfo=zone).astimezone(UTC)
    return None


def _cjk_when(found: re.Match[str], zone: tzinfo) -> datetime | None:
    year, month, day, half, hour, minute, second = found.groups()
    hour_of_day = int(hour) % 12 + (12 if half == "下午" else 0) if half else int(hour)
    try:
        local = datetime(int(year), int(month), int(day), hour_of_day, int(minute), int(second or 0))
    except ValueError:
        return None
    return local.replace(tzinfo=zone).astimezone(UTC)


def account_zone(tree: Tree) -> tuple[tzinfo, bool]:
    """The account's time zone from timezone.json / timezone.html, and whether one was found."""
    for name in ("timezone.json", "timezone.html"):
        for member in tree.by_basename(name):
            try:
                data = tree.read_bytes(member.path, 1024 * 1024)
            except MemberError:
                continue
            zone = _zone_name(data, name.endswith(".json"))
            if zone:
                try:
                    return ZoneInfo(zone), True
                except (ZoneInfoNotFoundError, ValueError):
                    continue
    return UTC, False


def _zone_name(data: bytes, is_json: bool) -> str:
    if is_json:
        try:
            document = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return ""
        if isinstance(document, dict):
            for key, value in document.items():
                if str(key).startswith("timezone") and isinstance(value, str):
                    return value.strip()
        records = document if isinstance(document, list) else [document]
        for record in records:
            for entry in (record.get("label_values") or []) if isinstance(record, dict) else []:
                if (
                    isinstance(entry, dict)
                    and isinstance(entry.get("value"), str)
                    and str(entry.get("label", "")).casefold() in ("timezone", "time zone")
                ):
                    return str(entry["value"]).strip()
        return ""
    page = parse_page(data, UTC)
    if page is None:
        return ""
    for record in page.records:
        found = record.value("Timezone", "Time zone") or (record.texts[0] if record.texts else "")
        if "/" in found or found == "UTC":
            return found
    return ""
