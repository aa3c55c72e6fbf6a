"""Where on the platform an evidence item sits, in words, and its address there when the download
gives one: "in the album ‘Graduation’", "in your conversation with J. C.", https://x.com/i/status/1.

Names of albums and groups are the person's own labels and stay readable (masked like any text, so an
address or phone number in them is hidden); the people of a conversation are personal values and
become initials unless the person asked to see values. Only https addresses on the platforms' own
hosts are kept: a link in a report is followed by a click, so nothing else from a download becomes one.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from exposure_audit.model import Finding
from exposure_audit.reporters.redact import Redactor, initials

PLATFORM_HOSTS = frozenset(
    {
        "x.com",
        "twitter.com",
        "www.linkedin.com",
        "linkedin.com",
        "www.facebook.com",
        "facebook.com",
        "www.instagram.com",
        "instagram.com",
        "photos.google.com",
    }
)
SAFE_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;=%")


def platform_url(url: str) -> str:
    """The address when it is https on a platform's own host and plain ASCII, else ""."""
    if not url or len(url) > 500 or not set(url) <= SAFE_CHARACTERS:
        return ""
    parts = urlsplit(url)
    return url if parts.scheme == "https" and parts.hostname in PLATFORM_HOSTS and not parts.username else ""


def _people(names: str, redactor: Redactor) -> str:
    if redactor.show_values:
        return redactor.text(names)
    return ", ".join(initials(name) for name in names.split(",") if name.strip())


def where_phrase(finding: Finding, redactor: Redactor) -> str:
    """ "in the album ‘Graduation’" and the like, or "" when the download does not say."""
    if not finding.where:  # most findings: asked once each, for every finding of a report
        return ""
    where = dict(finding.where)
    if where.get("album"):
        return f"in the album ‘{redactor.text(where['album'])}’"
    if where.get("group"):
        return f"in the group ‘{redactor.text(where['group'])}’"
    if where.get("thread"):
        return f"in your conversation with {_people(where['thread'], redactor)}"
    return ""
