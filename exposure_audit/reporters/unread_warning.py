"""The loud warning at the top of every report when a download's own content went unread.

A reader that silently returns nothing makes a report look clean. Whenever members that look like the
person's content (see `sources/content_sniff.py`) could not be read, every format opens with these lines,
before anything else, and `--strict` exits 2. The wording is plain and names no file: the Coverage
section lists the members.
"""

from __future__ import annotations

from exposure_audit.model import AuditReport, InputSummary
from exposure_audit.reporters.plural import plural

PLATFORM_NAMES = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "x": "X",
    "google-photos": "Google Photos",
    "photos": "photo folder",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
}


def _noun(members: tuple[str, ...]) -> str:
    pages = all(m.lower().endswith((".html", ".htm")) for m in members)
    if len(members) == 1:
        return "page" if pages else "file"
    return "pages" if pages else "files"


def input_warning(summary: InputSummary) -> str:
    """One sentence for one download, or "" when all its content was read."""
    unread = summary.coverage.content_unread
    if not unread:
        return ""
    name = PLATFORM_NAMES.get(summary.platform.value, summary.platform.value)
    count = len(unread)
    text = (
        f"{count} {_noun(unread)} of this {name} download could not be read: the report may miss much "
        "of what you posted; see Coverage."
    )
    read = summary.coverage.content_read
    if count > read:
        text += (
            f" Only {read} of {read + count} files holding your content {'was' if read == 1 else 'were'} read, "
            "so this report is NOT a clean bill of health."
        )
    return text


def warning_lines(report: AuditReport) -> tuple[str, ...]:
    """The warning lines of a report, one per download with unread content; empty when there is none."""
    return tuple(line for line in (input_warning(s) for s in report.inputs) if line)


def unread_count(report: AuditReport) -> int:
    return sum(len(s.coverage.content_unread) for s in report.inputs)


def strict_problem(report: AuditReport) -> str:
    """Why `--strict` must exit 2, or "" when nothing was skipped and no content went unread."""
    if report.skipped:
        return (
            f"{plural(len(report.skipped), 'file or record was', 'files or records were')} skipped "
            "and --strict is set. "
            "See the report's skipped section."
        )
    unread = unread_count(report)
    if unread:
        return (
            f"{plural(unread, 'file that looks', 'files that look')} like your content could not be read "
            "and --strict is set. "
            "See the report's Coverage section."
        )
    return ""
