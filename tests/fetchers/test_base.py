"""The generic parts of a routed fetcher: per-member reader state, download-wide facts, grouped tasks."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from exposure_audit.fetchers.base import Match, Peek, Reading, Record, Route, RoutedFetcher
from exposure_audit.model import Platform
from exposure_audit.sources.archive import Tree

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
