"""Values kept between runs: read back when the file is this user's and well formed, else started afresh."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from exposure_audit.runtime import kept_values
from exposure_audit.runtime.kept_values import KeptValues, kept_file


def _is_text(value: object) -> bool:
    return isinstance(value, str)


def test_values_added_are_read_back_from_an_owner_only_file(tmp_path: Path) -> None:
    path = kept_file(tmp_path / "new-folder", "things")
    first = KeptValues(path, _is_text)
    first.put(b"k", "value")
    first.save()
    assert KeptValues(path, _is_text).get(b"k") == "value"
    assert path.stat().st_mode & 0o777 == 0o600 and path.parent.stat().st_mode & 0o777 == 0o700


def test_a_file_holding_a_value_of_another_type_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "things.marshal"
    path.write_bytes(marshal.dumps({b"k": "value", b"other": 3}))
    path.chmod(0o600)
    assert KeptValues(path, _is_text).values == {}


def test_a_file_that_grew_too_large_is_started_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kept_values, "MAX_ENTRIES", 2)
    path = tmp_path / "things.marshal"
    kept = KeptValues(path, _is_text)
    for key in (b"a", b"b", b"c"):
        kept.put(key, "value")
    kept.save()
    assert KeptValues(path, _is_text).values == {}


FORKED = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from exposure_audit.runtime.kept_values import KeptValues

    kept = KeptValues(Path(sys.argv[1]), lambda value: isinstance(value, str))
    kept.save_at_exit()
    child = os.fork()
    if child == 0:
        kept.put(b"child", "value")
        sys.exit(0)  # exit handlers run in the child too
    os.waitpid(child, 0)
    if sys.argv[2] == "add":
        kept.put(b"parent", "value")
    """
)


@pytest.mark.parametrize("parent", ["add", "nothing"])
def test_only_the_process_that_opened_the_file_writes_it(tmp_path: Path, parent: str) -> None:
    path = tmp_path / "things.marshal"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    result = subprocess.run(
        [sys.executable, "-c", FORKED, str(path), parent], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr
    if parent == "add":
        assert KeptValues(path, _is_text).values == {b"parent": "value"}
    else:
        assert not path.exists()
