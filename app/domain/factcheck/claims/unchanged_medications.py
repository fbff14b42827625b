"""Medications called unchanged where the notes change one.

"The patient's vital signs are stable, with no changes in temperature, blood pressure, or any
medications" where the notes say "metoprolol restarted this am". A handover that says nothing
changed tells the next nurse there is no new order to check; the notes' change is the one
thing she needed. The rest of the sentence is the notes' own words, so no other rule weighs it.

Medications are called unchanged in the words "no change(s) in … medications", "no
medication changes", "no new medications", or "medications unchanged"; the notes change one
where a drug they name is marked new, stopped, held or changed in its clause (the medication
reader's mark), or is written beside "restarted", "resumed", "held" or "on hold". Notes that
say themselves that the medications did not change ("NO CHANGE IN MED REGIMEN") back the
sentence.
"""

import re

from app.domain.factcheck.claims.notes import SourceNotes, holds_any
from app.domain.factcheck.extract.medications import KIND as MEDICATION

_MEDICATIONS = r"(?:meds?|medications?|med\s+regimen|medication\s+regimen|regimen)"
_CALLED_UNCHANGED = re.compile(
    rf"\bno\s+(?:new\s+)?(?:changes?|adjustments?)\b[^.;]{{0,60}}?\b{_MEDICATIONS}\b"
    rf"|\bno\s+new\s+{_MEDICATIONS}\b|\bno\s+{_MEDICATIONS}\s+(?:changes?|adjustments?)\b"
    rf"|\b{_MEDICATIONS}\s+(?:(?:is|are|was|were|remains?|remained|has\s+been|have\s+been)\s+)?"
    r"(?:unchanged|not\s+changed|the\s+same)\b",
    re.IGNORECASE,
)
"""Medications called unchanged: "no changes in … medications", "meds unchanged"."""
_RESTARTED = re.compile(r"\b(?:re-?start\w*|resum\w*|held|hold|on\s+hold)\b", re.IGNORECASE)
"""Changes the medication reader does not mark: a drug given again, or held."""
_REACH = 25
"""Characters after a drug's name where "restarted" or "held" is read as its change."""
_CUES = ("med", "regimen")


def medications_called_unchanged(sentence: str, notes: SourceNotes) -> str | None:
    """Medications the sentence calls unchanged where the notes change one."""
    if not holds_any(sentence, _CUES) or _CALLED_UNCHANGED.search(sentence) is None:
        return None
    if _CALLED_UNCHANGED.search(notes.written) is not None:
        return None
    for fact in notes.readings.get(MEDICATION, ()):
        after = notes.written[fact.end : fact.end + _REACH]
        if fact.changed or _RESTARTED.match(after.lstrip(" -:,")) is not None:
            return (
                f"Contradicts the notes: they change {fact.key} (“{fact.text}”); this says the "
                "medications did not change."
            )
    return None
