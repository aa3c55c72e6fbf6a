"""Facebook "Download Your Information": detection, planning, and the reader for each kind of member.

Every layout generation is read by one fetcher (export-formats §1.1): 2018-2021 category folders
(`profile_information/`, `posts/`, `photos_and_videos/`, `comments/`, `friends/` ...), the 2022-2023
Accounts Center folders (`personal_information/`, `your_activity_across_facebook/`, `connections/`,
`logged_information/`) and 2024+ `your_facebook_activity/`. Members are matched by file name (with a
parent-folder hint where a name is generic), never by fixed path, so moved folders, doubled prefixes
and extra top folders all work.

JSON and HTML downloads are read by this same fetcher, choosing a reader per member: an HTML page
goes to the HTML readers (`facebook_html`), unless the download also holds the JSON version of the
same page, which is preferred (JSON has exact times and coordinates). One fetcher, rather than a
separate HTML fetcher, keeps detection and the platform's coverage in one place and lets a download
that mixes both formats (two requests given together) be read once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from exposure_audit.archive import Tree
from exposure_audit.errors import MemberError
from exposure_audit.fetchers import facebook_activity as activity
from exposure_audit.fetchers import facebook_places as places
from exposure_audit.fetchers.base import Fetcher, Marker, Record, Task
from exposure_audit.fetchers.common.meta_signatures import has_meta_signature, reader_by_content
from exposure_audit.fetchers.facebook_common import SHAPE_ERRORS, Reading
from exposure_audit.fetchers.facebook_html import HtmlReaders, json_twin_keys, twin_key
from exposure_audit.fetchers.facebook_messages import read_thread
from exposure_audit.fetchers.facebook_posts import read_album, read_media_list, read_post_records
from exposure_audit.fetchers.facebook_profile import read_autofill, read_profile
from exposure_audit.fetchers.facebook_routes import reader_for
from exposure_audit.fetchers.facebook_security import read_ip_log
from exposure_audit.model import Platform


def _route(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_FOLDERS_NOT_SCANNED = (
    "ads", "ads_information", "ads_and_businesses", "apps_and_websites_off_of_facebook", "apps_and_websites",
    "preferences", "search", "search_history", "other_activity", "activity_messages", "notifications",
    "saved_items_and_collections", "saved_items", "interactions", "your_interactions_on_facebook",
    "facebook_gaming", "facebook_payments", "fundraisers", "shops", "voice_recording_and_transcription",
    "navigation_bar_activity", "your_topics", "bug_bounty", "device_information", "facebook_news",
    "live_audio_rooms", "meta_spark", "polls", "reels", "facebook_assistant", "security_and_login_information",
    "login_and_profile_creation", "stickers_used", "other_logged_information",
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


class FacebookFetcher(HtmlReaders, Fetcher):
    platform = Platform.FACEBOOK
    markers = (
        Marker("profile_information/profile_information.json (or .html)",
               _route(r"(^|/)profile_information/profile_information\.(json|html?)$")),
        Marker("posts/your_posts_N.json or your_posts__check_ins__photos_and_videos_N.json (or .html)",
               _route(r"(^|/)your_posts(__check_ins__photos_and_videos)?(_\d+)?\.(json|html?)$")),
        Marker("a your_facebook_activity/ or your_activity_across_facebook/ folder",
               _route(r"(^|/)(your_facebook_activity|your_activity_across_facebook)/")),
        Marker("friends/friends.json or connections/friends/your_friends.json (or .html)",
               _route(r"(^|/)friends(_and_followers)?/(your_)?friends\.(json|html?)$")),
        Marker("comments/comments.json or comments_and_reactions/comments.json (or .html)",
               _route(r"(^|/)comments(_and_reactions)?/comments\.(json|html?)$")),
    )
    known_irrelevant = tuple(_route(p) for p in _IRRELEVANT)

    def detect(self, tree: Tree) -> int:
        score = super().detect(tree)
        # renamed or partial downloads (an album-only folder) are known by content; 2 outranks a photo folder
        return score or (2 if has_meta_signature(tree) else 0)

    def plan(self, tree: Tree) -> list[Task]:
        tasks: list[Task] = []
        twins = json_twin_keys(tree)
        for path in tree.members:
            found = reader_for(path)
            if found is None:
                by_content = None if any(p.search(path) for p in self.known_irrelevant) \
                    else reader_by_content(tree, path)
                if by_content is not None:
                    tasks.append(Task(self.platform, by_content, (path,)))
                continue
            reader, is_html = found
            tasks.append(Task(self.platform, "html_twin" if is_html and twin_key(path) in twins else reader, (path,)))
        return tasks

    def run(self, task: Task, tree: Tree) -> Iterator[Record]:
        """Run a reader; whatever a damaged member makes it raise becomes a Skipped for that member."""
        for member in task.members:
            reading = Reading(tree, member)
            try:
                yield from super().run(Task(task.platform, task.reader, (member,)), tree)
            except MemberError as exc:
                yield reading.skip(exc.reason)
            except (*SHAPE_ERRORS, RecursionError) as exc:
                yield reading.skip(f"could not be read: unexpected content ({type(exc).__name__})")

    # --- JSON readers (one per route) ---------------------------------------------------------

    def read_profile(self, tree: Tree, member: str) -> Iterator[Record]:
        return read_profile(Reading(tree, member))

    def read_autofill(self, tree: Tree, member: str) -> Iterator[Record]:
        return read_autofill(Reading(tree, member))

    def read_profile_updates(self, tree: Tree, member: str) -> Iterator[Record]:
        return read_post_records(Reading(tree, member), "profile_updates", field_name="post",
                                 titles_as_life_events=True)

    def read_thread(self, tree: Tree, member: str) -> Iterator[Record]:
        return read_thread(Reading(tree, member))

    def read_posts(self, tree: Tree, member: str) -> Iterator[Record]:
        return read_post_records(Reading(tree, member), "status_updates", "wall_posts_sent", "posts",
                                 "archived_posts")

    def read_group_posts(self, tree: Tree, member: str) -> Iterator[Record]:
        return read_post_records(Reading(tree, member), "group_posts")

    def read_stories(self, tree: Tree, member: str) -> Iterator[Record]:
        return read_post_records(Reading(tree, member), "archived_stories", field_name="story")

    def read_album(self, tree: Tree, member: str) -> Iterator[Record]:
        return read_album(Reading(tree, member))

    def read_media_list(self, tree: Tree, member: str) -> Iterator[Record]:
        return read_media_list(Reading(tree, member), "other_photos", "videos", "photos")

    def read_comments(self, tree: Tree, member: str) -> Iterator[Record]:
        return activity.read_comments(Reading(tree, member))

    def read_groups(self, tree: Tree, member: str) -> Iterator[Record]:
        return activity.read_named_list(Reading(tree, member), activity.GROUP_LISTS)

    def read_pages(self, tree: Tree, member: str) -> Iterator[Record]:
        return activity.read_named_list(Reading(tree, member), activity.PAGE_LISTS)

    def read_connections(self, tree: Tree, member: str) -> Iterator[Record]:
        return activity.read_named_list(Reading(tree, member), activity.CONNECTION_LISTS)

    def read_events(self, tree: Tree, member: str) -> Iterator[Record]:
        return activity.read_events(Reading(tree, member))

    def read_tagged_places(self, tree: Tree, member: str) -> Iterator[Record]:
        return activity.read_tagged_places(Reading(tree, member))

    def read_checkins(self, tree: Tree, member: str) -> Iterator[Record]:
        return activity.read_checkins(Reading(tree, member))

    def read_last_location(self, tree: Tree, member: str) -> Iterator[Record]:
        return places.read_last_location(Reading(tree, member))

    def read_location_history(self, tree: Tree, member: str) -> Iterator[Record]:
        return places.read_location_history(Reading(tree, member))

    def read_primary_location(self, tree: Tree, member: str) -> Iterator[Record]:
        return places.read_primary_location(Reading(tree, member))

    def read_profile_based_in(self, tree: Tree, member: str) -> Iterator[Record]:
        return places.read_inferred_places(Reading(tree, member), "profile_based_in")

    def read_locations_of_interest(self, tree: Tree, member: str) -> Iterator[Record]:
        return places.read_inferred_places(Reading(tree, member), "locations_of_interest")

    def read_marketplace(self, tree: Tree, member: str) -> Iterator[Record]:
        return places.read_marketplace(Reading(tree, member))

    def read_ip_log(self, tree: Tree, member: str) -> Iterator[Record]:
        return read_ip_log(Reading(tree, member))


FETCHER = FacebookFetcher
