"""Reassurances and prognoses nobody wrote.

"The patient should also be able to take medication without issues": the notes say the
patient takes medication without issues; the expectation is the model's own. A prognosis is
backed where a passage of the notes that shares the sentence's words also looks ahead.
"""

import re

from app.domain.factcheck.claims.notes import SourceNotes, holds_any

_PROGNOSIS = re.compile(
    r"\b(?:should|will|would)\s+(?:\w+\s+)?be\s+able\s+to\b"
    r"|\b(?:is|are)\s+(?:\w+\s+)?(?:expected|likely)\s+to\b"
    r"|\b(?:should|will)\s+(?:\w+\s+)?(?:recover|do\s+well|improve)\b"
    r"|\bprognosis\s+is\b",
    re.IGNORECASE,
)
_LOOKS_AHEAD = re.compile(
    r"\b(?:expect\w*|anticipat\w*|likely|prognosis|should|will|plan\w*|hope\w*|goal\w*"
    r"|able\s+to|may|possibl\w*)\b",
    re.IGNORECASE,
)


_CUES = ("able", "expected", "likely", "should", "will", "prognosis")
"""Letters every prediction or reassurance holds."""


def invented_assurance(sentence: str, notes: SourceNotes) -> str | None:
    """An expectation about the patient that no forward-looking passage of the notes gives."""
    if not holds_any(sentence, _CUES) or not _PROGNOSIS.search(sentence):
        return None
    terms = notes.terms(_PROGNOSIS.sub(" ", sentence))
    for text, sentence_terms in zip(notes.sentences, notes.sentence_terms, strict=True):
        if terms & sentence_terms and _LOOKS_AHEAD.search(text):
            return None
    return "Not found in the notes: the source notes make no such prediction or reassurance."
