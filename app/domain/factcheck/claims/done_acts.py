"""A recommendation that asks for what the notes say was already done.

A small model fills the Recommendation of a handover by copying an event of the notes and
putting "should be" before it: "The patient should be transferred to GH for further evaluation"
where the notes say he *was* transferred there, "should be treated with ASA, SL NTG X3" for the
treatment given before admission, "should be given a total of 1300cc LR" for fluid the nurse
already gave. Every word is the notes', so word overlap passes it; what it claims, that the act
is still to do, the notes contradict.

An act is read as already done where the notes write the same verb in a past form ("was
transferred", "gave") and its object right after it (the first two content words the draft
gives it, in order, within a few words); a plan in the notes ("to be transferred", "will be
given", "once admitted") leaves the act undone. A recommendation that weighs a condition
("if", "prn") or repeats a standing order ("continue", "again") asks for nothing done once.
"""

import re
from functools import cache

from app.domain.factcheck.claims.act_objects import OBJECT_WORDS, object_follows, object_words
from app.domain.factcheck.claims.notes import SourceNotes, holds_any

_GIVEN = ("given", "gave", "received", "recieved", "rec'd", "recd")
"""A drug the patient received is one given: "should be given" asks again for what
"received" says was done, and "should receive" for what "gave" says."""
_PAST_FORMS = {
    "admit": ("admitted", "admited"),
    "transfer": ("transferred", "transfered", "xferred", "xfered", "xfer'd"),
    "treat": ("treated",),
    "bring": ("brought",),
    "receive": _GIVEN,
    "give": _GIVEN,
    "administer": ("administered",),
    "transfuse": ("transfused",),
    "intubate": ("intubated",),
    "extubate": ("extubated",),
    "restart": ("restarted", "re-started"),
    "resume": ("resumed",),
}
"""Acts done once, by their verb as a recommendation writes it, and the past forms the notes
write them in (misspellings included)."""
_RECOMMENDED = re.compile(
    r"\b(?:should|must|needs?\s+to|ought\s+to|is\s+to|are\s+to|recommend(?:ed|s)?\s+(?:that|to)?)"
    r"\s+(?:(?:also|then|now|still|further)\s+)?(?:be\s+)?(?P<verb>[a-z]+)\b"
    r"(?P<object>(?:[^.;:!?]|\.(?=\d))*?)(?=\.(?!\d)|[;:!?]|,?\s+(?:and|but|or)\s|\s+(?:should|must)\b|$)",
    re.IGNORECASE,
)
"""A recommendation and the act it asks for ("should be transferred to GH …", "should be
given .5mg IV ativan": a decimal's point ends no object)."""
_OPEN_ENDED = re.compile(
    r"\b(?:if|unless|when|whenever|once|prn|as\s+needed|again|another|additional|more|further"
    r"\s+doses?|repeat\w*|continue\w*|ongoing|per|next|due|daily|bid|tid|qid|q\d*[a-z]*"
    r"|nightly|scheduled|standing|tomorrow|tonight|(?<!this\s)(?:am|pm|morning|evening))\b",
    re.IGNORECASE,
)
"""Words in a recommendation that ask for an act again, on a schedule, or only on a
condition ("should be given lasix 40 mg IV in the morning" asks for the next dose); "this
morning" is the one that has passed."""
_PLANNED_BEFORE = re.compile(
    r"\b(?:will|to\s+be|plan\w*|awaiting|await|pending|when|once|if|until|ready|should|may"
    r"|might|can|could|would|needs?|consider\w*|possibl[ey]|\?)\W*(?:\w+\W+){0,2}$"
)
"""Words just before the notes' past form, in its sentence, that make the act a plan, not an
event."""
_SENTENCE_END = re.compile(r"[.;\n]")
_ASKING = ("should", "must", "need", "ought", "is to", "are to", "recommend")
"""Letters every recommendation holds."""
_CUES = tuple(
    {verb[:-1] if verb.endswith("e") else verb for verb in _PAST_FORMS}
    | {form for forms in _PAST_FORMS.values() for form in forms}
)
"""Letters every recommendation of these acts holds, in any form ("brought")."""


def done_act_as_plan(sentence: str, notes: SourceNotes) -> str | None:
    """A recommended act the notes tell as done: the same verb in a past form before the same
    object, with no plan around it."""
    if not holds_any(sentence, _ASKING) or not holds_any(sentence, _CUES):
        return None
    for match in _RECOMMENDED.finditer(sentence):
        verb = _verb(match["verb"].lower())
        if verb is None or _OPEN_ENDED.search(match[0]):
            continue
        wanted = object_words(match["object"])
        if len(wanted) < OBJECT_WORDS:
            continue
        if _done_in(notes.written_lower, verb, wanted):
            return (
                "Not found in the notes: this recommends what the source notes say was "
                "already done."
            )
    return None


def _verb(word: str) -> str | None:
    """The act a recommendation's verb names, in any of its forms ("transferred",
    "transfer", "given")."""
    for verb, past in _PAST_FORMS.items():
        if word.startswith(verb[:-1] if verb.endswith("e") else verb) or word in past:
            return verb
    return None


def _done_in(notes: str, verb: str, wanted: tuple[str, ...]) -> bool:
    """Whether the notes write the act's past form followed, within a few words, by the
    object's first content words in order, with no plan just before it."""
    for match in _past_form(verb).finditer(notes):
        before = _SENTENCE_END.split(notes[max(0, match.start() - 40) : match.start()])[-1]
        if _PLANNED_BEFORE.search(before):
            continue
        if object_follows(wanted, notes, match.end()):
            return True
    return False


@cache
def _past_form(verb: str) -> re.Pattern[str]:
    forms = "|".join(map(re.escape, _PAST_FORMS[verb]))
    return re.compile(rf"(?<![a-z])(?:{forms})(?![a-z])")
