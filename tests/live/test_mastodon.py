"""Mastodon live checks against a local instance-shaped server with 500 public statuses."""

from __future__ import annotations

import io
import json
from typing import Any
from urllib.parse import parse_qs

import pytest
from PIL import Image

from exposure_audit.live import LiveOptions, collect_one
from exposure_audit.live.client import ClientSettings, PoliteClient
from exposure_audit.live.mastodon import split_handle
from exposure_audit.live.safety import AddressPolicy
from exposure_audit.model import ItemKind

pytestmark = pytest.mark.network

FAST = ClientSettings(per_host_interval_s=0.0, backoff_s=0.01, timeout_s=5.0)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 20, 30)).save(out, "PNG")
    return out.getvalue()


def instance(server: Any, statuses: int = 500) -> None:
    server.json(
        "/api/v1/accounts/lookup",
        json.dumps(
            {
                "id": "77",
                "username": "quokka",
                "display_name": "Quinn Okafor-Lund",
                "url": f"{server.base}/@quokka",
                "note": "<p>Coffee, surf, and twelve-hour shifts with the Australian Border Force</p>",
                "fields": [
                    {"name": "Work", "value": "<a href='x'>ABF Port Kembla</a>"},
                    {"name": "Pronouns", "value": "she/her"},
                ],
                "avatar": f"{server.base}/media/avatar.png",
            }
        ),
    )

    def page(request: Any) -> tuple[int, dict[str, str], bytes]:
        query = parse_qs(request.query)
        limit = int(query.get("limit", ["20"])[0])
        below = int(query.get("max_id", [str(statuses + 1)])[0])
        ids = [i for i in range(statuses, 0, -1) if i < below][:limit]
        body = [
            {
                "id": str(i),
                "created_at": f"2026-0{1 + i % 9}-1{i % 10}T08:0{i % 10}:00.000Z",
                "url": f"{server.base}/@quokka/{i}",
                "spoiler_text": "",
                "reblog": None,
                "content": (
                    f"<p>Status {i}: swim before work</p>"
                    if i != 250
                    else "<p>Reach me on <span>quinn.okafor-lund@abf.gov.au</span> about rosters</p>"
                ),
                "media_attachments": (
                    [{"id": "m1", "type": "image", "url": f"{server.base}/media/p.png", "description": "team photo"}]
                    if i == 499
                    else []
                ),
            }
            for i in ids
        ]
        return 200, {"Content-Type": "application/json"}, json.dumps(body).encode()

    server.route("/api/v1/accounts/77/statuses", page)
    server.route("/media/avatar.png", lambda _r: (200, {"Content-Type": "image/png"}, _png()))
    server.route("/media/p.png", lambda _r: (200, {"Content-Type": "image/png"}, _png()))


def collect(server: Any, max_items: int = 3000) -> tuple[object, PoliteClient]:
    client = PoliteClient(AddressPolicy(allow_private=True), FAST)
    options = LiveOptions(max_items=max_items, allow_private=True, client=FAST)
    spec = f"mastodon:@quokka@{server.base}"
    return collect_one(client, spec, "mastodon", f"@quokka@{server.base}", options), client


def test_pages_through_all_500_statuses_in_13_pages(server: Any) -> None:
    instance(server)
    collected, _ = collect(server)
    posts = [i for i in collected.items if i.kind is ItemKind.POST]  # type: ignore[attr-defined]
    assert len(posts) == 500
    assert server.hits("/api/v1/accounts/77/statuses") == 13
    assert all(i.public for i in collected.items)  # type: ignore[attr-defined]
    planted = next(p for p in posts if "abf.gov.au" in p.text)
    assert planted.identity == "mastodon:status:250" and planted.created_at is not None
    profile = {i.field: i.text for i in collected.items if i.kind is ItemKind.PROFILE}  # type: ignore[attr-defined]
    assert "Australian Border Force" in profile["bio"] and "<p>" not in profile["bio"]
    photos = [i for i in collected.items if i.kind is ItemKind.PHOTO]  # type: ignore[attr-defined]
    assert len(photos) == 2 and all(p.media[0].member in collected.files for p in photos)  # type: ignore[attr-defined]


def test_stops_at_max_items(server: Any) -> None:
    instance(server)
    collected, _ = collect(server, max_items=100)
    assert len([i for i in collected.items if i.kind is ItemKind.POST]) == 100  # type: ignore[attr-defined]
    assert server.hits("/api/v1/accounts/77/statuses") == 3


@pytest.mark.parametrize(
    ("status", "body", "reason"),
    [
        (404, '{"error": "Record not found"}', "not found (404)"),
        (410, '{"error": "suspended"}', "suspended or gone"),
        (200, "<html><body>Welcome!</body></html>", "expected JSON"),
    ],
)
def test_bad_answers_become_one_skipped_entry(server: Any, status: int, body: str, reason: str) -> None:
    server.route("/api/v1/accounts/lookup", lambda _r: (status, {"Content-Type": "text/html"}, body.encode()))
    collected, _ = collect(server)
    assert not collected.items  # type: ignore[attr-defined]
    (skipped,) = collected.skipped  # type: ignore[attr-defined]
    assert reason in skipped.reason and skipped.stage == "live"


@pytest.mark.parametrize(
    ("handle", "expected"),
    [
        ("@quokka@social.example", ("quokka", "https://social.example")),
        ("quokka@http://127.0.0.1:8080", ("quokka", "http://127.0.0.1:8080")),
    ],
)
def test_handles_split_into_name_and_instance(handle: str, expected: tuple[str, str]) -> None:
    assert split_handle(handle) == expected


@pytest.mark.parametrize("handle", ["@quokka", "quokka@", "@@"])
def test_malformed_handles_are_rejected(handle: str) -> None:
    with pytest.raises(ValueError):
        split_handle(handle)


def test_a_scan_of_the_local_instance_finds_the_planted_exposures_marked_public(server: Any, tmp_path: Any) -> None:
    import json as json_module

    from typer.testing import CliRunner

    from exposure_audit.cli import app

    instance(server)
    report_path = tmp_path / "live.json"
    result = CliRunner().invoke(
        app,
        [
            "scan",
            "--public",
            f"mastodon:@quokka@{server.base}",
            "--allow-private",
            "--max-items",
            "500",
            "--images",
            "off",
            "-f",
            "json",
            "-o",
            str(report_path),
        ],
    )
    assert result.exit_code == 1, result.output
    report = json_module.loads(report_path.read_text())
    by_rule = {f["rule"]: f for f in report["findings"]}
    assert {"EXP102", "EXP301"} <= set(by_rule), sorted(by_rule)
    assert by_rule["EXP301"]["source"]["member"].endswith("/@quokka/250")
    assert all(f["platform"] == "mastodon" and f["public"] for f in report["findings"])
    assert "publicly visible now" in by_rule["EXP301"]["reasons"]
    assert report["inputs"][0]["platform"] == "mastodon" and report["inputs"][0]["items"] >= 500
    assert server.hits("/api/v1/accounts/77/statuses") == 13
