"""Errors that end a run. Each message reads "<path>: <what is wrong>. <what to do>"."""

from __future__ import annotations


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
