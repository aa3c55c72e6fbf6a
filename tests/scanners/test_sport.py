"""Sports kit is not a uniform: colour and pattern cues alone do not fire when the context says sport,
while agency words read on a person and phrases that say duty still do."""

from __future__ import annotations

import pytest

from exposure_audit.media.vision.features import ImageDepth, Mark, PersonFeatures, VisionFeatures
from exposure_audit.model import Item, ItemKind, MediaRef, Platform, SourceRef
from exposure_audit.policy.model import load_policy
from exposure_audit.scanners.compiled import compile_policy
from exposure_audit.scanners.sport import sport_context
from exposure_audit.scanners.uniform import UniformInPhoto

POLICY = load_policy(None)
COMPILED = compile_policy(POLICY)


def person(*marks: Mark, words: tuple[str, ...] = ()) -> PersonFeatures:
    return PersonFeatures(
        box=(400, 200, 100, 120), found_by="frontal face", torso_visible=1.0, marks=marks, words=words
    )


def photo(context: str, *people: PersonFeatures) -> Item:
    features = VisionFeatures(width=800, height=600, depth=ImageDepth.FULL, people=people, ocr="people")
    return Item(
        kind=ItemKind.PHOTO,
        platform=Platform.FACEBOOK,
        source=SourceRef(archive="fb.zip", member="p/1.jpg"),
        identity=f"fb:{context}:{len(people)}",
        media=(MediaRef(uri="p/1.jpg", member="p/1.jpg"),),
        extra={"context": context},
        vision=features,
    )


DARK, HI_VIS, BRIGHT = Mark.DARK, Mark.HI_VIS, Mark.FLUORESCENT
CASES = [
    # should not flag: the context says sport and only colours and patterns point at a uniform
    (photo("Grand final day, go the Rovers!", person(DARK), person(DARK)), False),
    (photo("Netball season opener", person(HI_VIS, Mark.PATCH)), False),
    (photo("", person(BRIGHT), person(BRIGHT), person(BRIGHT), person(BRIGHT)), False),
    (photo("Saturday morning", person(DARK, words=("23",)), person(DARK)), False),
    (photo("Team photo, under 14s #gameday", person(HI_VIS), person(HI_VIS), person(HI_VIS)), False),
    (photo("Footy club presentation night", person(DARK, Mark.RIBBONS)), False),
    # should flag: no sport in sight, or the photo says the agency or duty in spite of it
    (photo("First day in uniform", person(DARK, Mark.PATCH)), True),
    (photo("Night shift crew", person(HI_VIS), person(HI_VIS)), True),
    (photo("Grand final day", person(DARK, words=("BORDER FORCE",))), True),
    (photo("Footy before my night shift, in uniform straight after", person(DARK)), True),
    (photo("", person(HI_VIS), person(DARK)), True),
    (photo("Passing out parade", person(DARK), person(DARK), person(DARK)), True),
]


@pytest.mark.parametrize(("item", "flags"), CASES)
def test_sports_kit_alone_gives_no_uniform_hint(item: Item, flags: bool) -> None:
    assert bool(list(UniformInPhoto(COMPILED).scan(item))) is flags


def test_the_sport_context_is_named_in_plain_words() -> None:
    people = (person(BRIGHT), person(BRIGHT), person(BRIGHT))
    features = VisionFeatures(width=800, height=600, depth=ImageDepth.FULL, people=people)
    assert "identical kit" in sport_context(photo(""), features)
    assert sport_context(photo(""), None) == ""
    assert sport_context(photo("netball"), None).startswith("the text around the photo says sport")
    assert sport_context(photo("Sunday roast"), None) == ""
