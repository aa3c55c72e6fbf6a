"""Shared test fixtures: the offline guard, fixture paths, and zipping fixture folders at test time."""

from __future__ import annotations

import socket
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _is_loopback(address: object) -> bool:
    if isinstance(address, tuple) and address:
        host = str(address[0])
        return host.startswith("127.") or host in ("::1", "localhost")
    return isinstance(address, (str, bytes))  # AF_UNIX paths are local


@pytest.fixture(autouse=True)
def private_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test away from the developer's own config file and scan cache."""
    home = tmp_path_factory.mktemp("user-dirs")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))


@pytest.fixture(autouse=True)
def offline_guard(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail any test that opens a network socket. Tests marked `network` may talk to 127.0.0.1 only."""
    allow_loopback = (
        request.node.get_closest_marker("network") is not None or request.node.get_closest_marker("browser") is not None
    )

    def guarded_connect(self: socket.socket, address: object) -> object:
        if allow_loopback and _is_loopback(address):
            return _real_connect(self, address)  # type: ignore[arg-type]
        if self.family == socket.AF_UNIX:
            return _real_connect(self, address)  # type: ignore[arg-type]
        raise AssertionError(f"test opened a network connection to {address!r}; the audit must stay offline")

    def guarded_connect_ex(self: socket.socket, address: object) -> object:
        guarded_connect(self, address)
        return 0

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    yield


def zip_folder(folder: Path, target: Path, prefix: str = "") -> Path:
    """Zip a fixture folder (optionally under an extra top folder) for tests of the zip path."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, prefix + path.relative_to(folder).as_posix())
    return target


def split_zip(folder: Path, targets: tuple[Path, Path]) -> tuple[Path, Path]:
    """Zip a folder as two parts of one download (alternate files go to each part), as Meta does."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    with (
        zipfile.ZipFile(targets[0], "w", zipfile.ZIP_DEFLATED) as one,
        zipfile.ZipFile(targets[1], "w", zipfile.ZIP_DEFLATED) as two,
    ):
        for index, path in enumerate(files):
            (one if index % 2 == 0 else two).write(path, path.relative_to(folder).as_posix())
    return targets


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


def fetch_all(fetcher: object, paths: list[Path]) -> tuple[list, list, object]:
    """Every item and skip a fetcher yields for a download, in plan order, with the tree it read."""
    from exposure_audit.fetchers.base import Fetcher
    from exposure_audit.model import Item, Skipped
    from exposure_audit.sources.archive import Tree

    assert isinstance(fetcher, Fetcher)
    tree = Tree.open(paths)
    items: list[Item] = []
    skipped: list[Skipped] = []
    for task in fetcher.plan(tree):
        for record in fetcher.run(task, tree):
            if isinstance(record, Skipped):
                skipped.append(record)
            else:
                items.append(record)
    return items, skipped, tree
