"""One call made in a thread while the caller goes on, for work that mostly runs outside the
interpreter's lock (reading and checksumming a file) and so really runs beside the caller's."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Background(Generic[T]):
    """`call()` started in a thread; `result()` waits for it and returns what it returned (or raises
    what it raised). The thread is always waited for: one still running when the process forks its
    workers could hold a lock that would then stay held in them."""

    def __init__(self, call: Callable[[], T]) -> None:
        self._call = call
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="background", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._call()
        except BaseException as error:  # handed to the caller, who decides
            self._error = error

    def wait(self) -> None:
        """Wait for the call to end, whatever it gives."""
        self._thread.join()

    def result(self) -> T:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]  # set by _run when there was no error
