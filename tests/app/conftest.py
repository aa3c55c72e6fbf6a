"""A real `exposure-audit app` process on 127.0.0.1, with its own temporary, data and Downloads folders."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from exposure_audit.demo import build_demo_download
from exposure_audit.demo.zips import zip_downloads

URL = re.compile(r"http://127\.0\.0\.1:(\d+)/\?token=([0-9a-f]{32})")


@dataclass
class RunningApp:
    process: subprocess.Popen[str]
    port: int
    token: str
    home: Path  # XDG folders, TMPDIR and the Downloads folder live under it

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def launch_url(self) -> str:
        return f"{self.base}/?token={self.token}"

    @property
    def tmp(self) -> Path:
        return self.home / "tmp"

    @property
    def downloads(self) -> Path:
        return self.home / "Downloads"

    @property
    def data(self) -> Path:
        return self.home / "data" / "exposure-audit" / "app"

    def client(self) -> httpx.Client:
        """A client holding the session cookie, sending the app's own Origin."""
        client = httpx.Client(base_url=self.base, headers={"Origin": self.base}, timeout=60)
        client.get(self.launch_url, follow_redirects=False)
        return client

    def leftovers(self) -> list[Path]:
        """Files left in the app's own temporary folders (uploads, cleaned photos, partial files).

        Only the app's folders are looked at: onnxruntime (the OCR) drops a session-id file of its
        own, `.ses`, at the top of the temporary folder, which holds nothing from the downloads."""
        return sorted(p for folder in self.tmp.glob("exposure-audit-*") for p in folder.rglob("*") if p.is_file())


def app_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("tmp", "Downloads", "data", "cache", "config"):
        (home / name).mkdir(parents=True, exist_ok=True)
    env.update(
        TMPDIR=str(home / "tmp"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DOWNLOAD_DIR=str(home / "Downloads"),
    )
    return env


def start_app(home: Path, *extra: str, env: dict[str, str] | None = None) -> RunningApp:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "exposure_audit",
            "app",
            "--no-browser",
            "--jobs",
            "1",
            "--downloads-folder",
            str(home / "Downloads"),
            *extra,
        ],
        env=env or app_env(home),
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    assert process.stderr is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        match = URL.search(line)
        if match:
            return RunningApp(process, int(match.group(1)), match.group(2), home)
        if not line and process.poll() is not None:
            break
    process.kill()
    raise AssertionError("the app did not print its address")


def stop_app(app: RunningApp) -> None:
    if app.process.poll() is None:
        app.process.terminate()
        try:
            app.process.wait(20)
        except subprocess.TimeoutExpired:
            app.process.kill()
            app.process.wait()


@pytest.fixture
def running_app(tmp_path: Path) -> Iterator[RunningApp]:
    app = start_app(tmp_path / "home")
    try:
        yield app
    finally:
        stop_app(app)


@pytest.fixture(scope="session")
def demo_zips(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The demo officer's four downloads, zipped under the names the platforms give them."""
    root = tmp_path_factory.mktemp("demo")
    return zip_downloads(build_demo_download(root / "folders", "officer"), root / "zips")
