"""A drug said to be running where the notes only say it was stopped, or the reverse.

"The patient remains on a heparin drip" against notes that say "HEPARIN GTT D/C'D AT 0300 FOR
BLEEDING": the drug is the notes', so the medication rules pass it (they weigh a dose, route
or frequency, and this sentence gives none), and the claim is the opposite of the notes. For a
high-alert drug that is the handover error that harms. A drug the notes only ever stop, hold
or discontinue is not running, continuing, started or resumed in a draft; a drug the notes
only ever give, start or run was not stopped. What the notes say both ways (held, then
restarted) is left to the nurse.
"""

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from app.domain.factcheck.claims.notes import SourceNotes, holds_any
from app.domain.factcheck.lexicon import drug_names

_STOP = (
    r"stop(?:ped|s)?|discontinu(?:e|ed|es)|d/?c(?:'?d|ed)?|held|hold(?:ing)?|off"
    r"|no\s+longer\s+on"
)
_RUNNING = (
    r"remains?\s+on|remained\s+on|still\s+on|continu(?:e|es|ed|ing)(?:\s+on)?|running"
    r"|infusing|currently\s+(?:on|taking|receiving)|maintained\s+on|(?:re)?start(?:ed|s)?"
    r"|resum(?:e|ed|es)|initiated"
)
_CUES = (
    "stop", "discontinu", "d/c", "dc", "held", "hold", "off", "longer", "remain", "still",
    "continu", "running", "infusing", "currently", "maintained", "start", "resum", "initiat",
)  # fmt: skip
"""Letters every status word holds: most sentences have none."""
_REACH = 30
"""How far from the drug's name its status word is read, before or after it."""
_NEGATED = re.compile(r"(?:\bnot|n[’']t|\bnever)\s+(?:been\s+|be\s+)?\Z", re.IGNORECASE)
_FUTURE = re.compile(
    r"(?:\bto(?:\s+be)?|\bwill(?:\s+be)?|\bplan(?:ned|s)?(?:\s+to)?|\bshould(?:\s+be)?|\buntil"
    r"|\bwhen|\bplan\s*:)\s+\Z",
    re.IGNORECASE,
)
"""Words that put a stop or start still to come ("to be stopped", "will d/c", "until")."""
_CLAUSE_END = re.compile(r"[.;\n]")
"""What parts a drug from a status word: the notes' and a draft's sentences and lines."""
_MIN_NAME = 3


def turned_drug_status(sentence: str, notes: SourceNotes) -> str | None:
    """The running or stopped drug this sentence turns round from what the notes only say."""
    if not holds_any(sentence, _CUES):
        return None
    lowered = sentence.lower()
    mentions = list(_drug_pattern().finditer(lowered))
    for index, match in enumerate(mentions):
        said = _statuses_near(lowered, mentions, index)
        if len(said) != 1 or _PLANNED in said:
            continue
        generic = _generics()[match.group("drug")]
        ways = _notes_ways(notes.written_lower).get(generic)
        if ways is None or len(ways) != 1 or said == ways:
            continue
        drug = sentence[match.start() : match.end()]
        if _STOPPED in ways:
            return f"Contradicts the notes: the notes only say {drug} was stopped or held."
        return f"Not found in the notes: the notes never say {drug} was stopped or held."
    return None


_STOPPED = "stopped"
_RUNNING_NOW = "running"
_PLANNED = "planned"
"""A stop or start still to come ("WILL D/C CEFTAZ", "to be stopped"): it says nothing of
whether the drug runs now."""


def _statuses_near(text: str, mentions: Sequence[re.Match[str]], index: int) -> frozenset[str]:
    """What the words beside the `index`th drug name of the text say of it: stopped, running,
    planned, or nothing. A status word counts within `_REACH` characters before the name or
    after it, with no full stop, semicolon or other drug name between; a negated one ("not
    restarted") makes the mention say nothing."""
    mention = mentions[index]
    start = max(mention.start() - _REACH, mentions[index - 1].end() if index else 0, 0)
    end = mention.end() + _REACH
    if index + 1 < len(mentions):
        end = min(end, mentions[index + 1].start())
    before = _CLAUSE_END.split(text[start : mention.start()])[-1]
    after = _CLAUSE_END.split(text[mention.end() : end])[0]
    found: set[str] = set()
    for side, words in ((before, _leading_words(before)), (after, _status_words().finditer(after))):
        for word in words:
            ahead = side[: word.start()]
            if _NEGATED.search(ahead):
                return frozenset()
            if _FUTURE.search(ahead):
                found.add(_PLANNED)
            else:
                found.add(_STOPPED if word.group("stop") is not None else _RUNNING_NOW)
    return frozenset(found)


def _leading_words(before: str) -> list[re.Match[str]]:
    """The status words before a drug's name that are about it: those with nothing but a few
    words between them and the name ("d/c'd heparin", "restarted the heparin drip"), none of
    them "and" or a comma ("PCA discontinued at 1700 and oxycodone" stops the PCA)."""
    return [
        word
        for word in _status_words().finditer(before)
        if _GAP_TO_NAME.fullmatch(before, word.end()) is not None
    ]


_GAP_TO_NAME = re.compile(r"(?:\s+(?!and\b)[a-z/]+){0,2}\s*")
"""What may stand between a status word and the drug name after it: two words at most, no
"and", no comma."""


@cache
def _status_words() -> re.Pattern[str]:
    return re.compile(rf"\b(?:(?P<stop>{_STOP})|(?P<run>{_RUNNING}))\b", re.IGNORECASE)


@lru_cache(maxsize=4)
def _notes_ways(notes: str) -> dict[str, frozenset[str]]:
    """Each drug the notes name (by generic name) and what they say of it: stopped, running,
    or both. A mention with no status word beside it is of a drug given or running ("LASIX 40
    IV GIVEN", "PTT 60 ON HEPARIN 1000U/HR"); a planned stop or start leaves the drug to the
    nurse, as both."""
    mentions = list(_drug_pattern().finditer(notes))
    ways: dict[str, set[str]] = {}
    for index, match in enumerate(mentions):
        said = _statuses_near(notes, mentions, index) or {_RUNNING_NOW}
        if _PLANNED in said:
            said = {_STOPPED, _RUNNING_NOW}
        ways.setdefault(_generics()[match.group("drug")], set()).update(said)
    return {generic: frozenset(found) for generic, found in ways.items()}


@cache
def _generics() -> dict[str, str]:
    return {name.lower(): generic for name, generic in drug_names() if len(name) >= _MIN_NAME}


@cache
def _drug_pattern() -> re.Pattern[str]:
    names = "|".join(map(re.escape, sorted(_generics(), key=len, reverse=True)))
    return re.compile(rf"(?<![a-z0-9])(?P<drug>{names})(?![a-z0-9])")
