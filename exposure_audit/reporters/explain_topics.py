"""Text for `exposure-audit explain TOPIC`: the longer explanations that `scan --help` leaves out, so
that the help stays one short line per option and readable at 80 columns."""

from __future__ import annotations

import textwrap

from exposure_audit.limits import cap_flags

WIDTH = 80

TOPICS: dict[str, tuple[str, tuple[str, ...]]] = {
    "images": (
        "How closely photos are examined (scan --images, --ocr)",
        (
            "--images off reads only the words around a photo: its caption, album name and file name.",
            "--images fast also looks at the people in it: clothing, badges, shoulder patches. It reads no text.",
            "--images full (the default) also reads the text on the people found, such as a name badge or the "
            "word on a uniform.",
            "--ocr people (the default) reads text only on the people found; --ocr full reads text anywhere in "
            "the photo, which is slower.",
        ),
    ),
    "platforms": (
        "Which downloads are understood (scan --platform)",
        (
            "The platform of a download is recognised from its files. --platform NAME forces one, for a "
            "download whose files were renamed or moved.",
            "facebook: Facebook's 'Download your information' (JSON or HTML). instagram: Instagram's download "
            "(JSON or HTML). linkedin: LinkedIn's 'Get a copy of your data'. x: the X (Twitter) archive. "
            "google-photos: Google Takeout with Google Photos. photos: a folder or zip of photos from a phone "
            "or camera. mastodon, bluesky and web: what anyone can see now (scan --public).",
            "Google Takeout may offer .tgz files: choose .zip when you ask for the download, or unpack the "
            ".tgz and give the folder.",
        ),
    ),
    "public": (
        "Checking what anyone can see now (scan --public)",
        (
            "--public SOURCE also reads what is public right now: mastodon:@name@instance, bluesky:handle or an "
            "https:// address. It is the only option that uses the network; everything else stays on this "
            "computer.",
            "--max-items limits the posts read per source and --max-pages the web pages read per site. "
            "Addresses on this computer or a private network are refused unless --allow-private is given.",
        ),
    ),
    "baseline": (
        "Comparing with an earlier scan (scan --baseline)",
        (
            "--baseline FILE compares this scan with an earlier one: each finding is new, known or resolved, "
            "and only new ones make the exit code 1. --update-baseline saves this run into the file (created "
            "if missing).",
            "--triage ID=LABEL labels a finding accepted, false-positive or fixed, so later scans stay quiet "
            "about it; --triage-note adds a note and --triage-until an end date (YYYY-MM-DD). "
            "'exposure-audit triage FILE' lists the findings of a baseline and labels them later.",
        ),
    ),
    "workshop": (
        "Counting a room's findings (scan --summary-out)",
        (
            "--summary-out FILE writes a count-only summary: how many findings of each kind, no names and no "
            "values. Its whole content is printed first, so you see what you hand over.",
            "'exposure-audit workshop aggregate' combines people's summaries into the room's picture and hides "
            "any figure drawn from fewer than five people; 'exposure-audit workshop handout' prints the "
            "checklist guidance of a policy.",
        ),
    ),
    "limits": (
        "Limits on hostile input (scan --max-*)",
        (
            "Downloads are read in place, without unpacking, within limits that stop a damaged or hostile "
            "file from filling memory or disk.",
            # One line per flag, from the caps' own declarations, so a new cap is explained here too.
            *(f"{flag.flag}: {flag.help}" for _, _, flag in cap_flags()),
            "The defaults fit real downloads. Raise one only when a report says a file was skipped for it.",
        ),
    ),
    "exit": (
        "Exit codes (scan --fail-on, --strict)",
        (
            "0: nothing at or above the --fail-on severity was found (default: low, so any finding counts). "
            "1: something was found. 2: the input could not be used, or with --strict, some part of a "
            "download could not be read.",
        ),
    ),
}


def topic_text(name: str) -> str | None:
    """The topic's text, wrapped at 80 columns, or None when there is no such topic."""
    found = TOPICS.get(name.strip().lower())
    if found is None:
        return None
    title, paragraphs = found
    out = [title, ""]
    for paragraph in paragraphs:
        out += [textwrap.fill(paragraph, width=WIDTH, initial_indent="  ", subsequent_indent="  "), ""]
    return "\n".join(out)
