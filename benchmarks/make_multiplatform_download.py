"""Build the full benchmark download: Facebook + Instagram + LinkedIn + X, split across several zips.

    python benchmarks/make_multiplatform_download.py --out /tmp/full-bench            # full size
    python benchmarks/make_multiplatform_download.py --out /tmp/small --scale 0.05     # quick try

At scale 1: 105,000 posts and comments and 10,000 geotagged 2-4 MB JPEGs (about 30 GB), written
straight into zips (photos stored, text deflated) without touching disk twice. Photos share three
picture bodies of 2.2, 2.9 and 3.5 MB with a different EXIF block each, so generation is disk-bound.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from make_facebook_download import WORDS as FACEBOOK_WORDS

from exposure_audit.demo.images import exif_bytes

START = datetime(2016, 1, 1, 7, 0, tzinfo=UTC)
WORDS = [*FACEBOOK_WORDS, "surf", "trail", "picnic", "camping"]  # the Facebook benchmark's words, and outdoor ones


def bodies() -> list[bytes]:
    rng = np.random.default_rng(7)
    out = []
    for width, height in ((1700, 1275), (1900, 1425), (2100, 1575)):
        buffer = io.BytesIO()
        Image.fromarray(rng.integers(0, 256, (height, width, 3), dtype=np.uint8)).save(buffer, "JPEG", quality=93)
        out.append(buffer.getvalue())
    return out


def with_exif(jpeg: bytes, exif: bytes) -> bytes:
    return jpeg[:2] + b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif + jpeg[2:]


def text(rng: random.Random, index: int) -> str:
    if index % 9973 == 11:
        return "Night shift with the Australian Border Force crew again"
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 28)))


class Photos:
    """Geotagged photos around a home, a workplace and a coffee stop, with capture times to match."""

    def __init__(self) -> None:
        self.bodies = bodies()
        self.rng = random.Random(3)
        self.count = 0

    def next(self) -> tuple[bytes, datetime, float, float]:
        index = self.count
        self.count += 1
        when = START + timedelta(hours=13 * index)
        spot = ((-33.8721, 151.0365), (-33.9461, 151.1772), (-33.8810, 151.0421))[index % 3]
        lat = spot[0] + self.rng.uniform(-0.0008, 0.0008)
        lon = spot[1] + self.rng.uniform(-0.0008, 0.0008)
        exif = exif_bytes(lat=lat, lon=lon, taken=when.replace(tzinfo=None))
        return with_exif(self.bodies[index % 3], exif), when, lat, lon


def json_array(records: Iterator[dict[str, object]]) -> bytes:
    return ("[\n" + ",\n".join(json.dumps(r) for r in records) + "\n]\n").encode("ascii")


def facebook(out: Path, posts: int, comments: int, photos: int, gen: Photos, parts: int = 3) -> list[Path]:
    rng = random.Random(11)
    zips = [
        zipfile.ZipFile(out / f"facebook-benchuser-2026-10-04-Fb{n}.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        for n in range(1, parts + 1)
    ]
    photo_every = max(1, posts // max(1, photos))
    records: list[dict[str, object]] = []
    file_number = 1
    made = 0
    for index in range(posts):
        when = START + timedelta(minutes=83 * index)
        post: dict[str, object] = {"timestamp": int(when.timestamp()), "data": [{"post": text(rng, index)}]}
        if index % photo_every == 0 and made < photos:
            body, taken, lat, lon = gen.next()
            name = f"your_facebook_activity/posts/media/Bench_{made // 1000}/{10**6 + made}_n.jpg"
            zips[made % parts].writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), body, zipfile.ZIP_STORED)
            post["attachments"] = [
                {
                    "data": [
                        {
                            "media": {
                                "uri": name,
                                "creation_timestamp": int(taken.timestamp()),
                                "media_metadata": {
                                    "photo_metadata": {
                                        "exif_data": [
                                            {
                                                "latitude": round(lat, 6),
                                                "longitude": round(lon, 6),
                                                "taken_timestamp": int(taken.timestamp()),
                                            }
                                        ]
                                    }
                                },
                            }
                        }
                    ]
                }
            ]
            made += 1
        records.append(post)
        if len(records) == 10_000 or index == posts - 1:
            member = f"your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_{file_number}.json"
            zips[0].writestr(member, json_array(iter(records)))
            records, file_number = [], file_number + 1
    comment_records = [
        {
            "timestamp": int((START + timedelta(minutes=61 * i)).timestamp()),
            "data": [{"comment": {"comment": text(rng, i + 7), "author": "Bench Citizen"}}],
        }
        for i in range(comments)
    ]
    zips[0].writestr(
        "your_facebook_activity/comments_and_reactions/comments.json",
        json.dumps({"comments_v2": comment_records}).encode(),
    )
    zips[0].writestr(
        "personal_information/profile_information/profile_information.json",
        json.dumps(
            {
                "profile_v2": {
                    "name": {"full_name": "Bench Citizen"},
                    "emails": {"emails": ["bench@example.com"]},
                    "work_experiences": [{"employer": "Australian Border Force", "title": "Border Force Officer"}],
                }
            }
        ).encode(),
    )
    for archive in zips:
        archive.close()
    return [Path(str(z.filename)) for z in zips]


def instagram(out: Path, posts: int, comments: int, photos: int, gen: Photos) -> list[Path]:
    rng = random.Random(13)
    zips = [
        zipfile.ZipFile(out / f"instagram-benchuser-2026-10-04-Ig{n}.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        for n in (1, 2)
    ]
    photo_every = max(1, posts // max(1, photos))
    records = []
    made = 0
    for index in range(posts):
        when = START + timedelta(minutes=97 * index)
        media: dict[str, object] = {"uri": "", "creation_timestamp": int(when.timestamp()), "title": text(rng, index)}
        if index % photo_every == 0 and made < photos:
            body, taken, lat, lon = gen.next()
            name = f"media/posts/{taken:%Y%m}/{2 * 10**6 + made}_n.jpg"
            zips[1 + made % 1].writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), body, zipfile.ZIP_STORED)
            media["uri"] = name
            media["media_metadata"] = {
                "photo_metadata": {"exif_data": [{"latitude": round(lat, 6), "longitude": round(lon, 6)}]}
            }
            made += 1
        records.append({"media": [media]})
    zips[0].writestr("your_instagram_activity/media/posts_1.json", json_array(iter(records)))
    zips[0].writestr(
        "your_instagram_activity/comments/post_comments_1.json",
        json_array(
            {
                "string_map_data": {
                    "Comment": {"value": text(rng, i)},
                    "Time": {"timestamp": int((START + timedelta(hours=i)).timestamp())},
                }
            }
            for i in range(comments)
        ),
    )
    zips[0].writestr(
        "personal_information/personal_information/personal_information.json",
        json.dumps(
            {
                "profile_user": [
                    {"string_map_data": {"Email": {"value": "bench@example.com"}, "Bio": {"value": "Swimmer"}}}
                ]
            }
        ).encode(),
    )
    for archive in zips:
        archive.close()
    return [Path(str(z.filename)) for z in zips]


def linkedin(out: Path, shares: int, comments: int) -> list[Path]:
    rng = random.Random(17)
    path = out / "Complete_LinkedInDataExport_10-04-2026.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        lines = ["Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility"]
        lines += [
            f'2025-11-19 09:59:{i % 60:02d},https://www.linkedin.com/feed/update/{i},"{text(rng, i)}",,,MEMBER'
            for i in range(shares)
        ]
        archive.writestr("Shares.csv", "\ufeff" + "\n".join(lines) + "\n")
        lines = ["Date,Link,Message"] + [
            f'2025-10-01 08:00:{i % 60:02d},https://x.example/{i},"{text(rng, i)}"' for i in range(comments)
        ]
        archive.writestr("Comments.csv", "\ufeff" + "\n".join(lines) + "\n")
        archive.writestr(
            "Positions.csv",
            "Company Name,Title,Description,Location,Started On,Finished On\n"
            "Australian Border Force,Border Force Officer,,Sydney,Jan 2020,\n",
        )
    return [path]


def x_archive(out: Path, tweets: int) -> list[Path]:
    rng = random.Random(19)
    path = out / "twitter-2026-10-04-bench.zip"
    records = [
        {
            "tweet": {
                "id_str": str(10**18 + i),
                "full_text": text(rng, i),
                "created_at": (START + timedelta(minutes=71 * i)).strftime("%a %b %d %H:%M:%S +0000 %Y"),
                "entities": {"urls": [], "user_mentions": []},
            }
        }
        for i in range(tweets)
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("data/tweets.js", "window.YTD.tweets.part0 = " + json.dumps(records))
        archive.writestr(
            "data/account.js",
            'window.YTD.account.part0 = [{"account": {"email": "bench@example.com",'
            ' "username": "bench", "accountId": "1"}}]',
        )
        manifest = {
            "dataTypes": {
                "tweets": {
                    "files": [{"fileName": "data/tweets.js", "globalName": "YTD.tweets.part0", "count": str(tweets)}]
                },
                "account": {
                    "files": [{"fileName": "data/account.js", "globalName": "YTD.account.part0", "count": "1"}]
                },
            }
        }
        archive.writestr("data/manifest.js", "window.__THAR_CONFIG = " + json.dumps(manifest))
    return [path]


def build(out: Path, scale: float) -> dict[str, object]:
    out.mkdir(parents=True, exist_ok=True)
    gen = Photos()
    counts = {
        "fb_posts": int(40_000 * scale),
        "fb_comments": int(20_000 * scale),
        "ig_posts": int(15_000 * scale),
        "ig_comments": int(5_000 * scale),
        "li_shares": int(5_000 * scale),
        "li_comments": int(5_000 * scale),
        "tweets": int(15_000 * scale),
        "fb_photos": int(6_000 * scale),
        "ig_photos": int(4_000 * scale),
    }
    paths = (
        facebook(out, counts["fb_posts"], counts["fb_comments"], counts["fb_photos"], gen)
        + instagram(out, counts["ig_posts"], counts["ig_comments"], counts["ig_photos"], gen)
        + linkedin(out, counts["li_shares"], counts["li_comments"])
        + x_archive(out, counts["tweets"])
    )
    texts = sum(v for k, v in counts.items() if "photos" not in k)
    manifest = {
        "paths": [str(p) for p in paths],
        "texts": texts,
        "photos": gen.count,
        "bytes": sum(p.stat().st_size for p in paths),
    }
    (out / "bench-manifest.json").write_text(json.dumps(manifest, indent=2))
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    print(json.dumps(build(args.out, args.scale), indent=2))


if __name__ == "__main__":
    main()
