"""A fact line: text copied from the notes, and where in the notes each part of it was written.

Every character of a line's text that is not a label comes from the notes, so every number in a
fact section is one the notes wrote; the evidence lets the desk highlight the source of a line
as it highlights the evidence of a draft sentence.
"""

import re
from dataclasses import dataclass

NOTE_HEADING = re.compile(r"^[ \t]*[A-Za-z][A-Za-z/&ʼ' ]{0,24}:", re.MULTILINE)
"""A short label opening a line of the notes ("PLAN:", "Neuro:", "PMH:"): where the block
under the heading before it ends."""


@dataclass(frozen=True, slots=True)
class Span:
    """source[start:end]: where a line's words were written."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class FactLine:
    """One line of a fact section, in the notes' own words and units."""

    text: str
    evidence: tuple[Span, ...]


def verbatim(source: str, start: int, end: int) -> str:
    """source[start:end] with its runs of whitespace as single spaces and loose separators
    trimmed, so a line copied from a note that wraps mid-sentence still reads as one line."""
    return " ".join(source[start:end].split()).strip(" ,;:-")
