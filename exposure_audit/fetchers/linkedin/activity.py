"""LinkedIn activity files: Shares, Comments, messages (both header generations), Rich Media, Events."""

from __future__ import annotations

import html
from collections.abc import Iterator

from exposure_audit.fetchers.common.csvio import CsvHeader, CsvRow
from exposure_audit.fetchers.linkedin.rows import RowItems, direction, row_date, urn_id
from exposure_audit.model import Item, ItemKind, MediaRef
from exposure_audit.text.shared_content import SHARED, not_own_words


def shares(rows: RowItems, header: CsvHeader, row: CsvRow) -> Iterator[Item]:
    """Current `ShareCommentary`, 2018 `Share Commentary` (the 2018 title and description describe
    the shared link, not the member's words, so they stay in extra)."""
    text = row.get("sharecommentary", "commentary")
    link = row.get("sharelink")
    media_url = row.get("mediaurl")
    if not text and not media_url:
        return
    yield rows.item(
        row,
        ItemKind.POST,
        text=text,
        field="share",
        when=row_date(row, "date"),
        media=(MediaRef(uri=media_url),) if media_url else (),
        native_id=urn_id(link),
        url=link,
        extra={
            "link": link,
            "shared_url": row.get("sharedurl"),
            "visibility": row.get("visibility"),
            "link_title": row.get("sharetitle"),
            "link_description": row.get("sharedescription"),
        },
    )


def comments(rows: RowItems, header: CsvHeader, row: CsvRow) -> Iterator[Item]:
    message = row.get("message", "comment")
    if message:
        # The link is the post commented on: where the comment is found.
        yield rows.item(
            row,
            ItemKind.COMMENT,
            text=message,
            field="comment",
            when=row_date(row, "date"),
            extra={"on": row.get("link")},
            url=row.get("link"),
        )


def decoded_entities(text: str) -> str:
    """LinkedIn 2025 `messages.csv` bodies carry HTML entities, some escaped twice (`&amp;rsquo;`)."""
    for _ in range(2):
        if "&" not in text:
            break
        text = html.unescape(text)
    return text


def messages(rows: RowItems, header: CsvHeader, row: CsvRow) -> Iterator[Item]:
    """`CONVERSATION ID,...,FROM,...,TO,...,DATE,SUBJECT,CONTENT,FOLDER` and 2018 `From,To,Date,
    Subject,Content,Direction,Folder` share their key columns once headers are normalised."""
    content = decoded_entities(row.get("content"))
    subject = decoded_entities(row.get("subject"))
    text = "\n".join(part for part in (subject, content) if part)
    if not text:
        return
    yield rows.item(
        row,
        ItemKind.MESSAGE,
        text=text,
        field="message",
        when=row_date(row, "date"),
        labels=(SHARED,) if not_own_words(row.get("from"), subject, content) else (),
        key=f"{row.get('conversationid')}\x1f{row.get('from')}\x1f{text}",
        extra={
            "from": row.get("from"),
            "to": row.get("to"),
            "conversation": row.get("conversationtitle"),
            "folder": row.get("folder"),
            "direction": direction(row.get("direction")),
        },
    )


def rich_media(rows: RowItems, header: CsvHeader, row: CsvRow) -> Iterator[Item]:
    """Photos the member uploaded; the download holds only their links, so media has no member."""
    description = row.get("mediadescription")
    link = row.get("medialink")
    if not description and not link:
        return
    yield rows.item(
        row,
        ItemKind.PHOTO,
        text=description,
        field="photo",
        when=row_date(row, "datetime", "date"),
        media=(MediaRef(uri=link),) if link else (),
        key=f"{link}\x1f{description}",
        extra={"context": description},
    )


def events(rows: RowItems, header: CsvHeader, row: CsvRow) -> Iterator[Item]:
    name = row.get("eventname", "name")
    if name:
        yield rows.item(
            row,
            ItemKind.EVENT,
            text=name,
            field="event",
            when=row_date(row, "eventtime", "date"),
            extra={"status": row.get("status"), "url": row.get("externalurl")},
        )
