"""The plan as the nurse wrote it, and the tests and results still pending.

A plan is found two ways, because nurses write it both ways: a block under a plan heading
("PLAN:", "P:", "A/P:", "Assessment and plan:") running to the next blank line or heading, and
any sentence that opens with a verb of planning ("MONITOR BP C DIURESIS", "FOLLOW K", "Will
repeat lasix"). Pending items are sentences that say something is awaited ("pending",
"awaiting", "sent", "f/u"); such a sentence outside a plan block is listed as pending, not as
plan ("Repeat BMP pending."). Lines are copied whole: a plan reworded is no longer the nurse's.
"""

import re
from collections.abc import Sequence

from app.domain.grounded.lines import NOTE_HEADING, FactLine, Span, verbatim
from app.domain.source_sentences import Sentence

_PLAN_LABEL = (
    r"[ \t]*(?:a/p|a\s*&\s*p|p|plan(?:\s+of\s+care)?|poc|assessment\s*(?:and|&|/)\s*plan)"
    r"[ \t]*[:\-](?![ \t]*\d)"
)
"""A plan heading's label: "P:", "A/P:", "Plan of care -" but not a pulse ("P: 88")."""
_PLAN_OPENING = re.compile(_PLAN_LABEL, re.IGNORECASE)
"""The label where a sentence opens (used with `match`, which anchors it there)."""
_PLAN_HEADING = re.compile(rf"(?:^|(?<=;)){_PLAN_LABEL}", re.IGNORECASE | re.MULTILINE)
"""A plan heading opening a line, or a clause of a note written as one run-on line
("…; A: NO HEMODYNAMIC COMPROMISE; P: TREND BP RANGE; …")."""
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_PLAN_VERB = re.compile(
    r"^(?:plan(?:s|ned)?|will|to\s+(?:be|have|get|start|continue|follow|monitor)|monitor|"
    r"follow|f/u|cont(?:inue)?|check|re-?check|repeat|wean|titrate|consider|encourage|"
    r"re-?assess|obtain|advance|trans(?:fer)?|keep|maintain|goal|needs?|awaiting|await)\b",
    re.IGNORECASE,
)
_PENDING = re.compile(
    r"\b(?:pending|awaiting|await|waiting\s+(?:for|on)|to\s+be\s+(?:sent|drawn|done|"
    r"obtained|read)|sent(?!\s+(?:home|to|back|out)\b)|f/u|follow[- ]?up\s+on|results?|"
    r"scheduled)\b",
    re.IGNORECASE,
)

_WORD = re.compile(r"[A-Za-z]+")
MIN_WORDS = 2
"""A plan or pending line of fewer words ("CONT.", "?") is a fragment that tells nothing."""


def plan_lines(
    source: str, sentences: Sequence[Sentence], used: set[tuple[int, int]]
) -> list[FactLine]:
    """The sentences of plan blocks and the plan sentences elsewhere, in the order written."""
    blocks = _plan_blocks(source)
    lines = []
    for sentence in sentences:
        in_block = any(start <= sentence.start < end for start, end in blocks)
        text = source[sentence.start : sentence.end]
        label = _PLAN_OPENING.match(text)
        opening = text[label.end() if label else 0 :].lstrip()
        pending = _PENDING.search(text) is not None
        if in_block or (_PLAN_VERB.match(opening) and not pending):
            line = _line(source, sentence, used)
            if line is not None:
                lines.append(line)
    return lines


def pending_lines(
    source: str, sentences: Sequence[Sentence], used: set[tuple[int, int]]
) -> list[FactLine]:
    """The sentences that say a test or result is awaited, in the order written."""
    lines = []
    for sentence in sentences:
        if _PENDING.search(source, sentence.start, sentence.end):
            line = _line(source, sentence, used)
            if line is not None:
                lines.append(line)
    return lines


def _line(source: str, sentence: Sentence, used: set[tuple[int, int]]) -> FactLine | None:
    span = (sentence.start, sentence.end)
    if span in used:
        return None
    start = sentence.start
    if (heading := _PLAN_OPENING.match(source, sentence.start, sentence.end)) is not None:
        start = heading.end()
    text = verbatim(source, start, sentence.end)
    if len(_WORD.findall(text)) < MIN_WORDS:
        return None
    used.add(span)
    return FactLine(text, (Span(start, sentence.end),))


def _plan_blocks(source: str) -> list[tuple[int, int]]:
    """[start, end) of each plan heading's block: to the next blank line or heading."""
    blocks = []
    for heading in _PLAN_HEADING.finditer(source):
        end = len(source)
        if (blank := _BLANK_LINE.search(source, heading.end())) is not None:
            end = blank.start()
        line_end = source.find("\n", heading.end())
        if line_end != -1 and (other := NOTE_HEADING.search(source, line_end + 1, end)):
            end = other.start()
        blocks.append((heading.start(), end))
    return blocks
