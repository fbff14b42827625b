"""Causes, purposes and inferences the notes never link.

"The stroke was caused by a sudden drop in blood pressure", "using a cardiac index of 4 to
ensure she is receiving adequate fluid", "full code, indicating that the patient was not in
pain", "remains intubated, which means that the patient has been infected": each half may be
in the notes, and every word, but the link is the claim. It is backed only where the notes say
the two halves together, in one passage.
"""

import re

from app.domain.factcheck.claims.notes import SourceNotes, holds_any

_LINK = re.compile(
    r"\b(?:(?:was|were|is|are|been)\s+)?(?:caused\s+by|due\s+to|because(?:\s+of)?"
    r"|as\s+a\s+result\s+of|secondary\s+to|result(?:ed|ing)?\s+(?:in|from)"
    r"|(?:which\s+(?:has\s+|have\s+|had\s+)?)?(?:led|leading|leads)\s+to|attributed\s+to"
    r"|(?:which\s+(?:(?:was|is|has\s+been|had\s+been)\s+)?)?caus(?:es|ed|ing)(?!\s+by)"
    r"|to\s+ensure(?:\s+that)?|in\s+order\s+to|so\s+that"
    r"|(?:which\s+)?(?:indicat|suggest)(?:es|ed|ing|s)(?:\s+that)?|indicative\s+of"
    r"|suggestive\s+of|(?:which\s+|this\s+|that\s+)?means\s+that|meaning\s+that"
    r"|impl(?:ies|ying)\s+that)\b",
    re.IGNORECASE,
)
_SHARE = 0.5
"""The share of the claim's content words the passage must hold, some from each half: a
passage that shares one word with each half (a name, "pressure") does not state the link."""
_CLAUSE_EDGE = re.compile(r"[;(]|[,:](?!\d)|\b(?:and|but|while|whereas)\b", re.IGNORECASE)


_CUES = (
    "caus",
    "due",
    "because",
    "result",
    "secondary",
    "led",
    "lead",
    "attributed",
    "ensure",
    "order",
    "that",
    "indicat",
    "suggest",
    "mean",
    "impl",
)
"""Letters every link between a cause and its effect holds."""


def invented_link(sentence: str, notes: SourceNotes) -> str | None:
    """A cause, result or purpose whose two halves no passage of the notes states together."""
    if not holds_any(sentence, _CUES):
        return None
    for match in _LINK.finditer(sentence):
        before = _last_clause(sentence[: match.start()])
        after = _first_clause(sentence[match.end() :])
        cause, effect = notes.terms(before), notes.terms(after)
        if cause and effect and not notes.say_together(cause, effect, _SHARE):
            return (
                f"Not found in the notes: the notes do not link “{before.strip()}” with "
                f"“{after.strip()}”."
            )
    return None


def _last_clause(text: str) -> str:
    """The clause the link follows; where the link opens a clause of its own ("sedated with
    ativan, which has led to …"), the clause before it, which the link refers back to."""
    edges = list(_CLAUSE_EDGE.finditer(text))
    starts = [0, *(edge.end() for edge in edges)]
    ends = [*(edge.start() for edge in edges), len(text)]
    clauses = [text[start:end] for start, end in zip(starts, ends, strict=True)]
    return next((clause for clause in reversed(clauses) if clause.strip()), text)


def _first_clause(text: str) -> str:
    edge = _CLAUSE_EDGE.search(text)
    return text[: edge.start()] if edge else text
