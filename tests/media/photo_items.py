"""A photo item as a camera-roll reader makes it, for the tests of the photo stage."""

from __future__ import annotations

from exposure_audit.model import Item, ItemKind, MediaRef, Platform
from exposure_audit.sources.archive import Tree


def photo_item(tree: Tree, member: str, context: str = "") -> Item:
    return Item(
        kind=ItemKind.PHOTO,
        platform=Platform.PHOTOS,
        source=tree.ref(member),
        identity=member,
        media=(MediaRef(uri=member, member=member),),
        extra={"context": context} if context else {},
    )
