"""The scanner contract: one class per rule id, a pure function of an item (and the pack).

A scanner's docstring is its user documentation (`exposure-audit explain RULE` prints it). Scanners
never raise for odd input; the engine still isolates them, so a crash in one becomes a `Skipped`
entry and the other scanners' findings stand.

Correlators look across items (home and workplace from many geotags, a count of connections at the
employer): `observe` runs next to the scanners on every item and returns a small picklable record,
`correlate` runs once over all of them at the end.
"""

from __future__ import annotations

import hashlib
import sys
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from typing import ClassVar

from exposure_audit.model import (
    WHERE_KEYS,
    Category,
    Finding,
    GeoPoint,
    Item,
    ItemKind,
    Level,
    MediaRef,
    Platform,
    SourceRef,
)
from exposure_audit.policy.model import Policy
from exposure_audit.scanners.catalogue import RuleSpec, cited_clauses
from exposure_audit.scanners.compiled import CompiledPolicy
from exposure_audit.text.shared_content import SHARED, SHARED_REASON

FINGERPRINT_KEY = b"exposure-audit/finding/v1"


def normalise_value(value: str) -> str:
    return " ".join(value.casefold().split())


def fingerprint(rule: str, platform: Platform, identity: str, match: str) -> str:
    """Position-independent identity of a finding: rule, platform, the item's stable identity and
    the normalised matched value. A different value in the same post is a different finding."""
    payload = "\x1f".join((rule, platform.value, identity, normalise_value(match))).encode()
    return hashlib.blake2b(payload, key=FINGERPRINT_KEY, digest_size=10).hexdigest()


def excerpt_around(text: str, start: int, end: int, width: int = 60) -> str:
    """A one-line piece of `text` around [start, end), with ellipses where it was cut."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    piece = " ".join(text[left:right].split())
    return ("…" if left > 0 else "") + piece + ("…" if right < len(text) else "")


def rule_reason(rule: str, policy: Policy, category: Category) -> str:
    """The reason line every text finding ends with: its rule and the policy clauses it cites."""
    return f"rule {rule}; policy clauses: {', '.join(policy.clauses_for(category)) or 'none in this policy'}"


class Rule:
    """What scanners and correlators share: the rule they emit, declared once as a `RuleSpec`.

    `rule`, `category` and `title` are read from the spec when the class is defined, so a rule class
    names its id in one place and the catalogue (`scanners/catalogue.py`) lists what it declares.
    A rule is built from the pack compiled once per audit (`scanners/compiled.py`), whose matchers
    every rule shares.
    """

    spec: ClassVar[RuleSpec]
    also_emits: ClassVar[tuple[RuleSpec, ...]] = ()  # further rule ids a correlator emits
    rule: ClassVar[str]
    category: ClassVar[Category]
    title: ClassVar[str]

    def __init__(self, compiled: CompiledPolicy) -> None:
        self.compiled = compiled  # the matchers built from the policy once per audit
        self.policy = compiled.policy
        # The pack's clauses this rule's findings cite, looked up once rather than for every finding.
        self.guidance = cited_clauses(self.policy, self.spec.clauses or (self.category,))

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if "spec" in cls.__dict__:
            cls.rule, cls.category, cls.title = cls.spec.id, cls.spec.category, cls.spec.title

    @classmethod
    def emits(cls) -> tuple[RuleSpec, ...]:
        return (cls.spec, *cls.also_emits)


class Scanner(Rule, ABC):
    # The item kinds this scanner can report on; None for any. The engine offers an item only to the
    # scanners of its kind (a folder of photos need not visit the account and group rules), and each
    # scanner still checks the kind itself, so the declaration may be wider than the check, never narrower.
    kinds: ClassVar[frozenset[ItemKind] | None] = None

    @abstractmethod
    def scan(self, item: Item) -> Iterable[Finding]:
        """Findings for one item; most items yield none."""

    def finding(
        self,
        item: Item,
        *,
        match: str,
        excerpt: str,
        severity: Level,
        confidence: Level,
        reasons: Sequence[str],
        action: str = "",
        geo: tuple[GeoPoint, ...] = (),
        media: tuple[MediaRef, ...] | None = None,
        identity_extra: str = "",
    ) -> Finding:
        return make_finding(
            rule=self.rule,
            category=self.category,
            policy=self.policy,
            platform=item.platform,
            source=item.source,
            item=item,
            match=match,
            excerpt=excerpt,
            severity=severity.raised() if item.public and severity is not Level.HIGH else severity,
            confidence=confidence.raised(-1) if SHARED in item.labels else confidence,
            reasons=tuple(reasons)
            + (("publicly visible now",) if item.public else ())
            + ((SHARED_REASON,) if SHARED in item.labels else ()),
            action=action,
            geo=geo,
            media=item.media if media is None else media,
            identity_extra=identity_extra,
            guidance=self.guidance,
        )


def make_finding(
    *,
    rule: str,
    category: Category,
    policy: Policy,
    platform: Platform,
    source: SourceRef,
    item: Item | None,
    match: str,
    excerpt: str,
    severity: Level,
    confidence: Level,
    reasons: Sequence[str],
    action: str = "",
    geo: tuple[GeoPoint, ...] = (),
    media: tuple[MediaRef, ...] = (),
    identity_extra: str = "",
    identity: str = "",
    item_kind: ItemKind = ItemKind.LOCATION,
    cites: tuple[Category, ...] = (),
    guidance: tuple[str, ...] | None = None,  # the clause ids, when the caller has them (else from `cites`)
) -> Finding:
    """Build a finding with the pack's clauses and action filled in (shared by scanners and correlators)."""
    item_identity = identity or (item.identity if item else "")
    return Finding(
        rule=rule,
        category=category,
        severity=severity,
        confidence=confidence,
        platform=platform,
        source=source,
        item_kind=item.kind if item else item_kind,
        item_identity=item_identity,
        created_at=item.created_at if item else None,
        match=match,
        excerpt=excerpt,
        reasons=tuple(reasons),
        guidance=cited_clauses(policy, cites or (category,)) if guidance is None else guidance,
        # One shared string per wording: a batch's findings then carry it once when sent from a worker.
        action=sys.intern(action or policy.action_for(category)),
        fingerprint=fingerprint(rule, platform, item_identity + identity_extra, match),
        media=media,
        geo=geo,
        public=bool(item and item.public),
        field=item.field if item else "",
        people=item.people if item else (),
        url=item.url if item else "",
        where=tuple((k, item.extra[k]) for k in WHERE_KEYS if item.extra.get(k)) if item else (),
    )


class Correlator(Rule, ABC):
    # Correlators whose observe() reads only the item, not the rule, and that name the same key here
    # share one observation per item: it is made once and the same object goes into each one's list,
    # so it also crosses from a worker to the parent once.
    observation_key: ClassVar[str] = ""

    @abstractmethod
    def observe(self, item: Item) -> object | None:
        """A small picklable record of what this correlator needs from the item, or None."""

    @abstractmethod
    def correlate(self, observations: Sequence[object]) -> Iterable[Finding]:
        """Findings drawn from all observations of one audit (observations are in plan order)."""
