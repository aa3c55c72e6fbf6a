"""Write a persona's LinkedIn "Complete" download: UTF-8 CSVs with a BOM and the Connections preamble."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from exposure_audit.demo.personas import Persona

NOTES = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are '
    'missing. You will only see email addresses for connections who have allowed it."\n\n'
)


def _csv(path: Path, header: list[str], rows: list[list[str]], preamble: str = "") -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\ufeff" + preamble + out.getvalue(), encoding="utf-8")


def write_linkedin(p: Persona, root: Path) -> Path:
    folder = root / "Complete_LinkedInDataExport_10-04-2026"
    first, last = p.full_name.split()[0], p.full_name.split()[-1]
    headline = f"{p.job_title} at {p.employer}" if p.employer else "Public servant | cyclist"
    summary = (
        "Ten years in border operations and policy. Ask me about visa compliance programs."
        if p.employer
        else "Working in the Australian Public Service."
    )
    _csv(
        folder / "Profile.csv",
        [
            "First Name",
            "Last Name",
            "Maiden Name",
            "Address",
            "Birth Date",
            "Headline",
            "Summary",
            "Industry",
            "Zip Code",
            "Geo Location",
            "Twitter Handles",
            "Websites",
            "Instant Messengers",
        ],
        [[first, last, "", "", "", headline, summary, "Government Administration", "", p.city, "", "", ""]],
    )
    positions = [[p.employer, p.job_title, "Day-to-day team lead", p.city, "Jan 2024", ""]] if p.employer else []
    _csv(
        folder / "Positions.csv",
        ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
        [*positions, ["Illawarra Surf Life Saving", "Volunteer", "", "Wollongong", "Mar 2015", "Dec 2019"]],
    )
    emails = [[p.personal_email, "Yes", "Yes", "2019-04-01 08:00:00 UTC"]]
    if p.official_email:
        emails.append([p.official_email, "Yes", "No", "2024-02-01 08:00:00 UTC"])
    _csv(folder / "Email Addresses.csv", ["Email Address", "Confirmed", "Primary", "Updated On"], emails)
    phones = [["", p.mobile, "Mobile"]] + ([["", p.work_phone, "Work"]] if p.work_phone else [])
    _csv(folder / "PhoneNumbers.csv", ["Extension", "Number", "Type"], phones)
    company = p.employer or "Sourdough Collective"
    connections = [
        [name.split()[0], name.split()[-1], "", "", company, "Officer", "14 Jan 2026"]
        for name in (*p.colleagues, "Hamish Oyelaran", "Bettina Szabo-Kerr", "Rafael Ng-Moreau")
    ]
    connections.append(["Lucia", "Ferrante", "", "", "Border Collie Rescue NSW", "Volunteer", "02 Feb 2026"])
    connections.append(["", "", "", "", "", "", "29 Dec 2025"])
    _csv(
        folder / "Connections.csv",
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
        connections,
        preamble=NOTES,
    )
    shares = [
        [
            "2025-11-19 09:59:30",
            "https://www.linkedin.com/feed/update/urn:li:activity:1",
            text,
            "",
            "",
            "MEMBER_NETWORK",
        ]
        for text in p.posts_about_work[:2]
    ]
    _csv(folder / "Shares.csv", ["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"], shares)
    return folder
