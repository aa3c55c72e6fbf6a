"""Whole processes, as a user waits for them: `exposure-audit scan` against exiftool's GPS read.

    python benchmarks/process_bench.py                         # 1,000 and 10,000 photos + Facebook
    python benchmarks/process_bench.py --photos 1000 --no-facebook --repeat 3
    python benchmarks/process_bench.py --side 800            # smaller photos (about 0.5 MB)
    sudo python benchmarks/process_bench.py --cold           # also with the page cache dropped

For each size a folder of geotagged JPEGs is generated (as benchmarks/gps_bench.py does: noise
pictures, so each file really is its size, with phone-style EXIF and its own GPS position), then,
alternately in the same run and with the page cache warm (each command is run once before timing):

    exposure-audit scan FOLDER --images off --no-cache --format json --output /dev/null
    exiftool -n -json -GPSLatitude -GPSLongitude -r FOLDER

Each is timed `--repeat` times and the minimum is kept (the machine may be shared). With `--cold`
(Linux, as root) each folder is timed again with the page cache dropped before every run, as a
person's first scan of their photos reads them from the disk. The package runs
as a user installs it: copied, as `pip install .` puts it, into a temporary virtual environment that
sees this environment's dependencies (an editable development install would add the import hook it
is loaded through), with its bytecode cached (PYTHONDONTWRITEBYTECODE is cleared for the child
processes, and the untimed first run writes the cache), and its place table in the user's cache. The third case is
a 50,000-post Facebook download with 1,000 photos (benchmarks/make_facebook_download.py, unpacked),
against exiftool on its photo folder. Start-up (`--help`) and the demo are timed the same way. Prints
a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gps_bench import make_photos
from make_facebook_download import build

REPO = Path(__file__).resolve().parent.parent
SCAN = ["-m", "exposure_audit", "scan", "--images", "off", "--no-cache", "--format", "json", "--output"]
EXIFTOOL = ["exiftool", "-n", "-json", "-GPSLatitude", "-GPSLongitude", "-r"]


def wall(command: list[str], cwd: Path | None = None) -> float:
    started = time.perf_counter()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=env, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):  # 1: the scan found something at or above --fail-on
        raise SystemExit(f"{command[:4]} failed ({done.returncode}): {done.stderr.decode(errors='replace')[-500:]}")
    return elapsed


def installed(work: Path) -> str:
    """A Python whose environment holds a plain copy of the package and sees this one's dependencies."""
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    shutil.copytree(REPO / "exposure_audit", site / "exposure_audit", ignore=shutil.ignore_patterns("__pycache__"))
    return str(python)


DROP_CACHES = Path("/proc/sys/vm/drop_caches")


def drop_page_cache() -> None:
    """Forget every file's cached pages (Linux, as root): the next run reads the photos from the disk,
    as a person's first scan of a folder does."""
    os.sync()
    DROP_CACHES.write_text("1\n")


def side_by_side(ours: list[str], theirs: list[str], repeat: int, cold: bool = False) -> tuple[float, float]:
    """Minimum wall time of each over `repeat` alternating runs, after one untimed run of each; with
    `cold`, the page cache is dropped before every timed run."""
    wall(ours), wall(theirs)
    mine, other = [], []
    for _ in range(repeat):
        for command, times in ((ours, mine), (theirs, other)):
            if cold:
                drop_page_cache()
            times.append(wall(command))
    return min(mine), min(other)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--photos", type=int, nargs="*", default=[1000, 10_000])
    parser.add_argument("--no-facebook", action="store_true", help="skip the Facebook download case")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--side", type=int, nargs="*", help="photo width(s) in pixels (default: 2-4 MB photos)")
    parser.add_argument(
        "--cold", action="store_true", help="also time each photo folder with the page cache dropped (Linux, root)"
    )
    args = parser.parse_args()
    if args.cold and not (DROP_CACHES.exists() and os.access(DROP_CACHES, os.W_OK)):
        sys.exit(f"--cold needs to write {DROP_CACHES}: run as root on Linux")
    if shutil.which("exiftool") is None:
        sys.exit("exiftool is not installed: apt-get install libimage-exiftool-perl")
    work = Path(tempfile.mkdtemp(prefix="process-bench-"))
    rows: list[tuple[str, float, float]] = []
    try:
        python = installed(work)
        for count in args.photos:
            folder = work / f"photos-{count}"
            folder.mkdir()
            size = make_photos(folder, count, tuple(args.side)) if args.side else make_photos(folder, count)
            scan = [python, *SCAN, str(work / "report.json"), str(folder)]
            ours, theirs = side_by_side(scan, [*EXIFTOOL, str(folder)], args.repeat)
            label = f"{count:,} photos ({size / count / 1e6:.1f} MB each), `--images off --no-cache`"
            rows.append((label, ours, theirs))
            if args.cold:
                ours, theirs = side_by_side(scan, [*EXIFTOOL, str(folder)], args.repeat, cold=True)
                rows.append((f"{label}, page cache dropped before each run", ours, theirs))
            shutil.rmtree(folder)
        if not args.no_facebook:
            download = build(work / "facebook", 50_000, 1000)
            media = next(p for p in download.rglob("media") if p.is_dir())
            scan = [python, *SCAN, str(work / "report.json"), str(download)]
            ours, theirs = side_by_side(scan, [*EXIFTOOL, str(media)], args.repeat)
            rows.append(("Facebook download: 50,000 posts, 1,000 photos, `--images off --no-cache`", ours, theirs))
        helps = [wall([python, "-m", "exposure_audit", "--help"]) for _ in range(args.repeat + 1)]
        demos = [
            wall([python, "-m", "exposure_audit", "demo", "--output-dir", str(work / f"demo-{i}")])
            for i in range(args.repeat)
        ]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    cores = len(os.sched_getaffinity(0))
    print(f"{cores} cores; minimum of {args.repeat} alternating runs each, page cache warm\n")
    print("| case | exposure-audit scan | exiftool GPS read | exposure-audit is |")
    print("|---|---:|---:|---:|")
    for label, ours, theirs in rows:
        ratio = f"{theirs / ours:.1f}x faster" if ours <= theirs else f"{ours / theirs:.1f}x slower"
        print(f"| {label} | {ours:.2f} s | {theirs:.2f} s | {ratio} |")
    print(
        f"\n`exposure-audit --help`: {min(helps):.2f} s; `exposure-audit demo` (default settings): {min(demos):.1f} s"
    )


if __name__ == "__main__":
    main()
