"""A weight the draft gives that the notes never give anything.

"The patient's weight is 85 kg, which is a significant issue for the patient", "a severe
hypertensive condition": the finding is the notes', so the overlap measure and the per-fact
rules pass the sentence, and the weight is the model's. A nurse who reads "significant" or
"severe" reads it as the writer's judgement, and the notes made none. A weight word the notes
use anywhere, in any form ("SEVERE MR", "sig amt") or one letter off ("severly"), is theirs to
give.
"""

import re

from app.domain.factcheck.claims.notes import SourceNotes, holds_any
from app.domain.factcheck.spelling import is_english, one_edit_apart

_WEIGHT = re.compile(
    r"\b(?P<word>significant(?:ly)?|severe(?:ly)?|serious(?:ly)?|critically|alarming(?:ly)?"
    r"|dramatic(?:ally)?|markedly|substantial(?:ly)?)\b",
    re.IGNORECASE,
)
"""Words that weigh a finding. Not "critical" (critical care is a place), "marked" (a site is
marked) or "major" (major surgery), which name more often than they weigh."""
_CUES = ("signif", "sever", "serious", "critically", "alarm", "dramatic", "markedly", "substan")
"""Letters every weight word holds: most sentences have none."""
_STEM = 6
"""Weight words compared on their first letters ("severe", "severity", "severely")."""
_SHORT_FORMS = {"signif": ("sig ", "sig."), "critic": ("crit ", "crit."), "alarmi": ("alarm",)}
"""The notes' short forms of a weight word ("SIG AMT", "CRIT CARE"), and the word it comes
from ("the vent began alarming" restates "ventilator began to frequently alarm")."""


def _misspelt_in(word: str, written: str) -> bool:
    """Whether the notes write the word one letter off ("SEVERLY DYSPNEIC"); a word of its
    own one letter off ("serous" for "serious") is not the word."""
    return any(
        one_edit_apart(word, written_word) and not is_english(written_word)
        for written_word in re.findall(rf"\b{word[:3]}[a-z]*", written)
    )


def invented_weight(sentence: str, notes: SourceNotes) -> str | None:
    """The weight word of this sentence the notes never use, or None."""
    if not holds_any(sentence, _CUES):
        return None
    for match in _WEIGHT.finditer(sentence):
        stem = match.group("word").lower()[:_STEM]
        forms = (*_SHORT_FORMS.get(stem, ()), stem)
        word = match.group("word")
        if not any(form in notes.written_lower or form in notes.text_lower for form in forms):
            if _misspelt_in(word.lower(), notes.written_lower):
                continue
            return f"Not found in the notes: the notes never call anything “{word}”."
    return None
