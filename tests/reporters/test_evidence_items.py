"""Over the three demo personas: every action lists each item once, so its evidence count is its item count."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from exposure_audit.demo import build_demo_download, demo_sites
from exposure_audit.demo.personas import PERSONAS
from exposure_audit.engine import AuditOptions, run_audit
from exposure_audit.policy.model import load_policy
from exposure_audit.reporters.formats import BY_NAME
from exposure_audit.reporters.view import prepare


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_evidence_count_equals_item_count(persona: str, tmp_path: Path) -> None:
    download = build_demo_download(tmp_path / "download", persona)
    policy = load_policy(None).with_sites(demo_sites(persona))
    report = run_audit(download, policy, AuditOptions(jobs=1, images="fast"))
    view = prepare(report, policy)
    assert view.checklist.actions
    for action in view.checklist.actions:
        assert len(action.evidence) == action.items, action.title
    # Every finding is still in the machine formats, under the action of its item.
    assert sum(len(a.findings) for a in view.checklist.actions) == len(report.findings)
    markdown = BY_NAME["markdown"].render(view, BY_NAME["markdown"].options())
    counts = [int(n) for n in re.findall(r"Evidence \((\d+) items?\)", markdown)]
    assert counts == [a.items for a in view.checklist.actions]
    for text in (markdown, *(BY_NAME[f].render(view, BY_NAME[f].options()) for f in ("terminal", "html"))):
        assert "(s)" not in text
        assert not any(c.id in text for c in policy.clauses), "an internal clause id in a human format"
        assert ".json /" not in text, "a JSON pointer in a human format"


def test_the_sign_in_action_gets_no_geotag_advice(tmp_path: Path) -> None:
    download = build_demo_download(tmp_path / "download", "careful")
    policy = load_policy(None).with_sites(demo_sites("careful"))
    view = prepare(run_audit(download, policy, AuditOptions(jobs=1, images="off")), policy)
    sign_in = [a for a in view.checklist.actions if a.target == "ip"]
    assert sign_in
    for action in sign_in:
        assert not any("geo-tag" in text or "geotag" in text for text in (*action.instructions, *action.steps))
