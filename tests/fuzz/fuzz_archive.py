"""Fuzz target for the archive layer and JSON reading, runnable with atheris.

    python tests/fuzz/fuzz_archive.py -runs=100000 -max_len=65536

Every input is written as a file and opened as a download: the only exceptions allowed out of the
archive layer are InputError (the whole input is unusable) and MemberError (one member is bad).
Anything else is a crash that the fuzzer reports with the input that caused it.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import zipfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from exposure_audit.errors import InputError, MemberError
    from exposure_audit.fetchers.common.jsonio import parse_json_bytes
    from exposure_audit.limits import Limits
    from exposure_audit.sources.archive import Tree

LIMITS = Limits(member_bytes=1 << 20, json_bytes=1 << 20, json_depth=64, compression_ratio=50.0, ratio_floor_bytes=4096)
WORK = Path(tempfile.mkdtemp(prefix="exposure-audit-fuzz-"))
TARGET = WORK / "input.zip"


def seeds() -> list[bytes]:
    """Small valid zips to start from, so the fuzzer explores past the zip signature quickly."""
    out = []
    for members in (
        {"a.json": b'{"x": [1, 2, {"y": "\\u00c3\\u00b8"}]}'},
        {"../evil.json": b"[]", "dir/b.json": b'[{"post": "hi"}]'},
        {"photo.jpg": b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00MM\x00*\x00\x00\x00\x08"},
    ):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in members.items():
                archive.writestr(name, data)
        out.append(buffer.getvalue())
    return out


def test_one_input(data: bytes) -> None:
    TARGET.write_bytes(data)
    try:
        tree = Tree.open([TARGET], LIMITS)
    except InputError:
        return
    try:
        for path in list(tree.members):
            try:
                payload = tree.read_bytes(path, LIMITS.json_bytes)
                parse_json_bytes(payload, max_depth=LIMITS.json_depth, meta=True)
            except MemberError:
                continue
    finally:
        tree.close()


def main() -> None:
    corpus = WORK / "corpus"
    corpus.mkdir(exist_ok=True)
    for index, seed in enumerate(seeds()):
        (corpus / f"seed{index}").write_bytes(seed)
    args = [arg for arg in sys.argv if not arg.startswith("--corpus")]
    atheris.Setup([*args, str(corpus)], test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
