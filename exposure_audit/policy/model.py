"""Policies: what identifies staff of one organisation, and the clauses of its policy.

A policy is a TOML file. Built-in policies live in `exposure_audit/policy/builtin/`; `--policy NAME` picks one
of those, `--policy path/to/file.toml` reads any file. Unknown keys and wrong types are errors that
name the key, so a typo never silently disables a check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any, get_args, get_origin, get_type_hints

from exposure_audit.errors import ProfileError
from exposure_audit.model import Category
from exposure_audit.runtime import shipped_toml

DEFAULT_PROFILE = "dibp-2015"


@dataclass(frozen=True, slots=True, kw_only=True)
class Employer:
    """How the employer is named: names, abbreviations, hashtags, handles, job titles and units."""

    names: tuple[str, ...] = ()  # full names; matched case-insensitively on word boundaries
    abbreviations: tuple[str, ...] = ()  # matched case-sensitively on word boundaries ("ABF", not "abfab")
    hashtags: tuple[str, ...] = ()  # "#BorderForce"; matched case-insensitively
    handles: tuple[str, ...] = ()  # "@AusBorderForce"
    misspellings: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()  # names with an everyday meaning ("Customs"): free text needs context
    job_titles: tuple[str, ...] = ()  # titles that name the employer ("Border Force Officer")
    units: tuple[str, ...] = ()  # unit / team names (group names named after them are colleague signals)
    allowed: tuple[str, ...] = ()  # identifiers staff may use ("Australian Public Service", "APS")
    context_positive: tuple[str, ...] = ()  # words near a match that raise confidence
    context_negative: tuple[str, ...] = ()  # words near a match that lower it (film, dog breed, news)
    display_name: str = ""  # how the report names the employer
    allowed_wording: str = ""  # what to write instead ("Australian Public Service")
    naming_allowed: bool = False  # the policy lets staff name the employer (reported as low-severity reminders)


@dataclass(frozen=True, slots=True, kw_only=True)
class Contact:
    """The employer's official contact details: e-mail domains, phone numbers, addresses."""

    email_domains: tuple[str, ...] = ()  # official domains; subdomains match too
    phone_regions: tuple[str, ...] = ("AU",)
    official_numbers: tuple[str, ...] = ()  # E.164 numbers or prefixes ("+61255501")
    workplace_addresses: tuple[str, ...] = ()
    work_cues: tuple[str, ...] = ()  # words that make a number in free text a work number ("desk phone")


@dataclass(frozen=True, slots=True, kw_only=True)
class Account:
    """How a corporate user id is recognised (regular expressions)."""

    corporate_id_patterns: tuple[str, ...] = ()  # regular expressions for corporate user ids


@dataclass(frozen=True, slots=True, kw_only=True)
class Site:
    """A workplace the policy names, as a point and a radius."""

    name: str
    lat: float
    lon: float
    radius_m: float = 500.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Uniform:
    """What marks a uniform: printed words, words around a photo, and colours."""

    words: tuple[str, ...] = ()  # words printed on uniforms, vehicles and badges
    caption_cues: tuple[str, ...] = ()  # words around a photo that suggest uniform or duty
    colours: tuple[str, ...] = ()  # torso colour cues: "navy", "black", "khaki", "hi-vis", "camouflage"


@dataclass(frozen=True, slots=True, kw_only=True)
class Duties:
    """How talk of official duties is recognised, and what a disclaimer must say."""

    topics: dict[str, tuple[str, ...]] = field(default_factory=dict)  # topic -> trigger phrases
    context: tuple[str, ...] = ()  # words that make a topic phrase about one's own work
    first_person: tuple[str, ...] = ()  # weaker context: "we", "our", "I" (needs more evidence)
    markings: tuple[str, ...] = ()  # security classification markings
    marking_cues: tuple[str, ...] = ()  # words that make a one-word marking in a sentence a marking ("marked")
    require_disclaimer: bool = False  # the policy asks for a "views are my own" disclaimer
    disclaimer_phrases: tuple[str, ...] = ()
    official_position_cues: tuple[str, ...] = ()  # "we will", "the department's position" ...
    position_topics: tuple[str, ...] = ()  # subjects on which a comment reads as the organisation's view


@dataclass(frozen=True, slots=True, kw_only=True)
class Clause:
    """One clause of the policy document, quoted, and the findings it is cited for."""

    id: str
    title: str  # the heading of the policy section it comes from
    text: str  # quoted verbatim from the policy document
    categories: tuple[str, ...] = ()  # finding categories this clause is cited for

    def __hash__(self) -> int:
        # By id alone (equal clauses have equal ids): every finding looks its clauses up by the pack's
        # whole tuple of them, and hashing each clause's quoted text and categories was a cost per photo.
        return hash(self.id)


@dataclass(frozen=True, slots=True, kw_only=True)
class Policy:
    """An organisation's social-media policy, as the rules and the checklist use it."""

    id: str
    name: str
    organisation: str
    document: str  # the policy document's title and date
    source_file: str = ""  # file name of the policy text the clauses are quoted from
    employer: Employer = Employer()
    contact: Contact = Contact()
    account: Account = Account()
    sites: tuple[Site, ...] = ()
    uniform: Uniform = Uniform()
    duties: Duties = Duties()
    clauses: tuple[Clause, ...] = ()
    actions: dict[str, str] = field(default_factory=dict)  # category -> remediation wording
    path: str = ""  # where it was loaded from

    def clauses_for(self, category: Category) -> tuple[str, ...]:
        return tuple(c.id for c in self.clauses if category.value in c.categories)

    def clause(self, clause_id: str) -> Clause | None:
        return next((c for c in self.clauses if c.id == clause_id), None)

    def action_for(self, category: Category) -> str:
        return self.actions.get(category.value, "")

    def with_sites(self, extra: tuple[Site, ...]) -> Policy:
        from dataclasses import replace

        return replace(self, sites=self.sites + extra)


# ---------------------------------------------------------------- loading and validation


def _convert(value: Any, hint: Any, where: str, source: str) -> Any:
    origin = get_origin(hint)
    if hint is str:
        if not isinstance(value, str):
            raise ProfileError(source, f"key '{where}' must be a string", "Fix the policy file")
        return value
    if hint is bool:
        if not isinstance(value, bool):
            raise ProfileError(source, f"key '{where}' must be true or false", "Fix the policy file")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ProfileError(source, f"key '{where}' must be a number", "Fix the policy file")
        return float(value)
    if origin is tuple:
        (inner, _ellipsis) = get_args(hint)
        if not isinstance(value, list):
            raise ProfileError(source, f"key '{where}' must be a list", "Fix the policy file")
        return tuple(_convert(v, inner, f"{where}[{i}]", source) for i, v in enumerate(value))
    if origin is dict:
        _key, inner = get_args(hint)
        if not isinstance(value, dict):
            raise ProfileError(source, f"key '{where}' must be a table", "Fix the policy file")
        return {k: _convert(v, inner, f"{where}.{k}", source) for k, v in value.items()}
    if isinstance(hint, type) and hasattr(hint, "__dataclass_fields__"):
        return _build(hint, value, where, source)
    raise ProfileError(source, f"key '{where}' has an unsupported type", "Fix the policy file")


_FIELD_TYPES: dict[type[Any], dict[str, Any]] = {}


def _field_types(cls: type[Any]) -> dict[str, Any]:
    # Worked out once per class: a policy has a table for each of its clauses, all of one class.
    found = _FIELD_TYPES.get(cls)
    if found is None:
        found = _FIELD_TYPES[cls] = get_type_hints(cls)
    return found


def _build(cls: type[Any], table: Any, where: str, source: str) -> Any:
    if not isinstance(table, dict):
        raise ProfileError(source, f"key '{where or 'top level'}' must be a table", "Fix the policy file")
    hints = _field_types(cls)
    known = {f.name for f in fields(cls) if f.name != "path"}
    unknown = sorted(set(table) - known)
    if unknown:
        name = f"{where}.{unknown[0]}" if where else unknown[0]
        raise ProfileError(source, f"unknown key '{name}'", f"Valid keys here are: {', '.join(sorted(known))}")
    kwargs = {}
    for f in fields(cls):
        if f.name in table:
            kwargs[f.name] = _convert(table[f.name], hints[f.name], f"{where}.{f.name}" if where else f.name, source)
    try:
        return cls(**kwargs)
    except TypeError as exc:
        missing = str(exc).split("argument")[-1].strip(": '")
        raise ProfileError(
            source, f"required key '{where + '.' if where else ''}{missing}' is missing", "Add it to the policy file"
        ) from exc


def _parsed(text: str) -> dict[str, Any]:
    import tomllib  # loaded for a person's own policy file only: a built-in one's table is kept

    return tomllib.loads(text)


def parse_policy(text: str, source: str, *, shipped: bool = False) -> Policy:
    """The policy of a TOML text; `shipped` for a built-in one, whose parsed table is kept (a person's
    own file is always parsed afresh: `runtime/shipped_toml.py`)."""
    try:
        table = shipped_toml.loads(text) if shipped else _parsed(text)
    except ValueError as exc:  # tomllib.TOMLDecodeError is one
        raise ProfileError(source, f"not valid TOML ({exc})", "Fix the syntax of the policy file") from exc
    policy: Policy = _build(Policy, table, "", source)
    categories = {c.value for c in Category}
    for clause in policy.clauses:
        for cat in clause.categories:
            if cat not in categories:
                raise ProfileError(
                    source,
                    f"clause '{clause.id}' names unknown category '{cat}'",
                    f"Use one of: {', '.join(sorted(categories))}",
                )
    for cat in policy.actions:
        if cat not in categories:
            raise ProfileError(source, f"unknown key 'actions.{cat}'", f"Use one of: {', '.join(sorted(categories))}")
    _check_values(policy, source)
    from dataclasses import replace

    return replace(policy, path=source)


def _check_values(policy: Policy, source: str) -> None:
    """Values a scanner would otherwise trip over at scan time: regular expressions, phone regions
    and numbers. Checked at load time so the error names the key."""
    for index, pattern in enumerate(policy.account.corporate_id_patterns):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ProfileError(
                source,
                f"key 'account.corporate_id_patterns[{index}]' is not a valid regular expression ({exc})",
                "Fix the pattern",
            ) from exc
    from exposure_audit.policy.phone_regions import is_phone_region

    for index, region in enumerate(policy.contact.phone_regions):
        if not is_phone_region(region):
            raise ProfileError(
                source,
                f"key 'contact.phone_regions[{index}]' is not a region code ('{region}')",
                'Use a two-letter region such as "AU"',
            )
    for index, number in enumerate(policy.contact.official_numbers):
        if not re.fullmatch(r"\+\d{2,15}", number.replace(" ", "")):
            raise ProfileError(
                source,
                f"key 'contact.official_numbers[{index}]' is not an E.164 number or prefix",
                'Write it as + and digits, e.g. "+61255501"',
            )


def builtin_policy_names() -> list[str]:
    folder = resources.files("exposure_audit.policy") / "builtin"
    return sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml"))


def load_policy(name_or_path: str | None) -> Policy:
    """A built-in policy by name, or a policy file by path; the default policy when None."""
    name = name_or_path or DEFAULT_PROFILE
    if name.endswith(".toml") or "/" in name or "\\" in name:
        path = Path(name)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ProfileError(
                name,
                f"cannot read the policy file ({exc.strerror})",
                "Check the path, or run 'exposure-audit policies' for the built-in policies",
            ) from exc
        return parse_policy(text, str(path))
    if name not in builtin_policy_names():
        raise ProfileError(
            name,
            "no such built-in policy",
            f"Use one of: {', '.join(builtin_policy_names())}, or give a path to a .toml file",
        )
    resource = resources.files("exposure_audit.policy") / "builtin" / f"{name}.toml"
    return parse_policy(resource.read_text(encoding="utf-8"), name, shipped=True)


def policy_text(policy: Policy) -> str:
    """The full text of the policy document the policy quotes, shipped with the package."""
    if not policy.source_file:
        return ""
    resource = resources.files("exposure_audit.policy") / "builtin" / "texts" / policy.source_file
    try:
        return resource.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return ""
