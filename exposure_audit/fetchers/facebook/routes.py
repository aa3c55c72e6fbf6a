"""Which reader reads which member of a Facebook download, for the JSON and the HTML format alike.

One table names each kind of member once, by file name with a parent-folder hint where the name is
generic, never by fixed path (folders moved with every layout generation). HTML pages carry the
JSON names with `.html`, except that 2023+ pages drop apostrophes (`who_you_ve_followed.html`), so
their patterns accept both spellings. The first matching row wins.
"""

from __future__ import annotations

import re

# (name pattern without suffix, JSON reader, HTML reader); None where that format is not read.
ROUTES: tuple[tuple[str, str | None, str | None], ...] = (
    (r"(^|/)profile_information", "profile", "html_profile"),
    (r"(^|/)autofill_information", "autofill", "html_autofill"),
    (r"(^|/)profile_update_history", "profile_updates", None),
    (r"(^|/)messages/(.+/)?message(_\d+)?", "thread", "html_thread"),
    (
        r"(^|/)(your_posts(__check_ins__photos_and_videos)?|posts_on_other_pages_and_profiles)(_\d+)?",
        "posts",
        "html_posts",
    ),
    (r"(^|/)(group_posts_and_comments|your_posts_in_groups)", "group_posts", "html_posts"),
    (r"(^|/)your_posts_and_comments_in_groups", None, "html_posts"),
    (r"(^|/)notes", None, "html_notes"),
    (r"(^|/)archived_stories", "stories", "html_stories"),
    (r"(^|/)album/\d+", "album", "html_album"),
    (r"(^|/)(your_uncategori[sz]ed_photos|your_videos)", "media_list", "html_media"),
    (r"(^|/)(comments|your_comments_in_groups)", "comments", "html_comments"),
    (r"(^|/)your_group_membership_activity", "groups", "html_groups"),
    (r"(^|/)your_groups", "groups", "html_groups_admined"),
    (r"(^|/)(pages_you've_liked|likes_and_reactions/pages|your_pages)", "pages", "html_pages"),
    (r"(^|/)(pages_and_profiles_you_follow|pages_you_follow)", "pages", "html_pages_followed"),
    (r"(^|/)(your_)?friends", "connections", "html_friends"),
    (r"(^|/)(your_)?followers", "connections", "html_followers"),
    (r"(^|/)(who_you've_followed|who_you_follow)", "connections", "html_following"),
    (r"(^|/)(your_event_responses|event_responses|your_events)", "events", "html_events"),
    (r"(^|/)places_you(_have|'ve)_been_tagged_in", "tagged_places", "html_tagged_places"),
    (r"(^|/)your_places/[^/]+", "checkins", "html_checkins"),
    (r"(^|/)last_location", "last_location", "html_last_location"),
    (r"(^|/)location_history", "location_history", "html_location_history"),
    (r"(^|/)primary_(public_)?location", "primary_location", "html_primary_location"),
    (r"(^|/)profile_based_in", "profile_based_in", "html_profile_based_in"),
    (r"(^|/)locations_of_interest", "locations_of_interest", "html_locations_of_interest"),
    (r"(^|/)items_sold", "marketplace", None),
    (
        r"(^|/)(account_activity|ip_address_activity|logins_and_logouts|where_you're_logged_in|active_sessions)",
        "ip_log",
        "html_ip_log",
    ),
)

JSON_ROUTES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern + r"\.json$", re.IGNORECASE), reader) for pattern, reader, _ in ROUTES if reader
)
HTML_ROUTES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern.replace("'", "(?:'|_)?") + r"\.html?$", re.IGNORECASE), reader)
    for pattern, _, reader in ROUTES
    if reader
)


def reader_for(path: str) -> tuple[str, bool] | None:
    """(reader name, is an HTML page) for a member, or None when no reader reads it."""
    lowered = path.lower()
    is_html = lowered.endswith((".html", ".htm"))
    table = JSON_ROUTES if lowered.endswith(".json") else HTML_ROUTES if is_html else ()
    reader = next((name for pattern, name in table if pattern.search(path)), None)
    return (reader, is_html) if reader else None
