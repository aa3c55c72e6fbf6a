"""Run one audit in a forked child and measure how much memory it took.

The child starts as a copy of the test process, so its peak resident memory (VmHWM) minus its
resident memory at the start is what the audit itself needed, whatever earlier tests left behind in
the parent. The result comes back pickled through a pipe; an exception in the child fails the test
with the child's traceback.
"""

from __future__ import annotations

import os
import pickle
import signal
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Measured(Generic[T]):
    value: T
    peak_mib: int  # growth of resident memory over the run, in MiB


def _status_mib(key: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name == key:
                return int(value.split()[0]) // 1024
    raise RuntimeError(f"/proc/self/status has no {key}")


def isolated(run: Callable[[], T]) -> Measured[T]:
    """`run()` in a forked child; its value and the memory it needed."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        status = 0
        try:
            os.close(reader)
            start = _status_mib("VmRSS")
            try:
                outcome: tuple[str, object] = ("value", run())
            except BaseException:
                outcome = ("error", traceback.format_exc())
            payload = pickle.dumps((outcome, _status_mib("VmHWM") - start))
            with os.fdopen(writer, "wb") as pipe:
                pipe.write(payload)
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(writer)
    try:
        with os.fdopen(reader, "rb") as pipe:
            payload = pipe.read()
    except BaseException:  # a pytest timeout while waiting: the child must not outlive the test
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    os.waitpid(pid, 0)
    if not payload:
        raise AssertionError("the audit process died without a result (killed, or out of memory)")
    (kind, value), peak = pickle.loads(payload)
    if kind == "error":
        raise AssertionError(f"the audit raised in its process:\n{value}")
    return Measured(value=value, peak_mib=peak)
