"""The room's picture: only counts of people, nothing below the minimum group, nothing per person."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from exposure_audit.errors import UsageError
from exposure_audit.policy.model import load_policy
from exposure_audit.reporters.checklist import pattern_title
from exposure_audit.workshop.aggregate import action_wording, aggregate
from exposure_audit.workshop.room import render_room
from exposure_audit.workshop.summary import PersonalSummary, load_summary, summary_json

POLICY = load_policy("dibp-2015")
CATEGORIES = ("employer", "colleague", "contact", "account", "location", "uniform", "duties")


def person(index: int) -> PersonalSummary:
    """Twelve invented people: every one has employer findings, 8 contact, 6 a likely home, 2 a uniform.

    Each person's counts are distinctive (e.g. 137 + index), so a test can tell if any leaks through.
    """
    findings = {c: {"high": 0, "medium": 0, "low": 0} for c in CATEGORIES}
    findings["employer"]["medium"] = 137 + index
    actions = ["facebook/post"]
    if index < 8:
        findings["contact"]["high"] = 211 + index
        actions.append("linkedin/contact:email")
    if index < 6:
        findings["location"]["low"] = 331 + index
        actions.append("facebook/location_pattern:home")
    if index < 2:
        findings["uniform"]["medium"] = 451 + index
        actions.append("instagram/photo")
    platforms = {"facebook": 137 + index + (331 + index if index < 6 else 0)}
    if index < 8:
        platforms["linkedin"] = 211 + index
    if index < 3:
        platforms["instagram"] = 451 + index if index < 2 else 0
    return PersonalSummary(
        policy="dibp-2015",
        platforms=platforms,
        findings=findings,
        inferred={"home": index < 6, "workplace": index < 4, "routine": False},
        actions=tuple(sorted(actions)),
    )


class _Cells(HTMLParser):
    """Collects the people cells and the visible text of the page."""

    def __init__(self) -> None:
        super().__init__()
        self.people: list[str] = []
        self.text: list[str] = []
        self._in_people = False
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        self._in_people = tag == "td" and "people" in classes
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_people = False
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_people:
            self.people.append(data.strip())
        if not self._in_style:
            self.text.append(data)


def _room(tmp_path: Path, count: int = 12, min_group: int = 5) -> str:
    paths = []
    for index in range(count):
        path = tmp_path / f"summary-of-person-{index}.json"
        path.write_text(summary_json(person(index)))
        paths.append(path)
    return render_room(aggregate([load_summary(p) for p in paths], POLICY, min_group))


def test_twelve_summaries_show_no_figure_below_the_minimum_group_and_nothing_but_counts(tmp_path: Path) -> None:
    html = _room(tmp_path)
    cells = _Cells()
    cells.feed(html)
    shown = [int(c) for c in cells.people if c.isdigit()]
    suppressed = [c for c in cells.people if not c.isdigit()]
    assert shown and suppressed and set(suppressed) == {"fewer than 5"}
    assert all(n >= 5 for n in shown)
    assert 12 in shown and 8 in shown and 6 in shown  # everyone, contact, home
    assert 2 not in shown and 4 not in shown  # uniform (2 people) and workplace (4) are suppressed
    visible = " ".join(cells.text)
    numbers = {int(n) for n in re.findall(r"\d+", visible)}
    assert numbers <= set(shown) | {5, 12}, numbers - set(shown)
    for index in range(12):  # no person's own counts, file names or anything per person
        for distinctive in (137 + index, 211 + index, 331 + index, 451 + index):
            assert str(distinctive) not in html
        assert f"person-{index}" not in html
    assert "http" not in html.replace("http-equiv", "") and "<script" not in html and "src=" not in html


def test_the_most_common_actions_are_worded_by_the_program(tmp_path: Path) -> None:
    html = _room(tmp_path)
    assert "Delete or edit posts on Facebook" in html
    assert "Remove your official e-mail address from your LinkedIn profile" in html
    assert "Stop revealing where you live" in html
    assert "Instagram" not in action_wording("facebook/post", POLICY)
    assert "on Instagram" not in html.split("Most common checklist actions")[1]  # only 2 people


def test_the_input_order_does_not_matter(tmp_path: Path) -> None:
    summaries = [person(i) for i in range(12)]
    assert render_room(aggregate(summaries, POLICY)) == render_room(aggregate(summaries[::-1], POLICY))


def test_a_higher_minimum_group_suppresses_more() -> None:
    picture = aggregate([person(i) for i in range(12)], POLICY, min_group=7)
    figures = [f for s in picture.sections for f in s.figures]
    assert {f.people for f in figures} - {None} == {12, 8}
    assert all(f.people is not None and f.people >= 7 for f in picture.actions)


def test_too_few_people_or_a_tiny_group_is_refused() -> None:
    with pytest.raises(UsageError, match="fewer than the minimum group of 5"):
        aggregate([person(i) for i in range(4)], POLICY)
    with pytest.raises(UsageError, match="at least 2"):
        aggregate([person(i) for i in range(12)], POLICY, min_group=1)


def test_a_summary_file_is_exactly_what_the_aggregate_reads(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(summary_json(person(0)))
    assert load_summary(path) == person(0)
    assert json.loads(path.read_text())["format"] == "exposure-audit-summary"


@pytest.mark.parametrize("pattern", ["home", "workplace", "routine"])
def test_a_location_pattern_reads_as_in_the_personal_checklist(pattern: str) -> None:
    wording = action_wording(f"facebook/location_pattern:{pattern}", POLICY)
    assert wording == pattern_title(pattern, "your Facebook")
    assert "the Facebook posts and photos" in wording
