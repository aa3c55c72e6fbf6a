"""The inputs: a path is listed once however many trees are built from it, and names stay the same keys."""

from __future__ import annotations

import itertools
from pathlib import Path

from exposure_audit.limits import Limits
from exposure_audit.model import Skipped
from exposure_audit.sources.archive import Tree
from exposure_audit.sources.inputs import Member, normalise_member_name, open_source


def _folder(root: Path, names: list[str]) -> Path:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(name.encode())
    return root


def test_a_folder_is_walked_once_for_detection_and_its_download(tmp_path: Path) -> None:
    source = open_source(_folder(tmp_path / "dl", ["a.json", "photos/b.jpg"]))
    first = Tree([source])
    (tmp_path / "dl" / "late.json").write_bytes(b"{}")  # not seen again until the source is closed
    second = Tree([source])
    assert list(second.members) == list(first.members) == ["a.json", "photos/b.jpg"]
    source.close()
    assert "late.json" in Tree([source]).members


def test_the_listing_follows_the_place_of_the_path_among_its_parts(tmp_path: Path) -> None:
    one = open_source(_folder(tmp_path / "one", ["a.json"]))
    two = open_source(_folder(tmp_path / "two", ["b.json"]))
    Tree([two])  # detection sees the second part alone, as the first source of its tree
    merged = Tree([one, two])
    assert merged.members["b.json"].source == 1
    assert merged.label_of("b.json") == str(tmp_path / "two")


def test_other_limits_list_the_folder_again(tmp_path: Path) -> None:
    source = open_source(_folder(tmp_path / "dl", ["small.json", "large.json"]))
    (tmp_path / "dl" / "large.json").write_bytes(b"x" * 100)
    assert set(Tree([source]).members) == {"small.json", "large.json"}
    listed = source.listing(Limits(member_bytes=50), 0)
    assert [e.source.member for e in listed if isinstance(e, Skipped)] == ["large.json"]
    assert [e.path for e in listed if isinstance(e, Member)] == ["small.json"]


def test_clean_names_and_unclean_ones_normalise_as_part_by_part() -> None:
    def by_parts(name: str) -> str:
        parts: list[str] = []
        for part in name.replace("\\", "/").split("/"):
            if part == "..":
                parts = parts[:-1]
            elif part not in ("", "."):
                parts.append(part)
        return "/".join(parts)

    for length in range(6):
        for letters in itertools.product("a./\\", repeat=length):
            name = "".join(letters)
            assert normalise_member_name(name) == by_parts(name), name
    assert normalise_member_name("C:photos/a.jpg") == "photos/a.jpg"
