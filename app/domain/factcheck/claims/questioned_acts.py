"""An act the notes only ask about, told as decided.

"The patient should start heparin tonight" where the notes write "? re starting heparin gtt
vs coumadin, await team decision" and "? re-start heparin tonight": the notes leave the act to
a decision not yet made, and the draft hands it over as the plan. Every word is the notes',
and a plan or an act told as done reads the notes' own plans; a question is neither, and the
next nurse acts on the draft.

An act is read as only asked about where every clause of the notes that names its object (the
object's first content word) asks: it holds "?", "question", "whether", "versus" or
"undecided", or waits for a decision; and one of those clauses must ask about the act itself,
writing its verb ("re-start" for "start"), so that "continue vent support" is not the
question "?attempt to wean from the vent". The draft must recommend the act ("should start",
"needs to", "will") and ask nothing itself ("whether", "if", "consider", "discuss").
"""

import re
from functools import lru_cache

from app.domain.factcheck.claims.act_objects import object_words
from app.domain.factcheck.claims.notes import SourceNotes, holds_any

_RECOMMENDED = re.compile(
    r"\b(?:should|needs?\s+to|must|will|is\s+to|plans?\s+to)\s+(?:be\s+)?(?:[a-z]+ly\s+)?"
    r"(?P<verb>[a-z]+)\b(?P<object>[^.;:!?]*)",
    re.IGNORECASE,
)
"""An act a draft recommends: "should start heparin tonight", "needs to be restarted"."""
_ASKS = re.compile(
    r"(?<![a-z])(?:question(?:able|ed)?|whether|versus|undecided|decision|decide)(?![a-z])"
)
"""Words that make a clause of the notes (in lower case) a question rather than a plan."""
_ASKED_AFTER = re.compile(r"\?\s*(?P<asked>[^?]*)")
"""A nurse's question mark asks about what follows it ("? transfer to floor"), or about its
whole clause when it ends it ("transfer to floor tomorrow??"): "should have higher bp for renal
perfusion--? note pt remains on lopressor" asks nothing of the pressure."""
_DRAFT_ASKS = re.compile(
    r"\?|\b(?:whether|if|consider(?:s|ed|ing)?|discuss(?:es|ed|ing)?|decid(?:e|es|ed|ing)"
    r"|decision|question(?:able|ed)?|possib(?:le|ly)|may|might)\b",
    re.IGNORECASE,
)
"""Words with which a draft asks, as the notes do, rather than decides."""
_CLAUSE_END = re.compile(r"[.,;!\n]+")
_MIN_OBJECT = 4
"""Letters an object's word needs to name something ("up" in "follow up" names nothing)."""
_NOT_OBJECTS = frozenset(
    {"when", "then", "soon", "once", "until", "after", "before", "again", "more", "further"}
    | {"available", "possible", "needed", "today", "tonight", "tomorrow", "closely", "as"}
)
"""Words after a verb that tell when or how, not what."""
_VERB_STEM = 4
"""Letters of the draft's verb the notes' question must write ("start" in "re-start")."""
_CUES = ("should", "need", "must", "will", "is to", "plan")
"""Letters every recommendation holds."""


def questioned_act_as_decided(sentence: str, notes: SourceNotes) -> str | None:
    """An act the sentence recommends whose object every clause of the notes asks about."""
    if not holds_any(sentence, _CUES) or _DRAFT_ASKS.search(sentence) is not None:
        return None
    for match in _RECOMMENDED.finditer(sentence):
        words = object_words(match["object"])
        if (
            not words
            or len(words[0]) < _MIN_OBJECT
            or not words[0].isalpha()
            or words[0] in _NOT_OBJECTS
        ):
            continue
        naming = _clauses_naming(notes.written_lower, words[0])
        verb = match["verb"].lower()[:_VERB_STEM]
        if (
            naming
            and all(_asks_about(said, words[0]) for said in naming)
            and any(verb in said for said in naming)
        ):
            return (
                f"Not found in the notes: the notes only ask about the {words[0]} "
                f"(“{naming[0].strip()}”); this hands it over as decided."
            )
    return None


def _asks_about(clause: str, word: str) -> bool:
    """Whether a clause of the notes asks about the object it names: a word of asking
    anywhere, a question mark before the object, or one that ends the clause."""
    if _ASKS.search(clause) or clause.rstrip().endswith("?"):
        return True
    return any(word in asked["asked"] for asked in _ASKED_AFTER.finditer(clause))


@lru_cache(maxsize=64)
def _clauses_naming(notes_lower: str, word: str) -> tuple[str, ...]:
    """The notes' clauses that hold this word whole."""
    whole = re.compile(rf"(?<![a-z]){re.escape(word)}(?![a-z])")
    return tuple(said for said in _CLAUSE_END.split(notes_lower) if whole.search(said))
