"""Colleagues: other people identified as staff by your posts, photos, connections and groups."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from exposure_audit.geo.distance import haversine_m
from exposure_audit.model import Category, Finding, Item, ItemKind, Level, Platform, SourceRef
from exposure_audit.scanners.base import Correlator, Scanner, excerpt_around, make_finding, rule_reason
from exposure_audit.scanners.catalogue import RuleSpec
from exposure_audit.scanners.compiled import CompiledPolicy
from exposure_audit.scanners.employer import item_texts
from exposure_audit.text.mentions import Setting, employer_mentions
from exposure_audit.text.phrases import normalise
from exposure_audit.text.vocabulary import SITE

_MENTION = re.compile(r"(?<![\w.@])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)")
_NAME = re.compile(r"\b((?:[A-Z][a-z]+)(?:-[A-Z][a-z]+)?) ((?:Mc|Mac|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
# Capitalised words that start two-word phrases which are not people: places, events, greetings, kin.
_NOT_NAMES = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "christmas",
        "easter",
        "new",
        "year",
        "day",
        "night",
        "eve",
        "happy",
        "merry",
        "good",
        "great",
        "big",
        "best",
        "first",
        "last",
        "old",
        "little",
        "social",
        "club",
        "port",
        "island",
        "airport",
        "college",
        "academy",
        "centre",
        "center",
        "house",
        "hall",
        "street",
        "road",
        "beach",
        "bay",
        "coast",
        "north",
        "south",
        "east",
        "west",
        "mount",
        "lake",
        "river",
        "park",
        "team",
        "unit",
        "command",
        "group",
        "division",
        "program",
        "class",
        "party",
        "city",
        "state",
        "national",
        "international",
        "australia",
        "australian",
        "sydney",
        "melbourne",
        "canberra",
        "brisbane",
        "perth",
        "darwin",
        "adelaide",
        "hobart",
        "gold",
        "sorry",
        "thanks",
        "thank",
        "hi",
        "hey",
        "dear",
        "love",
        "cheers",
        "congrats",
        "congratulations",
        "welcome",
        "farewell",
        "nan",
        "mum",
        "dad",
        "mom",
        "grandma",
        "grandpa",
        "pop",
        "aunty",
        "auntie",
        "uncle",
        "bub",
        "the",
        "my",
        "our",
        "your",
        "this",
        "that",
        "crescent",
        "avenue",
        "lane",
        "drive",
        "place",
        "parade",
        "quay",
        "terrace",
        "court",
        "way",
        "circuit",
        "close",
        "square",
        "highway",
    }
)
_PEOPLE_KINDS = frozenset(
    {ItemKind.POST, ItemKind.PHOTO, ItemKind.COMMENT, ItemKind.CHECKIN, ItemKind.TAG, ItemKind.EVENT}
)


def _named_in_text(text: str, ignored_words: frozenset[str]) -> list[str]:
    names = []
    for match in _NAME.finditer(text):
        words = [w.lower() for w in match.group(0).split()]
        if not any(w in _NOT_NAMES or w in ignored_words for w in words):
            names.append(match.group(0))
    return names


@dataclass(frozen=True, slots=True)
class _People:
    """The people a record tags, mentions by handle and names in its text."""

    tagged: tuple[str, ...]
    mentioned: tuple[str, ...]  # @handles in the text
    named: tuple[str, ...]  # names written in the text

    @property
    def all(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.tagged + self.mentioned + self.named))


class ColleaguesNamed(Scanner):
    """EXP201: people tagged or named together with the employer, or tagged at your workplace.

    A post, photo, comment or check-in identifies other people as staff when it tags them (or
    @-mentions them, or writes their full name) and also names the employer, or when it tags them in
    a place within one of your workplace sites (`--site`). Confidence follows the employer mention
    (see EXP101); tagging people at the workplace is medium, high with an employer mention as well.

    Severity: high when people are tagged (a searchable link to their profiles), else medium.
    """

    spec = RuleSpec(id="EXP201", title="Colleagues identified as staff", category=Category.COLLEAGUE)

    def __init__(self, compiled: CompiledPolicy) -> None:
        super().__init__(compiled)
        employer = self.policy.employer
        self._handles = frozenset(h.lstrip("@").lower() for h in employer.handles)
        alias_words = (
            *employer.names,
            *employer.job_titles,
            *employer.units,
            *employer.ambiguous,
            *employer.misspellings,
            *(s.name for s in self.policy.sites),
        )
        self._alias_words = frozenset(w for phrase in alias_words for w in normalise(phrase).split())

    def _people(self, item: Item, text: str) -> _People:
        mentioned = tuple(m for m in _MENTION.findall(text) if m.lower() not in self._handles)
        return _People(tagged=item.people, mentioned=mentioned, named=tuple(_named_in_text(text, self._alias_words)))

    def _at_workplace(self, item: Item, text: str) -> str:
        for point in item.geo:
            for site in self.policy.sites:
                if haversine_m(point.lat, point.lon, site.lat, site.lon) <= site.radius_m:
                    return f'located within {site.radius_m:.0f} m of your workplace site "{site.name}"'
        site_names = self.compiled.vocabulary.analyse(text).of(SITE)
        return f'names your workplace "{site_names[0].words(text)}"' if site_names else ""

    kinds = _PEOPLE_KINDS

    def scan(self, item: Item) -> Iterable[Finding]:
        if item.kind not in _PEOPLE_KINDS:
            return
        text = item.text
        if item.kind is ItemKind.PHOTO:
            text = "\n".join(t for t in (item.text, item.extra.get("context", "")) if t)
        people = self._people(item, text)
        if not people.all:
            return
        mentions = employer_mentions(self.compiled.vocabulary, text, Setting.FREE) if text else []
        workplace = self._at_workplace(item, text)
        if not mentions and not workplace:
            return
        how = "tagged" if people.tagged else "@-mentioned" if people.mentioned else "named in the text"
        reasons = [f"identifies {len(people.all)} other {'person' if len(people.all) == 1 else 'people'} ({how})"]
        confidence = Level.LOW
        if mentions:
            confidence = mentions[0].confidence
            reasons.extend(mentions[0].reasons(text, Setting.FREE))
        if workplace:
            reasons.append(workplace)
            confidence = Level.HIGH if confidence.at_least(Level.MEDIUM) else Level.MEDIUM
        reasons.append(rule_reason(self.rule, self.policy, self.category))
        hit = mentions[0].hit if mentions else None
        excerpt = excerpt_around(text, hit.start, hit.end) if hit else excerpt_around(text, 0, 0)
        # The finding carries everyone it found (not only the tagged), so reports can mask their names.
        yield self.finding(
            replace(item, people=people.all),
            match=", ".join(people.all[:3]),
            excerpt=excerpt,
            severity=Level.HIGH if people.tagged else Level.MEDIUM,
            confidence=confidence,
            reasons=reasons,
        )


@dataclass(frozen=True, slots=True)
class _Connection:
    """A connection who works for the employer, as a record gives them."""

    platform: Platform
    source: SourceRef
    company: str
    confidence: Level


def _most_common(values: Iterable[str]) -> str:
    counts = Counter(values)
    return min(counts, key=lambda value: (-counts[value], value))


class ConnectionsAtEmployer(Correlator):
    """EXP202: connections whose company is the employer, reported once with a count.

    A list of friends or connections that shows where they work (LinkedIn Connections.csv, Company)
    reveals a network of staff to anyone who can see it, and ties you to them. Each connection whose
    company names the employer (read like a work-history entry: see EXP102) is counted; one finding
    per platform gives the count. The connections' names are never copied into the report.

    Severity: medium; high from five connections.
    """

    spec = RuleSpec(id="EXP202", title="Connections who work for the employer", category=Category.COLLEAGUE)

    def observe(self, item: Item) -> object | None:
        if item.kind is not ItemKind.CONNECTION:
            return None
        for _, text, setting in item_texts(item):
            mentions = employer_mentions(self.compiled.vocabulary, text, setting)
            if mentions and mentions[0].confidence.at_least(Level.MEDIUM):
                return _Connection(
                    platform=item.platform, source=item.source, company=text, confidence=mentions[0].confidence
                )
        return None

    def correlate(self, observations: Sequence[object]) -> Iterable[Finding]:
        by_platform: dict[Platform, list[_Connection]] = {}
        for record in observations:
            if isinstance(record, _Connection):
                by_platform.setdefault(record.platform, []).append(record)
        for platform, found in by_platform.items():
            count = len(found)
            companies = sorted({c.company for c in found})
            confidence = Level.HIGH if any(c.confidence is Level.HIGH for c in found) else Level.MEDIUM
            reasons = [
                f"{count} connection{'s' if count != 1 else ''} list the employer as their company",
                "companies: " + "; ".join(f'"{c}"' for c in companies),
                rule_reason(self.rule, self.policy, self.category),
            ]
            yield make_finding(
                rule=self.rule,
                category=self.category,
                policy=self.policy,
                platform=platform,
                cites=self.spec.clauses,
                source=SourceRef(archive=found[0].source.archive, member=found[0].source.member),
                item=None,
                # The match is the company most connections give, not the count, so the finding keeps its
                # fingerprint (and its triage) as connections come and go.
                match=_most_common(c.company for c in found),
                excerpt=f"{count} connection{'s' if count != 1 else ''} at " + "; ".join(companies),
                severity=Level.HIGH if count >= 5 else Level.MEDIUM,
                confidence=confidence,
                reasons=reasons,
                identity=f"{platform.value}:connections-at-employer",
                item_kind=ItemKind.CONNECTION,
            )


class StaffGroup(Scanner):
    """EXP203: membership of a group named after the employer or one of its units.

    A staff group ("ABF Officers Social Club", "Detector Dog Program Alumni") lists its members: joining
    it tells anyone who can see the group that its members, you included, are colleagues. Reported
    next to EXP103 (which is about naming your employer) because the fix is different: leave the
    group, or ask its admins to make membership hidden.

    Severity: medium; high if you run the group.
    """

    spec = RuleSpec(id="EXP203", title="Member of a staff group", category=Category.COLLEAGUE)

    kinds = frozenset({ItemKind.GROUP})

    def scan(self, item: Item) -> Iterable[Finding]:
        if item.kind is not ItemKind.GROUP or not item.text:
            return
        mentions = employer_mentions(self.compiled.vocabulary, item.text, Setting.WORK)
        if not mentions:
            return
        best = mentions[0]
        reasons = [
            *best.reasons(item.text, Setting.WORK),
            "a group named after the employer shows its members as staff",
            rule_reason(self.rule, self.policy, self.category),
        ]
        yield self.finding(
            item,
            match=item.text,
            excerpt=excerpt_around(item.text, 0, len(item.text)),
            severity=Level.HIGH if "admin" in item.labels else Level.MEDIUM,
            confidence=best.confidence,
            reasons=reasons,
        )
