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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import ClassVar

from exposure_audit.archive import Tree
from exposure_audit.errors import MemberError
from exposure_audit.fetchers import linkedin_account as account
from exposure_audit.fetchers import linkedin_activity as activity
from exposure_audit.fetchers import linkedin_network as network
from exposure_audit.fetchers import linkedin_profile as profile
from exposure_audit.fetchers.base import Fetcher, Marker, Record, Task, skip
from exposure_audit.fetchers.common.csvio import CsvHeader, iter_csv
from exposure_audit.fetchers.linkedin_articles import ARTICLE, read_article
from exposure_audit.fetchers.linkedin_headers import kind_by_header
from exposure_audit.fetchers.linkedin_rows import RowHandler, RowItems
from exposure_audit.model import Item, Platform, Skipped


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
    "projects": _SECTION, "publications": _SECTION, "honors": _SECTION, "certifications": _SECTION,
    "volunteering": _SECTION, "courses": _SECTION, "patents": _SECTION, "organizations": _SECTION,
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
    "messages": _MESSAGES, "guide_messages": _MESSAGES, "learning_role_play_messages": _MESSAGES,
    "rich_media": CsvKind(activity.rich_media, ("mediadescription", "medialink")),
    "events": CsvKind(activity.events, ("eventname",)),
}

# Files LinkedIn writes that hold nothing this audit looks for (ads, reactions, search history ...).
IRRELEVANT = (
    "languages", "reactions", "votes", "ad_targeting", "inferences_about_you", "lan_ads_engagement",
    "ads_clicked", "searchqueries", "search_queries", "learning", "receipts", "receipts_v2", "savedjobalerts",
    "saved_articles", "saved_jobs", "job_seeker_preferences", "job_applicant_saved_answers",
    "endorsement_given_info", "security_challenges", "account_status_history", "private_identity_asset",
    "contacts", "hashtag_follows", "member_follows_preferences", "test_scores", "causes_you_care_about",
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


def _name_pattern(name: str) -> str:
    return name.replace("_", "[ _]")


def _marker(name: str) -> Marker:
    pattern = re.compile(rf"(^|/){_name_pattern(name)}(_\d{{4,}})?\.csv$", re.IGNORECASE)
    return Marker(f"{name.replace('_', ' ').title()}.csv", pattern)


class LinkedInFetcher(Fetcher):
    platform = Platform.LINKEDIN
    markers = (_marker("connections"), _marker("profile"), _marker("positions"), _marker("email_addresses"),
               _marker("registration"))
    known_irrelevant: ClassVar[tuple[re.Pattern[str], ...]] = (
        re.compile(rf"(^|/)({'|'.join(_name_pattern(n) for n in IRRELEVANT)})(_\d{{4,}})?\.csv$", re.IGNORECASE),
    )

    def plan(self, tree: Tree) -> list[Task]:
        by_kind: dict[str, list[str]] = {}
        for path in tree.members:
            kind = csv_kind(path)
            if kind not in KINDS and not any(p.search(path) for p in self.known_irrelevant):
                kind = kind_by_header(tree, path)  # a renamed copy is known by its header row
            if kind in KINDS:
                by_kind.setdefault(kind, []).append(path)
        order = list(KINDS)
        articles = [Task(platform=self.platform, reader="article", members=(path,))
                    for path in sorted(tree.members) if ARTICLE.search(path)]
        return [Task(platform=self.platform, reader="csv", members=tuple(sorted(paths)))
                for kind, paths in sorted(by_kind.items(), key=lambda entry: order.index(entry[0]))] + articles

    def run(self, task: Task, tree: Tree) -> Iterator[Record]:
        """Every copy of one file, each item identity once (Basic and Complete repeat files)."""
        if task.reader == "article":
            for member in task.members:
                yield from read_article(tree, member)
            return
        seen: set[str] = set()
        for member in task.members:
            try:
                for record in self.read_csv(tree, member):
                    if isinstance(record, Item):
                        if record.identity in seen:
                            continue
                        seen.add(record.identity)
                    yield record
            except MemberError as exc:  # this copy is unreadable; the other copies still count
                yield skip(tree, member, exc.reason)

    def read_csv(self, tree: Tree, member: str) -> Iterator[Record]:
        kind = KINDS.get(csv_kind(member)) or KINDS.get(kind_by_header(tree, member))
        if kind is None:
            return
        rows = RowItems(tree, member)
        checked: CsvHeader | None = None
        for record in iter_csv(tree, member):
            if isinstance(record, Skipped):
                yield record
                continue
            header, row = record
            if header is not checked:
                if kind.needs and not any(header.has(key) for key in kind.needs):
                    yield skip(tree, member, "the header has none of the columns this file is read by "
                               f"({', '.join(kind.needs)}); LinkedIn may have changed its layout")
                    return
                checked = header
            yield from kind.handler(rows, header, row)


FETCHER = LinkedInFetcher
