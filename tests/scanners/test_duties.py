"""EXP701 duty topics, EXP702 classification markings, EXP703 official positions without a disclaimer:
should-flag and near-miss tables (the same words in everyday life)."""

from __future__ import annotations

import pytest

from exposure_audit.model import Category, Item, ItemKind, Level, Platform, SourceRef
from exposure_audit.policy.model import load_policy
from exposure_audit.scanners.compiled import compile_policy
from exposure_audit.scanners.duties import ClassificationMarking, OfficialDutiesTopic, OfficialPositionWithoutDisclaimer

POLICY = load_policy("dibp-2015")
COMPILED = compile_policy(POLICY)
TREASURY = load_policy("treasury-2014")
TREASURY_COMPILED = compile_policy(TREASURY)


def post(
    text: str, kind: ItemKind = ItemKind.POST, platform: Platform = Platform.FACEBOOK, field: str = "post"
) -> Item:
    return Item(
        kind=kind,
        platform=platform,
        source=SourceRef(archive="dl.zip", member="posts/1.json"),
        identity=f"{kind}:{platform}:{text}",
        text=text,
        field=field,
    )


def topic(text: str) -> Level | None:
    found = list(OfficialDutiesTopic(COMPILED).scan(post(text)))
    return found[0].confidence if found else None


TOPIC_MEDIUM = [
    "Massive night on the wharf, we seized 40 kilos of meth hidden in floor tiles",  # context + topics
    "3 containers held for inspection today, love my job",
    "Another detainee escorted to detention on my shift",
    "Visa compliance job at 5am, 6 unlawful non-citizens located. Long shift.",
    "SmartGates went down at T1 again, we processed 400 pax by hand",  # two topics + first person
    "Work laptop forced a password change again, the system hates me at work",
    "Our team is drafting the new policy on bridging visas",
    "Had to cancel his visa under s501 today at the Border Force office",  # employer named
    "Gave evidence in court today, our brief of evidence finally went to trial",
]

TOPIC_LOW = [
    "My car engine seized on the M1",  # one topic phrase, first person only
    "Got charged twice for my coffee",
    "We intercepted the pass and ran it in for the winning try",
    "Lost my Netflix password again",
]

TOPIC_NOTHING = [
    "Knee operation went well, thanks all",
    "Tennis court booked for Sunday, who's in?",
    "Our insurance policy renewal went up 20%",
    "Kids got detention for talking in class",
    "Kmart haul! storage containers and a lamp",
    "Footy went to overtime and we lost by 2",
    "Our team won the trivia night",
    "Court case for the neighbour's fence finally settled",
    "Tonnes of mangoes at the markets this week",
    "Long night at the hospital, we had 3 codes on my shift",
]


@pytest.mark.parametrize("text", TOPIC_MEDIUM)
def test_topics_with_work_context_are_medium(text: str) -> None:
    assert topic(text) is Level.MEDIUM, text


@pytest.mark.parametrize("text", TOPIC_LOW)
def test_one_topic_with_only_a_first_person_word_is_a_low_hint(text: str) -> None:
    assert topic(text) is Level.LOW, text


@pytest.mark.parametrize("text", TOPIC_NOTHING)
def test_everyday_uses_of_the_same_words_are_not_reported(text: str) -> None:
    assert topic(text) is None, text


def test_a_duties_finding_names_the_topic_words_and_context() -> None:
    (finding,) = OfficialDutiesTopic(COMPILED).scan(post("Massive night, we seized 40 kilos of meth on my shift"))
    assert finding.category is Category.DUTIES and finding.rule == "EXP701"
    assert finding.severity is Level.HIGH  # several topic phrases and work context
    text = " | ".join(finding.reasons)
    assert "seizures of goods" in text and '"we seized"' in text and '"kilos of"' in text and '"meth"' in text
    assert 'about the writer\'s own work: "my shift"' in text
    assert "IG5-agency-information" in text
    (message,) = OfficialDutiesTopic(COMPILED).scan(
        post("we seized 40 kilos on my shift", ItemKind.MESSAGE, field="message")
    )
    assert message.severity is Level.LOW


@pytest.mark.parametrize(
    ("text", "confidence"),
    [
        ("PROTECTED\nRe: roster changes for the long weekend", Level.MEDIUM),  # alone on its line
        ("lol someone left a For Official Use Only folder on the train", Level.MEDIUM),  # distinctive anywhere
        ("Sensitive: Cabinet\nDraft talking points for the Minister", Level.MEDIUM),
        ("FOR OFFICIAL USE ONLY – staff movements attached", Level.MEDIUM),
        ("Screenshot from the briefing pack, marked PROTECTED but boring", Level.MEDIUM),  # introduced by "marked"
        ("Stay PROTECTED this flu season, get your jab!", Level.LOW),  # emphasis inside a sentence
        ("TOP SECRET family recipe for lamingtons", Level.LOW),
        ("CONFIDENTIAL: I ate the last Tim Tam", Level.LOW),
    ],
)
def test_classification_markings(text: str, confidence: Level) -> None:
    (finding,) = ClassificationMarking(COMPILED).scan(post(text))
    assert finding.confidence is confidence
    assert finding.severity is (Level.HIGH if confidence is Level.MEDIUM else Level.LOW)


@pytest.mark.parametrize(
    "text", ["Secret Santa at work is a $20 limit", "stay protected out there", "a top secret plan"]
)
def test_lower_case_words_are_not_markings(text: str) -> None:
    assert list(ClassificationMarking(COMPILED).scan(post(text))) == []


def positions(*items: Item) -> list[Level]:
    correlator = OfficialPositionWithoutDisclaimer(TREASURY_COMPILED)
    observed = [o for o in (correlator.observe(i) for i in items) if o is not None]
    return [f.confidence for f in correlator.correlate(observed)]


def test_official_positions_without_a_disclaimer_under_the_treasury_policy() -> None:
    assert positions(post("Our forecasts have unemployment peaking at 4.5% next year.")) == [Level.MEDIUM]
    assert positions(post("Treasury's view is that the tax cuts remain affordable.")) == [Level.MEDIUM]
    assert positions(post("Our forecasts for the weekend: rain, rain and more rain")) == [Level.LOW]
    assert positions(post("Personal view only: Treasury's view is that inflation falls (views are my own)")) == []
    assert positions(post("Great podcast on fiscal policy this morning")) == []


def test_a_disclaimer_in_the_bio_covers_the_accounts_posts_only() -> None:
    bio = post("Economist. Views my own.", ItemKind.PROFILE, Platform.X, "bio")
    tweet = post("Our forecasts have inflation back in the band by June.", platform=Platform.X)
    facebook = post("Our forecasts have inflation back in the band by June.")
    assert positions(bio, tweet) == []
    assert positions(bio, tweet, facebook) == [Level.MEDIUM]


def test_the_2015_policy_asks_for_no_disclaimer() -> None:
    correlator = OfficialPositionWithoutDisclaimer(COMPILED)
    assert correlator.observe(post("Our forecasts have unemployment at 4.5% next year.")) is None
