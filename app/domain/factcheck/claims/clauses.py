"""Invented clauses in half-true sentences.

A sentence is supported as a whole when most of its words are the notes' own, so a true
clause carries an invented one ("a history of COPD, which has been affecting his daily
life"). Each clause of a sentence that has several is judged on its own, by the measure
sentence evidence applies to whole sentences.
"""

import re
from itertools import pairwise

from app.domain.factcheck.claims.notes import SourceNotes

_CLAUSE_START = re.compile(
    r",\s*(?=(?:which|who|whose|leading|resulting|and|but|although|though)\b)",
    re.IGNORECASE,
)
SUPPORT_THRESHOLD = 0.34
"""As for a whole sentence: unsupported when fewer than this share of its content words are
in the notes and at least MIN_UNSUPPORTED_WORDS are not."""
MIN_UNSUPPORTED_WORDS = 3


def invented_clause(sentence: str, notes: SourceNotes) -> str | None:
    """A clause most of whose content words the notes never use, in a sentence of several."""
    cuts = [0, *(match.start() for match in _CLAUSE_START.finditer(sentence)), len(sentence)]
    if len(cuts) == 2:
        return None
    for start, end in pairwise(cuts):
        clause = sentence[start:end]
        terms = notes.terms(clause)
        missing = notes.missing(terms)
        if missing >= MIN_UNSUPPORTED_WORDS and 1 - missing / len(terms) < SUPPORT_THRESHOLD:
            return (
                "Not found in the notes: most of the words of “"
                f"{clause.strip(' ,(-')}” appear nowhere in the source notes."
            )
    return None
