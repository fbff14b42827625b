"""Something the notes write of, called undocumented.

"The patient's neuro status is not documented" where the notes have a "neuro:" line; "The
patient's history of a coffee ground emesis from ETT overnight is not documented" where they
say "COFFEE GROUND EMESIS FROM ETT OVERNIGHT". A small model says "not documented" of what it
did not read; the next nurse then looks no further, or asks for what is already written. The
sentence's words are the notes' own, so the sentence measure passes it.

The thing called undocumented is read before "is not documented" (or "was not mentioned",
"not recorded", "not reported") or after "no documentation of"; its words that name something
(not "the patient's", "status", "history") must all be written in the notes, each by its first
letters ("neuro" for "neurological"), for the sentence to contradict them. A measure's levels
or results are not judged: notes name a measure without giving its values.
"""

import re

from app.domain.factcheck.claims.notes import SourceNotes, holds_any
from app.domain.factcheck.phrases import word_set

_UNWRITTEN = r"(?:documented|mentioned|recorded|reported|charted|noted|stated)"
_SAID_UNDOCUMENTED = re.compile(
    r"(?P<before>[a-z][a-z'’/ -]{2,60}?)\s+(?:is|are|was|were|has|have)\s+(?:not|never)\s+"
    rf"(?:been\s+)?{_UNWRITTEN}\b"
    rf"|\bno\s+(?:documentation|record|mention)\s+of\s+(?P<after>[a-z][a-z'’/ -]{{2,60}})",
    re.IGNORECASE,
)
"""A thing said to be undocumented, before or after the words that say so."""
_NOT_NAMING = word_set(
    "the a an of in on for with and or his her their its this that any specific other recent",
    "from to at by as about during since after before was is be been has have",
    "patient patients patient's pt pt's status history information details data",
    "plan current condition issue issues record records note notes nurse",
    "nurse's findings finding there shift today overnight whether",
)
"""Words of the thing that name nothing the notes could write."""
_VALUES = word_set("level levels value values reading readings result results number numbers")
"""Words that make the thing a measure's values, which notes may name without giving ("BLOOD
SUGARS TREATED PER S/S"): whether they are documented is not read from the words."""
_WORD = re.compile(r"[a-z][a-z'’]*")
_STEM = 5
"""Letters a word is looked for by: "neuro" finds "neurological", "emesis" finds "emesis"."""
_CUES = ("not ", "never ", "no documentation", "no record", "no mention")
"""Letters every such sentence holds."""


def called_undocumented(sentence: str, notes: SourceNotes) -> str | None:
    """A thing the sentence calls undocumented whose every naming word the notes write."""
    if not holds_any(sentence, _CUES):
        return None
    for match in _SAID_UNDOCUMENTED.finditer(sentence.lower()):
        thing = match["before"] or match["after"]
        words = [word for word in _WORD.findall(thing) if word not in _NOT_NAMING]
        if _VALUES.intersection(words):
            continue
        if words and all(_written(word, notes.written_lower) for word in words):
            return (
                f"Contradicts the notes: they do write of the {' '.join(words)}; this says "
                "it is not documented."
            )
    return None


def _written(word: str, notes_lower: str) -> bool:
    """Whether the notes write a word that starts with this word's first letters."""
    return re.search(rf"(?<![a-z]){re.escape(word[:_STEM])}", notes_lower) is not None
