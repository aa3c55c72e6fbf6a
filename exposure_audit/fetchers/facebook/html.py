"""Facebook HTML downloads: which reader reads which page, and the readers themselves.

The HTML readers are routes of `FacebookFetcher` (one fetcher per platform: detection, coverage
and the JSON/HTML choice stay in one place). A page whose JSON version is also in the download is
not read again: JSON is preferred because it has exact times and coordinates; such a page is
planned under the route "html_twin", which reads nothing, so that coverage counts it as handled.

Which page goes to which reader is in `routes.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import tzinfo
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from exposure_audit.errors import MemberError
from exposure_audit.fetchers.base import Reader, Reading, Record
from exposure_audit.fetchers.common.html_guard import read_html
from exposure_audit.fetchers.facebook.common import flush_ips, guarded
from exposure_audit.model import ItemKind
from exposure_audit.sources.archive import Tree

if TYPE_CHECKING:
    from exposure_audit.fetchers.facebook import html_posts as posts
    from exposure_audit.fetchers.facebook import html_records as lists
    from exposure_audit.fetchers.facebook.html_parse import HtmlPage
else:  # the HTML parser (bs4) is loaded by the first HTML page read, not by every scan's start-up
    from exposure_audit.runtime.lazy import lazy_module

    posts = lazy_module("exposure_audit.fetchers.facebook.html_posts")
    lists = lazy_module("exposure_audit.fetchers.facebook.html_records")

Interpreter = Callable[[Reading, "HtmlPage", tzinfo], Iterator[Record]]


def twin_key(path: str) -> str:
    """What a page and its JSON version share: folder and file name, apostrophes as "_", no suffix."""
    pure = PurePosixPath(path.lower())
    return f"{pure.parent.name}/{pure.stem}".replace("'", "_")


def json_twin_keys(tree: Tree) -> set[str]:
    return {twin_key(p) for p in tree.members if p.lower().endswith(".json")}


def read_twin(reading: Reading) -> Iterator[Record]:
    """The JSON version of this page was read instead."""
    return iter(())


def _page(interpret: Interpreter) -> Reader:
    """A reader of one kind of page: parse it, then let `interpret` turn its record blocks into items."""

    def read(reading: Reading) -> Iterator[Record]:
        from exposure_audit.fetchers.facebook.html_parse import account_zone, parse_page

        try:
            data = read_html(reading.tree, reading.member)
        except MemberError as exc:
            yield reading.skip(exc.reason)
            return
        zone, _ = account_zone(reading.tree)
        page = parse_page(data, zone)
        if page is None:
            yield reading.skip(
                "no Facebook record blocks (no _a6-g records and no _2pi0 records): a page of a "
                "layout this version does not read"
            )
            return
        yield from guarded(reading, "", interpret(reading, page, zone))
        yield from flush_ips(reading)

    return read


def _named(kind: ItemKind, field_name: str, labels: tuple[str, ...] = ()) -> Reader:
    return _page(lambda r, p, z: lists.named_records(r, p, kind, field_name, labels))


# The HTML readers, by the route names of `routes.py`.
HTML_READERS: dict[str, Reader] = {
    "html_profile": _page(lambda r, p, z: lists.profile_records(r, p)),
    "html_autofill": _page(lambda r, p, z: lists.autofill_records(r, p)),
    "html_thread": _page(lambda r, p, z: posts.message_records(r, p, z)),
    "html_posts": _page(lambda r, p, z: posts.post_records(r, p, z)),
    "html_stories": _page(lambda r, p, z: posts.post_records(r, p, z, field_name="story")),
    "html_notes": _page(lambda r, p, z: posts.post_records(r, p, z, field_name="note")),
    "html_album": _page(lambda r, p, z: posts.album_records(r, p, z, p.heading)),
    "html_media": _page(lambda r, p, z: posts.album_records(r, p, z, "")),
    "html_comments": _page(lambda r, p, z: posts.comment_records(r, p)),
    "html_groups": _page(lambda r, p, z: lists.named_records(r, p, ItemKind.GROUP, "group", title_is_name=False)),
    "html_groups_admined": _named(ItemKind.GROUP, "group", ("admin",)),
    "html_pages": _named(ItemKind.PAGE, "page"),
    "html_pages_followed": _named(ItemKind.PAGE, "follow"),
    "html_friends": _named(ItemKind.CONNECTION, "friend"),
    "html_followers": _named(ItemKind.CONNECTION, "follower"),
    "html_following": _named(ItemKind.CONNECTION, "following"),
    "html_events": _page(lambda r, p, z: lists.event_records(r, p)),
    "html_tagged_places": _page(lambda r, p, z: lists.place_records(r, p, ItemKind.TAG, "tag")),
    "html_checkins": _page(lambda r, p, z: lists.place_records(r, p, ItemKind.CHECKIN, "checkin")),
    "html_last_location": _page(lambda r, p, z: lists.location_records(r, p, "last_location")),
    "html_location_history": _page(lambda r, p, z: lists.location_records(r, p, "location_history")),
    "html_primary_location": _page(lambda r, p, z: lists.coarse_place_records(r, p, "city")),
    "html_profile_based_in": _page(lambda r, p, z: lists.coarse_place_records(r, p, "profile_based_in")),
    "html_locations_of_interest": _page(lambda r, p, z: lists.coarse_place_records(r, p, "locations_of_interest")),
    "html_ip_log": _page(lambda r, p, z: lists.ip_records(r, p)),
}
