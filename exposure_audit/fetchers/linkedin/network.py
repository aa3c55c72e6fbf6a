"""LinkedIn network files: Connections, Member Follows, Recommendations, Endorsements received,
Invitations and Company Follows.

A person met in several files (a connection who also wrote a recommendation) gets the same
CONNECTION identity everywhere: name and current company, without the date, so that colleagues are
counted once.
"""

from __future__ import annotations

from collections.abc import Iterator

from exposure_audit.fetchers.common.csvio import CsvHeader, CsvRow
from exposure_audit.fetchers.linkedin.rows import RowItems, direction, person_name, row_date
from exposure_audit.model import Item, ItemKind


def _connection(rows: RowItems, row: CsvRow, name: str, company: str, position: str, field: str, **extra: str) -> Item:
    when = row_date(row, "connectedon", "creationdate", "date")
    # Members who hid or deleted their profile leave a row without a name: the date tells them apart.
    key = f"{name}\x1f{company}" if name else f"\x1f{company}\x1f{position}\x1f{when}"
    return rows.item(
        row,
        ItemKind.CONNECTION,
        text=name,
        field=field,
        when=when,
        key=key,
        dated_identity=False,
        extra={"company": company, "position": position, **extra},
    )


def connections(rows: RowItems, header: CsvHeader, row: CsvRow) -> Iterator[Item]:
    name = person_name(row, "firstname", "lastname")
    company, position = row.get("company"), row.get("position")
    if name or company or position:  # rows empty but for the date carry nothing
        yield _connection(
            rows, row, name, company, position, "connection", url=row.get("url"), email=row.get("emailaddress")
        )


def member_follows(rows: RowItems, header: CsvHeader, row: CsvRow) -> Iterator[Item]:
    name = row.get("fullname", "name") or person_name(row, "firstname", "lastname")
    if name:
        yield rows.item(
            row,
            ItemKind.CONNECTION,
            text=name,
            field="following",
            when=row_date(row, "date"),
            extra={"status": row.get("status")},
            dated_identity=False,
        )


def recommendations(rows: RowItems, header: CsvHeader, row: CsvRow) -> Iterator[Item]:
    """Given or received: the text is shown on a profile; the other person's company and job title
    make them a connection with a known employer."""
    direction = "received" if "received" in rows.member.lower() else "given"
    name = person_name(row, "firstname", "lastname")
    company, title = row.get("company"), row.get("jobtitle")
    text = row.get("text")
    when = row_date(row, "creationdate", "date")
    if text:
        yield rows.item(
            row,
            ItemKind.POST,
            text=text,
            field="recommendation",
            when=when,
            people=(name,) if name else (),
            extra={"direction": direction, "company": company, "position": title, "status": row.get("status")},
        )
    if name and (company or title):
        yield _connection(rows, row, name, company, title, "connection", relation=f"recommendation {direction}")


def endorsements_received(rows: RowItems, header: CsvHeader, row: CsvRow) -> Iterator[Item]:
    """An endorsed skill is shown on the profile like a listed skill (and shares its identity)."""
    skill = row.get("skillname")
    if skill:
        yield rows.item(
            row,
            ItemKind.PROFILE,
            text=skill,
            field="skill",
            extra={"endorser": person_name(row, "endorserfirstname", "endorserlastname")},
        )


def invitations(rows: RowItems, header: CsvHeader, row: CsvRow) -> Iterator[Item]:
    message = row.get("message")
    if message:
        yield rows.item(
            row,
            ItemKind.MESSAGE,
            text=message,
            field="message",
            when=row_date(row, "sentat"),
            extra={
                "from": row.get("from"),
                "to": row.get("to"),
                "direction": direction(row.get("direction")),
                "on": "invitation",
            },
        )


def company_follows(rows: RowItems, header: CsvHeader, row: CsvRow) -> Iterator[Item]:
    organisation = row.get("organization", "organisation", "company")
    if organisation:
        yield rows.item(
            row,
            ItemKind.PAGE,
            text=organisation,
            field="company_follow",
            when=row_date(row, "followedon"),
            dated_identity=False,
        )
