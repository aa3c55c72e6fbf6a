"""Facebook "Download Your Information": detection, planning, and the reader for each kind of member.

Every layout generation is read by one fetcher (export-formats §1.1): 2018-2021 category folders
(`profile_information/`, `posts/`, `photos_and_videos/`, `comments/`, `friends/` ...), the 2022-2023
Accounts Center folders (`personal_information/`, `your_activity_across_facebook/`, `connections/`,
`logged_information/`) and 2024+ `your_facebook_activity/`. Members are matched by file name (with a
parent-folder hint where a name is generic), never by fixed path, so moved folders, doubled prefixes
and extra top folders all work.

JSON and HTML downloads are read by this same fetcher, choosing a reader per member: an HTML page
goes to the HTML readers (`html.py`), unless the download also holds the JSON version of the
same page, which is preferred (JSON has exact times and coordinates). One fetcher, rather than a
separate HTML fetcher, keeps detection and the platform's coverage in one place and lets a download
that mixes both formats (two requests given together) be read once.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from exposure_audit.fetchers.base import Match, Peek, Reader, Route, RoutedFetcher, Task
from exposure_audit.fetchers.common.meta_signatures import SIGNATURES, has_signature, meta_keys
from exposure_audit.fetchers.facebook import activity, detection, places
from exposure_audit.fetchers.facebook.common import SHAPE_ERRORS
from exposure_audit.fetchers.facebook.detection import MARKERS
from exposure_audit.fetchers.facebook.html import HTML_READERS, json_twin_keys, read_twin, twin_key
from exposure_audit.fetchers.facebook.messages import read_thread
from exposure_audit.fetchers.facebook.posts import read_album, read_media_list, read_post_records
from exposure_audit.fetchers.facebook.profile import read_autofill, read_profile
from exposure_audit.fetchers.facebook.routes import HTML_ROUTES, JSON_ROUTES
from exposure_audit.fetchers.facebook.security import read_ip_log
from exposure_audit.model import Platform
from exposure_audit.sources.archive import Tree


def _route(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_FOLDERS_NOT_SCANNED = (
    "ads",
    "ads_information",
    "ads_and_businesses",
    "apps_and_websites_off_of_facebook",
    "apps_and_websites",
    "preferences",
    "search",
    "search_history",
    "other_activity",
    "activity_messages",
    "notifications",
    "saved_items_and_collections",
    "saved_items",
    "interactions",
    "your_interactions_on_facebook",
    "facebook_gaming",
    "facebook_payments",
    "fundraisers",
    "shops",
    "voice_recording_and_transcription",
    "navigation_bar_activity",
    "your_topics",
    "bug_bounty",
    "device_information",
    "facebook_news",
    "live_audio_rooms",
    "meta_spark",
    "polls",
    "reels",
    "facebook_assistant",
    "security_and_login_information",
    "login_and_profile_creation",
    "stickers_used",
    "other_logged_information",
)

_IRRELEVANT = (
    # Whole categories with nothing a person wrote about themselves: ads, off-Facebook activity,
    # settings, search history, notifications, security settings (the IP logs in them are read).
    r"(^|/)(" + "|".join(_FOLDERS_NOT_SCANNED) + r")/",
    # Reactions name what was liked, never what the person wrote.
    r"(^|/)(likes_and_reactions(_\d+)?|posts_and_comments|reactions)\.(json|html)$",
    # Deleted or superseded content, and settings.
    r"(^|/)(trash|edits_you_made_to_posts|timezone|device_location|your_privacy_jurisdiction"
    r"|your_search_history|recently_viewed|recently_visited|profile_visits)\.(json|html)$",
    # Other people's details and friend-request bookkeeping.
    r"(^|/)(removed_friends|rejected_friend_requests|received_friend_requests|sent_friend_requests"
    r"|people_you_may_know|friend_peer_group|suggested_friends)\.(json|html)$",
    r"(^|/)(contacts_uploaded[^/]*|your_address_books|your_imported_contacts|address_books)\.(json|html)$",
    # Media whose records are read elsewhere; page furniture of HTML downloads.
    r"\.(mp4|mov|m4v|3gp|webm|mp3|m4a|aac|wav|ogg|opus|gif|css|js|woff2?|svg|ico|ttf)$",
    r"(^|/)messages/.+/(files|audio)/",
    r"(^|/)(start_here|index)\.html?$",
)


# The JSON readers, by the route names of `routes.py`.
JSON_READERS: dict[str, Reader] = {
    "profile": read_profile,
    "autofill": read_autofill,
    "profile_updates": lambda r: read_post_records(r, "profile_updates", field_name="post", titles_as_life_events=True),
    "thread": read_thread,
    "posts": lambda r: read_post_records(r, "status_updates", "wall_posts_sent", "posts", "archived_posts"),
    "group_posts": lambda r: read_post_records(r, "group_posts"),
    "stories": lambda r: read_post_records(r, "archived_stories", field_name="story"),
    "album": read_album,
    "media_list": lambda r: read_media_list(r, "other_photos", "videos", "photos"),
    "comments": activity.read_comments,
    "groups": lambda r: activity.read_named_list(r, activity.GROUP_LISTS),
    "pages": lambda r: activity.read_named_list(r, activity.PAGE_LISTS),
    "connections": lambda r: activity.read_named_list(r, activity.CONNECTION_LISTS),
    "events": activity.read_events,
    "tagged_places": activity.read_tagged_places,
    "checkins": activity.read_checkins,
    "last_location": places.read_last_location,
    "location_history": places.read_location_history,
    "primary_location": places.read_primary_location,
    "profile_based_in": lambda r: places.read_inferred_places(r, "profile_based_in"),
    "locations_of_interest": lambda r: places.read_inferred_places(r, "locations_of_interest"),
    "marketplace": places.read_marketplace,
    "ip_log": read_ip_log,
}
READERS = {**JSON_READERS, **HTML_READERS}
TWIN = "html_twin"


def _signed(key: str, other: str) -> Callable[[Peek], bool]:
    return lambda peek: has_signature(peek.derived(meta_keys), key, other)


# Names first (JSON, then HTML: their patterns end in .json and .html, so they never compete), then
# the content signatures of renamed JSON members, in the order of SIGNATURES; the twin of a JSON page.
ROUTES: tuple[Route, ...] = (
    *(Route(reader, Match(name=pattern.search), READERS[reader]) for pattern, reader in JSON_ROUTES + HTML_ROUTES),
    *(Route(reader, Match(content=_signed(key, other)), READERS[reader]) for key, other, reader in SIGNATURES),
    Route(TWIN, Match(), read_twin),  # planned by `plan` for an HTML page whose JSON version is there
)


class FacebookFetcher(RoutedFetcher):
    platform = Platform.FACEBOOK
    markers = MARKERS
    known_irrelevant = tuple(_route(p) for p in _IRRELEVANT)

    routes = ROUTES
    contained = (*SHAPE_ERRORS, RecursionError)

    def detect(self, tree: Tree) -> int:
        return detection.detect(tree)

    def plan(self, tree: Tree) -> list[Task]:
        """The routed tasks, an HTML page whose JSON version is in the download planned as its twin."""
        twins = json_twin_keys(tree)
        return [
            Task(task.platform, TWIN, task.members)
            if task.reader.startswith("html_") and twin_key(task.members[0]) in twins
            else task
            for task in super().plan(tree)
        ]


FETCHER = FacebookFetcher
