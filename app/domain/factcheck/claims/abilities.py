"""What the patient could or could not do, turned round.

"Able to answer simple questions" against notes that say "UNABLE TO ANSWER SIMPLE QUESTIONS":
every word is the notes', even the whole phrase stands inside theirs, and the claim is the
opposite. A nursing note records a patient's abilities this way (able to follow commands,
unable to lift the legs, not able to swallow), and a small model drops the negation. A draft
that says the patient was able to do what the notes only say the patient was unable to do, or
the reverse, contradicts them. What the notes say both ways ("able to follow simple commands
… unable to follow commands this pm") is left to the nurse.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from app.domain.factcheck.claims.notes import SaidWays, SourceNotes, holds_any, ways_said
from app.domain.factcheck.spelling import one_edit_apart

_ABILITY = re.compile(
    r"\b(?:(?:(?P<negation>un|in)?able|(?P<lack>in-?ability))\s+to\s+"
    r"|(?P<difficulty>difficult(?:y|ies))\s+(?:with\s+|in\s+)?(?=[a-z]+ing\b))"
    r"(?P<verb>[a-z]+)(?:\s+(?P<object>[a-z]+))?",
    re.IGNORECASE,
)
"""An ability and the first two words of what it is: "unable to answer simple", "able to lift
legs", "able to swallow", "the inability to deep breathe", "difficulty following commands"
(read as unable: the verb's first letters are the same). "Inable" is a common misspelling of
"unable"."""
_NEGATED_BEFORE = re.compile(
    r"(?:\bnot|\b[a-z]*n[’']t|\bnever|\bno\s+longer|\bnor)\s+(?:been\s+|be\s+)?\Z", re.IGNORECASE
)
"""A negation just before "able" ("not able", "wasn't able", "has never been able")."""
_NEGATION_REACH = 20
"""How many characters before "able" a negation is looked for: "has never been able" fits."""
_OBJECT_FILLERS = frozenset({"the", "a", "an", "his", "her", "their", "any", "all", "both", "to"})
"""Words between the verb and its object that say nothing of which ability it is."""
_STEM = 5
"""Verbs and objects compared on their first letters ("answer", "answers", "answered")."""


def flipped_ability(sentence: str, notes: SourceNotes) -> str | None:
    """The ability this sentence gives the patient that the notes only deny, or denies that
    the notes only give, or that copies the notes' with its verb swapped for one they never
    use."""
    if not holds_any(sentence, ("able", "abilit", "difficult")):
        return None
    said = _abilities(notes.written)
    for mention in _read(sentence):
        known = _said_of(said, mention.ability)
        if known is not None and known.only_not(mention.able):
            return f"Contradicts the notes: the notes say “{known.written}”."
        if known is None and (swapped := _swapped_verb(mention, notes)) is not None:
            return f"Not found in the notes: the notes say “{swapped}”."
    return None


def _swapped_verb(mention: "_Mention", notes: SourceNotes) -> str | None:
    """The notes' ability this one copies with its verb swapped for one the notes never use
    ("unable to sustain anything via ETT" for "UNABLE TO SUCTION ANYTHING VIA ETT"): the same
    way round, the same object, another verb, not the notes' own misspelt ("unable to swollow
    pills", "able to clam down")."""
    verb, thing = mention.ability
    if not thing or thing == _ANY_OBJECT or any(word.startswith(verb) for word in notes.words):
        return None
    for other in _notes_mentions(notes.written):
        if (
            other.able == mention.able
            and other.ability[1] == thing
            and other.ability[0] != verb
            and not one_edit_apart(other.ability[0], verb)
        ):
            return other.written
    return None


@lru_cache(maxsize=4)
def _notes_mentions(notes: str) -> tuple["_Mention", ...]:
    """Each "able to …" of the notes, read once per notes."""
    return tuple(_read(notes))


@dataclass(frozen=True, slots=True)
class _Mention:
    """One "able to …" of a text, read so a draft's and the notes' can be compared."""

    able: bool
    """Whether the text says the patient could."""
    ability: tuple[str, str]
    """The verb and its object ("" where none), each cut to `_STEM` letters."""
    written: str
    """The words as written, the negation with them ("not able to swallow pills")."""


_ANY_OBJECT = "*"
"""The object an ability is also filed under, for a draft that names no object."""


@lru_cache(maxsize=4)
def _abilities(notes: str) -> dict[tuple[str, str], SaidWays]:
    """Each ability the notes mention and how they say it, under its verb and object, and
    under its verb and `_ANY_OBJECT` for a draft that names no object."""
    return ways_said(
        (ability, mention.able, mention.written)
        for mention in _notes_mentions(notes)
        for ability in (mention.ability, (mention.ability[0], _ANY_OBJECT))
    )


def _said_of(said: dict[tuple[str, str], SaidWays], ability: tuple[str, str]) -> SaidWays | None:
    """What the notes say of a draft's ability: of the same verb and object; of the verb where
    the notes name no object for it ("able to lift & hold" for "able to lift his arms"); of
    the verb with any object where the draft names none. A draft's object the notes never
    give that verb is not judged: "able to get up" is not "unable to get out of bed"."""
    verb, thing = ability
    if not thing:
        return said.get((verb, _ANY_OBJECT))
    return said.get(ability) or said.get((verb, ""))


def _read(text: str) -> list[_Mention]:
    """Each "able to …" of the text."""
    found = []
    for match in _ABILITY.finditer(text):
        verb = match.group("verb").lower()
        if match.group("difficulty"):
            verb = _verb_of(verb)
        thing = (match.group("object") or "").lower()
        end = match.end()
        if thing in _OBJECT_FILLERS:
            following = _NEXT_WORD.match(text, end)
            thing = following.group(1).lower() if following else ""
            end = following.end() if following else end
        before = _NEGATED_BEFORE.search(
            text, max(match.start() - _NEGATION_REACH, 0), match.start()
        )
        start = before.start() if before else match.start()
        able = before is None and not any(
            match.group(way) for way in ("negation", "lack", "difficulty")
        )
        written = " ".join(text[start:end].split())
        found.append(_Mention(able, (verb[:_STEM], thing[:_STEM]), written))
    return found


_NEXT_WORD = re.compile(r"\s+([a-z]+)", re.IGNORECASE)


def _verb_of(gerund: str) -> str:
    """The verb a gerund is of, as far as its first letters tell: "lifting" is "lift",
    "getting" is "get"."""
    verb = gerund.removesuffix("ing")
    if len(verb) > 2 and verb[-1] == verb[-2] and verb[-1] not in "ls":
        verb = verb[:-1]
    return verb
