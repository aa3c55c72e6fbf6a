"""LinkedIn account and contact files: Email Addresses, phone numbers, WhatsApp numbers, Job
Applications, Registration and (2018) Logins."""

from __future__ import annotations

from collections.abc import Iterator

from exposure_audit.fetchers.common.csvio import CsvHeader, CsvRow
from exposure_audit.fetchers.linkedin.rows import RowItems, is_true, row_date
from exposure_audit.model import Item, ItemKind


def email_addresses(rows: RowItems, header: CsvHeader, row: CsvRow) -> Iterator[Item]:
    """The addresses the account signs in with and is reached at: login identities."""
    address = row.get("emailaddress", "email")
    if not address:
        return
    labels = ("primary" if is_true(row.get("primary")) else "", "confirmed" if is_true(row.get("confirmed")) else "")
    yield rows.item(
        row,
        ItemKind.LOGIN,
        text=address,
        field="email",
        when=row_date(row, "updatedon"),
        labels=labels,
        dated_identity=False,
    )


def phone_numbers(rows: RowItems, header: CsvHeader, row: CsvRow) -> Iterator[Item]:
    number = row.get("number", "phonenumber")
    if not number:
        return
    kind = row.get("type")
    yield rows.item(
        row,
        ItemKind.CONTACT,
        text=number,
        field="phone",
        labels=("work",) if kind.lower() in ("work", "business", "office") else (),
        extra={"type": kind, "extension": row.get("extension")},
    )


def whatsapp_numbers(rows: RowItems, header: CsvHeader, row: CsvRow) -> Iterator[Item]:
    number = row.get("number", "phonenumber")
    if number:
        yield rows.item(
            row,
            ItemKind.CONTACT,
            text=number,
            field="phone",
            labels=("whatsapp",) if is_true(row.get("iswhatsappnumber")) else (),
            extra={"extension": row.get("extension")},
        )


def job_applications(rows: RowItems, header: CsvHeader, row: CsvRow) -> Iterator[Item]:
    """The e-mail and phone given to employers, and the answers written in the application."""
    when = row_date(row, "applicationdate")
    extra = {"company": row.get("companyname"), "job_title": row.get("jobtitle")}
    email = row.get("contactemail")
    if email:
        yield rows.item(
            row,
            ItemKind.CONTACT,
            text=email,
            field="email",
            labels=("job_application",),
            extra=extra,
            dated_identity=False,
        )
    phone = row.get("contactphonenumber")
    if phone:
        yield rows.item(
            row,
            ItemKind.CONTACT,
            text=phone,
            field="phone",
            labels=("job_application",),
            extra=extra,
            dated_identity=False,
        )
    answers = row.get("questionandanswers")
    if answers:
        yield rows.item(
            row, ItemKind.POST, text=answers, field="note", when=when, extra={**extra, "on": "job application"}
        )


def registration(rows: RowItems, header: CsvHeader, row: CsvRow) -> Iterator[Item]:
    address = row.get("registrationip", "registrationipaddress")
    if address:
        yield rows.item(
            row,
            ItemKind.IP,
            text=address,
            field="registration_ip",
            when=row_date(row, "registeredat", "registrationdate"),
        )


def logins(rows: RowItems, header: CsvHeader, row: CsvRow) -> Iterator[Item]:
    """2018 Logins.csv: one sign-in per row with its IP address."""
    address = row.get("ipaddress", "ip", "loginip")
    if address:
        yield rows.item(
            row, ItemKind.IP, text=address, field="login_ip", when=row_date(row, "logindate", "date", "time")
        )
