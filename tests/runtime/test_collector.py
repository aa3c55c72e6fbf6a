import gc
from collections.abc import Iterator

import pytest

from exposure_audit.runtime.collector import YOUNG_THRESHOLD, settle_for_batch


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
