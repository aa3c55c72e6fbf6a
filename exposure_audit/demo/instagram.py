"""Write a persona's Instagram download in the 2025+ JSON layout (`your_instagram_activity/media/`)."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from typing import Any

from exposure_audit.demo.facebook import write_meta_json
from exposure_audit.demo.images import demo_jpeg
from exposure_audit.demo.personas import Persona
from exposure_audit.demo.timeline import offset, timeline


def _string_map(**values: str) -> dict[str, dict[str, Any]]:
    return {label.replace("_", " "): {"href": "", "value": value, "timestamp": 0} for label, value in values.items()}


def _personal(p: Persona) -> dict[str, Any]:
    bio = f"{p.job_title} 🇦🇺 | ocean swimmer" if p.employer else "Ocean swimmer | sourdough"
    fields = _string_map(
        Email=p.personal_email,
        Phone_Number=p.mobile,
        Username=p.username.replace(".", "_"),
        Name=p.full_name,
        Bio=bio,
        City_Name=p.city.split(",")[0],
    )
    return {"profile_user": [{"title": "User Information", "media_map_data": {}, "string_map_data": fields}]}


def _posts(p: Persona, root: Path) -> list[dict[str, Any]]:
    posts = []
    texts = list(p.posts_about_work) + list(p.everyday_posts)
    for index, moment in enumerate(timeline(p, seed=11)[:24]):
        uri = f"media/posts/{moment.when:%Y%m}/{880000 + index}_{index}_n_1790000000{index:04d}.jpg"
        lat_lon = offset(moment.spot, moment.jitter) if moment.spot else None
        local = moment.when.replace(tzinfo=None)
        (root / uri).parent.mkdir(parents=True, exist_ok=True)
        (root / uri).write_bytes(demo_jpeg(seed=100 + index, lat=None, lon=None, taken=local))
        exif: dict[str, Any] = {
            "date_time_original": local.strftime("%Y:%m:%d %H:%M:%S"),
            "device_id": "6F1C2A90-0000-4000-8000-00000000D3M0",
            "source_type": "camera",
        }
        if lat_lon:
            exif.update({"latitude": lat_lon[0], "longitude": lat_lon[1]})
        created = int(moment.when.astimezone(UTC).timestamp())
        text = texts[index % len(texts)] if moment.about_work or index % 3 else ""
        posts.append(
            {
                "media": [
                    {
                        "uri": uri,
                        "creation_timestamp": created,
                        "title": text,
                        "media_metadata": {"photo_metadata": {"exif_data": [exif]}},
                    }
                ]
            }
        )
    return posts


def write_instagram(p: Persona, root: Path) -> Path:
    folder = root / f"instagram-{p.username.replace('.', '_')}-2026-10-04-Pq2Wd8"
    write_meta_json(folder / "personal_information/personal_information/personal_information.json", _personal(p))
    write_meta_json(folder / "your_instagram_activity/media/posts_1.json", _posts(p, folder))
    if p.geotag_habit:
        write_meta_json(
            folder / "security_and_login_information/login_and_profile_creation/last_known_location.json",
            {
                "account_history_imprecise_last_known_location": [
                    {
                        "string_map_data": {
                            "Precise Latitude": {"value": f"{p.home.lat:.6f}"},
                            "Precise Longitude": {"value": f"{p.home.lon:.6f}"},
                            "GPS Time Uploaded": {"timestamp": 1760000000},
                        }
                    }
                ]
            },
        )
    return folder
