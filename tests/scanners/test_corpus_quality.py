"""The published precision and recall on the labelled corpus: the test fails if any category drops
below its floor. Also checks the corpus itself: size, balance, sync with its generator, and that its
addresses and numbers are invented ones."""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path

import phonenumbers
import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

from text_eval import CORPUS, FLOORS, PRECISION_FLOOR, TEXT_CATEGORIES, evaluate, load_rows, scores  # noqa: E402

from exposure_audit.model import Level  # noqa: E402

ROWS = load_rows()
CATEGORIES = {c.value for c in TEXT_CATEGORIES}


@pytest.fixture(scope="module")
def outcomes() -> list[object]:
    return list(evaluate(ROWS))


def test_the_corpus_is_large_balanced_and_covers_every_category() -> None:
    assert len(ROWS) >= 600
    positives = [r for r in ROWS if r.labels]
    assert 0.4 <= len(positives) / len(ROWS) <= 0.6
    per_category = Counter(label for r in ROWS for label in r.labels)
    assert set(per_category) == CATEGORIES
    assert all(count >= 30 for count in per_category.values()), per_category
    assert len({r.id for r in ROWS}) == len(ROWS)
    assert {r.policy for r in ROWS} == {"dibp-2015", "treasury-2014"}
    assert {r.split for r in ROWS} == {"dev", "holdout"}


def test_the_committed_corpus_is_what_its_generator_writes() -> None:
    spec = importlib.util.spec_from_file_location("corpus_build", CORPUS / "build.py")
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    committed = (CORPUS / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    assert committed == build.lines_of(build.MODULES), "run: python fixtures/corpus/build.py"


_FICTIONAL_AU = re.compile(r"^\+61(4915[7-9]\d{4}|[2378]5550\d{4}|[23]7010\d{4})$")
_EMAIL = re.compile(r"[\w.+'-]+@([\w-]+(?:\.[\w-]+)+)")
_ALLOWED_DOMAINS = re.compile(r"(^|\.)(example\.(com|org|net)|[\w-]+\.example\.(com|org|net)|gov\.au)$")


def test_every_number_and_address_in_the_corpus_is_an_invented_one() -> None:
    for row in ROWS:
        texts = [row.item.text, *row.item.extra.values()]
        for text in texts:
            for match in phonenumbers.PhoneNumberMatcher(text, "AU", leniency=phonenumbers.Leniency.VALID):
                number = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
                assert _FICTIONAL_AU.match(number), (row.id, number)
            for domain in _EMAIL.findall(text):
                assert _ALLOWED_DOMAINS.search(domain.lower()), (row.id, domain)


def test_precision_and_recall_stay_above_their_floors(outcomes: list[object]) -> None:
    table = scores(outcomes)  # type: ignore[arg-type]
    report = {c.value: (round(s.precision, 3), round(s.recall, 3)) for c, s in table.items()}
    for category, score in table.items():
        floor = FLOORS[category]
        assert score.precision >= PRECISION_FLOOR, f"{category.value} precision {score.precision:.3f}: {report}"
        assert score.recall >= floor, f"{category.value} recall {score.recall:.3f} < {floor}: {report}"


def test_low_confidence_hints_never_hide_a_label_and_never_double_count(outcomes: list[object]) -> None:
    # Counting low-confidence findings too can only add flags, so recall can only rise.
    strict, loose = scores(outcomes), scores(outcomes, Level.LOW)  # type: ignore[arg-type]
    for category in TEXT_CATEGORIES:
        assert loose[category].recall >= strict[category].recall
        assert loose[category].tp + loose[category].fn == strict[category].tp + strict[category].fn
