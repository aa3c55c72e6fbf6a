"""Dataclass methods compiled once and kept: the same classes, code read back, bad files ignored."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from exposure_audit.runtime.dataclass_code import CodeCache, cache_file

SOURCE = "def __create_fn__():\n def __init__(self, a):\n  self.a = a\n return __init__\n"


def test_code_compiled_once_is_read_back_by_the_next_process(tmp_path: Path) -> None:
    path = tmp_path / "code.marshal"
    first = CodeCache(path)
    code = first.code(SOURCE)
    assert first.compiled == 1
    first.save()
    again = CodeCache(path)
    assert again.code(SOURCE) == code and again.compiled == 0
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_damaged_file_is_ignored_and_replaced(tmp_path: Path) -> None:
    path = tmp_path / "code.marshal"
    path.write_bytes(b"\x00not marshal data")
    path.chmod(0o600)
    cache = CodeCache(path)
    assert cache.codes == {}
    cache.code(SOURCE)
    cache.save()
    assert CodeCache(path).codes


def test_a_file_others_can_write_to_is_not_run(tmp_path: Path) -> None:
    path = tmp_path / "code.marshal"
    cache = CodeCache(path)
    cache.code(SOURCE)
    cache.save()
    path.chmod(0o666)
    assert CodeCache(path).codes == {}


def test_nothing_is_written_when_nothing_new_was_compiled(tmp_path: Path) -> None:
    path = tmp_path / "code.marshal"
    CodeCache(path).save()
    assert not path.exists()


CLASSES = textwrap.dedent(
    """
    import sys
    from dataclasses import dataclass, field, replace
    from exposure_audit.runtime import dataclass_code
    from pathlib import Path

    cache = dataclass_code.install(Path(sys.argv[1]))
    before = cache.compiled

    @dataclass(frozen=True, slots=True)
    class Point:
        lat: float
        lon: float = 0.0
        tags: tuple[str, ...] = field(default_factory=tuple)

    p = Point(1.5, tags=("a",))
    assert p == Point(1.5, 0.0, ("a",)) and hash(p) == hash(Point(1.5, 0.0, ("a",)))
    assert replace(p, lon=2.0).lon == 2.0
    try:
        p.lat = 3.0
    except AttributeError:
        pass
    else:
        raise SystemExit("a frozen class accepted an assignment")
    print(cache.compiled - before, repr(p))
    """
)


def _define_classes(folder: Path, *flags: str) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    result = subprocess.run(
        [sys.executable, *flags, "-c", CLASSES, str(folder)], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr
    compiled, shown = result.stdout.strip().split(" ", 1)
    return int(compiled), shown


def test_the_second_process_compiles_nothing_and_gets_the_same_class(tmp_path: Path) -> None:
    compiled, shown = _define_classes(tmp_path)
    assert compiled > 0 and cache_file(tmp_path).exists()
    again, shown_again = _define_classes(tmp_path)
    assert again == 0
    assert shown_again == shown == "Point(lat=1.5, lon=0.0, tags=('a',))"


def test_nothing_is_kept_when_python_is_told_not_to_write_bytecode(tmp_path: Path) -> None:
    compiled, _ = _define_classes(tmp_path, "-B")
    assert compiled > 0 and not cache_file(tmp_path).exists()
