"""The archive layer: zips and folders read in place, parts merged, hostile members refused."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from exposure_audit.errors import InputError, MemberError
from exposure_audit.limits import Limits
from exposure_audit.sources.archive import Tree, normalise_member_name, open_source


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("a/b.json", "a/b.json"),
        ("/etc/passwd", "etc/passwd"),
        ("../../outside.txt", "outside.txt"),
        ("a/../../b", "b"),
        ("C:\\Users\\x\\photo.jpg", "Users/x/photo.jpg"),
        ("a\\b/./c", "a/b/c"),
        ("./", ""),
    ],
)
def test_member_names_are_normalised_into_clean_keys(raw: str, key: str) -> None:
    assert normalise_member_name(raw) == key


def _zip(path: Path, members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_zip_and_folder_give_the_same_tree(tmp_path: Path) -> None:
    folder = tmp_path / "dl"
    (folder / "posts").mkdir(parents=True)
    (folder / "posts" / "a.json").write_bytes(b"[1]")
    (folder / "b.txt").write_bytes(b"hello")
    zipped = _zip(tmp_path / "dl.zip", {"posts/a.json": b"[1]", "b.txt": b"hello"})
    from_folder = Tree.open([folder])
    from_zip = Tree.open([zipped])
    assert list(from_folder.members) == list(from_zip.members) == ["b.txt", "posts/a.json"]
    assert from_zip.read_bytes("posts/a.json") == from_folder.read_bytes("posts/a.json") == b"[1]"


def test_several_zips_merge_into_one_tree(tmp_path: Path) -> None:
    one = _zip(tmp_path / "part1.zip", {"a/x.json": b"1", "shared.csv": b"same"})
    two = _zip(tmp_path / "part2.zip", {"b/y.json": b"2", "shared.csv": b"same"})
    tree = Tree.open([one, two])
    assert list(tree.members) == ["a/x.json", "b/y.json", "shared.csv"]
    assert tree.label_of("b/y.json") == str(two)
    assert not tree.skipped  # identical copies in two parts are one member, silently


def test_a_larger_copy_in_another_part_wins_and_the_other_is_reported(tmp_path: Path) -> None:
    basic = _zip(tmp_path / "basic.zip", {"Connections.csv": b"short"})
    complete = _zip(tmp_path / "complete.zip", {"Connections.csv": b"much longer content"})
    tree = Tree.open([basic, complete])
    assert tree.read_bytes("Connections.csv") == b"much longer content"
    assert len(tree.skipped) == 1 and "larger copy" in tree.skipped[0].reason


def test_zip_slip_names_are_data_never_paths(tmp_path: Path) -> None:
    zipped = _zip(tmp_path / "evil.zip", {"../../evil.json": b"{}", "/abs/x.json": b"{}", "ok/y.json": b"{}"})
    tree = Tree.open([zipped])
    assert set(tree.members) == {"evil.json", "abs/x.json", "ok/y.json"}
    assert not (tmp_path.parent / "evil.json").exists()


def test_a_zip_bomb_member_is_refused_with_a_reason(tmp_path: Path) -> None:
    zipped = _zip(tmp_path / "bomb.zip", {"big.json": b"0" * (8 * 1024 * 1024), "fine.json": b"[]"})
    tree = Tree.open([zipped], Limits(compression_ratio=50.0))
    assert list(tree.members) == ["fine.json"]
    (refusal,) = tree.skipped
    assert refusal.source.member == "big.json" and "compression ratio" in refusal.reason


def test_a_member_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    zipped = _zip(tmp_path / "big.zip", {"big.bin": os.urandom(4096)}, zipfile.ZIP_STORED)
    tree = Tree.open([zipped], Limits(member_bytes=1000))
    assert not tree.members
    assert "member cap" in tree.skipped[0].reason


def test_encrypted_members_are_refused(tmp_path: Path) -> None:
    zipped = _zip(tmp_path / "enc.zip", {"secret.json": b"{}"}, zipfile.ZIP_STORED)
    data = bytearray(zipped.read_bytes())
    # Set the "encrypted" flag bit in both the local header and the central directory entry.
    local = data.find(b"PK\x03\x04")
    central = data.find(b"PK\x01\x02")
    data[local + 6] |= 0x01
    data[central + 8] |= 0x01
    zipped.write_bytes(bytes(data))
    tree = Tree.open([zipped])
    assert not tree.members
    assert "encrypted" in tree.skipped[0].reason


def test_symlinks_out_of_a_folder_are_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read")
    folder = tmp_path / "dl"
    folder.mkdir()
    (folder / "inside.json").write_text("[]")
    (folder / "leak.json").symlink_to(secret)
    (folder / "alias.json").symlink_to(folder / "inside.json")
    tree = Tree.open([folder])
    assert set(tree.members) == {"inside.json", "alias.json"}
    assert any(s.source.member == "leak.json" and "outside" in s.reason for s in tree.skipped)


def test_a_corrupt_member_raises_member_error_not_a_crash(tmp_path: Path) -> None:
    zipped = _zip(tmp_path / "c.zip", {"a.json": os.urandom(5000)})
    data = bytearray(zipped.read_bytes())
    start = data.find(b"a.json") + len(b"a.json")
    for i in range(start + 10, start + 40):
        data[i] ^= 0xFF
    zipped.write_bytes(bytes(data))
    tree = Tree.open([zipped])
    with pytest.raises(MemberError):
        tree.read_bytes("a.json")


def test_unusable_inputs_give_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        open_source(tmp_path / "missing.zip")
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(InputError, match="not a zip file or a folder"):
        open_source(text)


def test_uris_resolve_by_literal_path_suffix_then_basename(tmp_path: Path) -> None:
    zipped = _zip(
        tmp_path / "fb.zip",
        {
            "your_facebook_activity/posts/media/Album_1/p1.jpg": b"x",
            "your_facebook_activity/posts/media/Album_2/p2.jpg": b"y",
        },
    )
    tree = Tree.open([zipped])
    assert tree.resolve_uri("your_facebook_activity/posts/media/Album_1/p1.jpg").endswith("Album_1/p1.jpg")
    # An old prefix, doubled folders and a moved folder all still find the file.
    assert tree.resolve_uri("your_activity_across_facebook/posts/media/Album_2/p2.jpg").endswith("p2.jpg")
    assert tree.resolve_uri("x/x/posts/media/Album_1/p1.jpg").endswith("p1.jpg")
    assert tree.resolve_uri("https://scontent.example/p1.jpg") == ""
    assert tree.resolve_uri("posts/media/missing.jpg") == ""


def test_inputs_are_never_modified(tmp_path: Path) -> None:
    zipped = _zip(tmp_path / "fb.zip", {"a.json": b"[]"})
    before = (zipped.read_bytes(), zipped.stat().st_mtime_ns)
    tree = Tree.open([zipped])
    tree.read_bytes("a.json")
    tree.close()
    assert (zipped.read_bytes(), zipped.stat().st_mtime_ns) == before


# Inputs the archive fuzz target found; each once escaped the archive layer as a crash.
FUZZ_FINDINGS = [
    # central directory claims "zip file version 8.0": zipfile raises NotImplementedError
    "UEsDBBQAAAAIAM5+dV0pu0wNBAAAAAIAAAAMAAAALi4vZXZpbC5qc29ui44FAFBLAwQUAAAACADOfnVdDrL2lBIAAAAQAAAACgAAAGRpci9iLmpz"
    "b26LrlYqyC8uUbJSUMrIVKqNBQBQSwECFANQyshUqo0FAFBLAQIUAxQAAAAIAM5+dV0pu0wNBAAAAAIAAAAMAAAAAAAAAAAAAACAAQAAAAAuLi9l"
    "dmlsLmpzb25QSwECFAMUAAAAEAAAAAoAAAAAAAAAAAAAAIABLgAAAGRpci9iLmpzb25QSwUGAAAAAAIAAgByAAAAaAAAAAAA",
]


@pytest.mark.parametrize("encoded", FUZZ_FINDINGS)
def test_damaged_zips_found_by_fuzzing_are_input_or_member_errors(tmp_path: Path, encoded: str) -> None:
    import base64

    path = tmp_path / "damaged.zip"
    path.write_bytes(base64.b64decode(encoded))
    try:
        tree = Tree.open([path])
    except InputError:
        return
    for member in tree.members:
        with pytest.raises(MemberError):
            tree.read_bytes(member)


def test_a_member_with_an_empty_name_is_skipped_not_a_crash(tmp_path: Path) -> None:
    zipped = _zip(tmp_path / "empty-name.zip", {"ok.json": b"[]"})
    data = zipped.read_bytes()
    # Rename "ok.json" to "" in the central directory only (name length 0), as a hostile writer could.
    central = data.find(b"PK\x01\x02")
    patched = bytearray(data)
    patched[central + 28 : central + 30] = (0).to_bytes(2, "little")
    name_at = central + 46
    patched[name_at : name_at + len(b"ok.json")] = b""
    end = patched.find(b"PK\x05\x06")
    size = int.from_bytes(patched[end + 12 : end + 16], "little") - len(b"ok.json")
    patched[end + 12 : end + 16] = size.to_bytes(4, "little")
    path = tmp_path / "patched.zip"
    path.write_bytes(bytes(patched))
    try:
        tree = Tree.open([path])
    except InputError:
        return
    assert not tree.members
    assert tree.skipped and "empty" in tree.skipped[0].reason


def test_a_repeated_member_name_reads_the_first_copy_not_the_last(tmp_path: Path) -> None:
    path = tmp_path / "dup.zip"
    with zipfile.ZipFile(path, "w") as archive, pytest.warns(UserWarning, match="Duplicate name"):
        archive.writestr("a.json", b"[1]")
        archive.writestr("a.json", b"[2, 3, 4, 5]")
    tree = Tree.open([path])
    assert tree.read_bytes("a.json") == b"[1]"
    assert any("duplicate" in s.reason for s in tree.skipped)
