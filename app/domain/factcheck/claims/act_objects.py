"""What an act is done to, as the rules that weigh when an act happens compare it.

A draft and the notes name an act's object in different words around the same content ones:
"should be transferred to GH for further evaluation" and "WAS TRANSFERED TO GH FOR FURTHER
EVAL". The object is told by its first content words, in order, within a few words after the
verb; articles, prepositions and the patient tell nothing.
"""

import re

_WORD = re.compile(r"[a-z0-9]+(?:[./'][a-z0-9]+)*")
_FILLER = frozenset(
    {"a", "an", "the", "to", "of", "with", "for", "at", "in", "on", "into", "from", "by"}
    | {"and", "or", "his", "her", "their", "this", "that", "patient", "pt", "him", "them"}
)
"""Words an object is not told by: articles, prepositions, the patient."""
OBJECT_WORDS = 2
"""How many of an object's first content words tell it."""
_WINDOW = 8
"""How many content words after the notes' verb its object may start within."""
_REACH = 120
"""How many characters after the notes' verb are read for its object."""
_BEFORE = 2
"""How many content words before the notes' verb its object may stand in, in shorthand."""


def object_words(text: str) -> tuple[str, ...]:
    """The first content words of an object as written after its verb, in lower case."""
    return tuple(word for word in _WORD.findall(text.lower()) if word not in _FILLER)[:OBJECT_WORDS]


def object_follows(wanted: tuple[str, ...], notes_lower: str, verb_end: int) -> bool:
    """Whether the notes write these object words in order within a few words after a verb
    that ends at `verb_end`."""
    following = [
        word
        for word in _WORD.findall(notes_lower[verb_end : verb_end + _REACH])
        if word not in _FILLER
    ][:_WINDOW]
    position = 0
    for word in wanted:
        try:
            position = following.index(word, position) + 1
        except ValueError:
            return False
    return True


def object_precedes(wanted: tuple[str, ...], notes_lower: str, verb_start: int) -> bool:
    """Whether the notes write the object's first word just before a verb that starts at
    `verb_start`, as shorthand does ("FOLEY PLACED", "labs drawn")."""
    before = [
        word
        for word in _WORD.findall(notes_lower[max(0, verb_start - 40) : verb_start])
        if word not in _FILLER
    ]
    return wanted[0] in before[-_BEFORE:]
