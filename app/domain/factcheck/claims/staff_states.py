"""The patient's state told of the staff.

"The nurse has remained calm today, no need for anti-anxiety meds today", "The nurse appears
neurologically intact", "The nurse has remained on PSV 10/5 PEEP 40%": a small model that
reads a note's "Pt. has remained calm" as written by and about its writer moves the patient's
state to the nurse. Every word is the notes', and the sentence tells nothing true of anyone.
The mirror of `actors`, which catches the patient doing the staff's work: a nurse, doctor or
team said to be in a state only a patient is in (calm, neurologically intact, sedated,
afebrile, given a medication), or on a ventilator, oxygen or a drip. A nurse "given report"
is the nurse's own.
"""

import re

from app.domain.factcheck.claims.notes import SourceNotes, holds_word
from app.domain.factcheck.phrases import word_set

_STAFF = (
    r"(?:the|a|an|this|our|her|his|their)?\s*(?:(?:female|male|primary|night|day|bedside)\s+)?"
    r"(?:nurse|rn|doctor|physician|md|resident|intern|attending|staff|team)"
)
_BEING = (
    r"(?:has\s+|had\s+|have\s+)?(?:remained|remains|remain|is|was|were|are|been|appears?|appeared"
    r"|seems?|seemed|became|becomes|stays?|stayed)"
)
_ADVERB = (
    r"(?:\s+(?:still|also|now|currently|very|quite|more|less|fully|today|initially|not|never"
    r"|no\s+longer))*"
)
_PATIENT_STATE = (
    r"calm|intact|neurologically|hemodynamically|alert|oriented|awake|arousable|sedated"
    r"|intubated|extubated|afebrile|febrile|lethargic|confused|agitated|restless|anxious"
    r"|comfortable|uncomfortable|tachycardic|bradycardic|hypotensive|hypertensive|diaphoretic"
    r"|tachypneic|dyspneic|nauseated|incontinent|npo|ventilated|paced|oozing|edematous"
    r"|tolerating|weaned|responsive|unresponsive|medicated|transfused|suctioned|bolused"
    r"|given\s+(?:an?\s+|the\s+|some\s+)?(?:medications?|meds?|doses?|drugs?|bolus|transfusion"
    r"|blood|fluids?|iv)"
)
_SUPPORT = (
    r"(?:the\s+|a\s+|an\s+)?(?:[\d.]+\s*%?\s*|(?:[\d.]+\s*)?l(?:iters?)?\s+)?"
    r"(?:vent|ventilator|psv|pressure\s+support|cpap|bipap|ac|simv|trach\s+mask|t-?piece"
    r"|nasal\s+cannula|nc|np|face\s+mask|face\s+tent|fm|non-?rebreather|o2|oxygen|room\s+air"
    r"|ra|propofol|heparin|insulin|neo|levophed|dopamine|pressors?|drips?|gtts?|tube\s+feeds?"
    r"|tf|dialysis|cvvh\w*)"
)
_STAFF_IN_STATE = re.compile(
    rf"(?<![\w'’]){_STAFF}\s+"
    rf"(?:{_BEING}{_ADVERB}\s+(?:{_PATIENT_STATE})|(?:{_BEING}{_ADVERB}\s+)?on\s+{_SUPPORT})"
    r"(?![a-z])",
    re.IGNORECASE,
)
"""Staff, a verb of being, and a state only a patient is in ("the nurse has remained calm"), or
staff on a ventilator, oxygen or a drip, with or without the verb ("a female nurse on the 40%
trach mask")."""
_STAFF_WORDS = word_set("nurse rn doctor physician md resident intern attending staff team")
"""Words every such sentence holds, tested first: most sentences name no staff."""


def staff_in_patient_state(sentence: str, notes: SourceNotes) -> str | None:
    """A sentence that gives a nurse, doctor or team a state only the patient is in."""
    del notes  # the notes never tell the staff's vital signs or ventilator settings
    if not holds_word(sentence, _STAFF_WORDS):
        return None
    match = _STAFF_IN_STATE.search(sentence)
    if match is None:
        return None
    return (
        "Not found in the notes: this sentence gives the patient's state to the staff "
        f"(“{' '.join(match[0].split())}”)."
    )
