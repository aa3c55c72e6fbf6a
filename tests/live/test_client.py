"""The polite client against a real local server: retries, Retry-After, rate limit, caps, redirects."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import httpx
import pytest

from exposure_audit.live.client import USER_AGENT, ClientSettings, FetchError, PoliteClient
from exposure_audit.live.safety import AddressPolicy, RefusedAddress

pytestmark = pytest.mark.network


class Sleeps:
    """Records the waits the client asks for (and really waits a tiny bit, to stay honest about order)."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        time.sleep(min(seconds, 0.01))


def client(sleeps: Sleeps, **settings: Any) -> PoliteClient:
    base = {"per_host_interval_s": 0.0, "backoff_s": 0.5, "timeout_s": 5.0} | settings
    return PoliteClient(AddressPolicy(allow_private=True), ClientSettings(**base), sleep=sleeps)


def test_429_with_retry_after_is_honoured_then_succeeds(server: Any) -> None:
    answers = iter([(429, {"Retry-After": "7"}, b"slow down"), (200, {"Content-Type": "application/json"}, b"[]")])
    server.route("/api", lambda _r: next(answers))
    sleeps = Sleeps()
    answer = client(sleeps).get(f"{server.base}/api")
    assert answer.status == 200 and server.hits("/api") == 2
    assert sleeps.waits == [7.0]


def test_503_backs_off_exponentially_and_gives_up_after_the_retries(server: Any) -> None:
    server.route("/down", lambda _r: (503, {}, b"maintenance"))
    sleeps = Sleeps()
    with pytest.raises(FetchError, match="answered 503 after 4 tries"):
        client(sleeps, retries=3).get(f"{server.base}/down")
    assert server.hits("/down") == 4
    assert sleeps.waits == [0.5, 1.0, 2.0]


def test_retry_after_is_capped(server: Any) -> None:
    answers = iter([(429, {"Retry-After": "86400"}, b""), (200, {}, b"ok")])
    server.route("/api", lambda _r: next(answers))
    sleeps = Sleeps()
    client(sleeps, max_retry_after_s=30.0).get(f"{server.base}/api")
    assert sleeps.waits == [30.0]


def test_requests_to_one_host_are_spaced_by_the_rate_limit(server: Any) -> None:
    server.route("/a", lambda _r: (200, {}, b"ok"))
    sleeps = Sleeps()
    polite = client(sleeps, per_host_interval_s=2.0)
    for _ in range(3):
        polite.get(f"{server.base}/a")
    assert len(sleeps.waits) == 2 and all(1.5 < w <= 2.0 for w in sleeps.waits)


def test_sends_an_honest_user_agent_and_never_cookies(server: Any) -> None:
    server.route("/set", lambda _r: (200, {"Set-Cookie": "session=abc; Path=/"}, b"ok"))
    server.route("/next", lambda _r: (200, {}, b"ok"))
    polite = client(Sleeps())
    polite.get(f"{server.base}/set")
    polite.get(f"{server.base}/next")
    last = server.requests[-1]
    assert last.headers["user-agent"] == USER_AGENT and "exposure-audit" in USER_AGENT
    assert "cookie" not in last.headers and "authorization" not in last.headers


def test_a_huge_response_is_cut_off(server: Any) -> None:
    server.route("/big", lambda _r: (200, {}, b"x" * 200_000))
    with pytest.raises(FetchError, match="larger than 50000 bytes"):
        client(Sleeps(), max_bytes=50_000).get(f"{server.base}/big")


def test_a_truncated_body_is_an_error(server: Any) -> None:
    server.route("/cut", lambda _r: (200, {"Content-Length": "1000"}, b"only a little"))
    with pytest.raises(FetchError):
        client(Sleeps(), retries=0).get(f"{server.base}/cut")


def test_endless_redirects_stop(server: Any) -> None:
    server.route("/loop", lambda _r: (302, {"Location": "/loop"}, b""))
    with pytest.raises(FetchError, match="more than 5 redirects"):
        client(Sleeps()).get(f"{server.base}/loop")
    assert server.hits("/loop") == 6


def test_a_slow_drip_is_cut_off_at_the_deadline(server: Any) -> None:
    # A raw socket server that sends a byte every 0.2 s: the client must give up at its deadline.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    stop = threading.Event()

    def serve() -> None:
        conn, _ = listener.accept()
        conn.recv(4096)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
        while not stop.is_set():
            try:
                conn.sendall(b"x")
            except OSError:
                break
            time.sleep(0.2)
        conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    started = time.monotonic()
    with pytest.raises(FetchError, match="took longer than"):
        client(Sleeps(), deadline_s=1.0, retries=0).get(f"http://127.0.0.1:{port}/drip")
    stop.set()
    listener.close()
    assert time.monotonic() - started < 5


def _public(host: str, port: int) -> list[str]:
    return {"blog.example": ["93.184.216.34"], "evil.example": ["10.0.0.1"]}.get(host, ["203.0.113.50"])


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1/admin",
        "http://10.0.0.1/router",
        "http://evil.example/",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
    ],
)
def test_a_redirect_to_a_private_address_is_refused_without_allow_private(target: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.host == "blog.example", "the private target must never be contacted"
        return httpx.Response(302, headers={"Location": target})

    polite = PoliteClient(
        AddressPolicy(resolver=_public), ClientSettings(per_host_interval_s=0.0), transport=httpx.MockTransport(handler)
    )
    with pytest.raises(RefusedAddress, match="--allow-private"):
        polite.get("https://blog.example/about")


def test_private_addresses_are_allowed_only_with_allow_private() -> None:
    AddressPolicy(allow_private=True).check("http://127.0.0.1:8080/x")
    with pytest.raises(RefusedAddress):
        AddressPolicy().check("http://127.0.0.1:8080/x")


@pytest.mark.parametrize("url", ["ftp://blog.example/x", "file:///etc/passwd", "https://user:pw@blog.example/"])
def test_only_plain_http_and_https_are_fetched(url: str) -> None:
    with pytest.raises(RefusedAddress):
        AddressPolicy(resolver=_public, allow_private=True).check(url)
