"""Policies: the built-in policies quote their policy verbatim and cover every category; policy files
are validated so that a typo or a wrong type is an error naming the key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from exposure_audit.errors import ProfileError
from exposure_audit.model import Category
from exposure_audit.policy.model import DEFAULT_PROFILE, builtin_policy_names, load_policy, parse_policy, policy_text

BUILTIN = ("dibp-2015", "treasury-2014")
MINIMAL = 'id = "x"\nname = "X"\norganisation = "X org"\ndocument = "X policy"\n'


def squash(text: str) -> str:
    return " ".join(text.split())


def test_both_builtin_policies_are_listed_and_the_2015_policy_is_the_default() -> None:
    assert set(BUILTIN) <= set(builtin_policy_names())
    assert DEFAULT_PROFILE == "dibp-2015"
    assert load_policy(None).id == "dibp-2015"


@pytest.mark.parametrize("name", BUILTIN)
def test_every_clause_is_quoted_verbatim_from_the_shipped_policy(name: str) -> None:
    policy = load_policy(name)
    document = squash(policy_text(policy))
    assert len(document) > 5000, "the policy text must ship with the package"
    assert policy.clauses
    for clause in policy.clauses:
        assert squash(clause.text) in document, f"clause {clause.id} is not quoted verbatim"
        assert clause.categories, f"clause {clause.id} serves no category"


@pytest.mark.parametrize("name", BUILTIN)
def test_clause_ids_are_unique_and_policy_id_matches_its_file(name: str) -> None:
    policy = load_policy(name)
    ids = [c.id for c in policy.clauses]
    assert len(ids) == len(set(ids))
    assert policy.id == name


def test_the_2015_policy_cites_a_clause_and_gives_an_action_for_every_category() -> None:
    policy = load_policy("dibp-2015")
    for category in Category:
        assert policy.clauses_for(category), f"no clause for {category}"
        assert policy.action_for(category), f"no action for {category}"


def test_the_treasury_policy_maps_what_its_text_supports() -> None:
    policy = load_policy("treasury-2014")
    for category in (Category.EMPLOYER, Category.ACCOUNT, Category.CONTACT, Category.DUTIES, Category.COLLEAGUE):
        assert policy.clauses_for(category), f"no clause for {category}"
        assert policy.action_for(category)
    # The 2014 policy says nothing about geotags or uniforms: no clause is invented for them.
    assert not policy.clauses_for(Category.LOCATION)
    assert not policy.clauses_for(Category.UNIFORM)
    assert policy.duties.require_disclaimer and policy.duties.disclaimer_phrases
    assert policy.employer.naming_allowed
    assert "views are your own" in policy.action_for(Category.EMPLOYER)
    assert "separate" in policy.action_for(Category.EMPLOYER)
    assert "Treasury email address" in policy.action_for(Category.ACCOUNT)
    assert policy.contact.email_domains == ("treasury.gov.au",)


def test_the_2015_account_action_says_such_profiles_must_be_removed() -> None:
    action = load_policy("dibp-2015").action_for(Category.ACCOUNT)
    assert (
        "Profiles set up using an official email, corporate ID or departmental password must be removed."
        in action.replace("profiles set up", "Profiles set up")
    )
    assert "Australian Public Service" in load_policy("dibp-2015").action_for(Category.EMPLOYER)


def test_the_2015_policy_knows_the_departments_names_domains_and_allowed_identifiers() -> None:
    policy = load_policy("dibp-2015")
    names = {n.casefold() for n in policy.employer.names + policy.employer.ambiguous}
    for expected in (
        "Department of Immigration and Border Protection",
        "Australian Border Force",
        "Australian Customs and Border Protection Service",
        "Customs and Border Protection",
        "Department of Immigration and Citizenship",
        "Department of Home Affairs",
        "Home Affairs",
        "Border Force",
        "Customs",
    ):
        assert expected.casefold() in names, expected
    for abbreviation in ("DIBP", "ABF", "ACBPS", "DIAC"):
        assert abbreviation in policy.employer.abbreviations
    assert {"#ABF", "#BorderForce", "#AustralianBorderForce"} <= set(policy.employer.hashtags)
    assert {"Boarder Force", "Austalian Border Force"} <= set(policy.employer.misspellings)
    assert {"Australian Public Service", "APS", "public servant", "Commonwealth public servant"} <= set(
        policy.employer.allowed
    )
    # The domains the instruction names, and the department's other well-known ones.
    assert {
        "border.gov.au",
        "mbc.gov.au",
        "mara.gov.au",
        "abf.gov.au",
        "homeaffairs.gov.au",
        "immi.gov.au",
        "customs.gov.au",
    } <= set(policy.contact.email_domains)
    assert policy.contact.phone_regions == ("AU",)
    assert policy.contact.official_numbers == ()  # the document names none
    assert policy.sites == ()  # a person adds their own workplace with --site
    assert policy.employer.allowed_wording == "Australian Public Service"


def test_the_2015_policy_lists_the_instructions_duty_topics_and_markings() -> None:
    policy = load_policy("dibp-2015")
    topics = set(policy.duties.topics)
    for topic in (
        "current operations",
        "detentions",
        "seizures of goods",
        "visa compliance activity",
        "matters before the courts",
        "policy development",
        "day-to-day work",
    ):
        assert topic in topics
    assert any("departmental systems" in t for t in topics)
    assert all(policy.duties.topics[t] for t in topics)
    assert {"PROTECTED", "For Official Use Only", "Sensitive: Cabinet"} <= set(policy.duties.markings)
    assert policy.uniform.words and policy.uniform.caption_cues and policy.uniform.colours


def test_a_policy_file_loads_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "fire.toml"
    path.write_text(
        MINIMAL + '[employer]\nnames = ["Example Fire Service"]\nambiguous = ["the Service"]\n'
        '[contact]\nemail_domains = ["fire.example.org"]\nwork_cues = ["station phone"]\n'
        '[duties]\nfirst_person = ["we"]\n',
        encoding="utf-8",
    )
    policy = load_policy(str(path))
    assert policy.employer.names == ("Example Fire Service",)
    assert policy.employer.ambiguous == ("the Service",)
    assert policy.contact.work_cues == ("station phone",)
    assert policy.duties.first_person == ("we",)
    assert policy.path == str(path)
    assert policy_text(policy) == ""  # no shipped document: nothing to quote from


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ('nmae = "y"\n', "nmae"),
        ('[employer]\nnmaes = ["A"]\n', "employer.nmaes"),
        ('[contact]\nemail_domain = ["a.example"]\n', "contact.email_domain"),
        ('[duties]\nfirst_persons = ["we"]\n', "duties.first_persons"),
        ('[[clauses]]\nid = "c"\ntitle = "t"\ntext = "x"\ncategory = ["employer"]\n', "clauses[0].category"),
    ],
)
def test_an_unknown_key_is_an_error_naming_it(body: str, named: str) -> None:
    with pytest.raises(ProfileError) as error:
        parse_policy(MINIMAL + body, "mine.toml")
    message = str(error.value)
    assert message.startswith("mine.toml: ")
    # Nested lists of tables are reported by their field name; the key itself is always named.
    assert named.rsplit(".", 1)[-1] in message


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ('[employer]\nnames = "Border Force"\n', "employer.names"),
        ('[employer]\nnaming_allowed = "yes"\n', "employer.naming_allowed"),
        ("[employer]\nambiguous = [1, 2]\n", "employer.ambiguous[0]"),
        ('[contact]\nwork_cues = "desk phone"\n', "contact.work_cues"),
        ("[duties]\nrequire_disclaimer = 1\n", "duties.require_disclaimer"),
        ('[duties.topics]\nseizures = "haul"\n', "duties.topics.seizures"),
        ('[[sites]]\nname = "Hall"\nlat = "north"\nlon = 1.0\n', "lat"),
    ],
)
def test_a_wrong_type_is_an_error_naming_the_key(body: str, named: str) -> None:
    with pytest.raises(ProfileError, match=re.escape(named)):
        parse_policy(MINIMAL + body, "mine.toml")


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("[account]\ncorporate_id_patterns = ['^[A-Z{3}$']\n", "account.corporate_id_patterns[0]"),
        ('[contact]\nphone_regions = ["AU", "Australia"]\n', "contact.phone_regions[1]"),
        ('[contact]\nofficial_numbers = ["02 5550 1234"]\n', "contact.official_numbers[0]"),
        ('[[clauses]]\nid = "c"\ntitle = "t"\ntext = "x"\ncategories = ["employers"]\n', "employers"),
        ('[actions]\nemployers = "remove it"\n', "actions.employers"),
    ],
)
def test_values_a_scanner_cannot_use_are_rejected_at_load_time(body: str, named: str) -> None:
    with pytest.raises(ProfileError, match=re.escape(named)):
        parse_policy(MINIMAL + body, "mine.toml")


def test_valid_values_are_accepted() -> None:
    policy = parse_policy(
        MINIMAL + "[account]\ncorporate_id_patterns = ['^[A-Z]{3}\\d{3}$']\n"
        '[contact]\nphone_regions = ["AU", "NZ"]\nofficial_numbers = ["+61 2 5550"]\n',
        "mine.toml",
    )
    assert policy.contact.phone_regions == ("AU", "NZ")


def test_invalid_toml_and_a_missing_required_key_are_errors() -> None:
    with pytest.raises(ProfileError, match="not valid TOML"):
        parse_policy("id = \n", "broken.toml")
    with pytest.raises(ProfileError, match="document"):
        parse_policy('id = "x"\nname = "X"\norganisation = "X"\n', "short.toml")
    with pytest.raises(ProfileError, match="no such built-in policy"):
        load_policy("no-such-pack")
