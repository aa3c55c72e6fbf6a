"""The generic parts of a routed fetcher: per-member reader state, download-wide facts, grouped tasks."""

from __future__ import annotations

import pickle
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from exposure_audit.fetchers.base import (
    Marker,
    Match,
    Peek,
    Reading,
    Record,
    Route,
    RoutedFetcher,
    count_markers,
    marker,
)
from exposure_audit.model import Platform
from exposure_audit.sources.archive import Tree
from exposure_audit.sources.inputs import MemorySource

TOY = Platform("toy-base")


@dataclass
class Tally:
    seen: list[str] = field(default_factory=list)


def test_a_reading_state_is_made_once_per_member_and_shared_by_its_helpers() -> None:
    tree = Tree.from_memory("t", {"a.txt": b"", "b.txt": b""})
    first = Reading(tree, "a.txt", TOY)
    first.state(Tally).seen.append("one")
    first.state(Tally).seen.append("two")
    assert first.state(Tally).seen == ["one", "two"]
    assert Reading(tree, "b.txt", TOY).state(Tally).seen == []  # another member starts afresh
    assert first == Reading(tree, "a.txt", TOY)  # state is not part of what a reading is


calls: list[int] = []  # one entry per time the download-wide fact is worked out


def _folders_with_photos(tree: Tree) -> frozenset[str]:
    calls.append(1)
    return frozenset(p.rsplit("/", 1)[0] for p in tree.members if p.endswith(".jpg"))


def _beside_photo(peek: Peek) -> bool:
    return peek.path.rsplit("/", 1)[0] in peek.fact(_folders_with_photos)


def _nothing(reading: Reading) -> Iterator[Record]:
    return iter(())


class FolderFetcher(RoutedFetcher):
    platform = TOY
    markers = ()
    routes = (
        Route(
            "folder",
            Match(name=lambda p: p.endswith(".jpg"), content=_beside_photo),
            _nothing,
            group=lambda p: p.rsplit("/", 1)[0],
        ),
    )


def test_a_grouped_route_plans_one_task_per_key_and_facts_are_worked_out_once_per_plan() -> None:
    files = {"b/1.jpg": b"", "a/x.json": b"{}", "b/notes.json": b"{}", "a/2.jpg": b"", "c/alone.json": b"{}"}
    calls.clear()
    tasks = FolderFetcher().plan(Tree.from_memory("t", files))
    assert [t.members for t in tasks] == [("a/2.jpg", "a/x.json"), ("b/1.jpg", "b/notes.json")]  # c/ has no photo
    assert len(calls) == 1  # three members asked; the download was looked at once


def test_a_platform_is_one_object_per_id_and_survives_pickling() -> None:
    assert Platform("facebook") is Platform.FACEBOOK
    assert pickle.loads(pickle.dumps(Platform.X)) is Platform.X
    assert Platform.GOOGLE_PHOTOS.value == "google-photos" == f"{Platform.GOOGLE_PHOTOS}"
    with pytest.raises(ValueError, match="not a platform id"):
        Platform("Not An Id")


# --- markers: all paths searched at once give the count that searching each path gives ---

_PATH_PARTS = (
    "manifest.js",
    "data/manifest.js",
    "data/Manifest.JS",
    "manifest.js.bak",
    "xmanifest.js",
    "tweets_media/1.jpg",
    "your_instagram_activity/likes.json",
    "content/posts_1.json",
    "media/posts/202001/a.jpg",
    "Connections.csv",
    "connections_2024.csv",
    "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json",
    "IMG_0001.jpg",
    "a\nmanifest.js",  # a line break in a member's name (zip names may hold one)
    "manifest.js\nb",
    "notes/toy_notes.txt",
)


def _each_path_count(markers: tuple[Marker, ...], tree: Tree) -> int:
    return sum(1 for m in markers if any(m.pattern.search(path) for path in tree.members))


def _all_markers() -> tuple[Marker, ...]:
    from exposure_audit import fetchers

    return tuple(m for entry in fetchers.REGISTRY for m in entry.markers())


def test_every_platforms_markers_are_searched_over_all_paths_at_once() -> None:
    assert all(m.over_lines is not None for m in _all_markers())


def test_markers_count_as_when_each_path_is_searched() -> None:
    rng = random.Random(7)
    markers = (
        *_all_markers(),
        marker("at a word's edge", r"\bnotes\b"),
        marker("a whole path", r"^IMG_\d+\.jpg$"),
        marker("anything but a slash", r"[^/]manifest"),
        marker("after a slash", r"(?<=/)posts_1\.json"),
        marker("a part and anything", r"(^|/)tweets_media/.+"),
    )
    for _ in range(300):
        paths = rng.sample(_PATH_PARTS, rng.randint(0, 6))
        tree = Tree([MemorySource("t", dict.fromkeys(paths, b""))])
        assert count_markers(markers, tree) == _each_path_count(markers, tree), paths
        for one in markers:
            assert count_markers((one,), tree) == _each_path_count((one,), tree), (one.description, paths)


def test_an_expression_that_all_paths_at_once_could_miss_is_searched_path_by_path() -> None:
    # Before "x.js" in the joined text is a line break, which [^/] matches: the joined text has no match.
    after_nothing = marker("x.js with nothing but a slash before it", r"(?<![^/])x\.js")
    at_start = marker("x.js first", r"\Ax\.js")
    tree = Tree([MemorySource("t", dict.fromkeys(["a", "x.js"], b""))])
    assert after_nothing.over_lines is None and at_start.over_lines is None
    assert count_markers((after_nothing, at_start), tree) == 2
