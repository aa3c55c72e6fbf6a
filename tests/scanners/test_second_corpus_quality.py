"""The second labelled corpus: an invented state corrections agency (Karrawong Corrective Services)
whose policy is a plain file in fixtures/corpus/policies/, read by the same loader as a user's own policy.
The same floors as the first corpus must hold, with no code written for this organisation; and every
class of error the corpus guards (short abbreviations, look-alike domains, generic words, duties in
profile summaries) has at least five rows that should flag and five that should not, all correct."""

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

from text_eval import (  # noqa: E402
    CORPORA,
    CORPUS,
    FLOORS,
    PRECISION_FLOOR,
    TEXT_CATEGORIES,
    Outcome,
    evaluate,
    load_rows,
    scores,
)

from exposure_audit.model import Level  # noqa: E402
from exposure_audit.policy.model import builtin_policy_names, load_policy  # noqa: E402

ROWS = load_rows(CORPORA["kcs"])
FIRST = load_rows(CORPORA["first"])
CATEGORIES = {c.value for c in TEXT_CATEGORIES}
CLASSES = ("abbreviation", "look-alike domain", "generic word", "profile summary")


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    return evaluate(ROWS)


def test_the_second_corpus_is_large_and_uses_a_policy_file_not_a_built_in_policy() -> None:
    positives = [r for r in ROWS if r.labels]
    assert len(positives) >= 150 and len(ROWS) - len(positives) >= 150
    per_category = Counter(label for r in ROWS for label in r.labels)
    assert set(per_category) == CATEGORIES
    assert {r.policy for r in ROWS} == {"kcs-2024"}
    assert "kcs-2024" not in builtin_policy_names()
    policy = load_policy(str(CORPUS / "packs" / "kcs-2024.toml"))
    assert policy.employer.abbreviations == ("KCS",) and policy.sites and policy.contact.official_numbers
    assert len({r.id for r in ROWS}) == len(ROWS) and not {r.id for r in ROWS} & {r.id for r in FIRST}
    assert {r.item.platform.value for r in ROWS} >= {"facebook", "instagram", "linkedin", "x", "google-photos"}


def test_the_committed_second_corpus_is_what_its_generator_writes() -> None:
    spec = importlib.util.spec_from_file_location("corpus_build", CORPUS / "build.py")
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    committed = CORPORA["kcs"].read_text(encoding="utf-8").splitlines()
    assert committed == build.lines_of(build.SECOND_MODULES), "run: python fixtures/corpus/build.py"


_FICTIONAL_AU = re.compile(r"^\+61(4915[7-9]\d{4}|[2378]5550\d{4}|[23]7010\d{4})$")
_HOST = re.compile(r"(?:[\w.+'-]@|https?://|www\.)([\w-]+(?:\.[\w-]+)+)")
# Invented hosts only: reserved example names, and the invented State of Karrawong's own domains.
_ALLOWED_HOSTS = re.compile(
    r"(^|\.)(example\.(com|org|net)|karrawong\.gov\.au|karawong\.gov\.au|kcskarrawong\.gov\.au)$"
)


def test_every_number_and_host_in_the_second_corpus_is_an_invented_one() -> None:
    for row in ROWS:
        for text in (row.item.text, *row.item.extra.values()):
            for match in phonenumbers.PhoneNumberMatcher(text, "AU", leniency=phonenumbers.Leniency.VALID):
                number = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
                assert _FICTIONAL_AU.match(number), (row.id, number)
            for host in _HOST.findall(text):
                assert _ALLOWED_HOSTS.search(host.lower()), (row.id, host)


def test_precision_and_recall_stay_above_their_floors_on_the_second_corpus(outcomes: list[Outcome]) -> None:
    table = scores(outcomes)
    report = {c.value: (round(s.precision, 3), round(s.recall, 3)) for c, s in table.items()}
    for category, score in table.items():
        assert score.precision >= PRECISION_FLOOR, f"{category.value} precision {score.precision:.3f}: {report}"
        assert score.recall >= FLOORS[category], f"{category.value} recall {score.recall:.3f}: {report}"


@pytest.mark.parametrize("case", CLASSES)
def test_every_class_of_error_has_five_rows_each_way_and_all_of_them_pass(outcomes: list[Outcome], case: str) -> None:
    # A row of a class "should flag" when it carries the label the class is about.
    about = {"abbreviation": "employer", "generic word": "employer", "profile summary": "duties"}
    rows = [o for o in outcomes if o.row.case == case]
    wrong = []
    flag = no_flag = 0
    for outcome in rows:
        flagged = outcome.flagged(Level.MEDIUM) & CATEGORIES
        wanted = outcome.row.labels & CATEGORIES
        label = about.get(case) or ("contact" if outcome.row.item.kind.value != "login" else "account")
        if label in wanted:
            flag += 1
        else:
            no_flag += 1
        if (label in wanted and label not in flagged) or (label not in wanted and label in flagged):
            wrong.append((outcome.row.id, outcome.row.item.text, sorted(flagged)))
    assert flag >= 5 and no_flag >= 5, (case, flag, no_flag)
    assert not wrong, wrong
