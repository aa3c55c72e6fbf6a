"""LinkedIn "Get a copy of your data" fetcher: the CSV files of the Basic and the Complete download.

Files are recognised by their normalised name (lower case, spaces and underscores alike, a trailing
member id dropped: `Shares_123456789.csv` -> `shares`), anywhere in the tree, so an extra top folder
or the `Jobs/` and `Verifications/` sub-folders do not matter. Each recognised name is one task that
reads every copy of that file (the Basic and the Complete download repeat the basic files, under
different top folders) and yields each item identity once. CSVs whose name is not known are left
unplanned and so counted as not understood; known files with nothing to audit are listed in
`known_irrelevant`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import ClassVar

from exposure_audit.fetchers.base import Match, Peek, Reader, Reading, Record, Route, RoutedFetcher
from exposure_audit.fetchers.common.csvio import CsvHeader, iter_csv
from exposure_audit.fetchers.linkedin import account, activity, network, profile
from exposure_audit.fetchers.linkedin.articles import ARTICLE, read_article
from exposure_audit.fetchers.linkedin.detection import MARKERS, name_pattern
from exposure_audit.fetchers.linkedin.headers import kind_by_header
from exposure_audit.fetchers.linkedin.rows import RowHandler, RowItems
from exposure_audit.model import Platform, Skipped


@dataclass(frozen=True, slots=True)
class CsvKind:
    handler: RowHandler
    needs: tuple[str, ...]  # the header must have at least one of these keys


_SECTION = CsvKind(profile.profile_section, ("title", "name", "description", "authority"))
_MESSAGES = CsvKind(activity.messages, ("content",))

# Normalised file name -> how its rows become items. Order is the plan order.
KINDS: dict[str, CsvKind] = {
    "profile": CsvKind(profile.profile, ("headline", "firstname", "summary")),
    "profile_summary": CsvKind(profile.profile_summary, ()),
    "positions": CsvKind(profile.positions, ("companyname", "title")),
    "education": CsvKind(profile.education, ("schoolname",)),
    "skills": CsvKind(profile.skills, ("name",)),
    "projects": _SECTION,
    "publications": _SECTION,
    "honors": _SECTION,
    "certifications": _SECTION,
    "volunteering": _SECTION,
    "courses": _SECTION,
    "patents": _SECTION,
    "organizations": _SECTION,
    "verifications": CsvKind(profile.verifications, ("organizationname", "emailaddress")),
    "email_addresses": CsvKind(account.email_addresses, ("emailaddress",)),
    "phonenumbers": CsvKind(account.phone_numbers, ("number",)),
    "phone_numbers": CsvKind(account.phone_numbers, ("number",)),
    "whatsapp_phone_numbers": CsvKind(account.whatsapp_numbers, ("number",)),
    "job_applications": CsvKind(account.job_applications, ("contactemail", "contactphonenumber")),
    "registration": CsvKind(account.registration, ("registrationip", "registrationipaddress")),
    "logins": CsvKind(account.logins, ("ipaddress", "ip", "loginip")),
    "connections": CsvKind(network.connections, ("firstname", "company")),
    "member_follows": CsvKind(network.member_follows, ("fullname", "name", "firstname")),
    "recommendations_received": CsvKind(network.recommendations, ("text", "company")),
    "recommendations_given": CsvKind(network.recommendations, ("text", "company")),
    "endorsement_received_info": CsvKind(network.endorsements_received, ("skillname",)),
    "invitations": CsvKind(network.invitations, ("message",)),
    "company_follows": CsvKind(network.company_follows, ("organization", "organisation", "company")),
    "shares": CsvKind(activity.shares, ("sharecommentary", "mediaurl")),
    "comments": CsvKind(activity.comments, ("message",)),
    "messages": _MESSAGES,
    "guide_messages": _MESSAGES,
    "learning_role_play_messages": _MESSAGES,
    "rich_media": CsvKind(activity.rich_media, ("mediadescription", "medialink")),
    "events": CsvKind(activity.events, ("eventname",)),
}

# Files LinkedIn writes that hold nothing this audit looks for (ads, reactions, search history ...).
IRRELEVANT = (
    "languages",
    "reactions",
    "votes",
    "ad_targeting",
    "inferences_about_you",
    "lan_ads_engagement",
    "ads_clicked",
    "searchqueries",
    "search_queries",
    "learning",
    "receipts",
    "receipts_v2",
    "savedjobalerts",
    "saved_articles",
    "saved_jobs",
    "job_seeker_preferences",
    "job_applicant_saved_answers",
    "endorsement_given_info",
    "security_challenges",
    "account_status_history",
    "private_identity_asset",
    "contacts",
    "hashtag_follows",
    "member_follows_preferences",
    "test_scores",
    "causes_you_care_about",
)

_MEMBER_ID = re.compile(r"_\d{4,}$")
_COPY = re.compile(r"\s*\(\d+\)$")


def csv_kind(path: str) -> str:
    """`Basic_LinkedInDataExport_10-04-2026/Email Addresses.csv` -> "email_addresses"; "" if not a CSV."""
    name = PurePosixPath(path).name
    if not name.lower().endswith(".csv"):
        return ""
    stem = _COPY.sub("", name[:-4]).strip().lower()
    stem = re.sub(r"[ _]+", "_", stem)
    return _MEMBER_ID.sub("", stem)


def _csv(name: str) -> Reader:
    """The reader of one kind of CSV: each row through the kind's handler, once the header fits."""
    kind = KINDS[name]

    def read(reading: Reading) -> Iterator[Record]:
        tree, member = reading.tree, reading.member
        rows = RowItems(tree, member)
        checked: CsvHeader | None = None
        for record in iter_csv(tree, member):
            if isinstance(record, Skipped):
                yield record
                continue
            header, row = record
            if header is not checked:
                if kind.needs and not any(header.has(key) for key in kind.needs):
                    yield reading.skip(
                        "the header has none of the columns this file is read by "
                        f"({', '.join(kind.needs)}); LinkedIn may have changed its layout"
                    )
                    return
                checked = header
            yield from kind.handler(rows, header, row)

    return read


def _named(name: str) -> Callable[[str], bool]:
    return lambda path: csv_kind(path) == name


def _headed(name: str) -> Callable[[Peek], bool]:
    """A renamed copy is known by its header row."""
    return lambda peek: peek.derived(kind_by_header) == name


# Every copy of one file is one task (the Basic and the Complete download repeat the basic files),
# in the order of KINDS; then each article page.
ROUTES: tuple[Route, ...] = (
    *(Route(name, Match(name=_named(name), content=_headed(name)), _csv(name), together=True) for name in KINDS),
    Route("article", Match(name=ARTICLE.search), lambda reading: read_article(reading.tree, reading.member)),
)


class LinkedInFetcher(RoutedFetcher):
    platform = Platform.LINKEDIN
    markers = MARKERS
    known_irrelevant: ClassVar[tuple[re.Pattern[str], ...]] = (
        re.compile(rf"(^|/)({'|'.join(name_pattern(n) for n in IRRELEVANT)})(_\d{{4,}})?\.csv$", re.IGNORECASE),
    )
    routes = ROUTES
    by_route_order = True


FETCHER = LinkedInFetcher
