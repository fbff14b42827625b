"""A change by an amount the notes never give as a change.

"The patient's am HCT was increasing by 1.12% over the previous shift" where 1.12 is the
notes' ionized calcium and they say "no change in am HCT": the number is the notes', so the
number checks pass it, and the trend rules read a change *to* a value, not *by* one. A change
by an amount is backed only where the notes write that amount as a change: after a change
word, "by", "up", "down" or a sign ("increased by 2", "up 0.5", "+3"). A difference a draft
works out from two readings is not written in the notes either, and is flagged for the nurse
to confirm.
"""

import re
from functools import lru_cache

from app.domain.factcheck.claims.notes import SourceNotes, holds_any

_NUMBER = r"\d+(?:\.\d+)?|\.\d+"
_DRAFT_CHANGE = re.compile(
    r"\b(?:increas\w*|decreas\w*|ris(?:e|es|en|ing)|rose|fell|fall\w*|drop\w*|went\s+(?:up|down)"
    r"|improv\w*|worsen\w*|reduc\w*|elevat\w*|lower\w*|rais\w*|chang\w*)\s+by\s+"
    rf"(?:about\s+|approximately\s+|around\s+|~\s*)?(?P<amount>{_NUMBER})"
    r"(?!\s*(?:[ap]\.?m\b|:\d|o'?clock|noon|midnight))",
    re.IGNORECASE,
)
"""A change by an amount as a draft writes it: "increasing by 1.12%", "dropped by about 20";
not a time of day it had changed by ("improved by 6 PM")."""
_NOTES_CHANGE = re.compile(
    r"(?:\b(?:increas\w*|decreas\w*|ris\w*|rose|fell|fall\w*|drop\w*|up|down|improv\w*"
    r"|worsen\w*|reduc\w*|elevat\w*|lower\w*|rais\w*|chang\w*|by|delta)|(?<![a-z0-9])[+↑↓^])"
    r"\W{0,3}(?:about\s+|~\s*)?"
    rf"(?P<amount>{_NUMBER})",
    re.IGNORECASE,
)
"""An amount the notes write as a change; a sign after a letter is a charge ("Ca+ 1.12")."""
_CUES = (" by ",)


def invented_amount(sentence: str, notes: SourceNotes) -> str | None:
    """A change by an amount the notes never write as a change."""
    if not holds_any(sentence, _CUES):
        return None
    for match in _DRAFT_CHANGE.finditer(sentence):
        amount = float(match["amount"])
        if amount not in _changes_in(notes.written):
            return f"Not found in the notes: the notes never give a change of {match['amount']}."
    return None


@lru_cache(maxsize=4)
def _changes_in(written: str) -> frozenset[float]:
    """Every amount the notes write as a change, read once per notes."""
    return frozenset(float(match["amount"]) for match in _NOTES_CHANGE.finditer(written))
