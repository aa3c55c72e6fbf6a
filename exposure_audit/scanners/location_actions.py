"""Where, on each platform, a person removes a location that is already posted, and how to stop
new photos from carrying one. Wording is kept short and names the menu path as the app shows it;
the platform-specific lines are in each platform's steps.toml (`fetchers/<platform>/`)."""

from __future__ import annotations

from exposure_audit.fetchers.steps import platform_steps
from exposure_audit.model import Platform

CAMERA_OFF = (
    "Turn off location for the camera: iPhone Settings → Privacy & Security → Location Services → "
    "Camera → Never; Android Camera app → Settings → Location tags (or Save location) → off."
)

STRIP_COPIES = "For copies you keep or share, run 'exposure-audit strip-gps' to write versions without GPS."

NETWORK = (
    "The platform logged the internet addresses you used; an address narrows your home or workplace to a "
    "suburb for anyone who obtains the data. Use the platform's active-sessions page to log out devices you "
    "do not recognise; this log itself cannot be edited."
)


def remove_posted(platform: Platform) -> str:
    """How to remove a location already posted: the platform's `remove_posted` line in its steps.toml."""
    return (
        platform_steps().text(platform.value, "remove_posted")
        or "Remove the location from the post, or delete the post."
    )


def coarse_place(platform: Platform) -> str:
    """How to remove a city or region from a profile: the platform's `coarse_place` line in its steps.toml."""
    return (
        platform_steps().text(platform.value, "coarse_place")
        or "Remove the place from the profile, or make it visible to you only."
    )
