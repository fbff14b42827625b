"""How often a finding happens, turned round.

"The patient's symptoms include persistent PVC" where the notes say "OCC PVC"; "frequent
ectopy" for "rare PVCs"; "intermittent nausea" for "constant nausea". The finding is the
notes', so every rule that reads findings passes it; how often it happens is what a nurse acts
on, and the sentence says the opposite. A finding the notes write both rarely and often, or
never with a word of how often, is not judged.
"""

import re
from functools import lru_cache

from app.domain.factcheck.claims.notes import SaidWays, SourceNotes, holds_word, ways_said

_RARE_WORDS = (
    "occ occas occasional occasionally rare rarely infrequent infrequently few intermittent"
    " intermittently sporadic sporadically isolated"
)
_OFTEN_WORDS = (
    "frequent frequently persistent persistently constant constantly continuous continuously"
    " continual multiple numerous recurrent recurring"
)
_WORDS = {
    **dict.fromkeys(_RARE_WORDS.split(), False),
    **dict.fromkeys(_OFTEN_WORDS.split(), True),
}
"""Words of how often a finding happens, by whether they say it happens often."""
_SAYING = re.compile(
    r"(?<![a-z])(?P<how>" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\.?\s+"
    r"(?:(?:episodes?|bouts?|runs?|periods?)\s+of\s+)?(?P<finding>[a-z]{2,})",
    re.IGNORECASE,
)
"""A word of how often and the finding it is said of ("occ PVC", "frequent episodes of
nausea")."""
_WORD_SET = frozenset(_WORDS)
_STEM = 4
"""Letters a finding is compared on: "PVCs" and "PVC", "coughing" and "cough"."""


def flipped_frequency(sentence: str, notes: SourceNotes) -> str | None:
    """A finding the sentence says happens often where the notes only say rarely, or the
    reverse."""
    if not holds_word(sentence, _WORD_SET):
        return None
    for match in _SAYING.finditer(sentence):
        often = _WORDS[match["how"].lower()]
        known = _notes_ways(notes.written_lower).get(match["finding"].lower()[:_STEM])
        if known is None or not known.only_not(often):
            continue
        notes_way = "rarely" if often else "often"
        return (
            f"Contradicts the notes: the notes say {match['finding']} happens {notes_way}, "
            f"not {match['how'].lower()}."
        )
    return None


@lru_cache(maxsize=4)
def _notes_ways(written_lower: str) -> dict[str, SaidWays]:
    """Each finding the notes say how often of, by its first letters, and which ways they say
    it: read once per notes."""
    return ways_said(
        (match["finding"][:_STEM], _WORDS[match["how"]], match[0])
        for match in _SAYING.finditer(written_lower)
    )
