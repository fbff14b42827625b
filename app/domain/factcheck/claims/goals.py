"""A goal told as a reading.

"BP is at 90 to 140 mmHg" where the notes say "BP TO BE KEPT 90 TO 140 SYS": the numbers are
the notes', so the number checks pass them, and the per-fact rules read the notes' goal as a
value like any other. What the sentence claims, that the pressure was there, the notes never
say; a handover that turns a goal into a reading hides a pressure nobody wrote down.

A range is the notes' goal where every place the notes write it stands in a goal's
clause ("keep", "goal", "maintain", "titrate to", "parameters", "call if", a comparison sign).
The draft tells it as a reading where its own clause holds none of those words or signs.
"""

import re
from functools import lru_cache

from app.domain.factcheck.claims.notes import SourceNotes, holds_any

_RANGE = re.compile(
    r"(?<![\d./:])(?P<low>\d{2,3})\s*(?:-|to|–)\s*(?P<high>\d{2,3})(?![\d/:]|\.\d|\s*(?:%|am|pm))",
    re.IGNORECASE,
)
"""A range of two whole numbers of two or three digits: "90 to 140", "60-80". A single number
is too often both a goal and a reading ("MAP > 60", "MAP 60s") to be judged."""
_GOAL = re.compile(
    r"\b(?:goals?|targets?|keep|kept|maintain\w*|titrat\w*|parameters?|params|call|notify"
    r"|hold|if|less\s+than|greater\s+than|above|below|under|at\s+least|no\s+more\s+than"
    r"|range)\b|[<>≤≥]",
    re.IGNORECASE,
)
"""Words and signs that make a number a goal, a limit or a threshold."""
_CLAUSE_EDGE = re.compile(r"[.;,:\n]|-\s|\s-|\bbut\b|\band\b", re.IGNORECASE)
"""What parts clauses, a nurse's spaced dash among them ("goal of- 85cc/hr - residuals
15-30cc")."""
_REACH = 40
"""How many characters before a number its clause is read back over."""
_DIGIT = re.compile(r"\d")
_CUES = tuple("0123456789")
"""Characters every range holds: a sentence without a digit is passed over."""


def goal_as_reading(sentence: str, notes: SourceNotes) -> str | None:
    """A range the sentence gives as a reading that the notes give only as a goal."""
    only_goals = _goal_ranges(notes.written)
    if not only_goals or not holds_any(sentence, _CUES):
        return None
    for match in _RANGE.finditer(sentence):
        if _key(match) in only_goals and not _in_goal_clause(sentence, match.start()):
            return (
                f"Not found in the notes: the notes give {match.group().strip()} only as a goal "
                "or limit, not as a reading."
            )
    return None


def _key(match: re.Match[str]) -> tuple[int, int]:
    return int(match["low"]), int(match["high"])


def _in_goal_clause(text: str, start: int) -> bool:
    """Whether a goal's word or sign stands before `start` in its clause, and no number stands
    between them: in "MAP < 90 UNLESS AGITATED HR 90-100" the goal is the 90, and the range is
    the heart rate's reading."""
    before = text[max(0, start - _REACH) : start]
    clause = _CLAUSE_EDGE.split(before)[-1]
    goals = list(_GOAL.finditer(clause))
    return bool(goals) and _DIGIT.search(clause, goals[-1].end()) is None


@lru_cache(maxsize=4)
def _goal_ranges(written: str) -> frozenset[tuple[int, int]]:
    """The ranges the notes write only in a goal's clause, never elsewhere: read once per
    notes (most notes have none, and the rule then reads no sentence)."""
    goals: set[tuple[int, int]] = set()
    readings: set[tuple[int, int]] = set()
    for match in _RANGE.finditer(written):
        (goals if _in_goal_clause(written, match.start()) else readings).add(_key(match))
    return frozenset(goals - readings)
