"""Facebook HTML downloads: which reader reads which page, and the readers themselves.

The HTML readers are a mixin of `FacebookFetcher` (one fetcher per platform: detection, coverage
and the JSON/HTML choice stay in one place). A page whose JSON version is also in the download is
not read again: JSON is preferred because it has exact times and coordinates; such a page is
planned under the reader "html_twin", which reads nothing, so that coverage counts it as handled.

Which page goes to which reader is in `facebook_routes`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import tzinfo
from functools import partial
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from exposure_audit.archive import Tree
from exposure_audit.errors import MemberError
from exposure_audit.fetchers.base import Record
from exposure_audit.fetchers.common.html_guard import read_html
from exposure_audit.fetchers.facebook_common import Reading, guarded
from exposure_audit.model import ItemKind

if TYPE_CHECKING:
    from exposure_audit.fetchers import facebook_html_posts as posts
    from exposure_audit.fetchers import facebook_html_records as lists
    from exposure_audit.fetchers.facebook_html_parse import HtmlPage
else:  # the HTML parser (bs4) is loaded by the first HTML page read, not by every scan's start-up
    from exposure_audit.lazy import lazy_module

    posts = lazy_module("exposure_audit.fetchers.facebook_html_posts")
    lists = lazy_module("exposure_audit.fetchers.facebook_html_records")

Interpreter = Callable[[Reading, "HtmlPage", tzinfo], Iterator[Record]]


def twin_key(path: str) -> str:
    """What a page and its JSON version share: folder and file name, apostrophes as "_", no suffix."""
    pure = PurePosixPath(path.lower())
    return f"{pure.parent.name}/{pure.stem}".replace("'", "_")


def json_twin_keys(tree: Tree) -> set[str]:
    return {twin_key(p) for p in tree.members if p.lower().endswith(".json")}


class HtmlReaders:
    """The HTML readers of the Facebook fetcher, one per route."""

    def read_html_twin(self, tree: Tree, member: str) -> Iterator[Record]:
        """The JSON version of this page was read instead."""
        return iter(())

    def _page(self, tree: Tree, member: str, interpret: Interpreter) -> Iterator[Record]:
        from exposure_audit.fetchers.facebook_html_parse import account_zone, parse_page

        reading = Reading(tree, member)
        try:
            data = read_html(tree, member)
        except MemberError as exc:
            yield reading.skip(exc.reason)
            return
        zone, _ = account_zone(tree)
        page = parse_page(data, zone)
        if page is None:
            yield reading.skip(
                "no Facebook record blocks (no _a6-g records and no _2pi0 records): a page of a "
                "layout this version does not read"
            )
            return
        yield from guarded(reading, "", interpret(reading, page, zone))
        yield from reading.flush_ips()

    def read_html_profile(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._page(tree, member, lambda r, p, z: lists.profile_records(r, p))

    def read_html_autofill(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._page(tree, member, lambda r, p, z: lists.autofill_records(r, p))

    def read_html_thread(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._page(tree, member, posts.message_records)

    def read_html_posts(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._page(tree, member, posts.post_records)

    def read_html_stories(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._page(tree, member, partial(posts.post_records, field_name="story"))

    def read_html_notes(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._page(tree, member, partial(posts.post_records, field_name="note"))

    def read_html_album(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._page(tree, member, lambda r, p, z: posts.album_records(r, p, z, p.heading))

    def read_html_media(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._page(tree, member, lambda r, p, z: posts.album_records(r, p, z, ""))

    def read_html_comments(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._page(tree, member, lambda r, p, z: posts.comment_records(r, p))

    def read_html_groups(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._page(
            tree, member, lambda r, p, z: lists.named_records(r, p, ItemKind.GROUP, "group", title_is_name=False)
        )

    def read_html_groups_admined(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._named(tree, member, ItemKind.GROUP, "group", ("admin",))

    def read_html_pages(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._named(tree, member, ItemKind.PAGE, "page")

    def read_html_pages_followed(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._named(tree, member, ItemKind.PAGE, "follow")

    def read_html_friends(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._named(tree, member, ItemKind.CONNECTION, "friend")

    def read_html_followers(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._named(tree, member, ItemKind.CONNECTION, "follower")

    def read_html_following(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._named(tree, member, ItemKind.CONNECTION, "following")

    def _named(
        self, tree: Tree, member: str, kind: ItemKind, field_name: str, labels: tuple[str, ...] = ()
    ) -> Iterator[Record]:
        return self._page(tree, member, lambda r, p, z: lists.named_records(r, p, kind, field_name, labels))

    def read_html_events(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._page(tree, member, lambda r, p, z: lists.event_records(r, p))

    def read_html_tagged_places(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._page(tree, member, lambda r, p, z: lists.place_records(r, p, ItemKind.TAG, "tag"))

    def read_html_checkins(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._page(tree, member, lambda r, p, z: lists.place_records(r, p, ItemKind.CHECKIN, "checkin"))

    def read_html_last_location(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._page(tree, member, lambda r, p, z: lists.location_records(r, p, "last_location"))

    def read_html_location_history(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._page(tree, member, lambda r, p, z: lists.location_records(r, p, "location_history"))

    def read_html_primary_location(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._page(tree, member, lambda r, p, z: lists.coarse_place_records(r, p, "city"))

    def read_html_profile_based_in(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._page(tree, member, lambda r, p, z: lists.coarse_place_records(r, p, "profile_based_in"))

    def read_html_locations_of_interest(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._page(tree, member, lambda r, p, z: lists.coarse_place_records(r, p, "locations_of_interest"))

    def read_html_ip_log(self, tree: Tree, member: str) -> Iterator[Record]:
        return self._page(tree, member, lambda r, p, z: lists.ip_records(r, p))
