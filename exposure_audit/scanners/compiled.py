"""A pack compiled once per audit: the matchers every rule and the photo stage derive from it.

Whoever scans (the engine, the benchmarks, a test) calls `compile_pack` once and builds the rules
from the result (`scanners.build_scanners`); the engine does so before its workers fork, so they
inherit what was built instead of each building its own. A pack holds dicts and lists and cannot be
hashed, so what is derived from it travels with it here rather than in a cache keyed by the pack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from exposure_audit.media.vision.captions import CaptionCues
from exposure_audit.policy.model import Policy
from exposure_audit.scanners.contact_patterns import OfficialNumbers, address_pattern
from exposure_audit.scanners.emails import OfficialEmails
from exposure_audit.text.vocabulary import Vocabulary


@dataclass(frozen=True, slots=True, eq=False)
class CompiledPolicy:
    """A policy's matchers, built once per audit and shared by the rules and the workers."""

    policy: Policy
    vocabulary: Vocabulary  # every phrase of the policy in one matcher: text rules, employer mentions
    emails: OfficialEmails  # addresses at the official domains, plain or disguised
    numbers: OfficialNumbers  # the phone regions and the official numbers
    workplace_addresses: tuple[re.Pattern[str], ...]  # the street part of each workplace address
    corporate_ids: tuple[re.Pattern[str], ...]  # the shapes of corporate user ids
    captions: CaptionCues  # uniform and duty cues in the words around a photo


def compile_policy(policy: Policy) -> CompiledPolicy:
    vocabulary = Vocabulary(policy)
    return CompiledPolicy(
        policy=policy,
        vocabulary=vocabulary,
        emails=OfficialEmails(policy.contact.email_domains),
        numbers=OfficialNumbers(policy),
        workplace_addresses=tuple(address_pattern(a) for a in policy.contact.workplace_addresses),
        corporate_ids=tuple(re.compile(p) for p in policy.account.corporate_id_patterns),
        captions=CaptionCues(policy, vocabulary),
    )
