"""Every output of one run committed as one step: all staged first, then renamed into place, state last.

A run writes several files (reports, a workshop summary, the baseline). Writing them one by one lets a
full disk or a Ctrl-C leave a mix of this run's and the previous run's reports, with the baseline
already advanced, so the next run calls a finding nobody saw "known". Here every output is first
written in full to a temporary file beside its target (so the rename cannot cross file systems);
only when all of them are on disk are they renamed, the ones marked `last` (the baseline) after every
other. A write failure removes every temporary and raises one OutputError; a Ctrl-C during the
renames is held until they are done, so the person is told plainly what was written.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from exposure_audit.errors import ExposureAuditError, UsageError
from exposure_audit.output.atomic import is_device, make_private_dir


class OutputError(ExposureAuditError):
    """An output could not be written; nothing of the run was committed (exit 2)."""


class CommitInterrupted(Exception):
    """Ctrl-C arrived while outputs were committed; says what is on disk and what is not."""

    def __init__(self, written: Sequence[Path], not_written: Sequence[Path]) -> None:
        self.written = tuple(written)
        self.not_written = tuple(not_written)
        super().__init__(self.message())

    def message(self) -> str:
        if not self.written:
            return "interrupted; nothing was written (the baseline and earlier reports are unchanged)."
        done = ", ".join(str(p) for p in self.written)
        if not self.not_written:
            return f"interrupted after every output was written: {done}."
        missing = ", ".join(str(p) for p in self.not_written)
        return f"interrupted while writing outputs; written: {done}; NOT written: {missing}."


def check_not_an_input(inputs: Sequence[Path], target: Path, flag: str) -> None:
    """UsageError when `target` is an input, lies inside an input folder, or is the folder of an input."""
    resolved_target = target.resolve()
    for source in inputs:
        resolved = source.resolve()
        if resolved_target == resolved:
            raise UsageError(
                f"{flag} {target}",
                f"it is the input {source}",
                "Choose an output outside the downloads; inputs are never changed",
            )
        if resolved.is_dir() and resolved_target.is_relative_to(resolved):
            raise UsageError(
                f"{flag} {target}",
                f"it is inside the input folder {source}",
                "Choose an output outside the downloads; inputs are never changed",
            )


def prepare_output_dir(folder: Path) -> None:
    """Create `folder` private (0700), or check an existing one is safe to write reports into.

    Modes are set only on folders this tool creates: an existing folder belongs to the person (or to
    everyone, like /tmp) and chmod would follow a symlink and break it. A folder anyone may write to
    is refused, since another account could swap a report for a link before it is read.
    """
    if not folder.exists():
        try:
            make_private_dir(folder)
        except OSError as exc:
            raise OutputError(
                f"--output-dir {folder}",
                f"the folder cannot be created ({exc.strerror})",
                "Choose a folder you can write to",
            ) from None
        return
    if not folder.is_dir():
        raise OutputError(f"--output-dir {folder}", "it is not a folder", "Name a folder, or a new one to create")
    info = folder.stat()
    if info.st_mode & 0o002:
        raise OutputError(
            f"--output-dir {folder}",
            "anyone on this computer may write to this folder",
            "Name a new folder inside it, e.g. --output-dir "
            f"{folder / 'exposure-audit-report'}; it is created readable by you only",
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"--output-dir {folder}", "you may not write to this folder", "Choose a folder of your own")


@dataclass(slots=True)
class _Pending:
    """One output waiting for the commit: its bytes, and the temporary file they are in."""

    target: Path
    data: bytes
    last: bool
    temporary: str = ""
    device: bool = False  # /dev/null, /dev/stdout, a pipe: written into at commit time, never renamed


@dataclass(slots=True)
class OutputCommit:
    """The outputs of one run; `commit()` writes them all or none."""

    pending: list[_Pending] = field(default_factory=list)

    def add(self, target: Path, data: str | bytes, *, last: bool = False) -> None:
        payload = data.encode("utf-8") if isinstance(data, str) else data
        self.pending = [p for p in self.pending if p.target != target]
        self.pending.append(_Pending(target=target, data=payload, last=last))

    @property
    def targets(self) -> list[Path]:
        return [p.target for p in self._ordered()]

    def _ordered(self) -> list[_Pending]:
        return [p for p in self.pending if not p.last] + [p for p in self.pending if p.last]

    def commit(self) -> list[Path]:
        """Stage every output, then rename them into place; OutputError or CommitInterrupted."""
        ordered = self._ordered()
        try:
            for item in ordered:
                self._stage(item)
        except BaseException as exc:
            self._discard(ordered)
            if isinstance(exc, KeyboardInterrupt):
                raise CommitInterrupted([], [p.target for p in ordered]) from None
            raise
        written: list[Path] = []
        with _interrupts_held() as held:
            try:
                for item in ordered:
                    if item.device:
                        with item.target.open("wb") as handle:
                            handle.write(item.data)
                    else:
                        os.replace(item.temporary, item.target)
                        item.temporary = ""
                    written.append(item.target)
            except KeyboardInterrupt:  # only when Ctrl-C could not be held (not the main thread)
                self._discard(ordered)
                raise CommitInterrupted(written, [p.target for p in ordered[len(written) :]]) from None
            except OSError as exc:
                self._discard(ordered)
                raise _write_error(ordered[len(written)].target, exc, written) from None
        if held.interrupted:
            raise CommitInterrupted(written, [])
        return written

    def _stage(self, item: _Pending) -> None:
        folder = item.target.parent if str(item.target.parent) else Path(".")
        if is_device(item.target):
            item.device = True
            return
        if item.target.is_dir():
            raise _write_error(item.target, IsADirectoryError(21, "it is a folder"), [])
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # A short fixed-size name: a target whose own name is at the 255-byte limit still fits.
            fd, item.temporary = tempfile.mkstemp(prefix=".ea-", suffix=".tmp", dir=folder)
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(item.data)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise _write_error(item.target, exc, []) from None

    @staticmethod
    def _discard(items: Sequence[_Pending]) -> None:
        for item in items:
            if item.temporary:
                with contextlib.suppress(OSError):
                    os.unlink(item.temporary)
                item.temporary = ""


def _write_error(target: Path, exc: OSError, written: Sequence[Path]) -> OutputError:
    reason = exc.strerror or str(exc)
    if written:
        done = ", ".join(str(p) for p in written)
        return OutputError(
            str(target),
            f"could not be written ({reason}); only {done} were written",
            "Free some space or fix the folder's permissions, then run again",
        )
    return OutputError(
        str(target),
        f"could not be written ({reason}); nothing was written and the baseline was not changed",
        "Free some space or fix the folder's permissions, then run again",
    )


@dataclass(slots=True)
class _Held:
    """Whether Ctrl-C came while the outputs were being put in place."""

    interrupted: bool = False


@contextlib.contextmanager
def _interrupts_held() -> Iterator[_Held]:
    """Hold SIGINT for the few renames of a commit, so they complete as one step."""
    held = _Held()
    if threading.current_thread() is not threading.main_thread():
        yield held
        return

    def note(_signum: int, _frame: FrameType | None) -> None:
        held.interrupted = True

    previous = signal.signal(signal.SIGINT, note)
    try:
        yield held
    finally:
        signal.signal(signal.SIGINT, previous)
