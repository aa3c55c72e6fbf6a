"""The app and `exposure-audit scan` give byte-identical JSON reports for the same downloads and settings.

Both read the same four demo downloads in place (the app finds them in its Downloads folder) with the
same workplace, and SOURCE_DATE_EPOCH fixes the report's date for both.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.app.conftest import app_env, start_app, stop_app

pytestmark = pytest.mark.network
EPOCH = "1790000000"


def test_the_app_and_the_cli_write_the_same_json(tmp_path: Path, demo_zips: list[Path]) -> None:
    home = tmp_path / "home"
    env = app_env(home)
    env["SOURCE_DATE_EPOCH"] = EPOCH
    found = [Path(shutil.copy(z, home / "Downloads" / z.name)) for z in demo_zips]
    app = start_app(home, env=env)
    try:
        client = app.client()
        start = client.get("/").text
        ids = re.findall(r'name="input" value="([^"]+)"', start)
        assert len(ids) == len(found)
        answer = client.post(
            "/scan",
            data={"input": ids, "place": "-35.3075, 149.1244", "radius": "300", "images": "fast", "profile": ""},
        )
        assert answer.status_code == 303 and answer.headers["location"] == "/scan"
        deadline = time.monotonic() + 240
        while client.get("/report", follow_redirects=False).status_code != 200:
            assert time.monotonic() < deadline, "the app's scan did not finish"
            time.sleep(0.5)
        from_app = client.get("/report/file/json").content
    finally:
        stop_app(app)
    out = tmp_path / "cli.json"
    cli_env = dict(env, XDG_CACHE_HOME=str(tmp_path / "cli-cache"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "exposure_audit",
            "scan",
            *map(str, sorted(found)),
            "--format",
            "json",
            "--output",
            str(out),
            "--site",
            "Workplace=-35.3075,149.1244,300",
            "--images",
            "fast",
            "--jobs",
            "1",
        ],
        env=cli_env,
        check=False,
        capture_output=True,
    )
    from_cli = out.read_bytes()
    assert b'"generated_at": "2026-' in from_cli and b'"findings": [' in from_cli
    assert from_app == from_cli
