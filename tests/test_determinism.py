"""Reports do not depend on the number of workers: --jobs 1 and --jobs 2 give byte-identical output."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from exposure_audit.demo import build_demo_download, demo_sites
from exposure_audit.engine import AuditOptions, run_audit
from exposure_audit.policy.model import load_policy
from exposure_audit.reporters.formats import FORMATS
from exposure_audit.reporters.view import prepare

FIXED = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo_download(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return build_demo_download(tmp_path_factory.mktemp("demo") / "download", "officer")


def test_every_format_is_byte_identical_whatever_the_number_of_workers(demo_download: list[Path]) -> None:
    policy = load_policy(None).with_sites(demo_sites("officer"))
    outputs = []
    for jobs in (1, 2):
        report = run_audit(demo_download, policy, AuditOptions(jobs=jobs, now=FIXED))
        view = prepare(report, policy)
        outputs.append({f.name: f.render(view, f.options()) for f in sorted(FORMATS, key=lambda f: f.name)})
    assert outputs[0].keys() == outputs[1].keys()
    for name in outputs[0]:
        assert outputs[0][name] == outputs[1][name], f"{name} output differs between --jobs 1 and --jobs 2"
    assert len(outputs[0]["json"]) > 1000  # a real report, not an empty one


def test_input_order_on_the_command_line_does_not_change_the_findings(demo_download: list[Path]) -> None:
    policy = load_policy(None).with_sites(demo_sites("officer"))
    forward = run_audit(demo_download, policy, AuditOptions(jobs=1, now=FIXED))
    backward = run_audit(list(reversed(demo_download)), policy, AuditOptions(jobs=1, now=FIXED))
    assert [f.fingerprint for f in forward.findings] == [f.fingerprint for f in backward.findings]
