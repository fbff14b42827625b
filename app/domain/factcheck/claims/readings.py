"""Readings that cannot be what the sentence calls them.

A blood pressure whose first number is not above its second is no blood pressure: the model
has paired two numbers the notes wrote apart ("bp- 110/- 118/": two systolic readings).
"""

import re

from app.domain.factcheck.claims.notes import SourceNotes, holds_any

_BLOOD_PRESSURE = re.compile(
    r"\b(?:blood\s+pressures?|B/?P|[ANS]BP|arterial\s+(?:line\s+)?pressures?)\b"
    r"(?P<between>[^.;\d]{0,25})(?<![\d.-])(?P<systolic>\d{2,3})\s*/\s*(?P<diastolic>\d{2,3})"
    r"(?![\d./-])",
    re.IGNORECASE,
)


_CUES = ("/",)
"""A blood pressure holds its slash."""


def impossible_reading(sentence: str, notes: SourceNotes) -> str | None:
    """A blood pressure whose systolic value is not above its diastolic, unless the notes
    write that pair themselves: then the pairing is the notes', not the draft's."""
    if not holds_any(sentence, _CUES):
        return None
    for match in _BLOOD_PRESSURE.finditer(sentence):
        systolic, diastolic = match.group("systolic"), match.group("diastolic")
        if int(systolic) <= int(diastolic) and not notes.repeat(f"{systolic}/{diastolic}"):
            return (
                f"Not found in the notes: {systolic}/{diastolic} cannot be a blood pressure "
                "(the first number must be the higher)."
            )
    return None
