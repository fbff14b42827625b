"""An act the notes only plan, told as done.

"The patient has been checked post transfusion hct" where the notes say "to check post
transfusion hct": the model drops the "to" of a plan and reports the act as done. Every word is
the notes', and the sentence measure passes it; a handover that says a recheck was done when it
is still owed is the error that leaves it undone.

An act is read as only planned where the notes write its verb after a plan ("to", "will",
"plan to", "needs to", "awaiting", "pending") with the same object after it (its first content
words, in order, within a few words), and never write the verb done with that object ("checked
post transfusion hct", or in shorthand "hct checked"). The draft must tell the act as done in a
passive or perfect form ("has been checked", "was drawn", "were sent").
"""

import re
from functools import cache, lru_cache

from app.domain.factcheck.claims.act_objects import (
    OBJECT_WORDS,
    object_follows,
    object_precedes,
    object_words,
)
from app.domain.factcheck.claims.notes import SourceNotes, holds_any

_IRREGULAR = {
    "given": "give",
    "drawn": "draw",
    "sent": "send",
    "done": "do",
    "begun": "begin",
    "taken": "take",
    "seen": "see",
    "brought": "bring",
    "put": "put",
    "held": "hold",
    "made": "make",
    "run": "run",
}
"""Past participles that do not end in "-ed", with their verbs."""
_PAST_SIMPLE = {"given": "gave", "drawn": "drew", "begun": "began", "taken": "took", "seen": "saw"}
"""The other past form of an irregular verb, which the notes may tell the act done in."""
_ADVERB = r"(?:already|now|also|since|just|recently|finally|successfully)"
"""Adverbs a draft puts between the auxiliary and the act ("has since returned")."""
_TOLD_DONE = re.compile(
    rf"\b(?:has|have|had)\s+(?:{_ADVERB}\s+)?(?:been\s+)?(?P<verb>[a-z]+ed|"
    + "|".join(_IRREGULAR)
    + r")\b(?P<object>[^.;:!?]*)"
    rf"|\b(?:was|were)\s+(?:{_ADVERB}\s+)?(?P<passive>[a-z]+ed|"
    + "|".join(_IRREGULAR)
    + r")\b(?P<passive_object>[^.;:!?]*)"
    rf"|\b(?:has|have|had)\s+(?:{_ADVERB}\s+)?been\s+(?P<ongoing>[a-z]{{2,}}ing)\b"
    r"(?P<ongoing_object>[^.;:!?]*)",
    re.IGNORECASE,
)
"""An act a draft tells as done: "has been checked post transfusion hct", "was drawn", or
going on already: "has been receiving unit blood"."""
_ONGOING_IRREGULAR = {"giving": "given", "taking": "taken", "drawing": "drawn", "sending": "sent"}
"""Present participles whose past participle is no "-ed" form."""
_PLANNED = re.compile(
    r"\b(?:to|will|plan(?:s|ned)?\s+to|needs?\s+to|awaiting|await|pending|should)\s+(?:be\s+)?"
    r"(?P<verb>[a-z]+)\b"
)
"""A verb the notes write after a plan: "to check", "will be transferred" (a participle after
"be" is looked up as written)."""
_CUES = ("has ", "have ", "had ", "was ", "were ")
"""Letters every act told as done holds."""


def plan_told_as_done(sentence: str, notes: SourceNotes) -> str | None:
    """An act the sentence tells as done that the notes only plan, with the same object."""
    if not holds_any(sentence, _CUES):
        return None
    for match in _TOLD_DONE.finditer(sentence):
        if match["ongoing"]:
            written = _past_participle(match["ongoing"].lower())
            told = match["ongoing_object"]
        else:
            written = (match["verb"] or match["passive"]).lower()
            told = match["object"] if match["verb"] else match["passive_object"]
        wanted = object_words(told)
        if len(wanted) < OBJECT_WORDS:
            continue
        lowered = notes.written_lower
        if _planned(lowered, written, wanted) and not _done(lowered, written, wanted):
            return "Not found in the notes: this tells as done what the source notes only plan."
    return None


def _past_participle(ongoing: str) -> str:
    """The past participle of a present one ("receiving": received, "checking": checked),
    which the notes would tell the act done in."""
    return _ONGOING_IRREGULAR.get(ongoing, ongoing[:-3] + "ed")


def _verbs(participle: str) -> tuple[str, ...]:
    """The verbs a past participle may be of ("checked": check; "placed": place; "planned":
    plan)."""
    if participle in _IRREGULAR:
        return (_IRREGULAR[participle],)
    stem = participle[:-2]
    found = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        found.append(stem[:-1])
    if stem.endswith("i"):
        found.append(stem[:-1] + "y")
    return tuple(found)


def _planned(notes: str, participle: str, wanted: tuple[str, ...]) -> bool:
    """Whether the notes write the act after a plan, under any verb the participle may be of or
    as the participle itself ("will be transferred"), with this object after it."""
    plans = _plans_in(notes)
    ends = [end for form in (*_verbs(participle), participle) for end in plans.get(form, ())]
    return any(object_follows(wanted, notes, end) for end in ends)


def _done(notes: str, participle: str, wanted: tuple[str, ...]) -> bool:
    """Whether the notes tell the act done on this object, in either order ("checked post
    transfusion hct", "FOLEY PLACED")."""
    return any(
        object_follows(wanted, notes, match.end()) or object_precedes(wanted, notes, match.start())
        for match in _done_forms(participle).finditer(notes)
    )


@lru_cache(maxsize=4)
def _plans_in(notes: str) -> dict[str, tuple[int, ...]]:
    """Each verb the notes (in lower case) write after a plan, with where each such mention
    ends: read once per notes, so a draft's acts are looked up, not searched for."""
    plans: dict[str, list[int]] = {}
    for match in _PLANNED.finditer(notes):
        plans.setdefault(match["verb"], []).append(match.end())
    return {verb: tuple(ends) for verb, ends in plans.items()}


@cache
def _done_forms(participle: str) -> re.Pattern[str]:
    forms = "|".join(map(re.escape, filter(None, (participle, _PAST_SIMPLE.get(participle)))))
    return re.compile(rf"(?<![a-z])(?:{forms})(?![a-z])")
