"""Build a large synthetic Facebook download (2024+ JSON layout) for benchmarks.

    python benchmarks/make_facebook_download.py --posts 50000 --photos 5000 --out /tmp/fb-bench

Posts are written in numbered files of 10,000 as Meta does, streamed so the generator itself stays
small. A few posts carry planted exposures so the scan has something to report. Photos share one
picture body with a different EXIF block each (GPS on most of them), so building 5,000 takes seconds.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image

from exposure_audit.demo.images import exif_bytes

POSTS_PER_FILE = 10_000
WORDS = [
    "coffee",
    "beach",
    "footy",
    "weekend",
    "dinner",
    "family",
    "walk",
    "garden",
    "rain",
    "sunset",
    "kids",
    "dog",
    "swim",
    "ride",
    "market",
    "music",
    "concert",
    "book",
    "holiday",
    "train",
    "bus",
    "friends",
    "birthday",
    "bake",
    "pizza",
    "movie",
    "park",
]


def _base_jpeg(width: int = 640, height: int = 480) -> bytes:
    rng = random.Random(1)
    image = Image.frombytes("RGB", (width, height), bytes(rng.getrandbits(8) for _ in range(width * height * 3)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def _with_exif(jpeg: bytes, exif: bytes) -> bytes:
    """Insert an APP1 EXIF segment right after SOI."""
    segment = b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif
    return jpeg[:2] + segment + jpeg[2:]


def _post_text(rng: random.Random, index: int) -> str:
    if index % 5000 == 17:
        return "Another shift at the Australian Border Force cargo hall, love this team"
    if index % 5000 == 42:
        return "Email me at j.citizen-bench@abf.gov.au about the bike"
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 24)))


def build(out: Path, posts: int, photos: int) -> Path:
    rng = random.Random(2026)
    root = out / "facebook-benchuser-2026-10-04-Bm4Xk9"
    posts_dir = root / "your_facebook_activity" / "posts"
    media_dir = posts_dir / "media" / "MobileUploads_Bench"
    media_dir.mkdir(parents=True, exist_ok=True)
    body = _base_jpeg()
    start = datetime(2016, 1, 1, 8, 0)
    photo_every = max(1, posts // max(1, photos)) if photos else 0
    written_photos = 0
    for file_number in range(1, (posts + POSTS_PER_FILE - 1) // POSTS_PER_FILE + 1):
        path = posts_dir / f"your_posts__check_ins__photos_and_videos_{file_number}.json"
        with path.open("w", encoding="ascii") as handle:
            handle.write("[\n")
            first = True
            for index in range((file_number - 1) * POSTS_PER_FILE, min(posts, file_number * POSTS_PER_FILE)):
                when = start + timedelta(minutes=97 * index)
                post: dict[str, object] = {
                    "timestamp": int(when.timestamp()),
                    "data": [{"post": _post_text(rng, index)}],
                    "attachments": [],
                }
                if photo_every and index % photo_every == 0 and written_photos < photos:
                    name = f"{100000 + written_photos}_{200000 + written_photos}_n.jpg"
                    lat = -33.87 + rng.uniform(-0.2, 0.2) if written_photos % 4 else None
                    lon = 151.21 + rng.uniform(-0.2, 0.2) if lat is not None else None
                    exif = exif_bytes(lat=lat, lon=lon, taken=when)
                    (media_dir / name).write_bytes(_with_exif(body, exif))
                    meta: dict[str, object] = {"upload_ip": "198.51.100.7", "taken_timestamp": int(when.timestamp())}
                    if lat is not None:
                        meta.update({"latitude": round(lat, 6), "longitude": round(lon or 0.0, 6)})
                    post["attachments"] = [
                        {
                            "data": [
                                {
                                    "media": {
                                        "uri": f"your_facebook_activity/posts/media/MobileUploads_Bench/{name}",
                                        "creation_timestamp": int(when.timestamp()) + 60,
                                        "title": "Mobile Uploads",
                                        "media_metadata": {"photo_metadata": {"exif_data": [meta]}},
                                    }
                                }
                            ]
                        }
                    ]
                    written_photos += 1
                handle.write(("" if first else ",\n") + json.dumps(post))
                first = False
            handle.write("\n]\n")
    profile = root / "personal_information" / "profile_information" / "profile_information.json"
    profile.parent.mkdir(parents=True, exist_ok=True)
    profile.write_text(
        json.dumps(
            {
                "profile_v2": {
                    "name": {"full_name": "Bench Citizen"},
                    "emails": {"emails": ["bench.citizen@example.com"], "previous_emails": ["b.citizen@abf.gov.au"]},
                    "work_experiences": [{"employer": "Australian Border Force", "title": "Border Force Officer"}],
                    "current_city": {"name": "Sydney, New South Wales"},
                }
            }
        ),
        encoding="ascii",
    )
    return root


def zip_download(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                stored = path.suffix.lower() == ".jpg"
                archive.write(
                    path,
                    path.relative_to(folder).as_posix(),
                    compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED,
                )
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=50_000)
    parser.add_argument("--photos", type=int, default=5_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--zip", action="store_true", help="also write <out>/facebook-bench.zip")
    args = parser.parse_args()
    folder = build(args.out, args.posts, args.photos)
    print(folder)
    if args.zip:
        print(zip_download(folder, args.out / "facebook-bench.zip"))


if __name__ == "__main__":
    main()
