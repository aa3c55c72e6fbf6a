"""The guard in front of every request of the local app.

A server on 127.0.0.1 is reachable by every web page the person visits (they can make the browser
send requests to it) and, through DNS rebinding, by any host name pointing at 127.0.0.1. So:

- the Host header must name this app exactly (`127.0.0.1:PORT` or `localhost:PORT`), else 421;
- every request carries the session cookie, got once by opening the launch URL with its random
  token; the cookie is HttpOnly and SameSite=Strict, so another site's page never sends it; else 403;
- a state-changing request (anything but GET and HEAD) must come from the app's own Origin, else 403;
- every response forbids framing, sniffing and loading anything from elsewhere; the referrer policy
  is same-origin, not no-referrer, because under no-referrer a browser sends `Origin: null` with the
  page's own form posts, which the Origin rule would then refuse.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

COOKIE = "exposure_audit_session"
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SAFE_METHODS = frozenset({"GET", "HEAD"})
HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


def new_secret() -> str:
    return secrets.token_hex(16)  # 128 bits


@dataclass(frozen=True, slots=True)
class Access:
    port: int
    token: str = field(default_factory=new_secret)  # in the launch URL
    session: str = field(default_factory=new_secret)  # in the cookie it is exchanged for

    @property
    def hosts(self) -> frozenset[str]:
        return frozenset({f"127.0.0.1:{self.port}", f"localhost:{self.port}"})

    @property
    def origins(self) -> frozenset[str]:
        return frozenset(f"http://{host}" for host in self.hosts)

    @property
    def launch_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/?token={self.token}"


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value).decode("latin-1")
    return None


def _cookie(scope: Scope) -> str:
    raw = _header(scope, b"cookie")
    if not raw:
        return ""
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:  # a malformed cookie header is simply no session
        return ""
    morsel = jar.get(COOKIE)
    return morsel.value if morsel is not None else ""


async def _plain(send: Send, status: int, text: str, extra: list[tuple[bytes, bytes]] | None = None) -> None:
    body = text.encode()
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        *HEADERS,
        *(extra or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """ASGI middleware that applies the rules above before the app sees a request."""

    def __init__(self, app: ASGIApp, access: Access) -> None:
        self.app = app
        self.access = access

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        access = self.access
        if _header(scope, b"host") not in access.hosts:
            await _plain(send, 421, "This address is not the exposure-audit app.")
            return
        method = scope.get("method", "GET")
        if method not in SAFE_METHODS and _header(scope, b"origin") not in access.origins:
            await _plain(send, 403, "Refused: the request did not come from the exposure-audit page.")
            return
        token = parse_qs(bytes(scope.get("query_string", b"")).decode("latin-1")).get("token", [""])[0]
        if method == "GET" and scope.get("path") == "/" and token:
            if not hmac.compare_digest(token.encode(), access.token.encode()):
                await _plain(send, 403, "This link is not valid. Use the address printed by exposure-audit app.")
                return
            # The token leaves the address bar at once; from now on the cookie proves the session.
            cookie = f"{COOKIE}={access.session}; HttpOnly; SameSite=Strict; Path=/"
            await _plain(send, 303, "Opening exposure-audit.", [(b"location", b"/"), (b"set-cookie", cookie.encode())])
            return
        if not hmac.compare_digest(_cookie(scope).encode(), access.session.encode()):
            await _plain(send, 403, "Open exposure-audit with the address printed when it started.")
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)
