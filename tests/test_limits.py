"""Every cap in `Limits` is enforced where the input is read, refuses with a reason, and can be changed.

`ENFORCED` names the test of each cap; a new field in `Limits` without a test here fails the registry
test at the bottom.
"""

from __future__ import annotations

import csv
import json
import os
import zipfile
from dataclasses import fields
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exposure_audit.cli import app
from exposure_audit.cli.limit_flags import LIMIT_FLAGS
from exposure_audit.engine import AuditOptions, run_audit
from exposure_audit.errors import InputError, MemberError
from exposure_audit.fetchers.common.csvio import iter_csv
from exposure_audit.fetchers.common.jsonio import iter_json_array, read_json
from exposure_audit.fetchers.x import js as x_js
from exposure_audit.limits import DEFAULT_LIMITS, GiB, Limits, MiB, parse_size, with_overrides
from exposure_audit.model import Skipped
from exposure_audit.policy.model import load_policy
from exposure_audit.sources.archive import Tree, directory_extent
from tests.conftest import FIXTURES
from tests.hostile.inputs import png_header_only

FACEBOOK = FIXTURES / "facebook" / "2025-json"
ROLL = FIXTURES / "photos" / "camera-roll"
LINKEDIN = FIXTURES / "linkedin" / "complete"


def _zip(path: Path, members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _reasons(tree: Tree) -> dict[str, str]:
    return {s.source.member: s.reason for s in tree.skipped}


# --- parsing the caps --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "size"),
    [("2G", 2 * GiB), ("512 MiB", 512 * MiB), ("64k", 65536), ("1.5g", int(1.5 * GiB)), ("100", 100), ("3MB", 3 * MiB)],
)
def test_sizes_are_read_in_binary_units(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "2X", "-1G", "G", "1e9", "two"])
def test_what_is_not_a_size_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a size"):
        parse_size(text)


def test_overrides_change_only_the_named_caps_and_refuse_nonsense() -> None:
    changed = with_overrides({"members": 5, "compression_ratio": 3, "json_depth": None})
    assert (changed.members, changed.compression_ratio, changed.json_depth) == (5, 3.0, DEFAULT_LIMITS.json_depth)
    with pytest.raises(ValueError, match="below 1"):
        with_overrides({"members": 0})
    with pytest.raises(ValueError, match="no cap named"):
        with_overrides({"nested_zip_depth": 2})


# --- archive caps --------------------------------------------------------------------------------


def test_member_bytes_refuses_a_large_member_in_a_zip_and_in_a_folder(tmp_path: Path) -> None:
    zipped = _zip(tmp_path / "a.zip", {"big.bin": os.urandom(3000), "small.json": b"[]"}, zipfile.ZIP_STORED)
    folder = tmp_path / "dl"
    folder.mkdir()
    (folder / "big.bin").write_bytes(os.urandom(3000))
    (folder / "small.json").write_bytes(b"[]")
    for path in (zipped, folder):
        tree = Tree.open([path], Limits(member_bytes=2000))
        assert list(tree.members) == ["small.json"]
        assert "member cap of 2000 bytes" in _reasons(tree)["big.bin"]
        assert list(Tree.open([path], Limits(member_bytes=4000)).members) == ["big.bin", "small.json"]


def test_total_bytes_stops_adding_members_once_the_download_is_too_large(tmp_path: Path) -> None:
    zipped = _zip(tmp_path / "a.zip", {f"m{i}.bin": os.urandom(1000) for i in range(4)}, zipfile.ZIP_STORED)
    tree = Tree.open([zipped], Limits(total_bytes=2500))
    assert list(tree.members) == ["m0.bin", "m1.bin"]
    assert {m for m, r in _reasons(tree).items() if "total uncompressed size cap" in r} == {"m2.bin", "m3.bin"}


def test_compression_ratio_refuses_a_bomb_above_the_floor_only(tmp_path: Path) -> None:
    zipped = _zip(tmp_path / "a.zip", {"zeros.json": b"0" * (2 * MiB), "tiny.json": b"0" * 4096})
    tree = Tree.open([zipped], Limits(compression_ratio=50))
    assert list(tree.members) == ["tiny.json"]  # under ratio_floor_bytes, whatever its ratio
    assert "compression ratio" in _reasons(tree)["zeros.json"] and "50:1" in _reasons(tree)["zeros.json"]
    assert "zeros.json" in Tree.open([zipped], Limits(compression_ratio=50, ratio_floor_bytes=4 * MiB)).members
    assert "zeros.json" in Tree.open([zipped], Limits(compression_ratio=5000)).members


def test_members_caps_how_many_files_are_read(tmp_path: Path) -> None:
    folder = tmp_path / "dl"
    folder.mkdir()
    for i in range(5):
        (folder / f"m{i}.json").write_bytes(b"[]")
    tree = Tree.open([folder], Limits(members=3))
    assert len(tree.members) == 3
    assert sum("too many members" in s.reason for s in tree.skipped) == 2
    # A zip that lists more is refused whole, before its directory costs an object per entry.
    zipped = _zip(tmp_path / "a.zip", {f"m{i}.json": b"[]" for i in range(5)})
    with pytest.raises(InputError, match="lists about 5 members, over the cap of 3"):
        Tree.open([zipped], Limits(members=3))
    assert len(Tree.open([zipped], Limits(members=5)).members) == 5


def test_a_directory_larger_than_the_members_need_is_refused_whatever_count_it_claims(tmp_path: Path) -> None:
    zipped = _zip(tmp_path / "a.zip", {f"{'x' * 200}/{i}.json": b"[]" for i in range(50)})
    declared, size = directory_extent(zipped)
    assert declared == 50 and size > 50 * 200
    with pytest.raises(InputError, match="over the cap of 40"):
        Tree.open([zipped], Limits(members=40))  # 50 entries of ~250 bytes: about 125 by size alone
    data = bytearray(zipped.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    data[end + 8 : end + 12] = (1).to_bytes(2, "little") * 2  # the end record now claims one member
    zipped.write_bytes(bytes(data))
    with pytest.raises(InputError, match="over the cap of 100"):
        Tree.open([zipped], Limits(members=100))


# --- JSON caps -------------------------------------------------------------------------------------


def _memory(name: str, data: bytes, limits: Limits) -> Tree:
    return Tree.from_memory("mem", {name: data}, limits)


def test_json_bytes_refuses_a_document_too_large_to_read_whole() -> None:
    data = json.dumps(["x" * 100] * 50).encode()
    with pytest.raises(MemberError, match="over the cap"):
        read_json(_memory("a.json", data, Limits(json_bytes=1000)), "a.json")
    assert len(read_json(_memory("a.json", data, Limits(json_bytes=len(data))), "a.json")) == 50


def _nested(depth: int) -> bytes:
    return b"[" + b"[" * (depth - 1) + b"]" * (depth - 1) + b"]"


@pytest.mark.parametrize("streamed", [False, True])
def test_json_depth_is_enforced_whole_and_streamed(streamed: bool) -> None:
    document = b"[" + _nested(4) + b"]"  # depth 5

    def read(limits: Limits) -> object:
        tree = _memory("a.json", document, limits)
        return list(iter_json_array(tree, "a.json", "item")) if streamed else read_json(tree, "a.json")

    with pytest.raises(MemberError, match="deeper than the cap of 4 levels"):
        read(Limits(json_depth=4))
    assert read(Limits(json_depth=5))


@pytest.mark.parametrize("streamed", [False, True])
def test_json_string_chars_is_enforced_whole_and_streamed(streamed: bool) -> None:
    document = json.dumps([{"post": "short"}, {"post": "y" * 5000}]).encode()

    def read(limits: Limits) -> object:
        tree = _memory("a.json", document, limits)
        return list(iter_json_array(tree, "a.json", "item")) if streamed else read_json(tree, "a.json")

    with pytest.raises(MemberError, match="string is longer than the cap of 4999"):
        read(Limits(json_string_chars=4999))
    assert len(read(Limits(json_string_chars=5000))) == 2  # type: ignore[arg-type]


@pytest.mark.parametrize("streamed", [False, True])
def test_x_data_files_obey_the_json_caps(streamed: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if streamed:
        monkeypatch.setattr(x_js, "STREAM_BYTES", 16)
    body = json.dumps([{"tweet": {"full_text": "z" * 3000}}]).encode()
    data = b"window.YTD.tweets.part0 = " + body
    with pytest.raises(MemberError, match="string is longer"):
        list(x_js.iter_js_array(_memory("data/tweets.js", data, Limits(json_string_chars=2000)), "data/tweets.js"))
    deep = b"window.YTD.tweets.part0 = [" + _nested(300) + b"]"
    with pytest.raises(MemberError, match="deeper than the cap"):
        list(x_js.iter_js_array(_memory("data/tweets.js", deep, DEFAULT_LIMITS), "data/tweets.js"))
    assert len(list(x_js.iter_js_array(_memory("data/tweets.js", data, DEFAULT_LIMITS), "data/tweets.js"))) == 1


# --- CSV, text and image caps --------------------------------------------------------------------------


def _csv_records(data: bytes, limits: Limits) -> list[object]:
    return list(iter_csv(_memory("Skills.csv", data, limits), "Skills.csv"))


def test_csv_field_chars_refuses_a_long_quoted_field_spanning_lines() -> None:
    field = "\n".join(["x" * 50] * 40)  # 2,039 characters over 40 short lines
    data = f'Name\nfirst\n"{field}"\nlast\n'.encode()
    records = _csv_records(data, Limits(csv_field_chars=1000))
    (refusal,) = [r for r in records if isinstance(r, Skipped)]
    assert refusal.source.pointer == "row 2" and "cap of 1000 characters" in refusal.reason
    assert [r[1].values["name"] for r in records if isinstance(r, tuple)] == ["first"]
    assert len(_csv_records(data, Limits(csv_field_chars=5000))) == 3


def test_csv_field_chars_refuses_a_long_line_before_it_is_in_memory() -> None:
    head = b"Name\n" + b"".join(b"skill %d\n" % i for i in range(20_000))  # longer than the 64K head
    data = head + b"y" * 5000 + b"\nlast\n"
    records = _csv_records(data, Limits(csv_field_chars=4000))
    refusals = [r for r in records if isinstance(r, Skipped)]
    assert len(refusals) == 1 and "cap of 4000 characters" in refusals[0].reason
    assert sum(1 for r in records if isinstance(r, tuple)) == 20_000
    with pytest.raises(MemberError, match="line is longer than the cap of 10000 characters"):
        _csv_records(b"Name\n" + b"y" * 100_000 + b"\n", Limits(csv_field_chars=10_000))  # past the head


def test_the_csv_cap_of_one_read_does_not_leak_into_other_csv_readers() -> None:
    _csv_records(b"Name\nx\n", Limits(csv_field_chars=10))
    assert next(csv.reader(["y" * 100_000])) == ["y" * 100_000]


def test_text_bytes_refuses_a_large_html_page() -> None:
    folder = FIXTURES / "facebook" / "2024-html"
    report = run_audit([folder], load_policy(None), AuditOptions(jobs=1, limits=Limits(text_bytes=600)))
    refused = [s for s in report.skipped if "over the cap of 600 bytes" in s.reason]
    assert refused and all(s.source.member.endswith(".html") for s in refused)
    assert not run_audit([folder], load_policy(None), AuditOptions(jobs=1)).skipped


def test_html_tags_refuses_a_page_before_it_is_parsed() -> None:
    folder = FIXTURES / "facebook" / "2024-html"
    report = run_audit([folder], load_policy(None), AuditOptions(jobs=1, limits=Limits(html_tags=40)))
    refused = [s for s in report.skipped if "tags, over the cap of 40" in s.reason]
    assert refused and all(s.source.member.endswith(".html") for s in refused)
    relaxed = run_audit([folder], load_policy(None), AuditOptions(jobs=1, limits=Limits(html_tags=10_000)))
    assert not relaxed.skipped


def test_image_pixels_reports_an_image_over_the_cap_and_still_reads_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "roll"
    folder.mkdir()
    (folder / "IMG_0001.png").write_bytes(png_header_only(300, 200))
    (folder / "IMG_0002.png").write_bytes(png_header_only(10, 10))
    report = run_audit([folder], load_policy(None), AuditOptions(jobs=1, limits=Limits(image_pixels=50_000)))
    (refusal,) = [s for s in report.skipped if s.stage == "media" and "pixels" in s.reason]
    assert refusal.source.member == "IMG_0001.png" and "300 x 200 pixels, over the cap of 50000" in refusal.reason
    assert report.inputs[0].items == 2  # both photos were still read (the EXIF is safe to use)
    relaxed = run_audit([folder], load_policy(None), AuditOptions(jobs=1, limits=Limits(image_pixels=60_000)))
    assert not [s for s in relaxed.skipped if "pixels" in s.reason]


# --- the command line --------------------------------------------------------------------------------


def _download(tmp_path: Path) -> Path:
    """The 2025 Facebook fixture as a zip plus a deep document, a long string and a half-compressible file."""
    extra = {
        "your_facebook_activity/groups/your_groups.json": json.dumps([{"name": [[["x"]]]}]).encode(),
        "your_facebook_activity/posts/album/7.json": json.dumps({"name": "w" * 400}).encode(),
        "extra/notes.txt": os.urandom(768 * 1024).hex().encode(),  # compresses about 2:1
    }
    target = tmp_path / "facebook.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(FACEBOOK.rglob("*")):
            name = path.relative_to(FACEBOOK).as_posix()
            if path.is_file() and name not in extra:
                archive.write(path, name)
        for name, data in extra.items():
            archive.writestr(name, data)
    return target


CLI_CASES = {
    "--max-member-size": ("1K", "exceeds the member cap of 1024 bytes"),
    "--max-total-size": ("64K", "total uncompressed size cap reached"),
    "--max-ratio": ("1.5", "exceeds the cap of 2:1"),
    "--max-members": ("5", "too many members"),
    "--max-json-depth": ("3", "deeper than the cap of 3 levels"),
    "--max-json-string": ("300", "longer than the cap of 300 characters"),
    "--max-csv-field": ("20", "cap of 20 characters"),
    "--max-image-pixels": ("1000", "pixels, over the cap of 1000"),
    "--max-html-tags": ("40", "tags, over the cap of 40"),
}


def _skip_reasons(result_path: Path) -> list[str]:
    return [s["reason"] for s in json.loads(result_path.read_text())["skipped"]]


@pytest.mark.parametrize("flag", sorted(CLI_CASES))
def test_each_limit_flag_changes_what_is_refused(flag: str, tmp_path: Path) -> None:
    value, reason = CLI_CASES[flag]
    source = {
        "--max-csv-field": LINKEDIN,
        "--max-image-pixels": ROLL,
        "--max-members": FACEBOOK,
        "--max-html-tags": FIXTURES / "facebook" / "2024-html",
    }.get(flag) or _download(tmp_path)
    runner = CliRunner()
    default, limited = tmp_path / "default.json", tmp_path / "limited.json"
    first = runner.invoke(app, ["scan", str(source), "-f", "json", "-o", str(default), "--no-cache", "--jobs", "1"])
    second = runner.invoke(
        app, ["scan", str(source), "-f", "json", "-o", str(limited), "--no-cache", "--jobs", "1", flag, value]
    )
    assert (first.exit_code, second.exit_code) == (1, 1), second.output
    assert not any(reason in r for r in _skip_reasons(default))
    assert any(reason in r for r in _skip_reasons(limited)), _skip_reasons(limited)


def test_a_zip_with_more_members_than_the_flag_allows_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["scan", str(_download(tmp_path)), "--max-members", "5", "--no-cache"])
    assert result.exit_code == 2
    assert "over the cap of 5. If this really is one download, raise the cap with --max-members" in result.output


@pytest.mark.parametrize(
    ("flag", "value"), [("--max-member-size", "lots"), ("--max-members", "0"), ("--max-ratio", "0.5")]
)
def test_a_bad_limit_flag_is_a_one_line_usage_error(flag: str, value: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["scan", str(ROLL), flag, value, "-o", str(tmp_path / "r.txt")])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"exposure-audit: {flag}: ")
    assert not (tmp_path / "r.txt").exists()


def test_folders_nested_1200_deep_become_one_skipped_entry(tmp_path: Path) -> None:
    root = tmp_path / "download"
    root.mkdir()
    (root / "top.txt").write_text("hello")
    levels = [root]
    for _ in range(1200):  # one level at a time: mkdir(parents=True) itself recurses
        levels.append(levels[-1] / "d")
        levels[-1].mkdir()
    (levels[-1] / "bottom.txt").write_text("too deep")
    try:
        tree = Tree.open([root], DEFAULT_LIMITS)
        try:
            assert "top.txt" in tree.members and not any(m.endswith("bottom.txt") for m in tree.members)
            reasons = [s.reason for s in tree.skipped]
            assert reasons == [f"folders nested deeper than {DEFAULT_LIMITS.folder_depth} levels; not read"]
        finally:
            tree.close()
    finally:  # removed here, bottom up: pytest's own clean-up of old temporary folders recurses too
        (levels[-1] / "bottom.txt").unlink()
        for level in reversed(levels[1:]):
            level.rmdir()


# --- every cap has a test ----------------------------------------------------------------------------------

ENFORCED = {
    "member_bytes": test_member_bytes_refuses_a_large_member_in_a_zip_and_in_a_folder,
    "total_bytes": test_total_bytes_stops_adding_members_once_the_download_is_too_large,
    "compression_ratio": test_compression_ratio_refuses_a_bomb_above_the_floor_only,
    "ratio_floor_bytes": test_compression_ratio_refuses_a_bomb_above_the_floor_only,
    "members": test_members_caps_how_many_files_are_read,
    "json_bytes": test_json_bytes_refuses_a_document_too_large_to_read_whole,
    "json_depth": test_json_depth_is_enforced_whole_and_streamed,
    "json_string_chars": test_json_string_chars_is_enforced_whole_and_streamed,
    "csv_field_chars": test_csv_field_chars_refuses_a_long_line_before_it_is_in_memory,
    "text_bytes": test_text_bytes_refuses_a_large_html_page,
    "html_tags": test_html_tags_refuses_a_page_before_it_is_parsed,
    "image_pixels": test_image_pixels_reports_an_image_over_the_cap_and_still_reads_the_rest,
    "folder_depth": test_folders_nested_1200_deep_become_one_skipped_entry,
}


def test_every_cap_has_an_enforcement_test_and_the_main_ones_a_flag() -> None:
    assert set(ENFORCED) == {f.name for f in fields(Limits)}
    assert set(LIMIT_FLAGS) <= set(ENFORCED)
    assert {flag for flag in CLI_CASES} == set(LIMIT_FLAGS.values())
