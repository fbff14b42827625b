"""Sentences joined again where the shared reading of the notes cut them: across the line
breaks of a hard-wrapped note, and after a side or other initial ("ACCESS: R. WRIST SL.").

Nursing notes are often wrapped at a fixed width, so one sentence runs over two or three lines
("… HEPARIN" / "GTT RESTARTED @ 1000U/HR …"), while the shared reading of the notes
(`app.domain.source_sentences`) never lets a sentence span lines. Listed as it stands, such a
note gives fact lines of one word ("HEPARIN", "PENDING."). A note is read as wrapped when its
longest line is of a wrapping width; then a line that reaches nearly to its longest,
ends without closing a sentence and is followed by a line that opens neither a heading nor a
list item was cut by the wrap, and its last sentence goes on in the next line's first. Notes
with longer lines, or only short ones, are typed free: a line ending unclosed is a list item. A full
stop after a single letter followed by a capital ("R. WRIST", "L. FEM") is read by the shared
reading as a sentence end; a sentence ending in such an initial goes on in the next.
"""

import re
from collections.abc import Sequence

from app.domain.source_sentences import Sentence

WRAP_WIDTHS = (50, 90)
"""A note whose longest line is this long (from, to) was wrapped at a fixed width; a note of
only short lines is a list."""
WRAP_SLACK = 15
"""A wrapped line is at most this much shorter than the note's longest: the wrap leaves less
room than one long word."""
_OPEN_END = re.compile(r"[^.;!?:\s]\s*\Z")
_INITIAL = re.compile(r"(?:^|[\s:;,])[A-Za-z]\.[ \t]*\Z")
_NEW_ITEM = re.compile(r"[ \t]*(?:[A-Za-z][A-Za-z/&' ]{0,24}[:=]|[-*•]|\d+[.)]\s|\Z)")
"""A line opening a heading ("GI:", "GU="), a list item, or nothing at all."""


def rejoined(source: str, sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences with each one cut in two by a wrap or an initial joined to the rest of
    it, facts and all."""
    width = max((len(line.rstrip()) for line in source.split("\n")), default=0)
    wrapped = width - WRAP_SLACK if WRAP_WIDTHS[0] <= width <= WRAP_WIDTHS[1] else None
    joined: list[Sentence] = []
    for sentence in sentences:
        if joined and (
            _after_initial(source, joined[-1], sentence)
            or (wrapped is not None and _continues(source, joined[-1], sentence, wrapped))
        ):
            previous = joined[-1]
            facts = previous.facts + tuple(f for f in sentence.facts if f not in previous.facts)
            joined[-1] = Sentence(previous.line, previous.start, sentence.end, facts)
        else:
            joined.append(sentence)
    return joined


def _after_initial(source: str, previous: Sentence, sentence: Sentence) -> bool:
    """Whether `previous` ends in an initial, with `sentence` after it on the same line."""
    return previous.line == sentence.line and bool(
        _INITIAL.search(source[previous.start : previous.end])
    )


def _continues(source: str, previous: Sentence, sentence: Sentence, wrapped: int) -> bool:
    """Whether `sentence` opens the line after `previous` ends its own (a line at least
    `wrapped` long), cut mid-sentence."""
    line_start = source.rfind("\n", 0, previous.end) + 1
    line_end = source.find("\n", previous.end)
    if line_end == -1 or source[previous.end : line_end].strip():
        return False
    if (
        source[line_end + 1 : sentence.start].strip()
        or "\n" in source[line_end + 1 : sentence.start]
    ):
        return False
    if len(source[line_start:line_end].rstrip()) < wrapped:
        return False
    if not _OPEN_END.search(source, previous.start, previous.end):
        return False
    return _NEW_ITEM.match(source, line_end + 1) is None
