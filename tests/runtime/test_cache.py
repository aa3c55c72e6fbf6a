"""The scan cache: same report warm as cold, only impersonal verdicts stored, bounded, private, optional."""

from __future__ import annotations

import pickle
import re
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from exposure_audit.engine import AuditOptions, run_audit
from exposure_audit.fetchers.base import Record, Task
from exposure_audit.fetchers.facebook.fetcher import FacebookFetcher
from exposure_audit.model import AuditReport, Item, ItemKind, Platform, SourceRef
from exposure_audit.policy.model import Site, load_policy
from exposure_audit.runtime.cache import ScanCache, default_cache_dir, item_digest, member_key
from exposure_audit.runtime.units import UnitResult
from exposure_audit.sources.archive import Tree
from tests.conftest import FIXTURES, zip_folder

FIXTURE = FIXTURES / "facebook" / "2025-json"
POLICY = load_policy(None)


def audit(path: Path, cache: ScanCache | None, jobs: int = 1) -> AuditReport:
    return run_audit([path], POLICY, AuditOptions(jobs=jobs, cache=cache))


def same(a: AuditReport, b: AuditReport) -> bool:
    return (a.findings, a.skipped, a.inputs) == (b.findings, b.skipped, b.inputs)


@pytest.fixture
def download(tmp_path: Path) -> Path:
    copy = tmp_path / "download"
    shutil.copytree(FIXTURE, copy)
    return copy


def test_a_warm_run_reports_exactly_what_a_cold_one_does(tmp_path: Path, download: Path) -> None:
    cache = ScanCache(tmp_path / "cache")
    plain = audit(download, None)
    cold = audit(download, cache)
    warm = audit(download, cache)
    assert plain.findings and same(plain, cold) and same(cold, warm) and cache.problem == ""
    assert same(audit(download, cache, jobs=2), plain)


def test_the_zip_path_is_cached_too(tmp_path: Path) -> None:
    archive = zip_folder(FIXTURE, tmp_path / "facebook.zip")
    cache = ScanCache(tmp_path / "cache")
    assert same(audit(archive, cache), audit(archive, cache))


class CountingFetcher(FacebookFetcher):
    """The real Facebook fetcher, counting how often a task is actually read."""

    reads = 0

    def run(self, task: Task, tree: Tree) -> Iterator[Record]:
        CountingFetcher.reads += 1
        yield from super().run(task, tree)


def _tasks(tree: Tree) -> list[Task]:
    return FacebookFetcher().plan(tree)


def test_unchanged_tasks_that_gave_nothing_are_not_read_again(tmp_path: Path, download: Path) -> None:
    from exposure_audit.engine import AuditUnits, Scanning
    from exposure_audit.runtime.cached_units import CachedUnits
    from exposure_audit.runtime.units import Unit
    from exposure_audit.scanners.compiled import compile_policy

    cache = ScanCache(tmp_path / "cache")
    session = cache.session(POLICY)
    assert session is not None
    tree = Tree.open([download])
    cached = CachedUnits(AuditUnits(Scanning(compile_policy(POLICY)), ()), session)
    fetcher = CountingFetcher()
    cold = [cached(fetcher, tree, Unit(download=0, task=task)) for task in _tasks(tree)]
    cache.store(session, [entry for result in cold for entry in result.cache])
    reads_cold = CountingFetcher.reads
    warm = [cached(fetcher, tree, Unit(download=0, task=task)) for task in _tasks(tree)]
    reads_warm = CountingFetcher.reads - reads_cold
    null_tasks = sum(1 for r in cold if not r.findings and not r.skipped and not r.photos and not any(r.observations))
    assert null_tasks > 0 and reads_warm == reads_cold - null_tasks
    assert [r.items for r in warm] == [r.items for r in cold]
    assert [r.findings for r in warm] == [r.findings for r in cold]
    tree.close()


def test_a_changed_member_or_policy_is_not_served_from_the_cache(tmp_path: Path, download: Path) -> None:
    cache = ScanCache(tmp_path / "cache")
    audit(download, cache)
    profile = download / "personal_information" / "profile_information" / "profile_information.json"
    profile.write_text(profile.read_text().replace("Sydney", "Wollongong"))
    assert same(audit(download, cache), audit(download, None))
    point = next(g for f in audit(download, None).findings for g in f.geo)
    other = POLICY.with_sites((Site(name="Depot", lat=point.lat, lon=point.lon, radius_m=200),))
    first, second = cache.session(POLICY), cache.session(other)
    assert first is not None and second is not None and first.scope != second.scope
    with_site = run_audit([download], other, AuditOptions(jobs=1, cache=cache))
    assert any(f.rule == "EXP502" for f in with_site.findings)
    assert same(with_site, run_audit([download], other, AuditOptions(jobs=1)))


def test_the_cache_holds_no_text_value_coordinate_or_name(tmp_path: Path, download: Path) -> None:
    cache = ScanCache(tmp_path / "cache")
    report = audit(download, cache)
    audit(download, cache)
    stored = b"".join(p.read_bytes() for p in (tmp_path / "cache").iterdir())
    secrets = {f.match for f in report.findings} | {f.excerpt for f in report.findings}
    secrets |= {w for f in report.findings for w in re.findall(r"[A-Za-z]{5,}", f.excerpt)}
    secrets |= {f"{g.lat:.3f}" for f in report.findings for g in f.geo}
    secrets |= {"Whitlock", "abf.gov.au", "example.com", "download", "profile_information"}
    for secret in sorted(s for s in secrets if s):
        assert secret.encode() not in stored, secret
    folder = tmp_path / "cache"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in folder.iterdir())


def test_the_cache_stays_within_its_bound_dropping_the_oldest(tmp_path: Path) -> None:
    cache = ScanCache(tmp_path / "cache", max_bytes=10_000)
    session = cache.session(POLICY)
    assert session is not None
    cache.store(session, [(b"old-%03d" % i, b"x" * 100) for i in range(50)])
    cache.store(session, [(b"new-%03d" % i, b"x" * 100) for i in range(50)])
    with sqlite3.connect(cache.db_path) as db:
        keys = [bytes(k) for (k,) in db.execute("SELECT key FROM entries")]
        (total,) = db.execute("SELECT SUM(LENGTH(key) + LENGTH(value) + 16) FROM entries").fetchone()
    assert total <= 10_000
    assert sum(k.startswith(b"new") for k in keys) == 50 and sum(k.startswith(b"old") for k in keys) < 50


def test_an_unusable_cache_folder_only_costs_speed(tmp_path: Path, download: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    cache = ScanCache(blocked)
    assert same(audit(download, cache), audit(download, None))
    assert "cannot be used" in cache.problem


def test_a_session_pickles_without_its_connection(tmp_path: Path, download: Path) -> None:
    cache = ScanCache(tmp_path / "cache")
    audit(download, cache)
    session = cache.session(POLICY)
    assert session is not None
    tree = Tree.open([download])
    memo = session.task(tree, _tasks(tree)[0])
    assert memo is not None and session._db is not None
    copy = pickle.loads(pickle.dumps(session))
    assert copy._db is None and (copy.secret, copy.scope, copy.path) == (session.secret, session.scope, session.path)
    tree.close()


def test_item_digests_cover_what_scanners_see_but_not_where_the_file_is() -> None:
    item = Item(
        kind=ItemKind.POST,
        platform=Platform.FACEBOOK,
        identity="facebook:post:1",
        text="hello",
        labels=frozenset({"a", "b", "c"}),
        source=SourceRef(archive="/one/dl.zip", member="x.json"),
    )
    assert item_digest(item) == item_digest(replace(item, source=SourceRef(archive="/two/dl", member="y.json")))
    assert item_digest(item) != item_digest(replace(item, text="hello!"))
    assert item_digest(item) != item_digest(replace(item, labels=frozenset({"a"})))
    assert item_digest(item) != item_digest(replace(item, extra={"context": "x"}))


def test_the_default_folder_is_the_users_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "exposure-audit"


def test_impersonal_image_features_are_kept_by_image_content(tmp_path: Path, download: Path) -> None:
    cache = ScanCache(tmp_path / "cache")
    session = cache.session(POLICY)
    assert session is not None
    tree = Tree.open([download])
    image = next(m for m in tree.members if m.endswith(".jpg"))
    memo = session.image_features(tree, image, "analysis-v1")
    assert memo is not None and memo.value is None
    result = UnitResult()
    memo.keep(result, '{"v":1,"size":[640,480],"depth":"fast"}')
    cache.store(session, result.cache)
    again = session.image_features(tree, image, "analysis-v1")
    assert again is not None and again.value == '{"v":1,"size":[640,480],"depth":"fast"}'
    other = session.image_features(tree, image, "analysis-v2")
    assert other is not None and other.value is None
    tree.close()
    (download / image).write_bytes((download / image).read_bytes() + b"\0")
    changed = Tree.open([download])
    assert (session.image_features(changed, image, "analysis-v1") or memo).value is None
    changed.close()


def test_a_touched_file_is_a_changed_file(tmp_path: Path, download: Path) -> None:
    import os

    path = "personal_information/profile_information/profile_information.json"
    before = member_key(Tree.open([download]), path)
    status = (download / path).stat()
    os.utime(download / path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
    assert member_key(Tree.open([download]), path) != before


@pytest.mark.parametrize("secret", ["", "ab" * 65, "not hex", "ab" * 8])
def test_a_bad_secret_costs_speed_only_and_is_replaced(tmp_path: Path, download: Path, secret: str) -> None:
    cache = ScanCache(tmp_path / "cache")
    cold = audit(download, cache)
    (tmp_path / "cache" / "secret").write_text(secret)
    again = audit(download, cache)
    assert same(cold, again) and cache.problem == ""
    assert len(bytes.fromhex((tmp_path / "cache" / "secret").read_text())) == 32


def test_an_edited_entry_is_a_miss_not_a_verdict(tmp_path: Path, download: Path) -> None:
    cache = ScanCache(tmp_path / "cache")
    cold = audit(download, cache)
    with sqlite3.connect(cache.db_path) as db:
        rows = db.execute("SELECT key, value FROM entries").fetchall()
        # Claim every task held nothing and need not be read again (flag 1, one item), at any offset
        # a reader might look: without the secret no edit can pass as the cache's own.
        forged = [(b"\x01\x00\x00\x00\x01" * 5, k) for k, _v in rows]
        db.executemany("UPDATE entries SET value = ? WHERE key = ?", forged)
    warm = audit(download, cache)
    assert cold.findings and same(cold, warm)
