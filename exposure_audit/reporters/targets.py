"""Where on a platform a finding has to be fixed (its target), and how an action about it is worded.

A target is the kind of thing a person opens to fix a finding: a post, a photo's location, a
profile field, the login address, a group, the phone's camera setting. The checklist groups findings
by platform and target; this module names them and words the action's title.
"""

from __future__ import annotations

from collections.abc import Collection

from exposure_audit.model import Category, Finding, ItemKind, Platform

# Targets whose field matters for the fix ("your LinkedIn headline" vs "your LinkedIn bio").
FIELD_TARGETS = frozenset({"profile", "contact", "login", "place", "location"})

_KIND_TARGET = {
    ItemKind.POST: "post",
    ItemKind.COMMENT: "comment",
    ItemKind.MESSAGE: "message",
    ItemKind.PROFILE: "profile",
    ItemKind.WORK: "work",
    ItemKind.EDUCATION: "education",
    ItemKind.CONTACT: "contact",
    ItemKind.LOGIN: "login",
    ItemKind.GROUP: "group",
    ItemKind.PAGE: "page",
    ItemKind.EVENT: "event",
    ItemKind.LIFE_EVENT: "life_event",
    ItemKind.PLACE: "place",
    ItemKind.CHECKIN: "checkin",
    ItemKind.LOCATION: "location",
    ItemKind.IP: "ip",
    ItemKind.PHOTO: "photo",
    ItemKind.CONNECTION: "connection",
    ItemKind.TAG: "tag",
}

# Things, singular and plural, as a title counts them.
NOUNS = {
    "post": ("post", "posts"),
    "comment": ("comment", "comments"),
    "message": ("message", "messages"),
    "photo": ("photo", "photos"),
    "photo_location": ("photo", "photos"),
    "tag": ("photo or post", "photos and posts"),
    "group": ("group", "groups"),
    "page": ("page or account you follow", "pages and accounts you follow"),
    "event": ("event", "events"),
    "life_event": ("life event", "life events"),
    "checkin": ("check-in", "check-ins"),
    "connection": ("connection", "connections"),
    "work": ("work-history entry", "work-history entries"),
    "education": ("education entry", "education entries"),
    "ip": ("sign-in record", "sign-in records"),
    "camera": ("photo", "photos"),
    "location_pattern": ("post or photo", "posts and photos"),
}

FIELD_LABELS = {
    "headline": "headline",
    "bio": "bio",
    "summary": "About section",
    "about": "About section",
    "name": "profile name",
    "website": "website",
    "username": "username",
    "industry": "industry",
    "email": "e-mail address",
    "phone": "phone number",
    "current_city": "current city",
    "hometown": "hometown",
    "places_lived": "places lived",
    "profile_based_in": "'based in' location",
    "city": "city",
    "zip_code": "postcode",
    "location": "location",
    "last_location": "last known location",
    "last_known_location": "last known location",
    "location_history": "location history",
    "marketplace": "Marketplace location",
    "geo_location": "location",
    "locations_of_interest": "locations of interest",
}


def target_of(finding: Finding) -> str:
    kind = finding.item_kind
    if finding.category is Category.LOCATION:
        if kind is ItemKind.LOCATION and not finding.field:
            return "location_pattern"  # drawn from many items (home, workplace, routine)
        if kind is ItemKind.PHOTO:
            return "camera" if finding.platform is Platform.PHOTOS else "photo_location"
    return _KIND_TARGET.get(kind, "generic")


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, field.replace("_", " ").replace(".", " "))


def counted(target: str, count: int) -> str:
    """'this post' / 'these 4 posts'."""
    one, many = NOUNS.get(target, ("item", "items"))
    return f"this {one}" if count == 1 else f"these {count} {many}"


def title(
    *,
    target: str,
    field: str,
    platform: str,
    count: int,
    categories: Collection[Category],
    allowed_wording: str,
    naming_allowed: bool,
) -> str:
    """The action's title: a verb a person can act on, the platform, and how many items.

    `naming_allowed` is set for policies that let staff name their employer (with a disclaimer):
    their titles ask for a review or a disclaimer instead of removal.
    """
    only_location = set(categories) == {Category.LOCATION}
    things = counted(target, count)
    them = "it" if count == 1 else "them"
    where = field_label(field)
    replace = f", or replace it with '{allowed_wording}'" if allowed_wording and not naming_allowed else ""
    identifying = bool({Category.EMPLOYER, Category.DUTIES, Category.COLLEAGUE} & set(categories))
    if target in ("post", "comment") and naming_allowed and identifying and not only_location:
        return f"Add a 'views are my own' disclaimer to {things} on {platform}, or delete {them}"
    own = platform.removeprefix("your ").removeprefix("the ")  # so a label never reads "your your ..."
    match target:
        case "post":
            if only_location:
                return f"Remove the location from {things} on {platform}, or delete {them}"
            return f"Delete or edit {things} on {platform}"
        case "comment" | "life_event" | "checkin":
            return f"Delete {things} on {platform}"
        case "message":
            return f"Delete {things} on {platform} (the other person keeps their copy)"
        case "photo":
            return f"Delete {things} on {platform}, or limit who can see {them}"
        case "photo_location":
            return f"Remove the location from {things} on {platform}, or delete {them}"
        case "camera":
            return f"Turn off camera location on your phone, and remove the location from {things} before sharing"
        case "tag":
            return f"Untag yourself from {things} on {platform}"
        case "profile":
            if Category.EMPLOYER in categories or Category.DUTIES in categories:
                if naming_allowed:
                    return f"Add a 'views are my own' disclaimer to your {own} {where}"
                return f"Remove the employer from your {own} {where}{replace}"
            return f"Edit your {own} {where}"
        case "work":
            if naming_allowed:
                return f"Review {things} on your {own} profile"
            return f"Remove the employer from {things} on your {own} profile{replace}"
        case "education":
            return f"Remove or reword {things} on your {own} profile"
        case "contact":
            return f"Remove your official {where} from your {own} profile"
        case "login":
            if field in ("email", "phone"):
                change = f"Change the login {where} of this {own} account from your official one"
            else:
                change = f"Change the {where or 'user id'} of this {own} account so it is not a corporate id"
            return change if naming_allowed else change + ", or delete the account"
        case "group":
            return f"Leave {things} on {platform}, or hide {them} from your profile"
        case "page":
            return f"Unfollow {things} on {platform}"
        case "event":
            return f"Remove yourself from {things} on {platform}"
        case "place":
            return f"Remove your {where} from your {own} profile, or show only a broad area"
        case "location":
            return f"Turn off {where} on {platform} and delete what it kept"
        case "ip":
            return f"Check where your {own} account was used from ({things})"
        case "connection":
            point = "points" if count == 1 else "point"
            return f"Hide your connections list on {platform}, and review {things} that {point} to the employer"
        case "location_pattern":
            return f"Stop {platform} from revealing your places: remove the location from the posts and photos"
    return f"Review {things} on {platform}"
