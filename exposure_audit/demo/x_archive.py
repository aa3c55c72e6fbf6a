"""Write a persona's X archive: `data/*.js` files in the `window.YTD` wrapper, listed by manifest.js."""

from __future__ import annotations

import html
import json
from datetime import UTC
from pathlib import Path
from typing import Any

from exposure_audit.demo.images import demo_jpeg
from exposure_audit.demo.personas import Persona
from exposure_audit.demo.timeline import timeline


def _js(path: Path, global_name: str, records: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = json.dumps(records, indent=2, ensure_ascii=False).replace('": ', '" : ')
    path.write_text(f"window.YTD.{global_name}.part0 = {body}", encoding="utf-8")


def _tweets(p: Persona, data: Path) -> list[dict[str, Any]]:
    tweets = []
    texts = list(p.posts_about_work) + list(p.everyday_posts)
    for index, moment in enumerate(timeline(p, seed=23)[:20]):
        tweet_id = str(1800000000000000000 + index * 7919)
        text = texts[index % len(texts)]
        record: dict[str, Any] = {
            "id_str": tweet_id,
            "id": tweet_id,
            "full_text": html.escape(text, quote=False),
            "created_at": moment.when.astimezone(UTC).strftime("%a %b %d %H:%M:%S +0000 %Y"),
            "favorite_count": "2",
            "retweet_count": "0",
            "lang": "en",
            "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
        }
        if index % 4 == 0:
            key = f"G{index:02d}xDemoKey"
            (data / "tweets_media").mkdir(parents=True, exist_ok=True)
            (data / "tweets_media" / f"{tweet_id}-{key}.jpg").write_bytes(
                demo_jpeg(seed=300 + index, lat=None, lon=None, taken=moment.when.replace(tzinfo=None))
            )
            record["full_text"] += " https://t.co/pic" + str(index)
            record["entities"]["media"] = [
                {
                    "id_str": tweet_id,
                    "type": "photo",
                    "media_url_https": f"https://pbs.twimg.com/media/{key}.jpg",
                    "url": f"https://t.co/pic{index}",
                }
            ]
        tweets.append({"tweet": record})
    return tweets


def write_x(p: Persona, root: Path) -> Path:
    folder = root / "twitter-2026-10-04-5e1f0c"
    data = folder / "data"
    handle = p.username.replace(".", "_")
    _js(
        data / "account.js",
        "account",
        [
            {
                "account": {
                    "email": p.official_email or p.personal_email,
                    "createdVia": "web",
                    "username": handle,
                    "accountId": "1200000000000000042",
                    "createdAt": "2019-04-01T08:00:00.000Z",
                    "accountDisplayName": p.full_name.split()[0],
                }
            }
        ],
    )
    bio = f"{p.job_title}. Views my own." if p.employer else "Swims, bakes, reads."
    _js(
        data / "profile.js",
        "profile",
        [{"profile": {"description": {"bio": bio, "website": "", "location": p.city.split(",")[0]}}}],
    )
    tweets = _tweets(p, data)
    _js(data / "tweets.js", "tweets", tweets)
    manifest = {
        "userInfo": {"accountId": "1200000000000000042", "userName": handle, "displayName": p.full_name},
        "archiveInfo": {"generationDate": "2026-10-04T00:00:00.000Z", "isPartialArchive": False},
        "dataTypes": {
            "account": {"files": [{"fileName": "data/account.js", "globalName": "YTD.account.part0", "count": "1"}]},
            "profile": {"files": [{"fileName": "data/profile.js", "globalName": "YTD.profile.part0", "count": "1"}]},
            "tweets": {
                "mediaDirectory": "data/tweets_media",
                "files": [{"fileName": "data/tweets.js", "globalName": "YTD.tweets.part0", "count": str(len(tweets))}],
            },
        },
    }
    (data / "manifest.js").write_text("window.__THAR_CONFIG = " + json.dumps(manifest, indent=2), encoding="utf-8")
    return folder
