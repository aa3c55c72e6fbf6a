import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from exposure_audit.runtime.collector import (
    YOUNG_THRESHOLD,
    collect_as_usual,
    defer_while_starting,
    settle_for_batch,
    started_as_command_line,
)


@pytest.fixture
def restored_collector() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


@pytest.mark.usefixtures("restored_collector")
def test_what_exists_is_frozen_and_young_collections_are_rare() -> None:
    before = gc.get_threshold()
    settle_for_batch()
    assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == (YOUNG_THRESHOLD, before[1], before[2])
    assert gc.isenabled()


@pytest.mark.usefixtures("restored_collector")
def test_a_cycle_made_afterwards_is_still_freed() -> None:
    settle_for_batch()

    class Node:
        other: object = None

    first, second = Node(), Node()
    first.other, second.other = second, first
    collected_before = gc.get_stats()[0]["collected"]
    del first, second
    held = [[] for _ in range(YOUNG_THRESHOLD + 1_000)]  # enough new objects for a young collection
    assert held
    assert gc.get_stats()[0]["collected"] >= collected_before + 2


def _young_threshold_after_import(script_name: str | None) -> int:
    named = f"sys.argv[0] = {script_name!r}\n" if script_name is not None else ""
    code = f"import sys\n{named}import gc, exposure_audit\nprint(gc.get_threshold()[0])"
    return int(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def test_the_command_line_loads_its_modules_without_young_collections() -> None:
    assert _young_threshold_after_import("/home/someone/.local/bin/exposure-audit") == YOUNG_THRESHOLD
    assert _young_threshold_after_import("-m") == YOUNG_THRESHOLD  # python -m exposure_audit, while it is located


def test_a_program_that_imports_the_package_keeps_its_own_collector() -> None:
    usual = int(
        subprocess.run(
            [sys.executable, "-c", "import gc; print(gc.get_threshold()[0])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert _young_threshold_after_import(None) == usual
    assert _young_threshold_after_import("/home/someone/check.py") == usual


@pytest.mark.usefixtures("restored_collector")
def test_collecting_as_usual_again_restores_the_thresholds_of_before() -> None:
    before = gc.get_threshold()
    defer_while_starting()
    assert gc.get_threshold() == (YOUNG_THRESHOLD, before[1], before[2])
    collect_as_usual()
    assert gc.get_threshold() == before
    collect_as_usual()  # nothing deferred: nothing changes
    assert gc.get_threshold() == before


@pytest.mark.usefixtures("restored_collector")
def test_the_app_serves_with_the_collector_as_python_sets_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app runs for hours: the command line's start-up setting must not stay with it."""
    from exposure_audit.app import launch

    before = gc.get_threshold()
    defer_while_starting()  # as the `exposure-audit` command did when it started
    serving: list[tuple[int, int, int]] = []
    # Only the serving is replaced (a real server is tested in tests/app): what matters is the collector then.
    monkeypatch.setattr(launch, "serve", lambda *args, **kwargs: serving.append(gc.get_threshold()))
    launch.launch(no_browser=True, port=0, downloads_folder=tmp_path, idle_exit=5, max_upload_size=None, jobs=1)
    assert serving == [before]


def test_a_program_without_a_command_line_is_not_taken_for_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", [])
    assert not started_as_command_line()
    monkeypatch.delattr(sys, "argv")
    assert not started_as_command_line()
