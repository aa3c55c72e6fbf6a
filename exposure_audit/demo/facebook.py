"""Write a persona's Facebook download in the 2024+ JSON layout, Meta's text escaping included."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from exposure_audit.demo.images import demo_jpeg
from exposure_audit.demo.personas import Persona
from exposure_audit.demo.timeline import Moment, offset, timeline


def meta_escape(value: Any) -> Any:
    """Meta writes each UTF-8 byte >= 0x80 as its own \\u00XX escape; reproduce that faithfully."""
    if isinstance(value, str):
        return value.encode("utf-8").decode("latin-1")
    if isinstance(value, list):
        return [meta_escape(v) for v in value]
    if isinstance(value, dict):
        return {meta_escape(k): meta_escape(v) for k, v in value.items()}
    return value


def write_meta_json(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(meta_escape(value), indent=2, ensure_ascii=True), encoding="ascii")


def _epoch(moment: datetime) -> int:
    return int(moment.astimezone(UTC).timestamp())


def _profile(p: Persona) -> dict[str, Any]:
    previous = [p.official_email] if p.official_email else []
    work = []
    if p.employer:
        work.append(
            {
                "employer": p.employer,
                "title": p.job_title,
                "location": p.city.split(",")[0],
                "description": "",
                "start_timestamp": 1704067200,
                "timestamp": 1704153600,
            }
        )
    return {
        "profile_v2": {
            "name": {
                "full_name": p.full_name,
                "first_name": p.full_name.split()[0],
                "middle_name": "",
                "last_name": p.full_name.split()[-1],
            },
            "emails": {
                "emails": [p.personal_email],
                "previous_emails": [*previous, f"{p.username}@facebook.com"],
                "pending_emails": [],
                "ad_account_emails": [],
            },
            "current_city": {"name": p.city, "timestamp": 1704153600},
            "hometown": {"name": p.hometown, "timestamp": 1420070400},
            "work_experiences": work,
            "education_experiences": [
                {
                    "name": "University of Wollongong",
                    "graduated": True,
                    "school_type": "College",
                    "timestamp": 1300000000,
                }
            ],
            "phone_numbers": [{"phone_type": "Mobile", "phone_number": p.mobile, "verified": True}],
            "username": p.username,
            "registration_timestamp": 1236355160,
        }
    }


def _autofill(p: Persona) -> dict[str, Any]:
    fields: dict[str, list[str]] = {
        "EMAIL": [p.personal_email],
        "PHONE": [p.mobile],
        "CITY": [p.city.split(",")[0]],
        "FULL_NAME": [p.full_name],
    }
    if p.official_email:
        fields["WORK_EMAIL"] = [p.official_email]
    if p.work_phone:
        fields["WORK_PHONE"] = [p.work_phone]
    if p.employer:
        fields["COMPANY_NAME"] = [p.employer]
        fields["JOB_TITLE"] = [p.job_title]
    return {"autofill_information_v2": fields}


def _media(p: Persona, moment: Moment, index: int, root: Path, text: str) -> dict[str, Any]:
    uri = f"your_facebook_activity/posts/media/MobileUploads_dQ8r/{5100 + index}_{7300 + index}_n.jpg"
    lat_lon = offset(moment.spot, moment.jitter) if moment.spot else None
    local = moment.when.replace(tzinfo=None)
    target = root / uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(
        demo_jpeg(seed=index, lat=lat_lon[0] if lat_lon else None, lon=lat_lon[1] if lat_lon else None, taken=local)
    )
    exif: dict[str, Any] = {"upload_ip": f"198.51.100.{(index % 50) + 10}", "taken_timestamp": _epoch(moment.when)}
    if lat_lon:
        exif.update({"latitude": lat_lon[0], "longitude": lat_lon[1]})
    return {
        "uri": uri,
        "creation_timestamp": _epoch(moment.when) + 30,
        "media_metadata": {"photo_metadata": {"exif_data": [exif]}},
        "title": "Mobile Uploads",
        "description": text,
    }


def _posts(p: Persona, root: Path) -> list[dict[str, Any]]:
    work_texts = list(p.posts_about_work)
    life_texts = list(p.everyday_posts)
    posts: list[dict[str, Any]] = []
    for index, moment in enumerate(timeline(p)):
        pool = work_texts if moment.about_work and work_texts else life_texts
        text = pool[index % len(pool)]
        post: dict[str, Any] = {"timestamp": _epoch(moment.when), "data": [{"post": text}], "attachments": []}
        if moment.about_work and p.colleagues:
            post["tags"] = [p.colleagues[index % len(p.colleagues)]]
        if index % 2 == 0 or moment.spot is not None:
            post["attachments"].append({"data": [{"media": _media(p, moment, index, root, text)}]})
        posts.append(post)
    if p.employer:
        posts.append(
            {
                "timestamp": 1704153600,
                "data": [{"update_timestamp": 1704153600}],
                "attachments": [
                    {
                        "data": [
                            {
                                "life_event": {
                                    "title": f"Started New Job at {p.employer}",
                                    "start_date": {"year": 2024, "month": 1, "day": 2},
                                }
                            }
                        ]
                    }
                ],
            }
        )
    if p.official_email:
        posts.append(
            {
                "timestamp": 1738900000,
                "data": [{"post": (f"Selling my old bike, message me or email {p.official_email} during the day")}],
                "attachments": [],
            }
        )
    return posts


def _checkins(p: Persona) -> list[dict[str, Any]]:
    if not p.geotag_habit:
        return []
    when = datetime(2025, 3, 14, 8, 5, tzinfo=UTC)
    return [
        {
            "timestamp": _epoch(when),
            "title": f"{p.full_name} was at {p.work.name}.",
            "data": [{"post": "Early start"}],
            "attachments": [
                {
                    "data": [
                        {
                            "place": {
                                "name": p.work.name,
                                "address": "",
                                "coordinate": {"latitude": p.work.lat, "longitude": p.work.lon},
                                "url": "",
                            }
                        }
                    ]
                }
            ],
        }
    ]


def write_facebook(p: Persona, root: Path) -> Path:
    """Write the persona's Facebook download under `root`; returns the download folder."""
    folder = root / f"facebook-{p.username.replace('.', '')}-2026-10-04-Xq7Lp2"
    write_meta_json(folder / "personal_information/profile_information/profile_information.json", _profile(p))
    write_meta_json(folder / "your_facebook_activity/messages/autofill_information.json", _autofill(p))
    write_meta_json(
        folder / "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json",
        _posts(p, folder) + _checkins(p),
    )
    write_meta_json(
        folder / "your_facebook_activity/groups/your_group_membership_activity.json",
        {
            "groups_joined_v2": [
                {"timestamp": 1706000000 + i * 86400, "title": f"You joined {g}.", "data": [{"name": g}]}
                for i, g in enumerate(p.groups)
            ]
        },
    )
    comments = [
        {
            "timestamp": 1740000000,
            "title": f"{p.full_name} commented on a post.",
            "data": [
                {
                    "comment": {
                        "timestamp": 1740000000,
                        "author": p.full_name,
                        "comment": "Haha thanks! See you at the training day",
                    }
                }
            ],
        }
    ]
    if p.employer:
        comments.append(
            {
                "timestamp": 1741000000,
                "title": f"{p.full_name} commented on a post.",
                "data": [
                    {
                        "comment": {
                            "timestamp": 1741000000,
                            "author": p.full_name,
                            "comment": f"Congrats! Welcome to {p.employer} 🎉",
                        }
                    }
                ],
            }
        )
    write_meta_json(folder / "your_facebook_activity/comments_and_reactions/comments.json", {"comments_v2": comments})
    friends = [
        {"name": n, "timestamp": 1700000000 + i}
        for i, n in enumerate((*p.colleagues, "Sam Quennell-Ito", "Harriet Vos-Amadi"))
    ]
    write_meta_json(folder / "connections/friends/your_friends.json", {"friends_v2": friends})
    start = datetime.combine(date(2025, 6, 20), datetime.min.time(), tzinfo=UTC)
    write_meta_json(
        folder / "your_facebook_activity/events/your_event_responses.json",
        {
            "event_responses_v2": {
                "events_joined": [
                    {
                        "name": "Harbour fun run",
                        "start_timestamp": _epoch(start),
                        "end_timestamp": _epoch(start) + 10800,
                        "place": {
                            "name": "Belmore Basin",
                            "coordinate": {"latitude": p.cafe.lat - 0.004, "longitude": p.cafe.lon + 0.012},
                        },
                    }
                ],
                "events_declined": [],
                "events_interested": [],
            }
        },
    )
    return folder
