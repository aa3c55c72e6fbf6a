"""Facebook HTML downloads (being written)."""

from __future__ import annotations

import re

from exposure_audit.archive import Tree


class HtmlReaders:
    """The HTML readers of the Facebook fetcher."""


def html_routes() -> tuple[tuple[re.Pattern[str], str], ...]:
    return ()


def html_twin_of(tree: Tree, path: str) -> str:
    return ""
