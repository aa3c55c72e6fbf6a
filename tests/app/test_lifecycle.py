"""The app ends on Quit, or on its own once no page has been open for a while, deleting its files."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.app.conftest import start_app, stop_app

pytestmark = pytest.mark.network


def test_quit_stops_the_app_and_deletes_the_uploads(tmp_path: Path, demo_zips: list[Path]) -> None:
    app = start_app(tmp_path / "home")
    try:
        client = app.client()
        client.post("/uploads", files={"files": (demo_zips[0].name, demo_zips[0].read_bytes())})
        assert len(app.leftovers()) == 1
        assert client.post("/quit").status_code == 200
        assert app.process.wait(30) == 0
        assert app.leftovers() == [] and not list(app.tmp.glob("exposure-audit-*"))
    finally:
        stop_app(app)


def test_it_stops_a_while_after_the_last_page_closes(tmp_path: Path) -> None:
    app = start_app(tmp_path / "home", "--idle-exit", "5")
    try:
        client = app.client()
        with client.stream("GET", "/api/events") as events:  # an open page
            lines = events.iter_lines()  # kept: dropping the iterator would close the stream
            assert next(lines).startswith("data: ")
            time.sleep(8)
            assert app.process.poll() is None  # kept alive while the page is open
        assert app.process.wait(30) == 0
    finally:
        stop_app(app)
