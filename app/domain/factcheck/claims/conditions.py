"""Conditions the notes never raise.

A plan's condition ("if saturations drop below ninety, call the team") is not a claim about
the notes, so sentence evidence does not judge it. But a condition about something the notes
never mention ("if the patient is not given a blood test, …") is the model's invention, and
exempting it hides it.
"""

import re

from app.domain.factcheck.claims.notes import SourceNotes, holds_any

_CONDITION = re.compile(
    r"\b(?:if|unless)\b(?P<condition>[^,;:]*?)(?=,|\bthen\b|$|\b(?:call|notify|page)\b)",
    re.IGNORECASE,
)
_CUES = ("if", "unless")
"""Letters every condition holds: most sentences have neither, and the pattern, which has no
fixed first letter, would otherwise be tried at every character of every sentence. The test is
trusted only on plain ASCII: the pattern ignores case as Unicode does ("ſ" is an "s")."""
_TREATMENT = re.compile(
    r"^\s*(?:the\s+patient|pt|he|she|they)\s+(?:is|was|are|were|does|did)?\s*(?:not\s+)?"
    r"(?:given|gets?|got|receives?|received|undergoes?|underwent|has|had)\s+(?P<treatment>.+)",
    re.IGNORECASE,
)
"""A condition on what the patient is given ("if the patient is not given a blood test")."""
_MIN_TERMS = 3
"""A condition of one or two content words ("if tolerated", "if hemodynamics stay stable",
where the notes wrote "if hd remain stable") is too short to tell new words from shorthand."""


def invented_condition(sentence: str, notes: SourceNotes) -> str | None:
    """A condition none of whose content words the notes use, or one on a treatment no
    sentence of the notes names."""
    if sentence.isascii() and not holds_any(sentence, _CUES):
        return None
    for match in _CONDITION.finditer(sentence):
        condition = match.group("condition")
        terms = notes.terms(condition)
        treatment = _TREATMENT.match(condition)
        named = treatment is not None and _named_in_one_sentence(
            notes.terms(treatment.group("treatment")), notes
        )
        if (len(terms) >= _MIN_TERMS and not any(map(notes.knows, terms))) or (
            treatment is not None and not named
        ):
            return (
                "Not found in the notes: the source notes never mention what this condition "
                f"turns on (“{condition.strip()}”)."
            )
    return None


def _named_in_one_sentence(terms: set[str], notes: SourceNotes) -> bool:
    return not terms or any(terms <= sentence for sentence in notes.sentence_terms)
