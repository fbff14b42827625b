"""A quality the notes give something, turned into its opposite.

"The patient has been experiencing symptoms of poor breath" where the notes say "GOOD BREATH
SOUNDS"; "weak cough" for "strong cough"; "inadequate urine output" for "adequate UO". The
thing is the notes', so every rule that reads words passes it; whether it is good or poor is
what a nurse acts on, and the sentence says the opposite. A quality is read of the word right
after it ("good breath", "poor UO") or right before it, across a verb of being ("UO poor",
"appetite was good"); a thing the notes call both good and poor, or call neither, is not
judged, nor a quality a negation turns ("not good").
"""

import re
from functools import lru_cache

from app.domain.factcheck.claims.notes import SaidWays, SourceNotes, holds_word, ways_said
from app.domain.factcheck.phrases import word_set

_GOOD_WORDS = "good adequate strong effective excellent sufficient easy"
_POOR_WORDS = "poor inadequate weak ineffective insufficient difficult marginal"
_WORDS = {
    **dict.fromkeys(_GOOD_WORDS.split(), True),
    **dict.fromkeys(_POOR_WORDS.split(), False),
}
"""Words of a thing's quality, by whether they call it good."""
_QUALITY = re.compile(r"(?<![a-z])(?:" + "|".join(_WORDS) + r")(?![a-z])")
_AFTER = re.compile(r"[ \t]+([a-z]{2,})")
"""The word right after a quality, nothing but a space between ("good breath sounds")."""
_BEFORE = re.compile(
    r"(?<![a-z])([a-z]{2,})[ \t]+"
    r"(?:(?:is|are|was|were|remains?|remained|been|appears?|seems?)[ \t]+)?\Z"
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
_WORD_SET = frozenset(_WORDS)
_STEM = 5
"""Letters a thing is compared on: "breath" and "breathing", "output" and "outputs"."""


def flipped_quality(sentence: str, notes: SourceNotes) -> str | None:
    """A thing the sentence calls poor where the notes only call it good, or the reverse."""
    if not holds_word(sentence, _WORD_SET):
        return None
    said_by_notes = _notes_qualities(notes.written_lower)
    for thing, how in _read(sentence.lower()):
        known = said_by_notes.get(thing[:_STEM])
        if known is None or not known.only_not(_WORDS[how]):
            continue
        notes_way = "poor" if _WORDS[how] else "good"
        return f"Contradicts the notes: the notes call the {thing} {notes_way}, not {how}."
    return None


def _read(text: str) -> list[tuple[str, str]]:
    """Each (thing, quality word) the lower-case text says, negated qualities left out."""
    said = []
    for match in _QUALITY.finditer(text):
        before = text[max(0, match.start() - _REACH) : match.start()]
        if _TURNED.search(before):
            continue
        after = _AFTER.match(text, match.end())
        if after is not None and after[1] not in _NOT_THINGS:
            thing = after[1]
        else:
            found = _BEFORE.search(before)
            if found is None:
                continue
            thing = found[1]
        if thing not in _NOT_THINGS and thing not in _WORDS:
            said.append((thing, match[0]))
    return said


@lru_cache(maxsize=4)
def _notes_qualities(written_lower: str) -> dict[str, SaidWays]:
    """Each thing the notes judge, by its first letters, with the ways they judge it: read
    once per notes."""
    return ways_said(
        (thing[:_STEM], _WORDS[how], f"{how} {thing}") for thing, how in _read(written_lower)
    )
