"""A real HTTP server on 127.0.0.1 for live-check tests, with routes written by each test."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

Reply = tuple[int, dict[str, str], bytes]
Route = Callable[["Request"], Reply]


@dataclass(frozen=True)
class Request:
    path: str  # without the query
    query: str
    headers: dict[str, str]


@dataclass
class LocalServer:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    base: str = ""

    def route(self, path: str, reply: Route) -> None:
        self.routes[path] = reply

    def json(self, path: str, body: str, status: int = 200) -> None:
        self.routes[path] = lambda _r: (status, {"Content-Type": "application/json"}, body.encode())

    def hits(self, path: str) -> int:
        return sum(1 for r in self.requests if r.path == path)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    state = LocalServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            headers = {k.lower(): v for k, v in self.headers.items()}
            request = Request(path=parts.path, query=parts.query, headers=headers)
            state.requests.append(request)
            route = state.routes.get(parts.path)
            status, headers, body = route(request) if route else (404, {"Content-Type": "text/plain"}, b"not found")
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            if "Content-Length" not in headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
