"""Findings whose negation the draft flips.

Word overlap passes "redness at the site" against notes that say "no redness at the site", and
"no edema" against "+2 edema BLE": the words are the notes', the claim is the opposite. A
draft that affirms a finding the notes only ever negate, or negates one the notes only ever
affirm, contradicts them. Notes often say "no X" of one site and "X" of another, so a finding
the notes both affirm and negate anywhere is never judged, nor one a mention leaves in doubt
("no further emesis", "monitor for bleeding"): see `negation_scope` for how a mention is read.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from app.domain.factcheck.claims.negation_scope import Stance, leads_of, mentions
from app.domain.factcheck.claims.notes import SourceNotes


def flipped_negation(sentence: str, notes: SourceNotes) -> str | None:
    """The finding this sentence affirms that the notes only negate, or negates that the notes
    only affirm."""
    judged = _judged(notes.text)
    if not judged.stances:
        return None
    for mention in mentions(sentence, judged.leads):
        said = judged.stances.get(mention.finding)
        if said is Stance.NEGATED and mention.stance is Stance.AFFIRMED:
            return f"Contradicts the notes: the notes say no {mention.finding}."
        if said is Stance.AFFIRMED and mention.stance is Stance.NEGATED:
            return (
                f"Contradicts the notes: the notes record {mention.finding} and never "
                "say it is absent."
            )
    return None


@dataclass(frozen=True, slots=True)
class _Judged:
    stances: Mapping[str, Stance]
    """Each finding the notes name only negated, or only affirmed, with that stance."""
    leads: frozenset[str]
    """The words those findings start with: a draft sentence without one is passed over."""


@lru_cache(maxsize=4)
def _judged(text: str) -> _Judged:
    """The notes' findings read once for a check rather than for each of the draft's
    sentences."""
    seen: dict[str, set[Stance]] = {}
    for mention in mentions(text):
        seen.setdefault(mention.finding, set()).add(mention.stance)
    stances = {
        finding: next(iter(found))
        for finding, found in seen.items()
        if len(found) == 1 and Stance.OTHER not in found
    }
    return _Judged(stances, leads_of(stances.keys()))
