"""The photo stage: enrichers add what a photo's file says to its item before the scanners see it.

An `Enricher` looks at one photo item and its image member and returns the item with a typed field
set (`Item.photo` from the metadata, `Item.vision` from the pixels); what went wrong goes into the
unit's result as a `Skipped` entry. The engine runs them in order, then the scanners.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from exposure_audit.model import Item
from exposure_audit.sources.archive import Tree

if TYPE_CHECKING:
    from exposure_audit.runtime.units import UnitResult


class Enricher(Protocol):
    def enrich(self, tree: Tree, item: Item, member: str, result: UnitResult) -> Item:
        """The item with what this enricher found in the image `member`; problems go to `result`."""
        ...


def photo_member(item: Item) -> str:
    """The member holding a photo item's image: its first media reference found in the download."""
    return next((m.member for m in item.media if m.member), "")


def enrich(enrichers: Sequence[Enricher], tree: Tree, item: Item, result: UnitResult) -> Item:
    member = photo_member(item)
    for enricher in enrichers:
        item = enricher.enrich(tree, item, member, result)
    return item
