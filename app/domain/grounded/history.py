"""What the notes tell of before this stay, as against what was done for the patient now.

A nurse hands over what is current: drugs given or running, lines in place. Notes open with
the story so far ("PMH: …", "HPI: …", "ADMITTED IN TRANSFER FROM … REQUIRING DOPAMINE", "sent
home on Azithromycin"), and a clause of that story names drugs and devices as a current clause
does. A medication clause is read as history when it stands in a history block (under a
PMH/HPI/history or home medications label), or when its own words place it earlier: another
hospital, home, the journey in, or the admission itself ("ADMITTED IN TRANSFER FROM …
REQUIRING DOPAMINE"). A line placed before the unit (in the emergency room, at the outside
hospital) is often still in, so a device clause is read as history only where its own words
place it before this stay and say nothing of a device put in or in place ("ADMITTED TO …
MEMORIAL … TREATED WITH … PACER"), and an implant listed under a history label ("PERM PACER")
stays listed; a device only tried for ("ATTEMPTED ALINE") was never in place.
"""

import re

from app.domain.grounded.lines import NOTE_HEADING, Span

_HISTORY_LABEL = re.compile(
    r"\b(?:pmh|p/mhx?|pshx?|hpi|hx|h/o|(?:past\s+(?:medical\s+)?|medical\s+|brief\s+)?history"
    r"(?:\s+of\s+present\s+illness)?|home\s+med(?:ication)?s|med(?:ication)?s\s+at\s+home)"
    r"[ \t]*[:=-]",
    re.IGNORECASE,
)
_PARAGRAPH_END = re.compile(r"[.;][ \t]*\n|\n[ \t]*\n")
_BEFORE_STAY = re.compile(
    r"\b(?:pta|prior\s+to\s+(?:admission|adm|arrival|transfer)|"
    r"before\s+(?:admission|arrival|transfer)|en\s*route|at\s+home|home\s+meds?|"
    r"(?:sent|discharged|d/?c'?d?)\s+(?:to\s+)?home)\b",
    re.IGNORECASE,
)
"""Words placing a clause before this stay: home, the way in. The past perfect does not:
nurses write it of earlier in the shift too ("had received ativan at bedtime")."""
_ELSEWHERE = re.compile(
    r"\b(?:osh|outside\s+hosp(?:ital)?|"
    r"(?:at|from|to)\s+(?:[a-z]+\s+){1,3}(?:hosp(?:ital)?|memorial|medical\s+center))\b",
    re.IGNORECASE,
)
"""Words placing a clause at another hospital."""
_ADMISSION = re.compile(r"\b(?:admitted|in\s+transfer)\b", re.IGNORECASE)
"""Words telling the admission itself: what was given before it is history. A patient who
"arrived from" the cath lab or was "transferred from" the floor may still be on what the
clause names ("arrived from lab … ntg infusing"), so those words alone place nothing earlier."""
_PLACED = re.compile(
    r"\b(?:placed|inserted|in\s*place|intact|draining|patent|secured)\b", re.IGNORECASE
)
"""Words saying a device was put in or is in: a line placed at another hospital may still be."""
_FULL_STOP = re.compile(r"[.!?]+\s+")
_ATTEMPT = re.compile(
    r"\b(?:attempt(?:ed|s)?|tried|unsuccessful(?:ly)?|failed|unable\s+to\s+"
    r"(?:place|insert|pass|thread))\b",
    re.IGNORECASE,
)


def history_blocks(source: str) -> list[Span]:
    """Where a history label's text runs: a label alone on its line to the next heading, a
    label followed by text to the end of its paragraph (a line closing a sentence, or a blank
    line) or the next heading, whichever comes first."""
    blocks = []
    for label in _HISTORY_LABEL.finditer(source):
        line_end = source.find("\n", label.end())
        line_end = len(source) if line_end == -1 else line_end
        end = len(source)
        if (heading := NOTE_HEADING.search(source, line_end + 1)) is not None:
            end = heading.start()
        paragraph = _PARAGRAPH_END.search(source, label.end())
        if source[label.end() : line_end].strip() and paragraph is not None:
            end = min(end, paragraph.start() + 1)
        blocks.append(Span(label.start(), end))
    return blocks


def current_medication(source: str, clause: Span, offset: int, blocks: list[Span]) -> bool:
    """Whether the drug named at `offset` of `clause` is one of this stay: it is not in a
    history block, and neither the words of the clause around it up to the nearest full stops
    nor the clause's opening sentence place it earlier. Not all of the clause is read, because
    a clause of lower-case notes runs on over several sentences ("… 3 weeks at home. less
    cough. has codeine ordered"); but an opening that places the story earlier ("pt … arrived
    from franklin square hosp …") sets the time of what follows it ("… she was started on
    dobutamine"); an opening that only mentions home ("3 weeks at home.") does not."""
    if any(block.start <= offset < block.end for block in blocks):
        return False
    stops = list(_FULL_STOP.finditer(source, clause.start, clause.end))
    start = max((stop.end() for stop in stops if stop.end() <= offset), default=clause.start)
    end = min((stop.start() for stop in stops if stop.end() > offset), default=clause.end)
    opening_end = stops[0].start() if stops else clause.end
    own = source[start:end]
    opening = source[clause.start : opening_end]
    return not (
        any(words.search(own) for words in (_BEFORE_STAY, _ELSEWHERE, _ADMISSION))
        or any(words.search(opening) for words in (_ELSEWHERE, _ADMISSION))
    )


def current_device(clause: str) -> bool:
    """Whether a device clause tells of a device in place: not one only tried for, nor a
    clause its own words place before this stay that says nothing of a device put in."""
    if _ATTEMPT.search(clause):
        return False
    earlier = _BEFORE_STAY.search(clause) or _ELSEWHERE.search(clause)
    return not (earlier and not _PLACED.search(clause))
