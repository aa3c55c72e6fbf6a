"""Time reading GPS from a folder of big geotagged JPEGs: exposure-audit's reader against exiftool.

    python benchmarks/gps_bench.py --photos 10000      # the full run (about 30 GB of temporary files)
    python benchmarks/gps_bench.py --photos 1000       # a quick try

Photos are 2-4 MB JPEGs of random noise (so they really are that big) with phone-style EXIF and a
distinct GPS position each, written under a temporary folder that is removed afterwards (never in
the repository). Both readers run one after the other on the same folder in the same run:
`exiftool -n -json -GPSLatitude -GPSLongitude -r DIR` (one process, Debian's libimage-exiftool-perl)
and `read_photo_facts` over every file in one Python process. The reader runs in a child process so
its peak memory (max RSS) is its own; it is measured over the first 1,000 photos and over all of them
to show that memory stays flat.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from exposure_audit.geo.samples import exif_bytes, picture

BODIES = 12  # distinct noise pictures; each photo gets its own EXIF in front of one of them
READER = r"""
import resource, sys, time
from pathlib import Path
from exposure_audit.media.metadata import read_photo_facts
files = sorted(Path(sys.argv[1]).rglob("*.jpg"))[: int(sys.argv[2])]
start = time.perf_counter()
found = 0
for path in files:
    with path.open("rb") as handle:
        found += read_photo_facts(handle).has_gps
elapsed = time.perf_counter() - start
try:  # VmHWM: this program's own peak (ru_maxrss would include the parent's memory from before exec)
    status = Path("/proc/self/status").read_text()
    peak = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(files), found, elapsed, peak)
"""


SIDES = (1750, 1900, 2100, 2300)  # 2.1-3.6 MB at quality 90


def jpeg_bodies(rng: random.Random, sides: tuple[int, ...] = SIDES) -> list[bytes]:
    """Noise JPEGs (2-4 MB by default) without EXIF; their bytes after SOI are reused behind each photo's EXIF."""
    bodies = []
    for index in range(BODIES):
        side = rng.choice(sides)
        out = io.BytesIO()
        picture(index, (side, side * 3 // 4), noise=True).save(out, "JPEG", quality=90)
        bodies.append(out.getvalue())
    return bodies


def make_photos(folder: Path, count: int, sides: tuple[int, ...] = SIDES) -> int:
    rng = random.Random(1000)
    bodies = jpeg_bodies(rng, sides)
    total = 0
    start = datetime(2024, 1, 1, 7, 0)
    for index in range(count):
        exif = exif_bytes(
            lat=-27.4 - rng.random() * 0.2, lon=153.0 + rng.random() * 0.2, taken=start + timedelta(minutes=37 * index)
        )
        app1 = b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif
        body = bodies[index % BODIES]
        data = body[:2] + app1 + body[2:]
        sub = folder / f"{index // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"IMG_{index:05d}.jpg").write_bytes(data)
        total += len(data)
    return total


def run_reader(folder: Path, limit: int) -> tuple[int, int, float, int]:
    result = subprocess.run(
        [sys.executable, "-c", READER, str(folder), str(limit)], capture_output=True, text=True, check=True
    )
    files, found, elapsed, rss_kib = result.stdout.split()
    return int(files), int(found), float(elapsed), int(rss_kib)


def run_exiftool(folder: Path) -> tuple[int, int, float]:
    start = time.perf_counter()
    result = subprocess.run(
        ["exiftool", "-n", "-json", "-GPSLatitude", "-GPSLongitude", "-r", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    rows = json.loads(result.stdout or "[]")
    return len(rows), sum(1 for r in rows if "GPSLatitude" in r), elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--photos", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="keep the generated folder")
    args = parser.parse_args()
    if shutil.which("exiftool") is None:
        sys.exit("exiftool is not installed: apt-get install libimage-exiftool-perl")
    folder = Path(tempfile.mkdtemp(prefix="gps-bench-"))
    try:
        began = time.perf_counter()
        size = make_photos(folder, args.photos)
        print(
            f"generated {args.photos} JPEGs, {size / 1e9:.1f} GB, average {size / args.photos / 1e6:.1f} MB, "
            f"in {time.perf_counter() - began:.0f} s"
        )
        tool_files, tool_found, tool_time = run_exiftool(folder)
        small = run_reader(folder, min(1000, args.photos))
        full = run_reader(folder, args.photos)
        print()
        print("| reader | photos | with GPS | seconds | photos/s | peak memory |")
        print("|---|---:|---:|---:|---:|---:|")
        print(
            f"| exiftool -n -json -GPSLatitude -GPSLongitude -r | {tool_files} | {tool_found} | {tool_time:.2f} | "
            f"{tool_files / tool_time:.0f} | |"
        )
        for files, found, elapsed, rss in (small, full):
            print(
                f"| exposure-audit read_photo_facts | {files} | {found} | {elapsed:.2f} | {files / elapsed:.0f} | "
                f"{rss / 1024:.0f} MB |"
            )
        print()
        print(
            f"speed-up over exiftool on {args.photos} photos: {tool_time / full[2]:.1f}x; peak memory "
            f"{small[3] / 1024:.0f} MB at {small[0]} photos, {full[3] / 1024:.0f} MB at {full[0]}"
        )
        if full[1] != tool_found:
            print(f"WARNING: the readers disagree on how many photos have GPS ({full[1]} vs {tool_found})")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            print(f"kept {folder}")


if __name__ == "__main__":
    main()
