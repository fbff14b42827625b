"""The copy a nurse reviews before saving: where every replacement stands, and her additions.

The de-identifier misses some identifiers (docs/factcheck.md), so the desk shows each
replacement highlighted and lets the nurse replace a word or phrase it missed. Positions here
are in the copy's text, not the original's, so the original never has to be kept for review.
"""

import re
from typing import NamedTuple

from app.domain.deidentify.deidentifier import DeidentifiedText

ADDED_TAG = "[REDACTED]"


class MarkedCopy(NamedTuple):
    """A de-identified copy and the spans of its replacements, in its own text."""

    text: str
    marks: tuple[tuple[int, int], ...]


def marked_copy(result: DeidentifiedText, *, header: str = "") -> MarkedCopy:
    """The copy (after an optional header) with the span of each surrogate in it."""
    marks: list[tuple[int, int]] = []
    shift = len(header)
    for replacement in result.replacements:
        start = replacement.start + shift
        marks.append((start, start + len(replacement.surrogate)))
        shift += len(replacement.surrogate) - (replacement.end - replacement.start)
    return MarkedCopy(header + result.text, tuple(marks))


def replace_also(copy: MarkedCopy, phrase: str) -> MarkedCopy:
    """The copy with every whole-word use of `phrase` (any case) replaced by [REDACTED]."""
    wanted = phrase.strip()
    if not wanted:
        return copy
    pattern = re.compile(rf"(?<!\w){re.escape(wanted)}(?!\w)", re.IGNORECASE)
    pieces: list[str] = []
    marks: list[tuple[int, int]] = []
    old_marks = list(copy.marks)
    position = 0
    shift = 0
    for match in pattern.finditer(copy.text):
        if any(match.start() < end and start < match.end() for start, end in copy.marks):
            continue
        pieces.append(copy.text[position : match.start()])
        while old_marks and old_marks[0][0] < match.start():
            start, end = old_marks.pop(0)
            marks.append((start + shift, end + shift))
        new_start = match.start() + shift
        marks.append((new_start, new_start + len(ADDED_TAG)))
        pieces.append(ADDED_TAG)
        shift += len(ADDED_TAG) - (match.end() - match.start())
        position = match.end()
    pieces.append(copy.text[position:])
    marks.extend((start + shift, end + shift) for start, end in old_marks)
    return MarkedCopy("".join(pieces), tuple(marks))
