"""A polite, safe HTTP client for live checks, built on httpx.

- An honest User-Agent naming the tool; no cookies or credentials are ever sent.
- Timeouts on connect and read, and one deadline for a whole response covering connect, headers and
  body (a slow drip cannot hang the run), and a size cap enforced while streaming.
- Connections only to the addresses the policy vetted, the peer checked again (live/pinned.py).
- JSON answers parsed under the same depth, string and number guards as a download's JSON.
- Retries with exponential backoff on 5xx and 429, honouring Retry-After (bounded).
- A minimum interval between requests to the same host.
- Redirects followed by hand, at most a few, each target re-checked by the address policy.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from exposure_audit import __version__
from exposure_audit.errors import MemberError
from exposure_audit.fetchers.common.jsonio import parse_json_bytes
from exposure_audit.limits import DEFAULT_LIMITS, Limits
from exposure_audit.live.pinned import PinnedBackend, pinned_transport
from exposure_audit.live.safety import AddressPolicy, RefusedAddress

USER_AGENT = f"exposure-audit/{__version__} (self-check of a person's own public profile; honours robots.txt; no login)"


class FetchError(Exception):
    """A request that could not be completed; the message is one line for a Skipped entry."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientSettings:
    timeout_s: float = 15.0
    deadline_s: float = 60.0  # the longest one response may take to arrive in full
    max_bytes: int = 8 * 1024 * 1024
    retries: int = 3
    backoff_s: float = 1.0
    max_retry_after_s: float = 30.0
    per_host_interval_s: float = 1.0
    max_redirects: int = 5


@dataclass(frozen=True, slots=True)
class Answer:
    url: str  # the final URL after redirects
    status: int
    content_type: str
    body: bytes

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def _no_cookies() -> CookieJar:
    return CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))


def _retry_after(value: str | None, default: float) -> float:
    if not value:
        return default
    try:
        return float(value)
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        if parsed is None:
            return default
        return max(0.0, (parsed - datetime.now(UTC)).total_seconds())


class PoliteClient:
    def __init__(
        self,
        policy: AddressPolicy,
        settings: ClientSettings = ClientSettings(),
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        limits: Limits = DEFAULT_LIMITS,
    ) -> None:
        self.policy = policy
        self.settings = settings
        self.limits = limits
        # A transport given by a caller (tests of redirects and retries) dials by itself; otherwise every
        # connection goes through the pinned backend.
        self._backend: PinnedBackend | None = None
        if transport is None:
            self._backend = PinnedBackend(allow_private=policy.allow_private, internal=policy.internal)
            transport = pinned_transport(self._backend)
        self._sleep = sleep
        self._last_request: dict[str, float] = {}
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT, "Accept": "application/json, text/html;q=0.9, */*;q=0.5"},
            timeout=httpx.Timeout(settings.timeout_s),
            follow_redirects=False,
            cookies=_no_cookies(),
            trust_env=False,  # never pick up proxy credentials or netrc from the environment
            transport=transport,
        )
        self.requests_made = 0

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc
        last = self._last_request.get(host)
        if last is not None:
            wait = self.settings.per_host_interval_s - (time.monotonic() - last)
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = time.monotonic()

    def _once(self, url: str) -> tuple[httpx.Response, bytes]:
        self._wait_for_host(url)
        self.requests_made += 1
        started = time.monotonic()
        if self._backend is not None:
            self._backend.start(self.settings.deadline_s)  # from here: connect, headers and body
        with self._client.stream("GET", url) as response:
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.settings.max_bytes:
                    raise FetchError(f"{url}: the answer is larger than {self.settings.max_bytes} bytes; cut off")
                if time.monotonic() - started > self.settings.deadline_s:
                    raise FetchError(f"{url}: the answer took longer than {self.settings.deadline_s:.0f} s; cut off")
                chunks.append(chunk)
            self._client.cookies.clear()
            return response, b"".join(chunks)

    def get(self, url: str) -> Answer:
        """GET with redirects re-checked, retries on 5xx/429; FetchError or RefusedAddress on failure."""
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            addresses = self.policy.check(current)
            if self._backend is not None:
                self._backend.pin(urlsplit(current).hostname or "", addresses)
            response, body = self._with_retries(current)
            if response.is_redirect:
                location = response.headers.get("location", "")
                if not location:
                    raise FetchError(f"{current}: a redirect without a location")
                current = urljoin(current, location)
                continue
            return Answer(
                url=current,
                status=response.status_code,
                content_type=response.headers.get("content-type", "").split(";")[0].strip().lower(),
                body=body,
            )
        raise FetchError(f"{url}: more than {self.settings.max_redirects} redirects")

    def _with_retries(self, url: str) -> tuple[httpx.Response, bytes]:
        delay = self.settings.backoff_s
        for attempt in range(self.settings.retries + 1):
            try:
                response, body = self._once(url)
            except httpx.TimeoutException as exc:
                if self._backend is not None and self._backend.clock.expired():
                    raise FetchError(
                        f"{url}: the answer took longer than {self.settings.deadline_s:.0f} s; cut off"
                    ) from exc
                if attempt == self.settings.retries:
                    raise FetchError(f"{url}: timed out") from exc
                self._sleep(delay)
                delay *= 2
                continue
            except (httpx.TransportError, httpx.DecodingError) as exc:
                raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc
            if response.status_code == 429 or response.status_code >= 500:
                if attempt == self.settings.retries:
                    raise FetchError(
                        f"{url}: the server answered {response.status_code} after {self.settings.retries + 1} tries"
                    )
                wait = _retry_after(response.headers.get("retry-after"), delay)
                self._sleep(min(wait, self.settings.max_retry_after_s))
                delay *= 2
                continue
            return response, body
        raise FetchError(f"{url}: no answer")  # pragma: no cover - the loop always returns or raises


def json_answer(answer: Answer, limits: Limits = DEFAULT_LIMITS) -> Any:
    """The JSON body of an answer, parsed under the download caps on depth, strings and numbers;
    FetchError with a one-line reason for errors, non-JSON bodies and bodies over a cap."""
    if answer.status == 404:
        raise FetchError(f"{answer.url}: not found (404); check the account name")
    if answer.status in (401, 403, 410):
        raise FetchError(f"{answer.url}: the account is not public, suspended or gone ({answer.status})")
    if answer.status >= 400:
        raise FetchError(f"{answer.url}: the server answered {answer.status}")
    try:
        return parse_json_bytes(answer.body, max_depth=limits.json_depth, max_string=limits.json_string_chars)
    except MemberError as exc:
        kind = answer.content_type or "an unknown type"
        raise FetchError(f"{answer.url}: expected JSON, got {kind} that cannot be used ({exc.reason})") from exc


__all__ = ["Answer", "ClientSettings", "FetchError", "PoliteClient", "RefusedAddress", "json_answer"]
