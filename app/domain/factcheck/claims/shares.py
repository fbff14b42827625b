"""A share of the shift the notes never give.

"The patient has been in this position for 40% of the shift" where 40% is the notes' FiO2: a
small model turns a percentage of the notes into a share of a span of time. A note gives such
a share in those words ("asleep 50% of the time"); a share of the shift, the day or the time
that the notes never write with that number is the model's.
"""

import re

from app.domain.factcheck.claims.notes import SourceNotes, holds_any

_SHARE = re.compile(
    r"(?P<number>\d+(?:\.\d+)?)\s*(?:%|percent)\s+of\s+(?:the\s+|this\s+|that\s+|his\s+|her\s+)?"
    r"(?:shift|time|day|night|evening|morning|afternoon|stay|admission|hours?)\b",
    re.IGNORECASE,
)
"""A share of a span of time: "40% of the shift", "50 percent of the time"."""


def invented_share_of_time(sentence: str, notes: SourceNotes) -> str | None:
    """A share of a span of time the sentence gives that the notes never write."""
    if not holds_any(sentence, ("% of", "percent of")):
        return None
    written = {match["number"] for match in _SHARE.finditer(notes.written)}
    for match in _SHARE.finditer(sentence):
        if match["number"] not in written:
            return f"Not found in the notes: the notes give no share of time (“{match.group(0)}”)."
    return None
