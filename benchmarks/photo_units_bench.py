"""Processor time a photo takes in a worker: a photo folder's units of work, run in one process.

    python benchmarks/photo_units_bench.py --photos 10000 --side 1500
    python benchmarks/photo_units_bench.py --folder /path/to/photos --repeat 5

Each unit is what a worker does with `--images off`: read the photos' records, put them through the
photo stage (EXIF, place names) and the rules. No worker processes, no report: the figure is the
processor time of that work alone, a photo at a time, which varies far less between runs on a shared
machine than a whole scan's wall time. The place names are worked out afresh in each repeat. Photos
are generated as benchmarks/gps_bench.py does, in a temporary folder removed afterwards, unless
`--folder` names one.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gps_bench import make_photos

from exposure_audit.engine import AuditUnits, PhotosInTask, Scanning
from exposure_audit.fetchers.downloads import group_downloads
from exposure_audit.geo.places import usable_place_index
from exposure_audit.limits import DEFAULT_LIMITS
from exposure_audit.media.enrich import MetadataEnricher
from exposure_audit.policy.model import load_policy
from exposure_audit.runtime.units import Unit
from exposure_audit.scanners.compiled import compile_policy


def per_photo(folder: Path, repeat: int) -> list[float]:
    """Processor seconds a photo, for each repeat."""
    download = group_downloads([folder], DEFAULT_LIMITS)[0]
    tasks = download.fetcher.plan(download.tree)
    units = PhotosInTask(AuditUnits(Scanning(compile_policy(load_policy(None))), (MetadataEnricher(),)))
    index = usable_place_index()
    times = []
    for _ in range(repeat):
        if index is not None:
            index._answers.clear()  # each repeat names its places itself
        gc.collect()
        started = time.process_time()
        photos = 0
        for task in tasks:
            done = units(download.fetcher, download.tree, Unit(download=0, task=task)).photos_done
            photos += done.photos if done is not None else 0
        times.append((time.process_time() - started) / max(photos, 1))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--photos", type=int, default=10_000)
    parser.add_argument("--side", type=int, nargs="*", help="photo width(s) in pixels (default: 2-4 MB photos)")
    parser.add_argument("--folder", type=Path, help="time this folder of photos instead of generating one")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = None if args.folder else Path(tempfile.mkdtemp(prefix="photo-units-bench-"))
    try:
        folder = args.folder if work is None else work
        if work is not None:
            make_photos(work, args.photos, tuple(args.side)) if args.side else make_photos(work, args.photos)
        times = per_photo(folder, args.repeat)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    shown = ", ".join(f"{t * 1e6:.0f}" for t in times)
    print(f"processor time a photo: minimum {min(times) * 1e6:.0f} microseconds (each repeat: {shown})")


if __name__ == "__main__":
    main()
