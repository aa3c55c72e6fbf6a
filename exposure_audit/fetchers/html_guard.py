"""Reading an HTML page of a download within its caps, before any parser builds a tree of it.

BeautifulSoup keeps every element as a Python object of several hundred bytes, so the cost of a page
is its number of tags, not its size: 10 MB of dense markup is half a gigabyte once parsed, and a
page of nothing but `<b>` is worse. Counting the tags first (a byte count, at C speed) refuses such
a page before it is parsed; nesting depth costs parse time in proportion to tags too, so the same cap
bounds a page nested 100,000 deep.
"""

from __future__ import annotations

from exposure_audit.archive import Tree
from exposure_audit.errors import MemberError


def read_html(tree: Tree, member: str) -> bytes:
    """The page's bytes; MemberError when it is larger than the text cap or has more tags than the tag cap."""
    data = tree.read_bytes(member, tree.limits.text_bytes)
    tags = data.count(b"<")  # opening and closing tags, comments and stray '<' alike: an upper bound
    if tags > tree.limits.html_tags:
        raise MemberError(f"the page has {tags} tags, over the cap of {tree.limits.html_tags} for one HTML page")
    return data
