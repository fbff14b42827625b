"""Comparisons with a target or limit the notes never set.

"A blood pressure of 142/88, higher than the target of 134/82": every reading is the notes'
own, but the target is the model's. A target is the notes' where a clause of theirs writes
its value beside a word that makes it one ("goal SBP < 140", "call if HR > 120").
"""

import re

from app.domain.factcheck.claims.notes import SourceNotes, holds_any

_COMPARISON = re.compile(
    r"\b(?:higher|lower|greater|less|more|above|below|under|over|exceed\w*|beyond)\b"
    r"[^.;\d]{0,20}?\b(?:target|goal|limit|threshold|parameter)s?\b"
    r"(?:\s+(?:of|at|is|was|for\s+\w+))?\s*[:<>≤≥]?\s*"
    r"(?P<value>\d+(?:\.\d+)?(?:\s*/\s*\d+)?)?",
    re.IGNORECASE,
)
_GOAL_WORDS = re.compile(
    r"\b(?:goal|target|parameters?|limit|threshold|keep|maintain|titrat\w*|call|notify|hold"
    r"|if|less\s+than|greater\s+than|above|below)\b|[<>≤≥]",
    re.IGNORECASE,
)
_NOTES_CLAUSE = re.compile(r"[.;\n]")
_CUES = ("target", "goal", "limit", "threshold", "parameter")
"""Letters every comparison this rule weighs holds."""


def invented_target(sentence: str, notes: SourceNotes) -> str | None:
    """A comparison with a target, goal or limit that no passage of the notes sets."""
    if not holds_any(sentence, _CUES):
        return None
    for match in _COMPARISON.finditer(sentence):
        value = match.group("value")
        if value is None:
            if not _GOAL_WORDS.search(notes.written):
                return "Not found in the notes: the source notes set no such target or limit."
            continue
        if not _notes_set_goal(" ".join(value.split()), notes.written):
            return f"Not found in the notes: the source notes set no target or limit of {value}."
    return None


def _notes_set_goal(value: str, written: str) -> bool:
    """Whether a clause of the notes writes this value beside a word that makes it a goal."""
    pattern = re.compile(
        r"(?<![\d.])" + re.escape(value).replace("/", r"\s*/\s*") + r"(?![\d]|\.\d)"
    )
    for match in pattern.finditer(written):
        start = max((m.end() for m in _NOTES_CLAUSE.finditer(written, 0, match.start())), default=0)
        end_match = _NOTES_CLAUSE.search(written, match.end())
        end = len(written) if end_match is None else end_match.start()
        if _GOAL_WORDS.search(written, start, end):
            return True
    return False
