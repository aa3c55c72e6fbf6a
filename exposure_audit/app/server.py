"""Start the app: a socket on 127.0.0.1 at a free port, uvicorn serving the guarded routes, the
browser opened at the launch URL, and an end when the page has been closed for a while or on Quit."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import webbrowser
from collections.abc import Callable

import uvicorn

from exposure_audit.app.routes import build_routes
from exposure_audit.app.security import Access, Guard
from exposure_audit.app.state import AppConfig, AppState
from exposure_audit.errors import UsageError

LOOPBACK = "127.0.0.1"


def bind_loopback(port: int = 0) -> socket.socket:
    """A listening socket on 127.0.0.1 only (port 0: a free one chosen by the system)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((LOOPBACK, port))
    except OSError as exc:
        sock.close()
        raise UsageError(
            f"--port {port}",
            f"cannot listen there ({exc.strerror})",
            "Give another port, or leave --port out to use a free one",
        ) from None
    sock.listen(64)
    sock.set_inheritable(False)
    return sock


class Watchdog(threading.Thread):
    """Stops the app once no page has been open for `idle` seconds (a page holds an event stream)."""

    def __init__(self, state: AppState, idle: float, stop: Callable[[], None]) -> None:
        super().__init__(name="exposure-audit-watchdog", daemon=True)
        self.state, self.idle, self.stop = state, idle, stop

    def run(self) -> None:
        while not self.state.stopping:
            time.sleep(1.0)
            if self.state.connections == 0 and time.monotonic() - self.state.last_seen > self.idle:
                self.stop()


def serve(
    config: AppConfig,
    port: int = 0,
    open_browser: bool = True,
    idle: float = 120.0,
    announce: Callable[[str], None] = print,
) -> None:
    """Run until Quit, the idle timeout or Ctrl-C; every uploaded and generated file is then deleted."""
    sock = bind_loopback(port)
    access = Access(port=sock.getsockname()[1])
    state = AppState(config)
    server: uvicorn.Server | None = None

    def stop() -> None:
        state.stopping = True
        if server is not None:
            server.should_exit = True

    app = Guard(build_routes(state, stop), access)
    # No access log: the launch URL carries the token, and paths are nobody's business.
    server = uvicorn.Server(
        uvicorn.Config(
            app, log_level="warning", access_log=False, lifespan="off", timeout_graceful_shutdown=3, server_header=False
        )
    )
    Watchdog(state, idle, stop).start()
    announce(f"exposure-audit is running at {access.launch_url}")
    announce(
        "Open that address in your browser if it does not open by itself. Press Ctrl-C here, or Quit on "
        "the page, to stop."
    )
    if open_browser:
        threading.Timer(0.5, webbrowser.open, (access.launch_url,)).start()
    try:
        server.run(sockets=[sock])
    finally:
        state.stopping = True
        state.close()
        with contextlib.suppress(OSError):
            sock.close()
