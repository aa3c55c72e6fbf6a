"""Which JSON sidecar belongs to which media file in one Google Photos Takeout folder.

Takeout writes `IMG_1234.jpg.json` (older) or `IMG_1234.jpg.supplemental-metadata.json` (from late
2024) next to each file, but cuts the whole name to about 51 characters, leaving
`.supplemental-metad.json`, `.suppl.json`, `.s.json`, `..json`, or a media name cut short. A second
copy of a name is `img(1).png` with sidecar `img.png.supplemental-metadata(1).json` (older:
`img.png(1).json`). An edited copy (`IMG_1234-edited.jpg`, localised suffixes too) has no sidecar of
its own and shares the original's. A Live/Motion photo's video (`IMG_1234.MP4`) shares the still's
sidecar (`IMG_1234.HEIC.json`). Only names are compared here; contents are read by the fetcher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from exposure_audit.fetchers.base import VIDEO_SUFFIXES, is_image_path

_SUFFIX = "supplemental-metadata"
_DUPLICATE_JSON = re.compile(r"\((\d+)\)$")
_DUPLICATE_MEDIA = re.compile(r"\((\d+)\)(\.[^.]+)$")
_EDITED = re.compile(
    r"-(edited|bearbeitet|modifi[ée]|editado|modificato|bewerkt|redigerad|redigeret|muokattu|edytowane)"
    r"(\(\d+\))?(\.[^.]+)$",
    re.IGNORECASE,
)
ALBUM_METADATA_NAMES = frozenset(
    {
        "metadata.json",
        "metadaten.json",
        "metadatos.json",
        "métadonnées.json",
        "metadati.json",
        "metadane.json",
        "metadados.json",
        "metagegevens.json",
    }
)
MIN_CUT_PREFIX = 20  # names are only cut when long; a shorter stem must match exactly


def is_media_path(path: str) -> bool:
    return is_image_path(path) or path.lower().endswith(VIDEO_SUFFIXES)


def sidecar_key(json_name: str) -> tuple[str, str]:
    """`IMG_1.jpg.supplemental-metadata(1).json` -> ("IMG_1.jpg", "(1)"): the media name it was cut
    from (possibly itself cut short) and the duplicate number."""
    stem = json_name[:-5] if json_name.lower().endswith(".json") else json_name
    duplicate = ""
    match = _DUPLICATE_JSON.search(stem)
    if match:
        duplicate, stem = match.group(0), stem[: match.start()]
    dot = stem.rfind(".")
    if dot >= 0 and _SUFFIX.startswith(stem[dot + 1 :].lower()) and stem[dot + 1 :] != stem:
        stem = stem[:dot]
    return stem, duplicate


def media_key(media_name: str) -> tuple[str, str]:
    """`img(1).png` -> ("img.png", "(1)")."""
    match = _DUPLICATE_MEDIA.search(media_name)
    if match:
        return media_name[: match.start()] + match.group(2), f"({match.group(1)})"
    return media_name, ""


def original_of_edited(media_name: str) -> str:
    """`IMG_1-edited.jpg` -> `IMG_1.jpg`; "" when the name is not an edited copy."""
    match = _EDITED.search(media_name)
    return media_name[: match.start()] + (match.group(2) or "") + match.group(3) if match else ""


@dataclass(slots=True)
class FolderPairing:
    groups: list[tuple[str, list[str]]] = field(default_factory=list)  # (sidecar or "", media names)
    album_metadata: str = ""


def pair_folder(names: list[str]) -> FolderPairing:
    """Pair the media files and JSON files of one folder (base names) in a deterministic order."""
    result = FolderPairing()
    media = sorted(n for n in names if is_media_path(n))
    sidecars: dict[tuple[str, str], str] = {}
    for name in sorted(n for n in names if n.lower().endswith(".json")):
        if name.lower() in ALBUM_METADATA_NAMES and not result.album_metadata:
            result.album_metadata = name
        else:
            sidecars.setdefault(sidecar_key(name), name)
    attached: dict[str, list[str]] = {}
    unmatched: list[str] = []
    for name in (m for m in media if not original_of_edited(m)):
        sidecar = _find(sidecars, name)
        if sidecar:
            attached.setdefault(sidecar, []).append(name)
        else:
            unmatched.append(name)
    for name in (m for m in media if original_of_edited(m)):
        sidecar = _find(sidecars, original_of_edited(name))
        if sidecar:
            attached.setdefault(sidecar, []).append(name)
        else:
            unmatched.append(name)
    still_unmatched = []
    for name in unmatched:  # the video half of a Live or Motion photo: same stem, other extension
        base, duplicate = media_key(name)
        stem = base.rsplit(".", 1)[0]
        companion = next(
            (
                s
                for (key, dup), s in sidecars.items()
                if dup == duplicate and key.rsplit(".", 1)[0] == stem and s in attached
            ),
            "",
        )
        if companion:
            attached[companion].append(name)
        else:
            still_unmatched.append(name)
    for sidecar in sorted(set(sidecars.values())):
        result.groups.append((sidecar, sorted(attached.get(sidecar, []))))
    result.groups.extend(("", [name]) for name in sorted(still_unmatched))
    return result


def _find(sidecars: dict[tuple[str, str], str], media_name: str) -> str:
    base, duplicate = media_key(media_name)
    for key in ((base, duplicate), (media_name, "")):  # img.png(1).json, and img(1).png.json
        if key in sidecars:
            return sidecars[key]
    cut = [
        (len(stem), name)
        for (stem, dup), name in sidecars.items()
        if dup == duplicate and len(stem) >= MIN_CUT_PREFIX and base.startswith(stem)
    ]
    return max(cut)[1] if cut else ""
