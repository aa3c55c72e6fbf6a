"""Cues in the words around a photo: caption, album, description, file name; employer mentions."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from exposure_audit.media.vision.captions import CaptionCues, _stem
from exposure_audit.model import Item, ItemKind, MediaRef, Platform, SourceRef
from exposure_audit.policy.model import load_policy
from exposure_audit.text.vocabulary import Vocabulary

POLICY = load_policy(None)
CUES = CaptionCues(POLICY, Vocabulary(POLICY))


def photo(context: str = "", *, text: str = "", album: str = "", uri: str = "photos/IMG_2231.jpg") -> Item:
    extra = {k: v for k, v in (("context", context), ("album", album)) if v}
    return Item(
        kind=ItemKind.PHOTO,
        platform=Platform.FACEBOOK,
        source=SourceRef(archive="dl", member=uri),
        identity="p1",
        text=text,
        field="photo",
        media=(MediaRef(uri=uri, member=uri),),
        extra=extra,
    )


def found(item: Item) -> list[tuple[str, str, int, bool]]:
    return [(c.phrase, c.where, c.points, c.employer) for c in CUES.find(item)]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (photo("Me in uniform on day one"), [("in uniform", "text around the photo", 2, False)]),
        (photo("Passing-out parade today!"), [("passing out parade", "text around the photo", 2, False)]),
        (photo("proud #PassingOutParade"), [("passing out parade", "text around the photo", 2, False)]),
        (photo("#onduty again"), [("on duty", "text around the photo", 2, False)]),
        (photo("first shift done"), [("first shift", "text around the photo", 2, False)]),
        (photo(album="Graduation"), [("graduation", "album name", 1, False)]),
        (
            photo(text="Night shift with the crew"),
            [("night shift", "photo description", 2, False), ("the crew", "photo description", 1, False)],
        ),
        (photo(uri="photos/passing_out_parade_2019.jpg"), [("passing out parade", "file name", 2, False)]),
        (
            photo("Graduation day at ABF College"),
            [("graduation", "text around the photo", 1, False), ("ABF College", "text around the photo", 1, True)],
        ),
    ],
)
def test_should_find(item: Item, expected: list[tuple[str, str, int, bool]]) -> None:
    assert found(item) == expected


@pytest.mark.parametrize(
    "item",
    [
        photo("Beach day with the kids"),
        photo("a uniformly grey sky"),  # "uniform" only as part of a word
        photo("my shifty neighbour"),
        photo("ABFAB marathon tonight"),
        photo("went through customs at LAX, so slow"),  # an everyday "customs" is not the employer
        photo("Proud to work for the Australian Public Service"),  # allowed wording
        photo(uri="DCIM/IMG_0001.JPG"),
    ],
)
def test_should_not_find(item: Item) -> None:
    assert found(item) == []


def test_policy_caption_cues_join_the_weak_list() -> None:
    assert found(photo("boarding the cutter at dawn")) == [("cutter", "text around the photo", 1, False)]


def test_any_ignores_employer_mentions() -> None:
    assert not CUES.any(photo("Lunch with my Australian Border Force mates"))
    assert CUES.any(photo("in uniform"))


@pytest.mark.parametrize(
    "text",
    [
        "IMG 2231",
        "DSC 0042",
        "PXL 20240101 081500123",
        "Me IN UNIFORM",
        "my-shift",
        "night_shift 2",
        "#firstshift",
        "proud of the recruits",
        "Stra\u00dfe in uniform",  # not ASCII: the full check runs
        "\u212aitchen academy",  # the Kelvin sign
        "",
    ],
)
def test_first_word_shortcut_agrees_with_the_full_check(text: str) -> None:
    shortcut = CUES._may_match(text)
    full = bool(CUES._matchers.any_cue.search(text))
    assert shortcut or not full  # the shortcut never rejects a text the expression matches


def test_shortcut_rejects_camera_names() -> None:
    assert not CUES._may_match("IMG 2231")
    assert not CUES._may_match("DSC 0042")


@pytest.mark.parametrize(
    "uri",
    [
        "photos/IMG_2231.jpg",
        "IMG_2231.JPG",
        "a/b/.hidden",
        "a/b/name.",
        "a/b/",
        "a/b/.",
        "a/..",
        "a//b.tar.gz",
        "",
        ".",
    ],
)
def test_stem_is_the_path_stem(uri: str) -> None:
    assert _stem(uri) == PurePosixPath(uri).stem


@pytest.mark.parametrize(
    "name",
    [
        "DCIM/IMG_0001.JPG",
        "DSC01234.jpg",
        "PXL_20240101_123456789.jpg",
        "IMG-20240101-WA0001.jpg",
        "P1000123.JPG",
        "20240101_123456.jpg",
        "MVIMG_20240101_123456.jpg",
    ],
)
def test_a_name_the_camera_gave_is_not_read(name: str) -> None:
    assert [where for _, where in CUES._texts(photo(uri=name))] == []


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("ABF_0001.jpg", "ABF 0001"),
        ("IMG_0001_uniform.jpg", "IMG 0001 uniform"),
        ("passing-out.parade.jpg", "passing out parade"),
        ("IMG_E1234.jpg", "IMG E1234"),
    ],
)
def test_a_name_with_any_chosen_word_is_read(name: str, words: str) -> None:
    assert list(CUES._texts(photo(uri=name))) == [(words, "file name")]


def test_the_cues_are_compiled_only_for_a_text_to_read() -> None:
    cues = CaptionCues(POLICY, Vocabulary(POLICY))
    assert cues.find(photo(uri="DCIM/IMG_0001.JPG")) == []
    assert "_matchers" not in vars(cues)
    assert [c.phrase for c in cues.find(photo("in uniform"))] == ["in uniform"]
    assert "_matchers" in vars(cues)
