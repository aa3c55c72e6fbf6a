"""Precision, recall and speed of the text scanners on the labelled corpus (fixtures/corpus/).

    python benchmarks/text_eval.py                 # the table for the README
    python benchmarks/text_eval.py --errors        # also list every miss and false alarm
    python benchmarks/text_eval.py --split holdout # only the rows kept aside while tuning
    python benchmarks/text_eval.py --corpus kcs    # only the second organisation's corpus

Two corpora: `corpus.jsonl` (the built-in policies) and `corpus-kcs.jsonl`, an invented state corrections
agency whose policy is a file in fixtures/corpus/policies/, loaded the way a user's own policy is. Every
table is printed per policy as well as overall.

A row counts as flagged for a category when a finding of that category is reported at medium or high
confidence (low-confidence findings are hints a person may look at; the second table counts them
too). Speed: every corpus row is scanned by every registered text scanner, and 50,000 post texts
(the corpus cycled, and the benchmark download's own texts) are timed the way a scan meets them.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from exposure_audit.model import Category, Finding, GeoPoint, Item, ItemKind, Level, Platform, Precision, SourceRef  # noqa: E402
from exposure_audit.policy.model import Policy, Site, builtin_policy_names, load_policy  # noqa: E402
from exposure_audit.scanners import CORRELATORS, SCANNERS  # noqa: E402
from exposure_audit.scanners.base import Correlator, Scanner  # noqa: E402
from exposure_audit.scanners.compiled import compile_policy  # noqa: E402

CORPUS = REPO / "fixtures" / "corpus"
CORPORA = {"first": CORPUS / "corpus.jsonl", "kcs": CORPUS / "corpus-kcs.jsonl"}
TEXT_CATEGORIES = (Category.EMPLOYER, Category.COLLEAGUE, Category.CONTACT, Category.ACCOUNT, Category.DUTIES)
FLOORS = {
    Category.EMPLOYER: 0.95,
    Category.CONTACT: 0.95,
    Category.ACCOUNT: 0.95,
    Category.COLLEAGUE: 0.85,
    Category.DUTIES: 0.85,
}  # recall floors
PRECISION_FLOOR = 0.95  # every category


@dataclass(frozen=True)
class Row:
    id: str
    split: str
    policy: str
    item: Item
    labels: frozenset[str]
    case: str = ""  # the class of error the row guards, if any


def load_rows(path: Path = CORPUS / "corpus.jsonl") -> list[Row]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        data = json.loads(line)
        geo = ()
        if "geo" in data:
            geo = (GeoPoint(lat=data["geo"]["lat"], lon=data["geo"]["lon"], precision=Precision.GPS, origin="exif"),)
        item = Item(
            kind=ItemKind(data["kind"]),
            platform=Platform(data["platform"]),
            source=SourceRef(archive="corpus.jsonl", member="corpus.jsonl", pointer=f"row {number}"),
            identity=data["id"],
            text=data["text"],
            field=data["field"],
            labels=frozenset(data["item_labels"]),
            people=tuple(data["people"]),
            geo=geo,
            extra=dict(data["extra"]),
        )
        rows.append(
            Row(
                id=data["id"],
                split=data["split"],
                policy=data["pack"],
                item=item,
                labels=frozenset(data["labels"]),
                case=data.get("case", ""),
            )
        )
    return rows


def corpus_policy(name: str) -> Policy:
    """The built-in policy plus the corpus's invented workplace, as a person adds theirs with --site;
    a policy that is not built in is read from its file in fixtures/corpus/policies/ as it stands."""
    if name not in builtin_policy_names():
        return load_policy(str(CORPUS / "packs" / f"{name}.toml"))
    workplace = json.loads((CORPUS / "workplace.json").read_text(encoding="utf-8"))
    policy = load_policy(name).with_sites(tuple(Site(**s) for s in workplace["sites"]))
    contact = replace(policy.contact, workplace_addresses=tuple(workplace["workplace_addresses"]))
    return replace(policy, contact=contact)


class TextScanning:
    """The registered scanners and correlators of the five text categories, for one policy."""

    def __init__(self, policy: Policy) -> None:
        categories = set(TEXT_CATEGORIES)
        compiled = compile_policy(policy)
        self.scanners: list[Scanner] = [cls(compiled) for cls in SCANNERS if cls.category in categories]
        self.correlators: list[Correlator] = [cls(compiled) for cls in CORRELATORS if cls.category in categories]

    def findings(self, item: Item) -> list[Finding]:
        """What an audit of a download holding only this item would report in these categories."""
        found = [f for scanner in self.scanners for f in scanner.scan(item)]
        for correlator in self.correlators:
            observed = correlator.observe(item)
            if observed is not None:
                found.extend(correlator.correlate([observed]))
        return found

    def scan_only(self, item: Item) -> int:
        count = sum(1 for scanner in self.scanners for _ in scanner.scan(item))
        return count + sum(1 for c in self.correlators if c.observe(item) is not None)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass(frozen=True)
class Outcome:
    row: Row
    findings: tuple[Finding, ...]

    def flagged(self, minimum: Level) -> frozenset[str]:
        return frozenset(f.category.value for f in self.findings if f.confidence.at_least(minimum))


def evaluate(rows: Sequence[Row]) -> list[Outcome]:
    scanning = {name: TextScanning(corpus_policy(name)) for name in sorted({r.policy for r in rows})}
    return [Outcome(row=r, findings=tuple(scanning[r.policy].findings(r.item))) for r in rows]


def scores(outcomes: Iterable[Outcome], minimum: Level = Level.MEDIUM) -> dict[Category, Score]:
    table = {c: Score() for c in TEXT_CATEGORIES}
    for outcome in outcomes:
        flagged = outcome.flagged(minimum)
        for category, score in table.items():
            expected, got = category.value in outcome.row.labels, category.value in flagged
            score.tp += expected and got
            score.fp += got and not expected
            score.fn += expected and not got
    return table


def print_table(title: str, table: dict[Category, Score], rows: int) -> None:
    print(f"\n{title} ({rows} texts)\n")
    print("| category | positives | precision | recall | recall floor |")
    print("|---|---:|---:|---:|---:|")
    for category, score in table.items():
        print(
            f"| {category.value} | {score.tp + score.fn} | {score.precision:.3f} | {score.recall:.3f} "
            f"| {FLOORS[category]:.2f} |"
        )


def print_errors(outcomes: Iterable[Outcome]) -> None:
    print("\nMisses and false alarms (medium or high confidence):")
    for outcome in outcomes:
        flagged = outcome.flagged(Level.MEDIUM)
        wrong = (flagged ^ outcome.row.labels) & {c.value for c in TEXT_CATEGORIES}
        if not wrong:
            continue
        print(
            f"\n{outcome.row.id} [{outcome.row.split}] {outcome.row.item.kind.value}/{outcome.row.item.field}: "
            f"{outcome.row.item.text!r}"
        )
        print(f"  expected {sorted(outcome.row.labels)}, flagged {sorted(flagged)}")
        for finding in outcome.findings:
            reasons = " | ".join(finding.reasons)
            print(f"  {finding.rule} {finding.category.value} {finding.confidence.value}: {reasons}")


def speed(rows: Sequence[Row], posts: int) -> None:
    scanning = TextScanning(corpus_policy("dibp-2015"))
    items = [r.item for r in rows if r.policy == "dibp-2015"]
    started = time.perf_counter()
    for item in items:
        scanning.scan_only(item)
    corpus_seconds = time.perf_counter() - started
    print(f"\nSpeed ({len(scanning.scanners)} scanners, {len(scanning.correlators)} correlators, one core):\n")
    print("| texts | kind | seconds | texts per second |")
    print("|---:|---|---:|---:|")
    print(f"| {len(items):,} | corpus rows, every kind | {corpus_seconds:.3f} | {len(items) / corpus_seconds:,.0f} |")
    from make_facebook_download import _post_text

    rng = random.Random(2026)
    samples = {
        "corpus texts as posts": [r.item.text for r in rows],
        "benchmark download posts": [_post_text(rng, i) for i in range(posts)],
    }
    for label, texts in samples.items():
        batch = [
            Item(
                kind=ItemKind.POST,
                platform=Platform.FACEBOOK,
                field="post",
                source=SourceRef(archive="bench", member="posts.json", pointer=f"/{i}"),
                identity=f"bench:{i}",
                text=texts[i % len(texts)] + ("" if i < len(texts) else f" #{i}"),
            )
            for i in range(posts)
        ]
        started = time.perf_counter()
        for item in batch:
            scanning.scan_only(item)
        seconds = time.perf_counter() - started
        print(f"| {posts:,} | {label} | {seconds:.2f} | {posts / seconds:,.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every miss and false alarm")
    parser.add_argument("--split", choices=("all", "dev", "holdout"), default="all")
    parser.add_argument("--corpus", choices=("all", *CORPORA), default="all")
    parser.add_argument("--posts", type=int, default=50_000, help="post texts to time (0 to skip)")
    args = parser.parse_args()
    chosen = [path for name, path in CORPORA.items() if args.corpus in ("all", name)]
    rows = [r for path in chosen for r in load_rows(path) if args.split == "all" or r.split == args.split]
    outcomes = evaluate(rows)
    print_table("Reported at medium or high confidence", scores(outcomes), len(rows))
    for policy in sorted({o.row.policy for o in outcomes}):
        part = [o for o in outcomes if o.row.policy == policy]
        print_table(f"Pack {policy}, medium or high", scores(part), len(part))
    print_table("Counting low-confidence hints too", scores(outcomes, Level.LOW), len(rows))
    if args.split == "all":
        for split in ("dev", "holdout"):
            part = [o for o in outcomes if o.row.split == split]
            print_table(f"Split {split}, medium or high", scores(part), len(part))
    if args.errors:
        print_errors(outcomes)
    if args.posts:
        speed(rows, args.posts)


if __name__ == "__main__":
    main()
