"""Time a scan of a large synthetic Facebook download and show that memory does not grow with posts.

    python benchmarks/scan_bench.py                # 10,000 and 50,000 posts, 1,000 and 5,000 photos
    python benchmarks/scan_bench.py --sizes 50000:5000

Each size is generated (benchmarks/make_facebook_download.py), zipped, and scanned by the installed
`exposure-audit` command in a child process; wall time and the child's peak resident memory are
printed as a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_facebook_download import build, zip_download


def scan_once(target: Path, extra: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB of the scan process, and its exit code."""
    command = [
        sys.executable,
        "-m",
        "exposure_audit",
        "scan",
        str(target),
        "--format",
        "json",
        "--output",
        os.devnull,
        *extra,
    ]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"scan failed with exit code {code}: {child.stderr.read().decode() if child.stderr else ''}")
    return elapsed, usage.ru_maxrss / 1024.0, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", nargs="+", default=["10000:1000", "50000:5000"], help="POSTS:PHOTOS pairs to generate and scan"
    )
    parser.add_argument("--keep", type=Path, help="build the downloads here instead of a temp dir")
    parser.add_argument("--args", default="", help="extra flags for the scan, e.g. '--jobs 1'")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="exposure-audit-bench-"))
    rows = []
    for size in args.sizes:
        posts, photos = (int(x) for x in size.split(":"))
        out = base / f"fb-{posts}-{photos}"
        target = out / "facebook-bench.zip"
        if not target.exists():
            folder = build(out, posts, photos)
            zip_download(folder, target)
        megabytes = target.stat().st_size / 1e6
        elapsed, peak, _ = scan_once(target, args.args.split())
        rows.append((posts, photos, megabytes, elapsed, peak))
    print(
        f"cpu cores: {os.cpu_count()}, python {sys.version.split()[0]}, "
        f"rlimit as: {resource.getrlimit(resource.RLIMIT_AS)[0]}"
    )
    print("| posts | photos | zip size | scan wall time | peak memory |")
    print("|---:|---:|---:|---:|---:|")
    for posts, photos, megabytes, elapsed, peak in rows:
        print(f"| {posts:,} | {photos:,} | {megabytes:.0f} MB | {elapsed:.1f} s | {peak:.0f} MB |")


if __name__ == "__main__":
    main()
