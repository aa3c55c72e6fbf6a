"""What the reports say about a rule, read from the rule catalogue (`scanners/catalogue.py`)."""

from __future__ import annotations

from exposure_audit.model import Finding
from exposure_audit.scanners.catalogue import INFERENCES, rule_catalogue


def pattern_kind(finding: Finding) -> str:
    """'home', 'workplace', 'routine', or '': what a location finding lets someone infer about the person."""
    info = rule_catalogue().get(finding.rule)
    reveals = info.spec.reveals if info else None
    return reveals.value if reveals in INFERENCES else ""
