"""Speed and accuracy of the uniform rule (EXP601) on a mixed set of generated photos.

    python benchmarks/uniform_bench.py                 # 1,000 photos, half 12 MP, 40 % with people
    python benchmarks/uniform_bench.py --photos 200 --keep /tmp/uniform-photos

The photos are made on the fly from the labelled photo set's recipes (fixtures/uniform/make_photos.py):
composites of a real head on a drawn body in uniform-like or ordinary clothes, and scenes without
people (landscapes, food, road signs, a cartoon, a vessel). Half are 12-megapixel camera photos
(4000x3000, with sensor-like grain), half are small (960x1200 or 800x600), shuffled, named like a
camera roll so that file names give nothing away.

Every scan is a whole `run_audit` of the folder (the photo-folder fetcher, EXIF, every rule) with
the engine's own worker processes (one per core), so the numbers are what a person waits for.
Rows: --images fast, --images full, then --images full twice with one scan cache (the second run
reuses the analysis of every photo). For each mode a confusion table says, per labelled group, how
many photos reached each level and how many landed inside their labelled range.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType

import numpy as np
from PIL import Image

from exposure_audit.engine import AuditOptions, run_audit
from exposure_audit.model import AuditReport, Platform
from exposure_audit.policy.model import load_policy
from exposure_audit.runtime.cache import ScanCache, _code_state
from exposure_audit.runtime.units import default_jobs

REPO = Path(__file__).resolve().parent.parent
LEVELS = ("none", "low", "medium", "high")
BIG = (4000, 3000)


def _recipes() -> ModuleType:
    path = REPO / "fixtures" / "uniform" / "make_photos.py"
    spec = importlib.util.spec_from_file_location("uniform_make_photos", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


RECIPES = _recipes()


def _grain(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).normal(0, 5, (BIG[1], BIG[0], 1)).astype(np.int16)


_GRAIN: np.ndarray | None = None


def _twelve_megapixels(picture: Image.Image, rng: random.Random) -> Image.Image:
    """The picture as the middle of a 4000x3000 camera frame, with grain so it decodes like a photo."""
    global _GRAIN
    if _GRAIN is None:
        _GRAIN = _grain(7)
    frame = RECIPES.background((400, 300), rng).resize(BIG, Image.Resampling.BILINEAR)
    scale = BIG[1] * 0.92 / picture.height
    inner = picture.resize((round(picture.width * scale), round(picture.height * scale)), Image.Resampling.BILINEAR)
    frame.paste(inner, (rng.randrange(0, BIG[0] - inner.width + 1), BIG[1] - inner.height))
    noisy = np.clip(np.asarray(frame, np.int16) + _GRAIN, 0, 255).astype(np.uint8)
    return Image.fromarray(noisy)


def _make(job: tuple[int, str, int, bool, str]) -> None:
    index, kind, recipe, big, target = job
    rng = random.Random(index)
    if kind == "person":
        picture = RECIPES.compose_person(RECIPES.PEOPLE[recipe], index, (768, 960))
    else:
        picture = RECIPES.compose_scene(RECIPES.SCENES[recipe], index, (800, 600))
    if big:
        picture = _twelve_megapixels(picture, rng)
    picture.save(target, "JPEG", quality=88)


def generate(folder: Path, count: int, jobs: int) -> dict[str, dict[str, object]]:
    """Write the photos (unless already there) and return each file's label."""
    labels_file = folder / "labels.json"
    if labels_file.exists() and len(json.loads(labels_file.read_text())) == count:
        return dict(json.loads(labels_file.read_text()))
    folder.mkdir(parents=True, exist_ok=True)
    order = list(range(count))
    random.Random(11).shuffle(order)
    work, labels = [], {}
    for index in range(count):
        person = index % 5 < 2  # 40 % with people
        recipes = RECIPES.PEOPLE if person else RECIPES.SCENES
        recipe = (index // 5) % len(recipes)
        name = f"IMG_{order[index]:05d}.jpg"
        spec = recipes[recipe]
        expect = {"fast": spec.fast, "full": spec.full} if person else {"fast": RECIPES.NONE, "full": RECIPES.NONE}
        labels[name] = {"group": spec.group, "name": spec.name, "person": person, "expect": expect}
        work.append((index, "person" if person else "scene", recipe, (index // 2) % 2 == 0, str(folder / name)))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(_make, work, chunksize=8))
    labels_file.write_text(json.dumps(labels), encoding="utf-8")
    return labels


def scan(folder: Path, images: str, cache: ScanCache | None, jobs: int) -> tuple[float, AuditReport]:
    started = time.perf_counter()
    report = run_audit(
        [folder], load_policy(None), AuditOptions(platform=Platform.PHOTOS, images=images, jobs=jobs, cache=cache)
    )
    return time.perf_counter() - started, report


def confusion(report: AuditReport, labels: dict[str, dict[str, object]], mode: str) -> list[str]:
    reached = {Path(f.source.member).name: f.confidence.value for f in report.findings if f.rule == "EXP601"}
    table: dict[str, Counter[str]] = {}
    inside: Counter[str] = Counter()
    for name, label in labels.items():
        group = str(label["group"])
        level = reached.get(name, "none")
        low, high = label["expect"][mode]  # type: ignore[index]
        table.setdefault(group, Counter())[level] += 1
        inside[group] += LEVELS.index(low) <= LEVELS.index(level) <= LEVELS.index(high)
    lines = [f"  {'labelled group':24} {'photos':>6} " + " ".join(f"{lv:>6}" for lv in LEVELS) + "  in range"]
    for group in sorted(table):
        row = table[group]
        total = sum(row.values())
        lines.append(
            f"  {group:24} {total:6} "
            + " ".join(f"{row[lv]:6}" for lv in LEVELS)
            + f"  {inside[group]:4}/{total} ({100 * inside[group] / total:.0f} %)"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="folder for the photos (kept and reused); default: a temp dir")
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (0 = one per core)")
    args = parser.parse_args()
    jobs = args.jobs or default_jobs()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch) / "photos"
        started = time.perf_counter()
        labels = generate(folder, args.photos, jobs)
        with_people = sum(1 for label in labels.values() if label["person"])
        size = sum(p.stat().st_size for p in folder.glob("*.jpg"))
        print(
            f"{len(labels)} photos ({with_people} with people, half 12 MP), {size / 1e6:.0f} MB, "
            f"made in {time.perf_counter() - started:.0f} s; {jobs} worker processes on {os.cpu_count()} cores"
        )
        for mode in ("fast", "full"):
            seconds, report = scan(folder, mode, None, jobs)
            print(f"\n--images {mode}: {seconds:.1f} s, {len(labels) / seconds:.1f} photos/s")
            print("\n".join(confusion(report, labels, mode)))
        for attempt in range(3):
            # The cache's scope includes the installed code's files: an edit between the runs (a shared
            # working tree) starts a new scope, so such a pair is measured again.
            cache = ScanCache(Path(scratch) / f"cache-{attempt}", max_bytes=256 * 1024 * 1024)
            code = _code_state()
            first, cold = scan(folder, "full", cache, jobs)
            second, warm = scan(folder, "full", cache, jobs)
            if _code_state() == code:
                break
        same = [(f.fingerprint, f.confidence) for f in cold.findings] == [
            (f.fingerprint, f.confidence) for f in warm.findings
        ]
        print(
            f"\n--images full with a scan cache: first run {first:.1f} s, second run {second:.1f} s "
            f"({100 * second / first:.1f} % of the first); same findings: {'yes' if same else 'NO'}"
        )


if __name__ == "__main__":
    main()
