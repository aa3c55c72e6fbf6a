"""X (Twitter) archive fetcher: `data/*.js` files behind `window.YTD` assignments, listed by `manifest.js`.

The manifest lists every part of every data type (`tweets.js`, `tweets-part1.js` ...); a reader that
looked only for `tweets.js` would silently lose the other parts, so the manifest's lists are read
first and the members are then also matched by name, which covers archives without a manifest
(before ~2020 there was no `data/` folder and the tweets file was `tweet.js`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from exposure_audit.errors import MemberError
from exposure_audit.fetchers.base import Match, Peek, Reader, Reading, Record, Route, RoutedFetcher, Task
from exposure_audit.fetchers.x.account import ACCOUNT_FILES, account_items
from exposure_audit.fetchers.x.detection import MARKERS
from exposure_audit.fetchers.x.js import iter_js_array, parse_manifest, read_js, ytd_file_name
from exposure_audit.fetchers.x.periscope import periscope_comment_items
from exposure_audit.fetchers.x.tweets import media_index, message_items, note_items, tweet_items
from exposure_audit.model import Item, ItemKind, Platform
from exposure_audit.sources.archive import Tree


def _pattern(expression: str) -> re.Pattern[str]:
    return re.compile(expression, re.IGNORECASE)


# reader -> file name pattern (basename, any folder); plan order follows this table.
NAMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("account", _pattern(r"(^|/)account\.js$")),
    ("profile", _pattern(r"(^|/)profile\.js$")),
    ("phone_number", _pattern(r"(^|/)phone-number\.js$")),
    ("email_address_change", _pattern(r"(^|/)email-address-change\.js$")),
    ("screen_name_change", _pattern(r"(^|/)screen-name-change\.js$")),
    ("account_creation_ip", _pattern(r"(^|/)account-creation-ip\.js$")),
    ("ip_audit", _pattern(r"(^|/)ip-audit(-part\d+)?\.js$")),
    ("expanded_profile", _pattern(r"(^|/)expanded-profile\.js$")),
    ("professional_data", _pattern(r"(^|/)professional[-_]data\.js$")),
    ("contact", _pattern(r"(^|/)contact(-part\d+)?\.js$")),
    ("tweets", _pattern(r"(^|/)tweets?(-part\d+)?\.js$")),
    ("deleted_tweets", _pattern(r"(^|/)deleted-tweets?(-part\d+)?\.js$")),
    ("note_tweet", _pattern(r"(^|/)note-tweet(-part\d+)?\.js$")),
    ("direct_messages", _pattern(r"(^|/)direct-messages?(-group)?(-part\d+)?\.js$")),
    ("tweets", _pattern(r"(^|/)community-tweet(-part\d+)?\.js$")),  # the same {"tweet": ...} records
    ("periscope_comments", _pattern(r"(^|/)periscope-comments-made-by-user(-part\d+)?\.js$")),
)
_MANIFEST = _pattern(r"(^|/)manifest\.js$")

_IGNORED_DATA = (
    "ad-[\\w-]+",
    "ageinfo",
    "app",
    "block",
    "branch-links",
    "catalog-item",
    "commerce-catalog",
    "community-(?!tweet)[\\w-]+",
    "connected-application",
    "device-token",
    "direct-message-(group-)?headers",
    "direct-message-mute",
    "follower",
    "following",
    "key-registry",
    "like",
    "lists-[\\w-]+",
    "moment",
    "mute",
    "ni-devices",
    "periscope-(?!comments-made-by-user)[\\w-]+",
    "personalization",
    "product-[\\w-]+",
    "protected-history",
    "reply-prompt",
    "saved-search",
    "smartblock",
    "spaces-metadata",
    "sso",
    "tweetdeck",
    "tweet-headers",
    "twitter-[\\w-]+",
    "user-link-clicks",
    "verified[\\w-]*",
    "grok-chat-item",
    "article[\\w-]*",
    "audio-video-calls[\\w-]*",
    "deleted-tweet-headers",
    "email-address-change-headers",
    "shop[\\w-]*",
    "mobile[\\w-]*",
    "account-label",
    "account-suspension",
    "account-timezone",
    "birdwatch-[\\w-]+",
    "call-[\\w-]+",
    "professional-[\\w-]+",
)


def _part_order(path: str) -> tuple[str, int]:
    """ "data/tweets.js" before "data/tweets-part1.js" before "data/tweets-part10.js"."""
    match = re.search(r"-part(\d+)\.js$", path, re.IGNORECASE)
    return (path[: match.start()], int(match.group(1))) if match else (path.removesuffix(".js"), 0)


def _ytd_name(peek: Peek) -> str:
    return ytd_file_name(peek.path, peek.head())


def _renamed(pattern: re.Pattern[str]) -> Callable[[Peek], bool]:
    """A renamed data file is known by its `window.YTD.<name>` assignment: route it as that name."""

    def signature(peek: Peek) -> bool:
        name = peek.derived(_ytd_name)
        return bool(name) and pattern.search(name) is not None

    return signature


def read_manifest(reading: Reading) -> Iterator[Record]:
    """Checked so that a damaged manifest is reported; its file lists were used by `plan`."""
    try:
        parse_manifest(read_js(reading.tree, reading.member))
    except MemberError as exc:
        yield reading.skip(f"{exc.reason}; data files were found by name instead")


def _account(kind: str) -> Reader:
    def read(reading: Reading) -> Iterator[Record]:
        seen_ips: set[str] = set()  # ip-audit repeats one address for every login
        tree, member = reading.tree, reading.member
        try:
            for index, element in enumerate(iter_js_array(tree, member)):
                for record in account_items(tree, member, kind, element, f"/{index}"):
                    if isinstance(record, Item) and record.kind is ItemKind.IP:
                        if record.text in seen_ips:
                            continue
                        seen_ips.add(record.text)
                    yield record
        except MemberError as exc:
            yield reading.skip(exc.reason)

    return read


def _tweets(deleted: bool) -> Reader:
    def read(reading: Reading) -> Iterator[Record]:
        tree, member = reading.tree, reading.member
        media = media_index(tree)
        try:
            for index, element in enumerate(iter_js_array(tree, member)):
                yield from tweet_items(tree, member, element, f"/{index}", media, deleted=deleted)
        except MemberError as exc:
            yield reading.skip(exc.reason)

    return read


ElementItems = Callable[[Tree, str, object, str], Iterator[Record]]


def _each(items: ElementItems) -> Reader:
    """The records `items` makes of every element of a data file; a Skipped when the file is unreadable."""

    def read(reading: Reading) -> Iterator[Record]:
        try:
            for index, element in enumerate(iter_js_array(reading.tree, reading.member)):
                yield from items(reading.tree, reading.member, element, f"/{index}")
        except MemberError as exc:
            yield reading.skip(exc.reason)

    return read


READERS: dict[str, Reader] = {
    **{kind: _account(kind) for kind in ACCOUNT_FILES},
    "tweets": _tweets(deleted=False),
    "deleted_tweets": _tweets(deleted=True),
    "note_tweet": _each(note_items),
    "direct_messages": _each(message_items),
    "periscope_comments": _each(periscope_comment_items),
}
ROUTES: tuple[Route, ...] = (
    Route("manifest", Match(name=_MANIFEST.search), read_manifest),  # planned first, by `plan`
    *(
        Route(reader, Match(name=pattern.search, content=_renamed(pattern)), READERS[reader])
        for reader, pattern in NAMES
    ),
)


class XArchiveFetcher(RoutedFetcher):
    platform = Platform.X
    markers = MARKERS
    known_irrelevant = (
        _pattern(r"(^|/)(your archive\.html|readme\.txt)$"),
        _pattern(r"(^|/)assets/"),
        _pattern(r"(^|/)(" + "|".join(_IGNORED_DATA) + r")(-part\d+)?\.js$"),
        _pattern(r"(^|/)[\w-]*_media/[^/]+\.(mp4|mov|m4a|gif)$"),
    )

    routes = ROUTES
    by_route_order = True

    def plan(self, tree: Tree) -> list[Task]:
        """The manifest first, then every data file it lists or that is named (or assigned) as one."""
        listed: list[str] = []
        manifests = [m.path for m in tree.find(_MANIFEST)][:1]
        for manifest in manifests:
            try:
                for names in parse_manifest(read_js(tree, manifest)).files.values():
                    listed.extend(tree.resolve_uri(name) or name for name in names)
            except MemberError:
                pass  # reported by the manifest task; the name match below still finds the files
        candidates = dict.fromkeys([p for p in listed if p.lower().endswith(".js")] + list(tree.members))
        return [Task(self.platform, "manifest", (m,)) for m in manifests] + self.tasks_for(
            tree, (p for p in candidates if not _MANIFEST.search(p))
        )

    def path_order(self, path: str) -> object:
        return _part_order(path)


FETCHER = XArchiveFetcher
