"""Live checks against servers that attack: rebinding names, path feeds, malformed API answers, tag
floods, header drips, repeating pages and ids that climb the URL path. Real servers on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from exposure_audit.cli import app
from exposure_audit.limits import DEFAULT_LIMITS, Limits
from exposure_audit.live import LiveOptions, collect_one
from exposure_audit.live.client import ClientSettings, FetchError, PoliteClient
from exposure_audit.live.safety import AddressPolicy, RefusedAddress, is_internal

pytestmark = pytest.mark.network

FAST = ClientSettings(per_host_interval_s=0.0, backoff_s=0.01, timeout_s=5.0, retries=0)


def _collect(
    server: Any, spec: str, kind: str, target: str, limits: Limits = DEFAULT_LIMITS, max_items: int = 3000
) -> Any:
    client = PoliteClient(AddressPolicy(allow_private=True), FAST, limits=limits)
    options = LiveOptions(max_items=max_items, allow_private=True, client=FAST)
    return collect_one(client, spec, kind, target, options), client


@pytest.fixture
def second_server(server: Any) -> Iterator[tuple[str, list[str]]]:
    """A server on 127.0.0.2, on the same port as `server`, standing for the person's own network."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            body = b"<html><body>router admin: secret.officer@abf.gov.au</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    httpd = ThreadingHTTPServer(("127.0.0.2", int(server.base.rsplit(":", 1)[1])), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.2:{httpd.server_address[1]}", hits
    finally:
        httpd.shutdown()
        httpd.server_close()


def _only_127_0_0_1_is_public(address: str) -> bool:
    """The policy's notion of internal for this test: 127.0.0.1 stands for a public web host, and
    127.0.0.2 (like every other loopback or private address) for the person's own network."""
    return address != "127.0.0.1" and is_internal(address)


def test_a_name_that_rebinds_after_the_check_is_still_fetched_from_the_vetted_address(
    server: Any, second_server: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    port = int(server.base.rsplit(":", 1)[1])
    _internal, internal_hits = second_server
    server.route("/", lambda _r: (200, {"Content-Type": "text/html"}, b"<html><body>blog</body></html>"))
    real = socket.getaddrinfo
    lookups: list[str] = []

    def rebinding(host: Any, *args: Any, **kwargs: Any) -> Any:
        # A hostile name server: the public address for the first lookup, the internal one after.
        if host == "rebind.example":
            lookups.append(host)
            host = "127.0.0.1" if len(lookups) == 1 else "127.0.0.2"
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    internal_port = int(_internal.rsplit(":", 1)[1])
    policy = AddressPolicy(internal=_only_127_0_0_1_is_public)
    with PoliteClient(policy, FAST) as client:
        answer = client.get(f"http://rebind.example:{port}/")
        with pytest.raises(RefusedAddress):  # the internal server itself is refused outright
            client.get(f"http://127.0.0.2:{internal_port}/")
    assert answer.text() == "<html><body>blog</body></html>"
    assert server.hits("/") == 1 and internal_hits == []
    assert server.requests[0].headers["host"] == f"rebind.example:{port}"  # the name is kept for Host


def test_the_client_never_dials_a_host_the_policy_did_not_vet(server: Any) -> None:
    from exposure_audit.live.pinned import PinnedBackend

    backend = PinnedBackend(allow_private=True)
    backend.start(5.0)
    with pytest.raises(Exception, match="not checked by the address policy"):
        backend.connect_tcp("127.0.0.1", int(server.base.rsplit(":", 1)[1]))
    assert server.requests == []


@pytest.mark.parametrize(
    "address",
    [
        "2002:7f00:1::",
        "2002:a00:1::1",
        "2001:0:4136:e378:8000:63bf:80ff:fffe",
        "64:ff9b::7f00:1",
        "::7f00:1",
        "::ffff:127.0.0.1",
        "2002:c0a8:101::",
    ],
)
def test_ipv6_forms_that_embed_a_private_ipv4_address_are_refused(address: str) -> None:
    assert is_internal(address)
    with pytest.raises(RefusedAddress):
        AddressPolicy().check(f"http://[{address}]/")


def test_a_public_ipv6_address_is_still_allowed() -> None:
    assert not is_internal("2606:4700:4700::1111")
    assert not is_internal("2002:5db8:d822::")  # 6to4 of a public IPv4 address


def test_a_feed_whose_body_names_a_local_file_is_not_read_from_disk(server: Any, tmp_path: Path) -> None:
    secret = tmp_path / "local.xml"
    secret.write_text("<rss><channel><item><title>LOCAL-FILE-CONTENT</title></item></channel></rss>")
    server.route(
        "/",
        lambda _r: (
            200,
            {"Content-Type": "text/html"},
            b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed"></head><body>hi</body></html>',
        ),
    )
    server.route("/feed", lambda _r: (200, {"Content-Type": "application/rss+xml"}, str(secret).encode()))
    collected, _ = _collect(server, "web", "web", f"{server.base}/")
    assert server.hits("/feed") == 1
    assert not any("LOCAL-FILE-CONTENT" in item.text for item in collected.items)


MALFORMED = {
    "deep": "[" * 200_000 + "]" * 200_000,
    "huge id": json.dumps({"id": 0}).replace("0", "9" * 5000),
    "fields a number": json.dumps({"id": "1", "fields": 5}),
    "not an object": "[1, 2]",
    "lone surrogate": '{"id": "1", "display_name": "Zo\\ud800e"}',
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_account_answer_becomes_a_skipped_source(server: Any, case: str) -> None:
    server.json("/api/v1/accounts/lookup", MALFORMED[case])
    server.json("/api/v1/accounts/1/statuses", "[]")
    collected, _ = _collect(server, "mastodon:@zoe@x", "mastodon", f"@zoe@{server.base}")
    if case == "lone surrogate":
        assert collected.items[0].text == "Zo\ufffde"
        collected.items[0].text.encode("utf-8")
    else:
        assert collected.items == [] and len(collected.skipped) == 1


@pytest.mark.parametrize(
    "status",
    [{"id": "5", "media_attachments": 5}, {"id": "5", "created_at": 1700000000}, {"id": "5", "content": ["x"]}],
)
def test_a_malformed_status_page_becomes_a_skipped_page(server: Any, status: dict[str, Any]) -> None:
    server.json("/api/v1/accounts/lookup", json.dumps({"id": "1", "display_name": "Zoe Quill"}))
    server.json("/api/v1/accounts/1/statuses", json.dumps([status]))
    collected, _ = _collect(server, "mastodon:@zoe@x", "mastodon", f"@zoe@{server.base}")
    assert [i.text for i in collected.items] == ["Zoe Quill"]
    assert "not a list of posts" in collected.skipped[0].reason


def test_a_bio_of_too_many_tags_is_skipped_not_parsed(server: Any) -> None:
    bio = "<b>" * 5_000 + "Australian Border Force"
    server.json("/api/v1/accounts/lookup", json.dumps({"id": "1", "display_name": "Zoe Quill", "note": bio}))
    server.json("/api/v1/accounts/1/statuses", "[]")
    collected, _ = _collect(
        server, "mastodon:@zoe@x", "mastodon", f"@zoe@{server.base}", limits=Limits(html_tags=1_000)
    )
    assert [i.text for i in collected.items] == ["Zoe Quill"]
    assert "over the cap of 1000" in collected.skipped[0].reason


def test_a_page_of_too_many_tags_is_skipped_not_parsed(server: Any) -> None:
    server.route("/", lambda _r: (200, {"Content-Type": "text/html"}, b"<div>" * 5_000))
    collected, _ = _collect(server, "web", "web", f"{server.base}/", limits=Limits(html_tags=1_000))
    assert collected.items == [] and "--max-html-tags" in collected.skipped[0].reason


def test_a_repeating_max_id_stops_after_the_repeat(server: Any) -> None:
    server.json("/api/v1/accounts/lookup", json.dumps({"id": "1", "display_name": "Zoe Quill"}))
    page = json.dumps([{"id": str(i), "content": f"<p>post {i}</p>"} for i in range(100, 60, -1)])
    server.json("/api/v1/accounts/1/statuses", page)
    collected, _ = _collect(server, "mastodon:@zoe@x", "mastodon", f"@zoe@{server.base}", max_items=3000)
    assert server.hits("/api/v1/accounts/1/statuses") == 2
    assert "same page again" in collected.skipped[-1].reason


def test_a_repeating_bluesky_cursor_stops_after_the_repeat(server: Any) -> None:
    server.json("/xrpc/app.bsky.actor.getProfile", json.dumps({"did": "did:plc:zoe", "displayName": "Zoe"}))
    server.json(
        "/xrpc/app.bsky.feed.getAuthorFeed",
        json.dumps(
            {
                "cursor": "same",
                "feed": [{"post": {"uri": "at://did:plc:zoe/app.bsky.feed.post/1", "record": {"text": "hello"}}}],
            }
        ),
    )
    client = PoliteClient(AddressPolicy(allow_private=True), FAST)
    options = LiveOptions(allow_private=True, client=FAST, bluesky_appview=server.base)
    collected = collect_one(client, "bluesky:zoe", "bluesky", "zoe.example", options)
    assert server.hits("/xrpc/app.bsky.feed.getAuthorFeed") == 2
    assert "same page again" in collected.skipped[-1].reason


def test_the_account_id_cannot_climb_out_of_the_url_path(server: Any) -> None:
    server.json("/api/v1/accounts/lookup", json.dumps({"id": "../../admin/delete", "display_name": "Zoe"}))
    server.json("/admin/delete", "[]")
    _collect(server, "mastodon:@zoe@x", "mastodon", f"@zoe@{server.base}")
    assert server.hits("/admin/delete") == 0
    assert any(r.path.startswith("/api/v1/accounts/..%2F") for r in server.requests)


@pytest.fixture
def dripping_server() -> Iterator[str]:
    """Sends one byte of its status line and headers every 0.3 s, for 30 s at most."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.recv(4096)
                for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 100:
                    if stop.wait(0.3):
                        break
                    try:
                        conn.sendall(bytes([byte]))
                    except OSError:
                        break

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    finally:
        stop.set()
        thread.join(5)
        listener.close()


def test_headers_dripped_slowly_end_at_the_deadline(dripping_server: str) -> None:
    settings = ClientSettings(per_host_interval_s=0.0, timeout_s=2.0, deadline_s=2.0, retries=3, backoff_s=0.01)
    started = time.monotonic()
    with (
        PoliteClient(AddressPolicy(allow_private=True), settings) as client,
        pytest.raises(FetchError, match="longer than 2 s"),
    ):
        client.get(dripping_server)
    assert time.monotonic() - started < 6.0  # one deadline, not one per byte nor one per retry


def test_a_run_where_every_public_source_was_refused_exits_2() -> None:
    result = CliRunner().invoke(
        app, ["scan", "--public", "http://127.0.0.1:9/", "--public", "http://10.0.0.1/", "--no-cache"]
    )
    assert result.exit_code == 2, result.output
    assert "nothing could be checked" in result.output and "Traceback" not in result.output


def test_a_source_that_answered_with_nothing_was_still_checked(server: Any) -> None:
    from exposure_audit.limits import DEFAULT_LIMITS as LIMITS
    from exposure_audit.live import live_downloads

    server.json("/api/v1/accounts/lookup", json.dumps({"id": "1"}))
    server.json("/api/v1/accounts/1/statuses", "[]")
    options = LiveOptions(allow_private=True, client=FAST)
    downloads = live_downloads([f"mastodon:@zoe@{server.base}"], options, LIMITS, only_inputs=True)
    assert len(downloads) == 1
