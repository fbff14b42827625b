"""Passage sentences that link two things by cause or inference the notes never draw.

A small model joins facts of the notes with a reason of its own: "sedated with activan, which
has led to a low oxygen delivery", "full code, indicating that the patient was not having any
pain", "admitted due to a discharge summary". Each fact may stand in the notes; the link does
not, and it is the link a reader acts on. Read on 240 grounded drafts of twenty real notes,
all 23 passage sentences holding such a link the notes never use were false. A nurse's notes
write their reasons in shorthand ("d/t", "2/2", "secondary to"), so a link is allowed wherever
the notes use any way of saying the same kind of link.
"""

import re
from enum import Enum

from app.domain.grounded.prose import kept_sentences


class Link(Enum):
    """The kinds of link a sentence may draw between two things."""

    CAUSE = "cause"
    EFFECT = "effect"
    INFERENCE = "inference"


_WAYS: dict[Link, str] = {
    Link.CAUSE: (
        r"due\s+to|d/t|caused\s+by|because(?:\s+of)?|b/c|secondary\s+to|2nd\s+to|2/2"
        r"|related\s+to|r/t"
    ),
    Link.EFFECT: (
        r"(?:which\s+)?(?:has\s+|have\s+|had\s+)?(?:led|lead|leads|leading)\s+to"
        r"|result(?:s|ed|ing)?\s+in|as\s+a\s+result|which\s+(?:is\s+)?caus(?:es|ed|ing)"
        r"|causing|therefore"
    ),
    Link.INFERENCE: (
        r"indicating|indicates|indicative\s+of|suggesting|suggests|suggestive\s+of"
        r"|consistent\s+with|c/w"
    ),
}
_LINKS = {
    link: re.compile(rf"(?<![\w/])(?:{ways})(?![\w/])", re.IGNORECASE)
    for link, ways in _WAYS.items()
}


def without_invented_links(passage: str, notes: str) -> str:
    """The passage less every sentence that draws a kind of link (`Link`) the notes never
    draw, in any of its ways of being said."""
    drawn = {link for link, pattern in _LINKS.items() if pattern.search(notes)}
    return kept_sentences(
        passage,
        lambda sentence: all(
            link in drawn for link, pattern in _LINKS.items() if pattern.search(sentence)
        ),
    )
