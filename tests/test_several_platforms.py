"""One person's Facebook, Instagram, LinkedIn and X downloads scanned together: one report, and every
item and finding attributed to the platform whose download it came from."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from exposure_audit.engine import AuditOptions, run_audit
from exposure_audit.model import Platform
from exposure_audit.policy.model import load_policy
from tests.conftest import FIXTURES, zip_folder
from tests.test_end_to_end import found, planted

DOWNLOADS = {
    Platform.FACEBOOK: FIXTURES / "facebook" / "2025-json",
    Platform.INSTAGRAM: FIXTURES / "instagram" / "ig-2025-activity-media",
    Platform.LINKEDIN: FIXTURES / "linkedin" / "complete",
    Platform.X: FIXTURES / "x" / "x-2024-manifest",
}


def test_four_platforms_in_one_run_give_one_report_with_findings_on_the_right_platform(tmp_path: Path) -> None:
    paths = [zip_folder(folder, tmp_path / f"{platform.value}.zip") for platform, folder in DOWNLOADS.items()]
    report = run_audit(list(reversed(paths)), load_policy(None), AuditOptions(jobs=2))
    assert [i.platform for i in report.inputs] == list(DOWNLOADS)
    owner = {str(tmp_path / f"{platform.value}.zip"): platform for platform in DOWNLOADS}
    for summary in report.inputs:
        assert owner[summary.path] is summary.platform and summary.items > 0
    per_platform_findings = [f for f in report.findings if f.source.archive in owner]
    assert all(owner[f.source.archive] is f.platform for f in per_platform_findings)
    assert set(Counter(f.platform for f in per_platform_findings)) == set(DOWNLOADS)
    # Each download's planted exposures are all there, as when it is scanned alone.
    for platform, folder in DOWNLOADS.items():
        want = planted(folder.with_name(folder.name + ".expected.json"))
        got = found(tuple(f for f in report.findings if f.platform is platform), want)
        assert got == want, platform
