"""A person's own policy for another organisation entirely works without code changes: every text
category is found with the policy's words, and the built-in department's words mean nothing."""

from __future__ import annotations

from pathlib import Path

from exposure_audit.engine import AuditOptions, run_audit
from exposure_audit.model import Category, Item, ItemKind, Level, Platform, SourceRef
from exposure_audit.policy.model import load_policy
from exposure_audit.scanners import build_correlators, build_scanners
from exposure_audit.scanners.compiled import compile_policy
from tests.conftest import FIXTURES

FIRE_SERVICE = """
id = "harbour-fire"
name = "Harbour City Fire and Rescue (staff)"
organisation = "Harbour City Fire and Rescue"
document = "Staff online conduct rules, 2024"

[employer]
display_name = "Harbour City Fire and Rescue"
allowed_wording = "emergency services"
names = ["Harbour City Fire and Rescue", "Harbour Fire"]
abbreviations = ["HCFR"]
ambiguous = ["the Brigade"]
hashtags = ["#HarbourFire"]
handles = ["@HarbourFireOfficial"]
misspellings = ["Harbor City Fire and Rescue"]
job_titles = ["Station Officer", "Firefighter Recruit"]
units = ["Station 14 Blue Watch"]
allowed = ["emergency services"]
context_positive = ["my shift", "crew", "joined", "station"]
context_negative = ["movie", "news"]

[contact]
email_domains = ["harbourfire.example.org"]
phone_regions = ["NZ"]
official_numbers = ["+649555"]
workplace_addresses = ["14 Lighthouse Road, Harbour City"]
work_cues = ["station phone"]

[account]
corporate_id_patterns = ['HF\\d{5}']

[duties]
context = ["on shift", "my crew", "callout"]
first_person = ["we", "our", "my"]
markings = ["IN CONFIDENCE"]
marking_cues = ["marked"]

[duties.topics]
"incident details" = ["house fire", "rescue", "casualty", "hazmat"]

[[clauses]]
id = "R1"
title = "Rule 1"
text = "Do not name the service as your employer."
categories = ["employer", "colleague"]

[[clauses]]
id = "R2"
title = "Rule 2"
text = "Do not post work contact details or incident details."
categories = ["contact", "account", "duties"]

[actions]
employer = "Remove the service's name; say you work in emergency services."
contact = "Remove the station's details."
account = "Move the account to a personal address."
duties = "Remove incident details."
colleague = "Untag your crew."
"""


def item(
    text: str,
    kind: ItemKind = ItemKind.POST,
    field: str = "post",
    people: tuple[str, ...] = (),
    labels: tuple[str, ...] = (),
    **extra: str,
) -> Item:
    return Item(
        kind=kind,
        platform=Platform.FACEBOOK,
        source=SourceRef(archive="a", member="b"),
        identity=f"{kind}:{field}:{text}",
        text=text,
        field=field,
        people=people,
        labels=frozenset(labels),
        extra=dict(extra),
    )


def test_a_policy_written_for_another_organisation_finds_its_own_exposures(tmp_path: Path) -> None:
    path = tmp_path / "fire.toml"
    path.write_text(FIRE_SERVICE, encoding="utf-8")
    policy = load_policy(str(path))
    compiled = compile_policy(policy)
    scanners, correlators = build_scanners(compiled), build_correlators(compiled)

    def categories(entry: Item) -> set[str]:
        found = [f for s in scanners for f in s.scan(entry)]
        for correlator in correlators:
            observed = correlator.observe(entry)
            if observed is not None:
                found.extend(correlator.correlate([observed]))
        return {f"{f.rule}:{f.category.value}" for f in found if f.confidence.at_least(Level.MEDIUM)}

    assert "EXP101:employer" in categories(item("First night on my shift with the HCFR crew #HarbourFire"))
    assert "EXP102:employer" in categories(item("Harbour City Fire and Rescue", ItemKind.WORK, "work.employer"))
    assert "EXP201:colleague" in categories(item("Best crew at Harbour Fire", people=("Ana Example",)))
    assert "EXP202:colleague" in categories(
        item("Ana Example", ItemKind.CONNECTION, "connection", company="Harbour City Fire and Rescue")
    )
    assert "EXP301:contact" in categories(item("email me at ana at harbourfire dot example dot org"))
    assert "EXP302:contact" in categories(item("ring 09 555 0123 any time"))  # official prefix, region NZ
    assert categories(item("ring 04 555 0123 any time")) == set()  # another number in the same region
    assert "EXP303:contact" in categories(item("Cake at 14 Lighthouse Rd after the drill"))
    assert "EXP401:account" in categories(item("ana@mail.harbourfire.example.org", ItemKind.LOGIN, "email"))
    assert "EXP402:account" in categories(item("HF12345", ItemKind.LOGIN, "username"))
    assert "EXP701:duties" in categories(item("Big house fire on shift tonight, one casualty, my crew was amazing"))
    assert "EXP702:duties" in categories(item("IN CONFIDENCE\nroster for the long weekend"))
    finding = next(f for s in scanners for f in s.scan(item("Joined HCFR today")))
    assert finding.action == "Remove the service's name; say you work in emergency services."
    assert finding.guidance == ("R1",)

    # The built-in department means nothing to this policy, and its allowed words stay allowed.
    for text in (
        "Proud Border Force officer, ABF crew",
        "Email me at d.okafor@abf.gov.au",
        "I work in emergency services",
        "Watching a movie about Harbour Fire, news at 6",
    ):
        assert categories(item(text)) == set(), text
    assert categories(item("d.okafor@abf.gov.au", ItemKind.LOGIN, "email")) == set()


def test_the_engine_scans_a_real_download_with_that_policy(tmp_path: Path) -> None:
    path = tmp_path / "fire.toml"
    path.write_text(FIRE_SERVICE, encoding="utf-8")
    download = FIXTURES / "facebook" / "2025-json"
    report = run_audit([download], load_policy(str(path)), AuditOptions(jobs=1))
    # The fixture's officer works for the border department: nothing there names this fire service.
    # Only contacts the download itself labels as work (EXP302, EXP304) are reported whatever the policy.
    text_categories = {Category.EMPLOYER, Category.COLLEAGUE, Category.CONTACT, Category.ACCOUNT, Category.DUTIES}
    assert report.inputs and report.inputs[0].items > 0
    found = [f for f in report.findings if f.category in text_categories]
    assert found and all(f.rule in ("EXP302", "EXP304") for f in found)
    assert all(any("labels this" in r for r in f.reasons) for f in found)
