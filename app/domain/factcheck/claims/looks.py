"""A look told of a measure, which has none.

"The patient's blood sugar levels are clear yellow" where the notes say "BLOOD SUGARS TREATED
PER S/S" and "CLEAR YELLOW URINE": every word is the notes', moved from the urine to a number
read off a meter. A vital sign or a lab value is a number; a colour, a clarity or a
consistency is said of a fluid, a wound or the skin. A sentence that gives a measure, as the
subject of a verb of being, a colour or look claims something the notes cannot have said of
it.
"""

import re

from app.domain.factcheck.claims.notes import SourceNotes, holds_any, holds_word
from app.domain.factcheck.phrases import word_set

_MEASURES = (
    r"blood\s+sugars?|(?:blood\s+|serum\s+)?glucose|finger\s*sticks?|blood\s+pressures?"
    r"|heart\s+rates?|pulse\s+rates?|respiratory\s+rates?|temperatures?|oxygen\s+saturations?"
    r"|(?:o2\s+)?sats?|saturations?|potassium|sodium|magnesium|calcium|phosphorus|chloride"
    r"|creatinine|hematocrit|hemoglobin|platelets?|white\s+(?:blood\s+)?(?:cell\s+)?count"
    r"|lactate|troponins?|vital\s+signs|vitals|(?:inr|ptt|bun|bp|hr|map|hct|hgb|wbc|cr)(?![a-z])"
)
_LOOK_WORDS = (
    "yellow amber straw clear cloudy turbid bloody serous purulent green greenish tan brown"
    " pink red white dark thick thin frothy foul odorous malodorous clotted"
)
"""Colours, clarities and consistencies, as whole words."""
_LOOKS = "|".join(_LOOK_WORDS.split()) + r"|blood-tinged|(?:sero)?sanguin\w*"
_LOOK_OF_MEASURE = re.compile(
    rf"(?<![a-z])(?P<measure>{_MEASURES})(?:\s+(?:levels?|readings?|values?|results?))?\s+"
    r"(?:is|are|was|were|remains?|remained|appears?|appeared|looks?|looked)\s+"
    r"(?:(?:very|still|now|a|an|slightly)\s+)?"
    rf"(?P<look>{_LOOKS})(?![a-z])",
    re.IGNORECASE,
)
"""A measure, a verb of being, and a look: "blood sugar levels are clear yellow"."""
_LOOK_CUES = word_set(_LOOK_WORDS, "tinged")
"""Words every look of the pattern holds but the serosanguinous family, tested first: most
sentences hold none."""


def look_of_a_measure(sentence: str, notes: SourceNotes) -> str | None:
    """The measure this sentence gives a colour, clarity or consistency to."""
    if not (holds_word(sentence, _LOOK_CUES) or holds_any(sentence, ("sanguin",))):
        return None
    match = _LOOK_OF_MEASURE.search(sentence)
    if match is None:
        return None
    return (
        f"Not in the notes: “{match['look']}” describes a fluid or the skin, not "
        f"{' '.join(match['measure'].split())}."
    )
