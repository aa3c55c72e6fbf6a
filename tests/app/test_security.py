"""The running app refuses what another web page, a rebinding host name or a stranger could send."""

from __future__ import annotations

import io
import socket
import time
import zipfile
from pathlib import Path

import httpx
import pytest

from tests.app.conftest import RunningApp

pytestmark = pytest.mark.network


def test_no_token_is_refused(running_app: RunningApp) -> None:
    bare = httpx.Client(base_url=running_app.base, timeout=30)
    for path in ("/", "/report", "/static/app.js", "/api/ticks", "/report/file/json"):
        assert bare.get(path).status_code == 403
    assert bare.get("/?token=" + "0" * 32).status_code == 403
    forged = httpx.Client(base_url=running_app.base, timeout=30, cookies={"exposure_audit_session": "0" * 32})
    assert forged.get("/").status_code == 403


def test_the_launch_token_becomes_a_strict_cookie(running_app: RunningApp) -> None:
    bare = httpx.Client(base_url=running_app.base, timeout=30)
    answer = bare.get(running_app.launch_url, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and running_app.token not in cookie
    page = bare.get("/")
    assert page.status_code == 200 and "Add your downloads" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("host", ["evil.example:{port}", "127.0.0.1:1", "localhost", "127.0.0.1.nip.io:{port}"])
def test_a_foreign_host_is_refused(running_app: RunningApp, host: str) -> None:
    client = running_app.client()
    answer = client.get("/", headers={"Host": host.format(port=running_app.port)})
    assert answer.status_code == 421
    assert client.get("/", headers={"Host": f"localhost:{running_app.port}"}).status_code == 200


def test_a_post_from_another_origin_is_refused(running_app: RunningApp) -> None:
    client = running_app.client()
    for origin in ("http://evil.example", f"http://127.0.0.1:{running_app.port + 1}", "null"):
        answer = client.post("/api/ticks", json={"key": "x", "done": True}, headers={"Origin": origin})
        assert answer.status_code == 403
        assert client.post("/quit", headers={"Origin": origin}).status_code == 403
    no_origin = httpx.Client(base_url=running_app.base, timeout=30, cookies=client.cookies)
    assert no_origin.post("/quit").status_code == 403
    assert running_app.process.poll() is None  # none of those stopped the app


def _listening(port: int) -> list[str]:
    """Local addresses listening on `port`, read from the kernel's socket tables."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:
                found.append(address)
    return found


def test_it_listens_on_loopback_only(running_app: RunningApp) -> None:
    assert _listening(running_app.port) == ["0100007F"]  # 127.0.0.1, and nothing on IPv6 or other addresses
    with socket.create_connection(("127.0.0.1", running_app.port), timeout=5):
        pass


def _zip_bomb() -> bytes:
    """A Facebook-shaped download with one member that inflates 1000-fold (10 MiB of zeros)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "personal_information/profile_information/profile_information.json",
            '{"profile_v2": {"name": {"full_name": "Invented Person"}}}',
        )
        archive.writestr(
            "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json",
            b"[" + b" " * (10 * 1024 * 1024) + b"]",
        )
    return buffer.getvalue()


def _wait_done(client: httpx.Client) -> None:
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if client.get("/report", follow_redirects=False).status_code == 200:
            return
        time.sleep(0.5)
    raise AssertionError("the scan did not finish")


def test_a_zip_bomb_becomes_a_skipped_entry(running_app: RunningApp) -> None:
    client = running_app.client()
    answer = client.post("/uploads", files={"files": ("facebook-bomb-2026-01-01.zip", _zip_bomb())})
    assert answer.status_code == 303
    start = client.get("/").text
    assert "facebook-bomb-2026-01-01.zip" in start and "Facebook" in start
    ident = start.split('name="input" value="', 1)[1].split('"', 1)[0]
    assert client.post("/scan", data={"input": ident, "images": "off"}).status_code == 303
    _wait_done(client)
    report = client.get("/report/file/json").json()
    reasons = [s["reason"] for s in report["skipped"]]
    assert any("ratio" in r or "bomb" in r for r in reasons), reasons
    assert client.get("/").status_code in (200, 303)  # still up


def test_path_traversal_reads_nothing(running_app: RunningApp, tmp_path: Path) -> None:
    secret = running_app.home / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    client = running_app.client()
    probes = [
        "/static/../../secret.txt",
        "/static/..%2F..%2Fsecret.txt",
        "/static/%2e%2e/secret.txt",
        f"/static/{secret}",
        "/report/file/..%2F..%2Fsecret.txt",
        "/report/file/../../etc/passwd",
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/static/app.js/../../../etc/passwd",
    ]
    for probe in probes:
        answer = client.get(probe)
        assert "TOP-SECRET-CONTENT" not in answer.text and "root:" not in answer.text, probe
        assert answer.status_code in (303, 403, 404), probe
    for ident in (str(secret), "../secret.txt", "/etc/passwd"):
        client.post("/scan", data={"input": ident})
        client.post("/inputs/remove", data={"remove": ident})
    assert secret.read_text() == "TOP-SECRET-CONTENT"
    assert "TOP-SECRET-CONTENT" not in client.get("/").text
    # A file named to climb out of the upload folder lands inside it, under a plain name.
    client.post("/uploads", files={"files": ("../../escape-1.zip", b"PK\x05\x06" + bytes(18))})
    assert not (running_app.home / "escape-1.zip").exists() and not (running_app.tmp / "escape-1.zip").exists()
    assert [p.name for p in running_app.tmp.rglob("escape-1.zip")] == ["escape-1.zip"]


def test_an_upload_over_the_cap_is_refused_and_removed(tmp_path: Path) -> None:
    from tests.app.conftest import start_app, stop_app

    app = start_app(tmp_path / "home", "--max-upload-size", "64k")
    try:
        client = app.client()
        answer = client.post("/uploads", files={"files": ("facebook-big.zip", b"\0" * 200_000)})
        assert answer.status_code == 413
        assert app.leftovers() == []
        assert client.get("/").status_code == 200
    finally:
        stop_app(app)
