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

Each is timed `--repeat` times, the two alternating, and two figures are given: the ratio of the two
fastest runs, and the median of the ratios of each pair of runs taken back to back. The machine's
speed changes from minute to minute and the two programs do not slow down alike, so the fastest of
each can come from different minutes; a pair shares its minute, and the median of many pairs moves
least from one run of the benchmark to the next. With `--cold`
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
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Pairs:
    """The wall times of `repeat` runs of each command, in pairs run back to back."""

    ours: list[float]
    theirs: list[float]

    def fastest(self) -> tuple[float, float]:
        return min(self.ours), min(self.theirs)

    def ratios(self) -> list[float]:
        """How many times faster than the other command ours was, pair by pair (below 1: slower)."""
        return sorted(t / o for o, t in zip(self.ours, self.theirs, strict=True))


def side_by_side(ours: list[str], theirs: list[str], repeat: int, cold: bool = False) -> Pairs:
    """`repeat` pairs of runs, ours then theirs, after one untimed run of each; with `cold`, the page
    cache is dropped before every timed run."""
    wall(ours), wall(theirs)
    pairs = Pairs([], [])
    for _ in range(repeat):
        for command, times in ((ours, pairs.ours), (theirs, pairs.theirs)):
            if cold:
                drop_page_cache()
            times.append(wall(command))
    return pairs


def times_faster(ratio: float) -> str:
    return f"{ratio:.1f}x faster" if ratio >= 1 else f"{1 / ratio:.1f}x slower"


def ratio_range(ratios: list[float]) -> str:
    """The lowest and highest of sorted ratios, in the words of `times_faster`."""
    low, high = ratios[0], ratios[-1]
    if low >= 1:
        return f"{low:.1f}-{high:.1f}x faster"
    if high < 1:
        return f"{1 / high:.1f}-{1 / low:.1f}x slower"
    return f"{1 / low:.1f}x slower to {high:.1f}x faster"


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
    rows: list[tuple[str, Pairs]] = []
    try:
        python = installed(work)
        for count in args.photos:
            folder = work / f"photos-{count}"
            folder.mkdir()
            size = make_photos(folder, count, tuple(args.side)) if args.side else make_photos(folder, count)
            scan = [python, *SCAN, str(work / "report.json"), str(folder)]
            label = f"{count:,} photos ({size / count / 1e6:.1f} MB each), `--images off --no-cache`"
            rows.append((label, side_by_side(scan, [*EXIFTOOL, str(folder)], args.repeat)))
            if args.cold:
                pairs = side_by_side(scan, [*EXIFTOOL, str(folder)], args.repeat, cold=True)
                rows.append((f"{label}, page cache dropped before each run", pairs))
            shutil.rmtree(folder)
        if not args.no_facebook:
            download = build(work / "facebook", 50_000, 1000)
            media = next(p for p in download.rglob("media") if p.is_dir())
            scan = [python, *SCAN, str(work / "report.json"), str(download)]
            pairs = side_by_side(scan, [*EXIFTOOL, str(media)], args.repeat)
            rows.append(("Facebook download: 50,000 posts, 1,000 photos, `--images off --no-cache`", pairs))
        helps = [wall([python, "-m", "exposure_audit", "--help"]) for _ in range(args.repeat + 1)]
        demos = [
            wall([python, "-m", "exposure_audit", "demo", "--output-dir", str(work / f"demo-{i}")])
            for i in range(args.repeat)
        ]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    cores = len(os.sched_getaffinity(0))
    print(f"{cores} cores; {args.repeat} pairs of alternating runs each, page cache warm unless dropped\n")
    print("| case | exposure-audit scan, fastest | exiftool GPS read, fastest | fastest against fastest |", end="")
    print(" pair by pair: median (range) |")
    print("|---|---:|---:|---:|---:|")
    for label, pairs in rows:
        ours, theirs = pairs.fastest()
        ratios = pairs.ratios()
        spread = f"{times_faster(statistics.median(ratios))} ({ratio_range(ratios)})"
        print(f"| {label} | {ours:.2f} s | {theirs:.2f} s | {times_faster(theirs / ours)} | {spread} |")
    print(
        f"\n`exposure-audit --help`: {min(helps):.2f} s; `exposure-audit demo` (default settings): {min(demos):.1f} s"
    )


if __name__ == "__main__":
    main()
