"""LinkedIn profile files: Profile, Profile Summary, Positions, Education, Skills, profile sections
(projects, publications, honours ...) and Verifications."""

from __future__ import annotations

import re
from collections.abc import Iterator

from exposure_audit.fetchers.common.csvio import CsvHeader, CsvRow
from exposure_audit.fetchers.linkedin.rows import RowItems, labelled_list, person_name, row_date
from exposure_audit.model import Item, ItemKind

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Profile.csv columns that are one profile field each, and the field name the scanners know.
_PROFILE_FIELDS = (
    ("headline", "headline"),
    ("summary", "summary"),
    ("industry", "industry"),
    ("contactinstructions", "about"),
)
# Columns that are a coarse place. (2018's Country is left out: a country narrows nothing down.)
_PLACE_FIELDS = (("address", "location"), ("geolocation", "geo_location"), ("zipcode", "zip_code"))
# Cells of profile sections that are not text a person wrote.
_NOT_TEXT = re.compile(r"url|date|startedon|finishedon|issuedon|number|status", re.IGNORECASE)


def profile(rows: RowItems, header: CsvHeader, row: CsvRow) -> Iterator[Item]:
    name = person_name(row, "firstname", "lastname")
    if name:
        yield rows.item(row, ItemKind.PROFILE, text=name, field="name")
    for key, field in _PROFILE_FIELDS:
        value = row.get(key)
        if value:
            yield rows.item(row, ItemKind.PROFILE, text=value, field=field)
    for key, field in _PLACE_FIELDS:
        value = row.get(key)
        if value:
            yield rows.item(row, ItemKind.PLACE, text=value, field=field)
    for _, handle in labelled_list(row.get("twitterhandles")):
        yield rows.item(row, ItemKind.PROFILE, text=handle, field="username", extra={"service": "twitter"})
    for kind, url in labelled_list(row.get("websites")):
        yield rows.item(row, ItemKind.PROFILE, text=url, field="website", extra={"type": kind})
    for service, handle in labelled_list(row.get("instantmessengers")):
        if _EMAIL.match(handle):
            yield rows.item(row, ItemKind.CONTACT, text=handle, field="email", extra={"service": service})
        else:
            yield rows.item(row, ItemKind.PROFILE, text=handle, field="username", extra={"service": service})


def profile_summary(rows: RowItems, header: CsvHeader, row: CsvRow) -> Iterator[Item]:
    """Profile Summary.csv: the About text, whatever its column is called."""
    for key in header.keys:
        value = row.get(key)
        if value and not _NOT_TEXT.search(key):
            yield rows.item(row, ItemKind.PROFILE, text=value, field="summary")


def positions(rows: RowItems, header: CsvHeader, row: CsvRow) -> Iterator[Item]:
    company, title = row.get("companyname", "company"), row.get("title")
    started = row_date(row, "startedon", "startdate")
    extra = {
        "title": title,
        "description": row.get("description"),
        "location": row.get("location"),
        "started_on": row.get("startedon", "startdate"),
        "finished_on": row.get("finishedon", "enddate"),
    }
    if company:
        yield rows.item(
            row,
            ItemKind.WORK,
            text=company,
            field="work.employer",
            when=started,
            extra=extra,
            key=f"{company}\x1f{title}",
            dated_identity=True,
        )
    elif title:
        yield rows.item(row, ItemKind.WORK, text=title, field="work.title", when=started, extra=extra)


def education(rows: RowItems, header: CsvHeader, row: CsvRow) -> Iterator[Item]:
    school = row.get("schoolname")
    if school:
        yield rows.item(
            row,
            ItemKind.EDUCATION,
            text=school,
            field="education",
            when=row_date(row, "startdate", "startedon"),
            extra={"degree": row.get("degreename"), "notes": row.get("notes"), "activities": row.get("activities")},
        )


def skills(rows: RowItems, header: CsvHeader, row: CsvRow) -> Iterator[Item]:
    name = row.get("name", "skillname")
    if name:
        yield rows.item(row, ItemKind.PROFILE, text=name, field="skill")


def profile_section(rows: RowItems, header: CsvHeader, row: CsvRow) -> Iterator[Item]:
    """Projects, Publications, Honors, Certifications, Volunteering ...: the text cells of one entry,
    shown on the public profile, as one "about" field."""
    parts = [row.get(key) for key in header.keys if not _NOT_TEXT.search(key)]
    text = "\n".join(part for part in parts if part)
    if text:
        yield rows.item(
            row,
            ItemKind.PROFILE,
            text=text,
            field="about",
            when=row_date(row, "startedon", "startdate", "issuedon", "date"),
            extra={"section": rows.member.rsplit("/", 1)[-1]},
        )


def verifications(rows: RowItems, header: CsvHeader, row: CsvRow) -> Iterator[Item]:
    """Verifications.csv: a workplace verification names the employer and the work address used."""
    when = row_date(row, "verifieddate")
    kind_of_check = row.get("verificationtype")
    organisation = row.get("organizationname")
    if organisation:
        yield rows.item(
            row,
            ItemKind.WORK,
            text=organisation,
            field="work.employer",
            when=when,
            labels=("verified",),
            extra={"verification": kind_of_check},
            dated_identity=False,
        )
    email = row.get("emailaddress")
    if email:
        yield rows.item(
            row,
            ItemKind.LOGIN,
            text=email,
            field="email",
            when=when,
            labels=("verification",),
            extra={"verification": kind_of_check, "organisation": organisation},
            dated_identity=False,
        )
