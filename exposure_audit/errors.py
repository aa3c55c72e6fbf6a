"""Errors that end a run. Each message reads "<path>: <what is wrong>. <what to do>"."""

from __future__ import annotations

import re

# A quoted part of an exception's message: what a ValueError says it refused.
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")


class ExposureAuditError(Exception):
    """An error the user can fix; the CLI prints it as one line and exits 2."""

    def __init__(self, subject: str, problem: str, fix: str) -> None:
        self.subject = subject
        self.problem = problem
        self.fix = fix
        super().__init__(f"{subject}: {problem}. {fix}")


class InputError(ExposureAuditError):
    """A path given on the command line cannot be audited at all."""


class ProfileError(ExposureAuditError):
    """A policy file is missing, malformed or has unknown keys."""


class UsageError(ExposureAuditError):
    """Flags that contradict each other or name things that do not exist."""


class MemberError(Exception):
    """One member of a download could not be read; becomes a Skipped entry, never ends the run."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def describe_exception(exc: BaseException) -> str:
    """ "Type: message", for the reason of a skipped entry when a reader or a rule fails.

    A ValueError quotes the value it refused (`int('0412 345 678')`, `fromisoformat('...')`), and
    that value may be a person's own words or number: its quoted parts are left out, since a
    report's redaction masks addresses, numbers and names but not free text. Other messages name
    keys, types and positions, which is what finding the fault needs; they are kept."""
    message = str(exc)
    if isinstance(exc, ValueError) and not isinstance(exc, UnicodeError):  # a UnicodeError names a codec
        message = _QUOTED.sub("'…'", message)
    return f"{type(exc).__name__}: {message}"
