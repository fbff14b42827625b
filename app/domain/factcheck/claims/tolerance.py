"""Whether the patient tolerated something, turned round.

"The patient is intolerating pressure support mode" against notes that say "TOLERATING
PRESSURE SUPPORT MODE OF VENTILATION": every word is the notes', and the claim is the opposite.
A nursing note records what the patient tolerates (feeds, a ventilator mode, a drug, turning),
and a small model drops or invents the negation. A draft that says the patient did not
tolerate what the notes only say was tolerated, or the reverse, contradicts them. What the
notes say both ways ("tolerating TF … not tolerating TF at goal rate") is left to the nurse, as
is a thing the notes never say was tolerated or not.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from app.domain.factcheck.claims.notes import SourceNotes, holds_any
from app.domain.factcheck.phrases import word_set

_TOLERANCE = re.compile(
    r"\b(?P<negation>in)?tol(?:erat[a-z]*|eran(?:t|ce))?\b(?P<object>[^.,;:!?\n]{0,40})",
    re.IGNORECASE,
)
"""A word of tolerance and what follows it in its clause: "tolerating PS well", "intolerant of
BiPAP", "TOL TF", and "intolerating", which small models write for "not tolerating"."""
_NEGATED_BEFORE = re.compile(
    r"(?:\bnot|\b[a-z]*n[’']t|\bnever|\bno\s+longer|\bunable\s+to|\bfail(?:s|ed)?\s+to|\bpoorly)"
    r"\s+(?:been\s+|be\s+)?(?:able\s+to\s+)?\Z",
    re.IGNORECASE,
)
"""A negation just before the word ("not tolerating", "didn't tolerate", "poorly tolerated",
"has not been able to tolerate")."""
_NEGATION_REACH = 24
_OBJECT_WORDS = 3
"""How many words after the tolerance word name what was tolerated ("pressure support mode")."""
_OBJECT_WORD = re.compile(r"[A-Za-z]+")
_NOT_OBJECT = word_set(
    "well it of to the a an his her their this that at so far ok fairly very with and",
    "currently now slowly",
)
"""Words after "tolerating" that say nothing of what was tolerated."""


def flipped_tolerance(sentence: str, notes: SourceNotes) -> str | None:
    """The tolerance this sentence turns round from what the notes only say of it."""
    if not holds_any(sentence, ("tol",)):
        return None
    said = _notes_read(notes.written, notes.terms)
    if not said:
        return None
    for mention in _read(sentence, notes.terms):
        ways = [known for known in said if _same_thing(mention, known)]
        if ways and all(known.tolerated != mention.tolerated for known in ways):
            return f"Contradicts the notes: the notes say “{ways[0].written}”."
    return None


@dataclass(frozen=True, slots=True)
class _Mention:
    """One word of tolerance in a text, with the negation and what was tolerated."""

    tolerated: bool
    thing: frozenset[str]
    """The content terms of what was tolerated (empty where the text names nothing)."""
    written: str


def _same_thing(draft: _Mention, notes: _Mention) -> bool:
    """Whether the notes' mention is of what the draft's is: the draft names nothing, or the
    two share a term. A notes' "tolerating well" of nothing named judges no draft that names
    what was tolerated: it may be of something else."""
    if not draft.thing:
        return True
    return not draft.thing.isdisjoint(notes.thing)


@lru_cache(maxsize=4)
def _notes_read(notes: str, terms: Callable[[str], set[str]]) -> tuple[_Mention, ...]:
    """The notes' mentions, read once per notes rather than for each sentence."""
    return tuple(_read(notes, terms))


def _read(text: str, terms: Callable[[str], set[str]]) -> list[_Mention]:
    """Each word of tolerance of the text, read with its negation and what was tolerated."""
    found = []
    for match in _TOLERANCE.finditer(text):
        words = [
            word
            for word in _OBJECT_WORD.findall(match.group("object"))
            if word.lower() not in _NOT_OBJECT
        ][:_OBJECT_WORDS]
        before = _NEGATED_BEFORE.search(
            text, max(match.start() - _NEGATION_REACH, 0), match.start()
        )
        start = before.start() if before else match.start()
        tolerated = match.group("negation") is None and before is None
        thing = frozenset(terms(" ".join(words)))
        written = " ".join(text[start : match.end("object")].split()).rstrip(",")
        found.append(_Mention(tolerated, thing, written))
    return found
