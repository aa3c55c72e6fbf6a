"""The app over plain HTTP: a policy file added like a download, the cap on the number of files, and
one scan at a time."""

from __future__ import annotations

import re
import time
from importlib import resources
from pathlib import Path

import pytest

from tests.app.conftest import RunningApp

pytestmark = pytest.mark.network


def _ids(page: str) -> list[str]:
    return re.findall(r'name="input" value="([^"]+)"', page)


def test_a_policy_file_is_offered_and_a_broken_one_explained(running_app: RunningApp) -> None:
    client = running_app.client()
    policy = (resources.files("exposure_audit.policy") / "builtin" / "dibp-2015.toml").read_bytes()
    client.post("/uploads", files=[("files", ("my-pack.toml", policy)), ("files", ("broken.toml", b"[[[ nope"))])
    page = client.get("/").text
    options = dict((label, value) for value, label in re.findall(r'<option value="([^"]*)">([^<]*)</option>', page))
    assert "Your file: my-pack.toml" in options and "Your file: broken.toml" in options
    assert _ids(page) == []  # a policy is not a download to scan
    client.post("/scan", data={"profile": options["Your file: broken.toml"]})
    error = client.get("/").text
    assert 'id="error"' in error and "broken.toml" in error


def test_the_number_of_files_is_capped(running_app: RunningApp) -> None:
    client = running_app.client()
    files = [("files", (f"facebook-{n:02d}.zip", b"PK\x05\x06" + bytes(18))) for n in range(51)]
    assert client.post("/uploads", files=files).status_code == 413
    assert running_app.leftovers() == []  # the request is refused whole
    assert client.post("/uploads", files=files[:3]).status_code == 303
    assert len(running_app.leftovers()) == 3


def test_one_scan_at_a_time(running_app: RunningApp, demo_zips: list[Path]) -> None:
    client = running_app.client()
    client.post("/uploads", files=[("files", (z.name, z.read_bytes())) for z in demo_zips])
    ids = _ids(client.get("/").text)
    assert client.post("/scan", data={"input": ids}).headers["location"] == "/scan"
    second = client.post("/scan", data={"input": ids})
    assert second.headers["location"] == "/"
    deadline = time.monotonic() + 240
    while client.get("/report", follow_redirects=False).status_code != 200:
        assert time.monotonic() < deadline
        time.sleep(0.5)
    summary = client.get("/report/summary.json")
    assert summary.headers["content-disposition"] == 'attachment; filename="exposure-audit-summary.json"'
    assert client.get("/report/compare").text.count("first scan") == 1


def _scan(client: object, files: list[tuple[str, bytes]]) -> str:
    import httpx

    assert isinstance(client, httpx.Client)
    client.post("/uploads", files=[("files", f) for f in files])
    client.post("/scan", data={"input": _ids(client.get("/").text), "images": "off"})
    deadline = time.monotonic() + 240
    while (page := client.get("/report", follow_redirects=False)).status_code != 200:
        assert time.monotonic() < deadline
        time.sleep(0.5)
    return page.text


def test_ticks_and_the_comparison_carry_over_to_a_new_download(running_app: RunningApp, demo_zips: list[Path]) -> None:
    client = running_app.client()
    first = _scan(client, [(z.name, z.read_bytes()) for z in demo_zips])
    keys = re.findall(r'class="done" id="c-[^"]+" data-key="([^"]+)"', first)
    assert len(keys) > 3
    assert client.post("/api/ticks", json={"key": keys[2], "done": True}).json() == {"ok": True}
    assert client.post("/api/ticks", json={"key": "not-an-action", "done": True}).status_code == 404
    client.post("/scan/discard")
    assert client.get("/api/ticks").json() == {"ticked": []}
    # The same downloads, requested again: other file names, same content.
    again = _scan(client, [(z.name.replace("2026", "2027", 1), z.read_bytes()) for z in demo_zips])
    assert keys[2] in re.findall(r'data-key="([^"]+)"', again)
    assert client.get("/api/ticks").json() == {"ticked": [keys[2]]}
    comparison = client.get("/report/compare").text
    assert "0 new findings since last time." in comparison
    assert "0 findings from last time are gone." in comparison
