"""The full benchmark: a multi-platform download scanned cold with one worker and with every core,
then re-run warm, plus the GPS pass against exiftool — all in one run on one machine.

    python benchmarks/full_bench.py --out /tmp/full-bench             # 105,000 texts, 10,000 photos
    python benchmarks/full_bench.py --out /tmp/small --scale 0.1       # a quick try

Prints a Markdown table for the README. Peak memory is the largest proportional set size (PSS) of
the scan process and all its workers together, sampled from /proc every 50 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_multiplatform_download import build


def _tree_pss_kb(pid: int) -> int:
    """Proportional set size of a process and its descendants: memory shared by forked workers
    (the place index, imported libraries) is counted once, not once per process as RSS would."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as rollup:
                for line in rollup:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    pending.extend(int(c) for c in children.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def timed_scan(paths: list[str], flags: list[str]) -> tuple[float, float]:
    """Wall seconds and peak total PSS (MB) of one scan with its workers."""
    command = [
        sys.executable,
        "-m",
        "exposure_audit",
        "scan",
        *paths,
        "--format",
        "json",
        "--output",
        os.devnull,
        *flags,
    ]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_pss_kb(child.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = child.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if child.returncode not in (0, 1):
        raise SystemExit(f"scan failed ({child.returncode}): {stderr.decode()[-2000:]}")
    return elapsed, peak / 1024.0


def gps_pass(paths: list[str], count: int) -> tuple[float, float, int]:
    """Seconds for exiftool and for our reader over the same `count` photos, extracted to a folder."""
    folder = Path(tempfile.mkdtemp(prefix="exposure-audit-gps-"))
    try:
        written = 0
        for path in paths:
            with zipfile.ZipFile(path) as archive:
                for info in archive.infolist():
                    if written >= count:
                        break
                    if info.filename.endswith(".jpg"):
                        (folder / f"{written:06d}.jpg").write_bytes(archive.read(info))
                        written += 1
        started = time.perf_counter()
        subprocess.run(
            ["exiftool", "-n", "-json", "-GPSLatitude", "-GPSLongitude", "-r", str(folder)],
            check=True,
            capture_output=True,
        )
        exiftool = time.perf_counter() - started
        reader = (
            "import sys,time;from pathlib import Path;from exposure_audit.media.metadata import read_photo_facts\n"
            "files=sorted(Path(sys.argv[1]).glob('*.jpg'));t=time.perf_counter()\n"
            "n=sum(1 for f in files if read_photo_facts(f.open('rb')).has_gps)\n"
            "print(time.perf_counter()-t, n)"
        )
        out = subprocess.run([sys.executable, "-c", reader, str(folder)], check=True, capture_output=True, text=True)
        ours, found = out.stdout.split()
        return exiftool, float(ours), int(found)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--gps-photos", type=int, default=2000)
    parser.add_argument("--scan-flags", default="--images off", help="flags for every scan")
    args = parser.parse_args()
    manifest_path = args.out / "bench-manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else build(args.out, args.scale)
    paths = manifest["paths"]
    flags = args.scan_flags.split()
    cores = len(os.sched_getaffinity(0))
    rows = []
    for label, extra in (
        ("cold, --jobs 1", ["--jobs", "1", "--no-cache"]),
        (f"cold, --jobs {cores}", ["--jobs", str(cores), "--no-cache"]),
        (f"warm re-run, --jobs {cores}", ["--jobs", str(cores)]),
    ):
        if label.startswith("warm"):
            timed_scan(paths, flags + extra)  # fill the cache with the same settings
        elapsed, peak = timed_scan(paths, flags + extra)
        rows.append((label, elapsed, peak))
    exiftool, ours, found = gps_pass(paths, args.gps_photos)
    gigabytes = manifest["bytes"] / 1e9
    print(
        f"download: {manifest['texts']:,} posts and comments, {manifest['photos']:,} photos, "
        f"{gigabytes:.1f} GB in {len(paths)} zips; {cores} cores"
    )
    print("| scan | wall time | photos/s | posts/s | peak memory |")
    print("|---|---:|---:|---:|---:|")
    for label, elapsed, peak in rows:
        print(
            f"| {label} | {elapsed:.1f} s | {manifest['photos'] / elapsed:,.0f} | "
            f"{manifest['texts'] / elapsed:,.0f} | {peak:.0f} MB |"
        )
    print(
        f"\nspeed-up with {cores} workers: {rows[0][1] / rows[1][1]:.2f}x; "
        f"warm re-run: {100 * rows[2][1] / rows[1][1]:.0f}% of the cold run"
    )
    print(
        f"GPS pass on {args.gps_photos:,} of the photos ({found:,} with GPS): exiftool {exiftool:.1f} s, "
        f"exposure-audit {ours:.2f} s ({exiftool / ours:.0f}x faster)"
    )


if __name__ == "__main__":
    main()
