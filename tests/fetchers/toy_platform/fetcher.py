"""The toy platform's fetcher: one marker, one route, one reader."""

from __future__ import annotations

from collections.abc import Iterator

from exposure_audit.fetchers.base import Match, Reading, Record, Route, RoutedFetcher, stable_identity
from exposure_audit.model import Item, ItemKind, Platform
from tests.fetchers.toy_platform.detection import MARKERS, NOTES


def read_notes(reading: Reading) -> Iterator[Record]:
    """Each non-empty line is a post; a file that is not UTF-8 is skipped with a reason."""
    try:
        text = reading.tree.read_bytes(reading.member).decode("utf-8")
    except UnicodeDecodeError:
        yield reading.skip("not UTF-8 text")
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield Item(
                kind=ItemKind.POST,
                platform=reading.platform,
                source=reading.ref(f"line {number}"),
                identity=stable_identity(reading.platform, ItemKind.POST, content=line),
                text=line.strip(),
                field="post",
            )


class ToyFetcher(RoutedFetcher):
    platform = Platform("toy-notes")  # the id its registry line declares (recipe step 1)
    markers = MARKERS
    routes = (Route("notes", Match(name=NOTES.pattern.search), read_notes),)


FETCHER = ToyFetcher
