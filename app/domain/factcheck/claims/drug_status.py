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

from app.domain.factcheck.claims.drug_mentions import DrugMention, drug_mentions
from app.domain.factcheck.claims.notes import SourceNotes, holds_any

_STOP = (
    r"stop(?:ped|s)?|discontinu(?:e|ed|es)|d/?c(?:'?d|ed)?|held|hold(?:ing)?|off"
    r"|no\s+longer\s+on"
)
_RUNNING = (
    r"remains?\s+on|remained\s+on|still\s+on|continu(?:e|es|ed|ing)(?:\s+on)?|running"
    r"|infusing|currently\s+(?:on|taking|receiving)|maintained\s+on|(?:re)?start(?:ed|s)?"
    r"|resum(?:e|ed|es)|initiated|(?:is|was|are|were|(?:has|have|had)\s+been)\s+(?:also\s+)?on"
)
_CUES = (
    "stop", "discontinu", "d/c", "dc", "held", "hold", "off", "longer", "remain", "still",
    "continu", "running", "infusing", "currently", "maintained", "start", "resum", "initiat",
    "is on", "was on", "are on", "were on", "been on", "also on",
)  # fmt: skip
"""Letters every status word holds: most sentences have none."""
_REACH = 30
"""How far from the drug's name its status word is read, before or after it."""
_WINDOW = 2 * _REACH + 30
"""How far from a status word a drug name may stand and still matter: its own reach, and the
reach of a name beside it (which ends the first's)."""
_NEGATED = re.compile(r"(?:\bnot|n[’']t|\bnever)\s+(?:been\s+|be\s+)?\Z", re.IGNORECASE)
_FUTURE = re.compile(
    r"(?:\bto(?:\s+be)?|\bwill(?:\s+be)?|\bplan(?:ned|s)?(?:\s+to)?|\bshould(?:\s+be)?|\buntil"
    r"|\bwhen|\bplan\s*:)\s+\Z",
    re.IGNORECASE,
)
"""Words that put a stop or start still to come ("to be stopped", "will d/c", "until")."""
_CLAUSE_END = re.compile(r"[.;\n]")
"""What parts a drug from a status word: the notes' and a draft's sentences and lines."""
_STOPPED = "stopped"
_RUNNING_NOW = "running"
_PLANNED = "planned"
"""A stop or start still to come ("WILL D/C CEFTAZ", "to be stopped"): it says nothing of
whether the drug runs now."""


def turned_drug_status(sentence: str, notes: SourceNotes) -> str | None:
    """The running or stopped drug this sentence turns round from what the notes only say."""
    if not holds_any(sentence, _CUES):
        return None
    lowered = sentence.lower()
    statuses = list(_status_words().finditer(lowered))
    if not statuses:
        return None
    mentions = drug_mentions(lowered, _windows(statuses, len(lowered)))
    for index, match in enumerate(mentions):
        said = _statuses_near(lowered, mentions, index)
        if len(said) != 1 or _PLANNED in said:
            continue
        ways = _notes_ways(notes.text_lower).get(match.meaning)
        if ways is None or len(ways) != 1 or said == ways:
            continue
        drug = sentence[match.start : match.end]
        if _STOPPED in ways:
            return f"Contradicts the notes: the notes only say {drug} was stopped or held."
        return f"Not found in the notes: the notes never say {drug} was stopped or held."
    return None


def _statuses_near(text: str, mentions: Sequence[DrugMention], index: int) -> frozenset[str]:
    """What the words beside the `index`th drug name of the text say of it: stopped, running,
    planned, or nothing. A status word counts within `_REACH` characters before the name or
    after it, with no full stop, semicolon or other drug name between; a negated one ("not
    restarted") makes the mention say nothing."""
    mention = mentions[index]
    start = max(mention.start - _REACH, mentions[index - 1].end if index else 0, 0)
    end = mention.end + _REACH
    if index + 1 < len(mentions):
        end = min(end, mentions[index + 1].start)
    before = _CLAUSE_END.split(text[start : mention.start])[-1]
    after = _CLAUSE_END.split(text[mention.end : end])[0]
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


_GAP_TO_NAME = re.compile(r"(?:\s+(?!and\b)[a-z/’']+){0,2}(?:\s+doses?\s+of)?\s*")
"""What may stand between a status word and the drug name after it: two words at most, no
"and", no comma, then maybe "dose of" ("held this afternoons dose of lactulose")."""


@cache
def _status_words() -> re.Pattern[str]:
    """Status words in lower-case text; the lookahead of their first letters lets most
    positions fail at once. A running word before "off" ("remains off dobutamine") is no
    running word: the "off" is the status."""
    return re.compile(
        rf"\b(?=[acdhimnoprsuw])(?:(?P<stop>{_STOP})|(?P<run>{_RUNNING})(?!\s+off\b))\b"
    )


def _windows(statuses: Sequence[re.Match[str]], length: int) -> list[tuple[int, int]]:
    """The stretches of a sentence where a drug name can be one a status word is about, or
    stand next to one: `_WINDOW` characters either side of each status word, joined where
    they meet. A sentence is searched for drug names only there."""
    windows: list[tuple[int, int]] = []
    for status in statuses:
        start, end = max(status.start() - _WINDOW, 0), min(status.end() + _WINDOW, length)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


@lru_cache(maxsize=4)
def _notes_ways(notes: str) -> dict[str, frozenset[str]]:
    """Each drug the notes (in lower case) name, by what the name means, and what they say
    of it: stopped, running, or both. A mention with no status word beside it is of a drug
    given or running ("lasix 40 iv given", "ptt 60 on heparin 1000u/hr"); a planned stop or
    start leaves the drug to the nurse, as both."""
    mentions = drug_mentions(notes)
    ways: dict[str, set[str]] = {}
    for index, match in enumerate(mentions):
        said = _statuses_near(notes, mentions, index) or {_RUNNING_NOW}
        if _PLANNED in said:
            said = {_STOPPED, _RUNNING_NOW}
        ways.setdefault(match.meaning, set()).update(said)
    for stop in _UNNAMED_DRIP_STOPPED.finditer(notes):
        before = [
            match for match in mentions if stop.start() - _DRIP_REACH <= match.end <= stop.start()
        ]
        if before:
            ways[before[-1].meaning].add(_STOPPED)
    return {generic: frozenset(found) for generic, found in ways.items()}


_UNNAMED_DRIP_STOPPED = re.compile(
    r"\b(?:off|d/?c'?d|stopped|discontinued)\s+(?:the\s+)?(?:gtt|drip|infusion)\b"
    r"|\b(?:gtt|drip|infusion)\s+(?:now\s+)?(?:off|d/?c'?d|stopped|discontinued)\b"
)
"""A drip stopped without its drug's name ("CURRENTLY STABLE AT 75-80. OFF GTT."): the drip of
the drug named last before it."""
_DRIP_REACH = 200
