"""EXP601: a photo that may show a uniform, insignia or departmental activity: a hint with its cues.

Cues come in four families, and a family counts once however many of its cues fire, because cues of
one family are not independent evidence (a dark top and a badge are one look at one person):

| family | cue | points |
|---|---|---|
| text in the photo | a word of the pack (BORDER FORCE, ABF, CUSTOMS) read on a person | 4 |
| | another agency word (POLICE, SECURITY, OFFICER, a rank) on a person; a pack word elsewhere | 2 |
| | another agency word elsewhere in the photo | 1 |
| appearance | hi-vis vest with reflective bands, camouflage, medal ribbons | 2 |
| | dark navy/black or khaki/olive top (if the pack lists the colour), a badge-like patch, an ID card | 1 |
| text around | a phrase that says uniform or duty ("in uniform", "passing out parade", "#onduty") | 2 |
| | a word that leans that way ("graduation", "parade", a pack caption cue); two such words make 2 | 1 |
| context | the photo's geotag inside a workplace site; the text mentions the employer (1 each, at most 2) | 1 |

The points of the families add up: 4 or more is high, 2-3 medium, 1 low. One weak cue alone is
therefore low. Context alone never makes a finding. When the image was examined and shows no person
and no agency word, the level drops one step (high to medium, medium to low): the words around the
photo still count, because a parade of small or turned faces is exactly what face detection misses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from exposure_audit.geo.distance import haversine_m, valid_coordinate
from exposure_audit.media.vision.features import Mark, VisionFeatures
from exposure_audit.media.vision.words import RANK_ABBREVIATIONS
from exposure_audit.model import Category, Finding, Item, ItemKind, Level, Precision
from exposure_audit.scanners.base import Scanner
from exposure_audit.scanners.catalogue import RuleSpec
from exposure_audit.scanners.compiled import CompiledPolicy
from exposure_audit.scanners.sport import sport_context

TEXT, APPEARANCE, AROUND, CONTEXT = "text in the photo", "appearance", "text around the photo", "context"

_COLOUR_NAMES = {
    Mark.DARK: {"navy", "dark blue", "black", "dark"},
    Mark.KHAKI: {"khaki", "olive", "tan", "beige", "olive drab"},
}
_MARK_POINTS = {
    Mark.HI_VIS: 2,
    Mark.CAMOUFLAGE: 2,
    Mark.RIBBONS: 2,
    Mark.DARK: 1,
    Mark.KHAKI: 1,
    Mark.PATCH: 1,
    Mark.ID_CARD: 1,
    Mark.LANYARD: 1,
    Mark.FLUORESCENT: 0,
}
LIMITS = (
    "it cannot recognise insignia or logos without words, cannot tell dark navy from black, "
    "and misses small, angled or stylised text and people whose face it cannot see"
)


@dataclass(frozen=True, slots=True)
class Cue:
    """One sign of a uniform in a photo, with its weight and how the report words it."""

    family: str
    points: int
    reason: str
    label: str  # short, for the excerpt


def level_of(cues: Iterable[Cue], nobody_seen: bool = False) -> Level | None:
    """The level the cues reach together (None: no finding)."""
    cues = list(cues)
    if not any(c.family != CONTEXT and c.points > 0 for c in cues):
        return None
    total = 0
    for family in (TEXT, APPEARANCE, AROUND, CONTEXT):
        points = [c.points for c in cues if c.family == family and c.points > 0]
        if not points:
            continue
        if family == CONTEXT:
            total += min(2, len(points))
        elif family == AROUND:
            total += max(max(points), 2 if len(points) >= 2 else 0)
        else:
            total += max(points)
    level = Level.HIGH if total >= 4 else Level.MEDIUM if total >= 2 else Level.LOW
    return level.raised(-1) if nobody_seen else level


class UniformInPhoto(Scanner):
    """A photo may show you or a colleague in uniform, insignia, or departmental activity.

    Every photo in the download (and every video's thumbnail) is looked at, offline: the words around
    it (caption, post, album name, description, file name), the people in it (faces found by OpenCV's
    bundled detector), the colours and patterns of their clothes (dark navy or black, khaki, hi-vis
    vests, camouflage), things on their chest (medal ribbons, badge-like patches, ID cards on
    lanyards) and, with `--images full`, words printed on them (OCR), matched against the pack's
    uniform words and a general list (POLICE, BORDER FORCE, CUSTOMS, IMMIGRATION, SECURITY, OFFICER,
    ranks). The photo's geotag at a workplace site and a mention of the employer add context.

    Each finding lists its cues and a level (high, medium, low). It is a hint for you to confirm by
    looking at the photo, never a verdict: the analysis cannot recognise insignia or logos without
    words, cannot tell dark navy from black, and misses small, angled or stylised text. Confirm or
    dismiss each hint; a dismissed photo stays quiet on later runs.
    """

    spec = RuleSpec(
        id="EXP601", category=Category.UNIFORM, title="Photo may show a uniform, insignia or departmental activity"
    )

    def __init__(self, compiled: CompiledPolicy) -> None:
        super().__init__(compiled)
        uniform = self.policy.uniform
        self.active = bool(uniform.words or uniform.caption_cues or uniform.colours)
        self.captions = compiled.captions if self.active else None
        self.policy_words = {w.casefold() for w in uniform.words}
        colours = {c.casefold() for c in uniform.colours}
        self.colour_marks = {mark for mark, names in _COLOUR_NAMES.items() if colours & names}

    kinds = frozenset({ItemKind.PHOTO})

    def scan(self, item: Item) -> Iterable[Finding]:
        if item.kind is not ItemKind.PHOTO or not self.active or self.captions is None:
            return
        features = item.vision
        cues = self._around(item) + self._context(item)
        if features is None and level_of(cues) is None:
            return  # no image cue can be added, and the sports check below only ever lowers cues
        notes: list[str] = []
        nobody_seen = False
        if features is None:
            notes.append("the image itself was not examined (not in the download, or --images off)")
        elif not features.examined:
            notes.append(f"the image could not be examined: {features.error}")
        else:
            cues += self._in_image(features)
            notes += self._image_notes(features)
            nobody_seen = not features.people and not any(c.family == TEXT for c in cues)
        sport = sport_context(item, features)
        if sport:
            # Team kit looks like a uniform to colour and pattern cues, and club words lean the same way:
            # only agency words read in the photo and phrases that say duty still count.
            cues = [
                c
                if c.family == TEXT or (c.family == AROUND and c.points >= 2) or c.family == CONTEXT
                else Cue(c.family, 0, c.reason, c.label)
                for c in cues
            ]
            notes.append(f"sports kit rather than a uniform: {sport}; colour and pattern cues do not count")
        level = level_of(cues, nobody_seen)
        if level is None:
            return
        if nobody_seen:
            notes.append(
                "no person and no agency word were found in the photo (small, turned or covered "
                "faces are missed), so the level is one step lower than the words around it say"
            )
        reasons = (
            [c.reason for c in cues if c.points > 0]
            + notes
            + [f"this is a hint for you to confirm by looking at the photo, not a verdict: {LIMITS}"]
        )
        action = (
            f"{self.policy.action_for(self.category)} Look at the photo first: this is a hint, not a verdict. "
            "If it shows no uniform, insignia or work activity, dismiss it and it stays quiet on later runs."
        )
        yield self.finding(
            item,
            match=self._photo_name(item),
            excerpt="; ".join(c.label for c in cues if c.points),
            severity=level,
            confidence=level,
            reasons=reasons,
            action=action,
        )

    @staticmethod
    def _photo_name(item: Item) -> str:
        for media in item.media:
            name = PurePosixPath((media.member or media.uri).split("?", 1)[0]).name
            if name:
                return name
        return item.identity

    def _around(self, item: Item) -> list[Cue]:
        assert self.captions is not None
        cues = []
        for cue in self.captions.find(item):
            if cue.employer:
                cues.append(
                    Cue(
                        CONTEXT,
                        1,
                        f'the {cue.where} names the employer ("{cue.phrase}")',
                        f'employer named: "{cue.phrase}"',
                    )
                )
            else:
                kind = "says uniform or duty" if cue.points >= 2 else "leans towards uniform or duty"
                cues.append(
                    Cue(AROUND, cue.points, f'the {cue.where} {kind}: "{cue.phrase}"', f'{cue.where}: "{cue.phrase}"')
                )
        return cues

    def _context(self, item: Item) -> list[Cue]:
        for point in item.geo:
            if point.precision not in (Precision.GPS, Precision.PLACE) or not valid_coordinate(point.lat, point.lon):
                continue
            for site in self.policy.sites:
                distance = haversine_m(point.lat, point.lon, site.lat, site.lon)
                if distance <= site.radius_m:
                    return [
                        Cue(
                            CONTEXT,
                            1,
                            f"the photo's location ({point.origin}) is {distance:.0f} m from the "
                            f'workplace "{site.name}"',
                            f'taken at workplace "{site.name}"',
                        )
                    ]
        return []

    def _word_cue(self, word: str, on_person: bool) -> Cue:
        ours = word.casefold() in self.policy_words
        where = "on a person" if on_person else "elsewhere in the photo"
        points = (4 if ours else 2) if on_person else (2 if ours else 1)
        if ours:
            reason = f'the agency word "{word}" was read {where} (OCR)'
        elif word in RANK_ABBREVIATIONS:
            reason = f'the rank abbreviation "{word}" was read {where} (OCR)'
        else:
            reason = f'the word "{word}", as printed on uniforms, was read {where} (OCR)'
        return Cue(TEXT, points, reason, f'"{word}" {where}')

    def _in_image(self, features: VisionFeatures) -> list[Cue]:
        cues = []
        # A number on a person is a jersey's, never a uniform word (sport.py reads it as sport).
        for word in dict.fromkeys(w for p in features.people for w in p.words if not w.isdigit()):
            cues.append(self._word_cue(word, on_person=True))
        for word in features.words:
            cues.append(self._word_cue(word, on_person=False))
        for mark in dict.fromkeys(m for p in features.people for m in p.marks):
            points = _MARK_POINTS[mark]
            if mark in _COLOUR_NAMES and mark not in self.colour_marks:
                points = 0  # a colour this organisation's uniforms do not have
            cues.append(Cue(APPEARANCE, points, f"a person in the photo wears a {mark.value}", mark.value))
        return cues

    @staticmethod
    def _image_notes(features: VisionFeatures) -> list[str]:
        notes = []
        if features.people:
            count = len(features.people)
            found = "person was" if count == 1 else "people were"
            notes.append(f"{count} {found} found in the photo by face detection")
        if features.ocr.startswith("unavailable"):
            notes.append(f"text in the photo was not read: OCR {features.ocr}")
        elif not features.ocr and features.people:
            notes.append("text in the photo was not read (--images fast)")
        return notes
