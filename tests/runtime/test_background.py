"""A call made in a thread: the caller goes on meanwhile, then gets its value or its error."""

from __future__ import annotations

import threading

import pytest

from exposure_audit.runtime.background import Background


def test_the_caller_goes_on_while_the_call_runs_and_then_gets_its_value() -> None:
    caller_went_on = threading.Event()

    def call() -> str:
        # Returns only once the caller has moved past starting it: run in line, this would time out.
        return "done" if caller_went_on.wait(timeout=10) else "caller waited"

    started = Background(call)
    caller_went_on.set()
    assert started.result() == "done"
    assert started.result() == "done"  # asked again, the same value


def test_what_the_call_raised_is_raised_to_the_caller() -> None:
    def call() -> int:
        raise LookupError("no such place")

    with pytest.raises(LookupError, match="no such place"):
        Background(call).result()


def test_no_thread_is_left_once_the_result_is_in() -> None:
    before = threading.active_count()
    Background(lambda: None).result()
    assert threading.active_count() == before


def test_waiting_ends_with_the_call_and_raises_nothing() -> None:
    ended = threading.Event()

    def call() -> None:
        ended.wait(timeout=0.2)
        raise LookupError("not for the one who only waits")

    before = threading.active_count()
    started = Background(call)
    started.wait()  # the call took 0.2 s and raised: waited for, and nothing raised here
    assert threading.active_count() == before
