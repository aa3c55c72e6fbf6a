"""Reading an HTML page of a download within its caps, before any parser builds a tree of it.

BeautifulSoup keeps every element as a Python object of several hundred bytes, so the cost of a page
is its number of tags, not its size: 10 MB of dense markup is half a gigabyte once parsed, and a
page of nothing but `<b>` is worse. Counting the tags first (a byte count, at C speed) refuses such
a page before it is parsed; nesting depth costs parse time in proportion to tags too, so the same cap
bounds a page nested 100,000 deep.
"""

from __future__ import annotations

from exposure_audit.errors import MemberError
from exposure_audit.sources.archive import Tree


def check_tags(data: bytes | str, cap: int) -> None:
    """MemberError when the markup has more tags than `cap` (also used for live pages and bios)."""
    tags = data.count(b"<") if isinstance(data, bytes) else data.count("<")  # tags, comments, stray '<'; a bound
    if tags > cap:
        raise MemberError(f"the page has {tags} tags, over the cap of {cap} for one HTML page")


def read_html(tree: Tree, member: str) -> bytes:
    """The page's bytes; MemberError when it is larger than the text cap or has more tags than the tag cap."""
    data = tree.read_bytes(member, tree.limits.text_bytes)
    check_tags(data, tree.limits.html_tags)
    return data
