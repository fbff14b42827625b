"""A quality the notes give something, turned into its opposite.

"The patient has been experiencing symptoms of poor breath" where the notes say "GOOD BREATH
SOUNDS"; "weak cough" for "strong cough"; "a high dose of captopril" for "very low dose
captopril"; "cool extremities" for "extremities warm"; "thin secretions" for "thick yellow
secretions". The thing is the notes', so every rule that reads words passes it; which end of
the scale it sits at is what a nurse acts on, and the sentence says the other.

A quality is read of the word right after it ("good breath", "low SVR"), passing colours and
other qualities ("thick yellow sputum" judges the sputum), or right before it, across a verb
of being ("UO poor", "skin was warm"). After a word that only measures ("dose", "amount") the
thing is the word that follows ("low dose captopril" judges the captopril's dose). A thing
the notes put at both ends of a scale, or at neither, is not judged, nor a quality a negation
turns ("not good").
"""

import re
from functools import lru_cache
from typing import NamedTuple

from app.domain.factcheck.claims.notes import SaidWays, SourceNotes, holds_word, ways_said
from app.domain.factcheck.phrases import word_set


class _Scale(NamedTuple):
    """Two ends of one scale, each end its words."""

    name: str
    high: str
    low: str


_SCALES = (
    _Scale(
        "quality",
        "good adequate strong effective excellent sufficient easy",
        "poor inadequate weak ineffective insufficient difficult marginal",
    ),
    _Scale("level", "high", "low"),
    _Scale("size", "large lg copious", "small sm scant minimal"),
    _Scale("warmth", "warm hot", "cool cold"),
    _Scale("consistency", "thick", "thin"),
    _Scale("clarity", "clear", "cloudy"),
    _Scale("stability", "stable controlled", "unstable uncontrolled labile"),
)
"""The scales a note puts things on, each with the words of its two ends. "Moderate", "mild"
and "fair" stand between the ends, and are not read."""
_WORDS = {
    word: (scale.name, end_is_high)
    for scale in _SCALES
    for end_is_high, words in ((True, scale.high), (False, scale.low))
    for word in words.split()
}
"""Each quality word, with its scale and whether it names the scale's high end."""
_QUALITY = re.compile(r"(?<![a-z])(?:" + "|".join(_WORDS) + r")(?![a-z])")
_NEXT_WORD = re.compile(r"[ \t]+(?:of[ \t]+)?([a-z]{2,})")
"""The word right after a quality or a measuring word, nothing but a space (or "of") between."""
_NEXT_AFTER_COMMA = re.compile(r",[ \t]*([a-z]{2,})")
"""The word after a quality and a comma: read past only where it is another quality or a look
("weak, productive cough", "thick, yellow sputum"), as a list of adjectives is written."""
_BEFORE = re.compile(
    r"(?<![a-z])([a-z]{2,})[ \t]+"
    r"(?:(?:is|are|was|were|remains?|remained|been|appears?|seems?|feels?|felt)[ \t]+)?\Z"
)
"""The word right before a quality, a verb of being between or none ("UO poor", "output was
adequate"): read only where no word follows the quality."""
_TURNED = re.compile(r"(?<![a-z])(?:not|no|without|never)[ \t]+(?:very[ \t]+)?\Z")
"""A negation right before a quality, which turns it ("not good")."""
_REACH = 40
"""How many characters before a quality its negation or its thing is read back over."""
_NOT_THINGS = word_set(
    "the a an and or of to for with in on at as by his her their its this that these those",
    "very is are was were be been remains remained appears seems has have had it he she pt",
    "patient overall",
)
"""Words a quality sits beside that name nothing it could judge."""
_PASSED = word_set(
    "yellow amber straw tan brown green white pink red dark bloody serous sanguinous",
    "serosanguinous blood tinged frothy soft formed loose watery productive",
)
"""Colours, looks and consistencies read past to the thing they describe, as another quality
is ("large soft brown stool" judges the stool)."""
_MEASURING = word_set("dose doses dosing amount amounts amt amts volume volumes grade")
"""Words that only measure: the thing they measure is the word after them."""
_WORD_SET = frozenset(_WORDS)
_STEM = 5
"""Letters a thing is compared on: "breath" and "breathing", "output" and "outputs"."""


def flipped_quality(sentence: str, notes: SourceNotes) -> str | None:
    """A thing the sentence puts at one end of a scale where the notes only put it at the
    other."""
    if not holds_word(sentence, _WORD_SET):
        return None
    said_by_notes = _notes_qualities(notes.written_lower)
    for thing, judged, how in _read(sentence.lower()):
        scale, high = _WORDS[how]
        known = said_by_notes.get((scale, thing[:_STEM]))
        if known is None or not known.only_not(high):
            continue
        return f"Contradicts the notes: the notes call the {judged} {known.written}, not {how}."
    return None


def _read(text: str) -> list[tuple[str, str, str]]:
    """Each (thing, what is judged of it, quality word) the lower-case text says, negated
    qualities left out: what is judged is the thing, or its measure ("dose of captopril")."""
    said = []
    for match in _QUALITY.finditer(text):
        before = text[max(0, match.start() - _REACH) : match.start()]
        if _TURNED.search(before):
            continue
        thing, judged = _thing_after(text, match.end())
        if thing is None:
            found = _BEFORE.search(before)
            if found is None:
                continue
            thing = judged = found[1]
        if thing not in _NOT_THINGS and thing not in _WORDS and thing not in _MEASURING:
            said.append((thing, judged, match[0]))
    return said


def _thing_after(text: str, position: int) -> tuple[str | None, str]:
    """The thing a quality ending at `position` judges, read after it, and what of it is
    judged; the thing is None where no word follows that could be one."""
    measure = ""
    after = _NEXT_WORD.match(text, position) or _passed_after_comma(text, position)
    while after is not None and (
        after[1] in _PASSED or after[1] in _WORDS or (not measure and after[1] in _MEASURING)
    ):
        if after[1] in _MEASURING:
            measure = after[1]
        after = _NEXT_WORD.match(text, after.end()) or _passed_after_comma(text, after.end())
    if after is None or after[1] in _NOT_THINGS:
        return None, ""
    return after[1], f"{measure} of {after[1]}" if measure else after[1]


def _passed_after_comma(text: str, position: int) -> re.Match[str] | None:
    after = _NEXT_AFTER_COMMA.match(text, position)
    return after if after is not None and (after[1] in _PASSED or after[1] in _WORDS) else None


@lru_cache(maxsize=4)
def _notes_qualities(written_lower: str) -> dict[tuple[str, str], SaidWays]:
    """Each thing the notes put on a scale, by the scale and the thing's first letters, with
    the ends they put it at and the first quality word they use: read once per notes."""
    return ways_said(
        ((_WORDS[how][0], thing[:_STEM]), _WORDS[how][1], how)
        for thing, _, how in _read(written_lower)
    )
