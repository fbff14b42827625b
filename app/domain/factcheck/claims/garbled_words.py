"""A word the model garbled: neither a word of the notes nor an English or clinical word.

A small model that cannot read the notes' shorthand writes something that looks like it:
"Percepotec for pain" for the notes' Percocet, "catheteric acute MI" for a cardiac cath,
"propropofol", "hemparin". The word is no drug, no finding and no word the notes write, so
no rule that reads a fact sees it, and the sentence around it may share every other word with
the notes. A nurse signing it signs a word nobody can act on.

A word counts as known when the notes write it, when the dictionary of English and clinical
words holds it (`is_dictionary_word`), when it is such a word with an ending the dictionary
leaves out ("trended", "flexes", "desaturating", "calmer"), when it is a word of the notes with
an ending added or taken off ("Alzheimer" for "alzheimers"), or when it is one typed letter off
a word of the notes (the draft spelling right what the notes misspell, or the other way
round). Only words of `_LONG` letters or more are read: short ones are too often abbreviations.
A word with a capital inside a sentence ("Stevens-Johnson", "Gastroccult-positive") is a
name, a brand or an eponym, which no dictionary lists whole, and is let be.
"""

import re
from functools import lru_cache

from app.domain.deidentify.vocabulary import is_dictionary_word
from app.domain.factcheck.claims.notes import SourceNotes
from app.domain.factcheck.spelling import one_edit_apart

_LONG = 6
_LONG_WORD = re.compile(rf"(?<![A-Za-z0-9])[A-Za-z]{{{_LONG},}}(?![A-Za-z0-9])")
_ENDINGS = ("ally", "ing", "est", "ed", "er", "es", "ly", "s", "d")
"""Endings the dictionary leaves out of its words' forms, longest first."""
_PREFIXES = ("re", "pre", "non", "un")
"""Prefixes a clinical word takes that the dictionary leaves out ("reintubated")."""
_STEM = 4
"""The fewest letters a word keeps once an ending or a prefix is taken off."""
_FORM_GAP = max(map(len, _ENDINGS))
"""How many more letters one form of a word may have than another."""


def garbled_word(sentence: str, notes: SourceNotes) -> str | None:
    """The first long word of the sentence that is no word the notes or the dictionary know."""
    for match in _LONG_WORD.finditer(sentence):
        if match.group().istitle() and sentence[: match.start()].strip(" -:"):
            continue
        word = match.group().lower()
        if not _known(word, notes.words):
            return (
                f"Not found in the notes: “{match.group()}” is neither a word of the notes "
                "nor an English or clinical word."
            )
    return None


def _known(word: str, notes_words: frozenset[str]) -> bool:
    if word in notes_words or _in_dictionary(word):
        return True
    return any(
        _other_form(word, written) or one_edit_apart(word, written)
        for written in notes_words
        if abs(len(written) - len(word)) <= _FORM_GAP
    )


@lru_cache(maxsize=4096)
def _in_dictionary(word: str) -> bool:
    """Whether the dictionary holds the word, or it with an ending or a prefix taken off:
    remembered, as a draft's long words are mostly the same few hundred."""
    if is_dictionary_word(word):
        return True
    for ending in _ENDINGS:
        stem = word[: -len(ending)]
        if (
            word.endswith(ending)
            and len(stem) >= _STEM
            and (is_dictionary_word(stem) or is_dictionary_word(stem + "e"))
        ):
            return True
    return any(
        word.startswith(prefix)
        and len(word) - len(prefix) >= _STEM
        and _in_dictionary(word[len(prefix) :])
        for prefix in _PREFIXES
    )


def _other_form(word: str, written: str) -> bool:
    """Whether one word is the other with an ending added ("alzheimer", "alzheimers")."""
    shorter, longer = sorted((word, written), key=len)
    return longer.startswith(shorter) and longer[len(shorter) :] in _ENDINGS
