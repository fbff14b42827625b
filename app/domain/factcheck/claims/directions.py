"""A place the patient came from, written as the place the patient went to, or the reverse.

"Admitted to Union Hospital" where the notes say "ADMITTED FROM UNION HOSP.": every word is the
notes', and the direction is the claim (the patient came from that hospital, and is here). A
draft that moves the patient to a place the notes only say the patient came from, or from a
place the notes only say the patient went to, contradicts them.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from app.domain.factcheck.claims.notes import SaidWays, SourceNotes, holds_any, ways_said
from app.domain.factcheck.phrases import word_set

_MOVE = re.compile(
    r"\b(?:admit(?:ted)?|transfer(?:r?ed)?|transported|sent|brought|came|arrived|discharged"
    r"|moved|taken|med-?flighted|flown)(?:\s+(?:him|her|them|pt|patient))?\s+(?:back\s+)?"
    r"(?P<direction>to|from)\s+(?:the\s+)?"
    r"(?P<place>[a-z][a-z'.-]*(?:\s+[a-z][a-z'.-]*)?)",
    re.IGNORECASE,
)
"""A move of the patient ("brought him to", "transferred from") and the first two words of
where to or from."""
_CUES = (
    "admit",
    "transfer",
    "transported",
    "sent",
    "brought",
    "came",
    "arrived",
    "discharged",
    "moved",
    "taken",
    "flight",
    "flown",
)
"""Letters every move holds: most sentences have none."""
_KEY_LETTERS = 4
"""Places compared on their first word's first letters ("Union Hosp", "UNION HOSPITAL")."""
_NOT_PLACES = word_set(
    "the a an this his her their our floor unit bed room home hospital",
    "er ed icu ccu micu sicu csru or pacu cath",
)
"""Words that name no particular place, or one every note goes to and from: their direction
is no sign of a swap."""


def swapped_direction(sentence: str, notes: SourceNotes) -> str | None:
    """The place this sentence moves the patient to that the notes only say the patient came
    from, or from that the notes only say the patient went to."""
    if not holds_any(sentence, _CUES):
        return None
    said = _directions(notes.written)
    for move in _read(sentence):
        known = said.get(move.place)
        if known is not None and known.only_not(move.direction):
            return f"Contradicts the notes: the notes say “{known.written}”."
    return None


@dataclass(frozen=True, slots=True)
class _Move:
    """A move of the patient to or from a place, as a text writes it."""

    direction: bool
    """True for "to", False for "from"."""
    place: str
    """The place's key: its first word's first `_KEY_LETTERS` letters, lowered."""
    written: str
    """The move as written ("ADMITTED FROM UNION HOSP")."""


@lru_cache(maxsize=4)
def _directions(notes: str) -> dict[str, SaidWays]:
    """Each place the notes move the patient to or from, with the directions they use."""
    return ways_said((move.place, move.direction, move.written) for move in _read(notes))


def _read(text: str) -> list[_Move]:
    """Each move of the text to or from a particular place."""
    moves = []
    for match in _MOVE.finditer(text):
        first = match.group("place").split()[0].lower().strip(".'")
        if first not in _NOT_PLACES and len(first) >= 2:
            written = " ".join(match.group().split())
            moves.append(
                _Move(match.group("direction").lower() == "to", first[:_KEY_LETTERS], written)
            )
    return moves
