"""Real-layout conformance: every Facebook fixture layout gives, member by member, the items it holds.

A reader that quietly returns nothing for a page or file it routes fails here, even when the
download as a whole still yields findings. Counts are the records planted in each member; a member
the fetcher routes but that gives no item fails the second test.
"""

from __future__ import annotations

from collections import Counter

import pytest

from exposure_audit.fetchers.facebook.routes import reader_for
from exposure_audit.limits import DEFAULT_LIMITS
from exposure_audit.sources.archive import Tree
from tests.conftest import FIXTURES
from tests.fetchers.facebook.test_facebook import read

ITEMS_PER_MEMBER: dict[str, dict[str, int]] = {
    "2017-html": {
        "comments/comments.html": 2,
        "events/your_event_responses.html": 2,
        "friends/friends.html": 3,
        "groups/your_group_membership_activity.html": 2,
        "likes_and_reactions/pages.html": 2,
        "messages/autofill_information.html": 7,
        "messages/inbox/jordanwhitlock_k3j9d2/message_1.html": 3,
        "photos_and_videos/album/0.html": 2,
        "posts/your_posts_1.html": 13,
        "profile_information/profile_information.html": 10,
        "security_and_login_information/account_activity.html": 1,
        "your_places/places_you've_created.html": 1,
    },
    "2019-html": {
        "groups/your_posts_and_comments_in_groups.html": 3,
        "posts/notes.html": 2,
        "profile_information/profile_information.html": 7,
    },
    "2019-json": {
        "comments/comments.json": 2,
        "events/your_event_responses.json": 2,
        "friends/friends.json": 3,
        "groups/your_group_membership_activity.json": 2,
        "likes_and_reactions/pages.json": 2,
        "messages/autofill_information.json": 7,
        "messages/inbox/jordanwhitlock_k3j9d2/message_1.json": 3,
        "photos_and_videos/album/0.json": 3,
        "photos_and_videos/your_videos.json": 2,
        "posts/your_posts_1.json": 13,
        "profile_information/profile_information.json": 10,
        "security_and_login_information/account_activity.json": 2,
        "your_places/places_you've_created.json": 1,
    },
    "2022-json": {
        "connections/friends/your_friends.json": 3,
        "logged_information/location/last_location.json": 1,
        "logged_information/location/primary_location.json": 2,
        "logged_information/location/primary_public_location.json": 1,
        "personal_information/profile_information/profile_information.json": 14,
        "personal_information/profile_information/profile_update_history.json": 2,
        "security_and_login_information/ip_address_activity.json": 1,
        "security_and_login_information/logins_and_logouts.json": 1,
        "your_activity_across_facebook/comments_and_reactions/comments.json": 2,
        "your_activity_across_facebook/events/your_event_responses.json": 1,
        "your_activity_across_facebook/facebook_marketplace/items_sold.json": 1,
        "your_activity_across_facebook/groups/your_comments_in_groups.json": 1,
        "your_activity_across_facebook/groups/your_group_membership_activity.json": 2,
        "your_activity_across_facebook/messages/autofill_information.json": 7,
        "your_activity_across_facebook/messages/inbox/jordanwhitlock_k3j9d2/message_1.json": 3,
        "your_activity_across_facebook/pages/pages_you've_liked.json": 2,
        "your_activity_across_facebook/posts/album/0.json": 3,
        "your_activity_across_facebook/posts/your_posts__check_ins__photos_and_videos_1.json": 13,
        "your_activity_across_facebook/posts/your_videos.json": 2,
    },
    "2024-html": {
        "connections/followers/who_you_ve_followed.html": 1,
        "connections/friends/your_friends.html": 3,
        "logged_information/location/primary_public_location.html": 1,
        "logged_information/other_logged_information/locations_of_interest.html": 2,
        "personal_information/information_about_you/profile_based_in.html": 1,
        "personal_information/profile_information/autofill_information.html": 8,
        "personal_information/profile_information/profile_information.html": 14,
        "security_and_login_information/account_activity.html": 1,
        "your_facebook_activity/comments_and_reactions/comments.html": 2,
        "your_facebook_activity/events/your_event_responses.html": 1,
        "your_facebook_activity/groups/your_group_membership_activity.html": 2,
        "your_facebook_activity/groups/your_groups.html": 1,
        "your_facebook_activity/messages/inbox/jordanwhitlock_k3j9d2/message_1.html": 3,
        "your_facebook_activity/pages/pages_and_profiles_you_follow.html": 2,
        "your_facebook_activity/posts/album/0.html": 2,
        "your_facebook_activity/posts/places_you_have_been_tagged_in.html": 1,
        "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.html": 14,
    },
    "2024-html-zh-tw": {
        "connections/friends/your_friends.html": 2,
        "your_activity_across_facebook/comments_and_reactions/comments.html": 2,
        "your_activity_across_facebook/messages/archived_threads/wangzhiming_d4e5f6/message_1.html": 1,
        "your_activity_across_facebook/messages/filtered_threads/zhangweiting_g7h8j9/message_1.html": 1,
        "your_activity_across_facebook/messages/inbox/chenmeiling_a1b2c3/message_1.html": 2,
        "your_activity_across_facebook/posts/your_posts__check_ins__photos_and_videos_1.html": 3,
    },
    "2025-json": {
        "connections/followers/who_you've_followed.json": 1,
        "connections/friends/your_friends.json": 3,
        "logged_information/location/primary_public_location.json": 1,
        "logged_information/other_logged_information/locations_of_interest.json": 2,
        "personal_information/information_about_you/profile_based_in.json": 1,
        "personal_information/profile_information/autofill_information.json": 8,
        "personal_information/profile_information/profile_information.json": 14,
        "security_and_login_information/account_activity.json": 1,
        "your_facebook_activity/comments_and_reactions/comments.json": 2,
        "your_facebook_activity/events/your_event_responses.json": 1,
        "your_facebook_activity/groups/your_group_membership_activity.json": 2,
        "your_facebook_activity/groups/your_groups.json": 1,
        "your_facebook_activity/messages/inbox/jordanwhitlock_k3j9d2/message_1.json": 3,
        "your_facebook_activity/pages/pages_and_profiles_you_follow.json": 2,
        "your_facebook_activity/posts/album/0.json": 3,
        "your_facebook_activity/posts/places_you_have_been_tagged_in.json": 1,
        "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json": 14,
        "your_facebook_activity/posts/your_videos.json": 2,
        "your_facebook_activity/stories/archived_stories.json": 1,
        "your_facebook_activity/your_places/cities_you_have_checked_into.json": 2,
    },
}
# The same records as 2024-html, written as real 2024-25 pages write them (div._a6-g).
ITEMS_PER_MEMBER["2025-html-div"] = ITEMS_PER_MEMBER["2024-html"]


@pytest.mark.parametrize("layout", sorted(ITEMS_PER_MEMBER))
def test_every_member_gives_the_items_it_holds(layout: str) -> None:
    items, skipped, _ = read([FIXTURES / "facebook" / layout])
    assert skipped == []
    assert dict(Counter(item.source.member for item in items)) == ITEMS_PER_MEMBER[layout]


@pytest.mark.parametrize("layout", sorted(ITEMS_PER_MEMBER))
def test_no_routed_member_is_left_without_items(layout: str) -> None:
    tree = Tree.open([FIXTURES / "facebook" / layout], DEFAULT_LIMITS)
    routed = {path for path in tree.members if reader_for(path) is not None}
    assert routed - set(ITEMS_PER_MEMBER[layout]) == set()
