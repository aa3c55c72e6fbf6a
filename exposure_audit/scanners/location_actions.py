"""Where, on each platform, a person removes a location that is already posted, and how to stop
new photos from carrying one. Wording is kept short and names the menu path as the app shows it."""

from __future__ import annotations

from exposure_audit.model import Platform

CAMERA_OFF = (
    "Turn off location for the camera: iPhone Settings → Privacy & Security → Location Services → "
    "Camera → Never; Android Camera app → Settings → Location tags (or Save location) → off."
)

STRIP_COPIES = "For copies you keep or share, run 'exposure-audit strip-gps' to write versions without GPS."

REMOVE_POSTED = {
    Platform.FACEBOOK: "Facebook: open the post → ⋯ → Edit post → remove the check-in or location (or delete "
                       "the post); for a photo, open it → ⋯ → Edit location → remove.",
    Platform.INSTAGRAM: "Instagram: open the post → ⋯ → Edit → tap the location → Remove location.",
    Platform.X: "X cannot edit a posted location: delete the post. Settings and privacy → Privacy and safety → "
                "Location information → turn off 'Add location information to your posts'.",
    Platform.GOOGLE_PHOTOS: "Google Photos: open the photo → ⓘ Info → Location → Remove location; Settings → "
                            "Sharing → turn on 'Remove geo-location in items shared by link'.",
    Platform.LINKEDIN: "LinkedIn: Me → View profile → edit the intro → set Location to a broad region only.",
    Platform.PHOTOS: "This photo file carries its position: share only a cleaned copy, and check where it was "
                     "already posted.",
}

COARSE_PLACE = {
    Platform.FACEBOOK: "Facebook: Profile → Edit profile → Details / About → Places lived → remove the current "
                       "city and hometown, or set them to 'Only me'.",
    Platform.INSTAGRAM: "Instagram keeps this as an inferred location; check Accounts Centre → Your information "
                        "and permissions and remove what you can.",
    Platform.LINKEDIN: "LinkedIn: Me → View profile → edit the intro → Location: use a broad region, and remove "
                       "the postcode.",
    Platform.X: "X: Edit profile → Location: leave it empty or use a broad region.",
}

NETWORK = (
    "The platform logged the internet addresses you used; an address narrows your home or workplace to a "
    "suburb for anyone who obtains the data. Use the platform's active-sessions page to log out devices you "
    "do not recognise; this log itself cannot be edited."
)


def remove_posted(platform: Platform) -> str:
    return REMOVE_POSTED.get(platform, "Remove the location from the post, or delete the post.")


def coarse_place(platform: Platform) -> str:
    return COARSE_PLACE.get(platform, "Remove the place from the profile, or make it visible to you only.")
