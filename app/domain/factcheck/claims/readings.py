"""Readings that cannot be what the sentence calls them.

A blood pressure whose first number is not above its second is no blood pressure: the model
has paired two numbers the notes wrote apart ("bp- 110/- 118/": two systolic readings).
"""

import re

from app.domain.factcheck.claims.notes import SourceNotes

_BLOOD_PRESSURE = re.compile(
    r"\b(?:blood\s+pressures?|B/?P|[ANS]BP|arterial\s+(?:line\s+)?pressures?)\b"
    r"(?P<between>[^.;\d]{0,25})(?<![\d.-])(?P<systolic>\d{2,3})\s*/\s*(?P<diastolic>\d{2,3})"
    r"(?![\d./-])",
    re.IGNORECASE,
)


def impossible_reading(sentence: str, notes: SourceNotes) -> str | None:
    """A blood pressure whose systolic value is not above its diastolic."""
    del notes  # the reading is impossible whatever the notes say
    for match in _BLOOD_PRESSURE.finditer(sentence):
        if int(match.group("systolic")) <= int(match.group("diastolic")):
            return (
                f"Not found in the notes: {match.group('systolic')}/"
                f"{match.group('diastolic')} cannot be a blood pressure (the first number "
                "must be the higher)."
            )
    return None
