"""The scan settings a person picks on the page, checked and turned into the engine's options.

Every field has a default that needs no choice: the configured (or built-in) policy, no
workplace, and the same photo checking as the command line. The workplace is typed as a town
(looked up in the GeoNames places shipped with the tool, offline) or as "latitude, longitude".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from exposure_audit.errors import UsageError
from exposure_audit.media.vision import ImageDepth
from exposure_audit.policy.model import Policy, Site, builtin_policy_names, load_policy

IMAGE_LEVELS = {
    ImageDepth.FULL.value: "Full: people, uniforms, badges and the text on them (slowest)",
    ImageDepth.FAST.value: "Fast: people, uniforms and badges, no text reading",
    ImageDepth.OFF.value: "Off: only the words around each photo",
}
DEFAULT_RADIUS_M = 500.0
_LATLON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*[, ]\s*(-?\d+(?:\.\d+)?)\s*$")


@dataclass(frozen=True, slots=True, kw_only=True)
class ScanSettings:
    profile: str | None = None  # built-in name, a policy file path from the upload folder, None = default
    site: Site | None = None
    images: str = ImageDepth.FULL.value

    def policy(self) -> Policy:
        policy = load_policy(self.profile)
        return policy.with_sites((self.site,)) if self.site else policy


def find_town(text: str) -> Site | None:
    """The most populous shipped place of that name ("Name" or "Name, country code"), or None."""
    from exposure_audit.geo.places import place_index

    name, _, country = (part.strip().lower() for part in text.partition(","))
    if not name:
        return None
    index = place_index()
    best: tuple[float, int] | None = None
    for i, candidate in enumerate(index.names()):
        if candidate.lower() != name:
            continue
        code = index.code(i)
        if country and code.lower() != country and index.countries.get(code, "").lower() != country:
            continue
        population = float(index.population[i])
        if best is None or population > best[0]:
            best = (population, i)
    if best is None:
        return None
    i = best[1]
    label = f"{index.name(i)}, {index.countries.get(index.code(i), index.code(i))}"
    return Site(name=label, lat=float(index.lat[i]), lon=float(index.lon[i]), radius_m=DEFAULT_RADIUS_M)


def suggest_towns(prefix: str, limit: int = 8) -> list[str]:
    """Shipped places whose name starts with `prefix`, most populous first, as "Name, CC" (what
    `find_town` takes back)."""
    from exposure_audit.geo.places import place_index

    start = prefix.strip().lower()
    if len(start) < 2:
        return []
    index = place_index()
    hits = sorted(
        (
            (-float(index.population[i]), f"{name}, {index.code(i)}")
            for i, name in enumerate(index.names())
            if name.lower().startswith(start)
        ),
        key=lambda hit: hit[0],
    )
    return list(dict.fromkeys(label for _, label in hits))[:limit]


def _radius(text: str) -> float:
    try:
        radius = float(text) if text.strip() else DEFAULT_RADIUS_M
    except ValueError:
        radius = -1.0
    if not 10 <= radius <= 50_000:
        raise UsageError("Radius", f"'{text}' is not a distance in metres from 10 to 50000", "Give it in metres")
    return radius


def parse_site(place: str, radius_text: str) -> Site | None:
    if not place.strip():
        return None
    radius = _radius(radius_text)
    match = _LATLON.match(place)
    if match:
        lat, lon = float(match.group(1)), float(match.group(2))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise UsageError(
                "Workplace", f"'{place}' is not a latitude and longitude", "For example -35.3075, 149.1244"
            )
        return Site(name="Workplace", lat=lat, lon=lon, radius_m=radius)
    site = find_town(place)
    if site is None:
        raise UsageError(
            "Workplace",
            f"no town called '{place}' is known",
            "Check the spelling, add the country code (e.g. 'Canberra, AU') or give latitude, longitude",
        )
    return Site(name=site.name, lat=site.lat, lon=site.lon, radius_m=radius)


def parse_settings(form: Mapping[str, str], policies: Mapping[str, Path]) -> ScanSettings:
    """Form fields -> settings; `policies` are the policy files added to the page, by their ids."""
    choice = form.get("profile", "")
    if choice in policies:
        profile: str | None = str(policies[choice])
    elif choice in builtin_policy_names():
        profile = choice
    elif choice == "":
        profile = None
    else:
        raise UsageError("Policy", "that policy is not offered", "Pick one from the list")
    images = form.get("images", ImageDepth.FULL.value)
    if images not in IMAGE_LEVELS:
        raise UsageError("Photo checking", "that level is not offered", "Pick one from the list")
    settings = ScanSettings(
        profile=profile, site=parse_site(form.get("place", ""), form.get("radius", "")), images=images
    )
    settings.policy()  # a broken policy file is reported now, before any work
    return settings
