"""Drug names misspelt in the notes ("percocett", "kayexlate", "senakot", "integrelin").

Nurses type fast; a drug name one letter off is still that drug to a reader. A word of seven
letters or more that is not itself a drug name, and is one edit (a letter added, dropped,
changed, or two neighbours swapped) from drug names of seven letters or more that all name one
drug, is read as that name, unless it is an English word ("ability" is not Abilify). A name of
ten letters or more may also lose two letters, as a skipped syllable ("levofloxin"), or have
one letter moved ("metropolol"); any such name may have two letters typed past its end
("percocette"), and any misspelt name may be plural ("percocettes"). Shorter names are left
alone: too many short words are one letter from a short drug name.
"""

import re
from collections import defaultdict
from functools import cache, lru_cache

from app.domain.factcheck.lexicon import drug_names

MIN_LENGTH = 7
_TWO_DROPPED_FROM = 10
"""Names this long are still read with two letters dropped."""
_TWO_ADDED = 2
"""A name with two letters typed past its end is still the name ("percocette", "percocetts")."""
_WORD = re.compile(rf"[A-Za-z]{{{MIN_LENGTH},}}")


@cache
def _generics() -> dict[str, str]:
    """Each long single-word drug name, lowercased, and the generic it names."""
    return {
        name.lower(): generic
        for name, generic in drug_names()
        if name.isalpha() and len(name) >= MIN_LENGTH
    }


@cache
def _index() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    names = frozenset(_generics())
    variants: dict[str, set[str]] = defaultdict(set)
    for name in names:
        for variant in deletions(name) | {name}:
            variants[variant].add(name)
    return names, {variant: frozenset(found) for variant, found in variants.items()}


@cache
def _two_dropped() -> dict[str, frozenset[str]]:
    """Each long name with two of its letters dropped, and the names it may be."""
    variants: dict[str, set[str]] = defaultdict(set)
    for name in _generics():
        if len(name) >= _TWO_DROPPED_FROM:
            for once in deletions(name):
                for twice in deletions(once):
                    variants[twice].add(name)
    return {variant: frozenset(found) for variant, found in variants.items()}


def deletions(word: str) -> set[str]:
    """The word with each one of its letters left out: a word one edit from another (a
    letter added, dropped or changed) shares one of these, or the word itself, with it."""
    return {word[:index] + word[index + 1 :] for index in range(len(word))}


def transpositions(word: str) -> set[str]:
    """The word with each two neighbouring letters swapped: the slip of fast typing
    ("daugther"), which a dictionary built from clinical text may hold as a word."""
    return {
        word[:index] + word[index + 1] + word[index] + word[index + 2 :]
        for index in range(len(word) - 1)
        if word[index] != word[index + 1]
    }


def one_edit_apart(first: str, second: str) -> bool:
    """Whether one letter added, dropped or changed, or two neighbours swapped, turns one word
    into the other."""
    if abs(len(first) - len(second)) > 1 or first == second:
        return False
    if len(first) == len(second):
        differences = [index for index in range(len(first)) if first[index] != second[index]]
        if len(differences) == 1:
            return True
        low, high = differences[0], differences[-1]
        return (
            len(differences) == 2
            and high == low + 1
            and first[low] == second[high]
            and first[high] == second[low]
        )
    shorter, longer = sorted((first, second), key=len)
    return any(longer[:index] + longer[index + 1 :] == shorter for index in range(len(longer)))


def _letter_moved(first: str, second: str) -> bool:
    """Whether one letter of `first` stands elsewhere in `second`, all else alike."""
    if len(first) != len(second) or first == second:
        return False
    low = next(index for index in range(len(first)) if first[index] != second[index])
    high = next(index for index in range(len(first) - 1, -1, -1) if first[index] != second[index])
    return (first[low + 1 : high + 1] == second[low:high] and first[low] == second[high]) or (
        first[low:high] == second[low + 1 : high + 1] and first[high] == second[low]
    )


@cache
def _english() -> frozenset[str]:
    """Webster's lower-case words, loaded on the first possible correction only."""
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["web2"], lower=True))


def is_english(word: str) -> bool:
    """Whether the lower-case word, or it less a plain ending, is in Webster's list."""
    english = _english()
    if word in english:
        return True
    return any(
        word.endswith(suffix) and word[: -len(suffix)] in english for suffix in ("ing", "ed", "s")
    )


def correct(word: str) -> str | None:
    """The drug name a misspelt word stands for, or None."""
    return _correct_lowered(word.lower())


@lru_cache(maxsize=65_536)
def _correct_lowered(lowered: str) -> str | None:
    """Remembered per word: notes reuse a small vocabulary, so most words are looked up once."""
    names, variants = _index()
    if lowered in names:
        return None
    candidates: set[str] = set(variants.get(lowered, ()))
    for deletion in deletions(lowered):
        candidates |= variants.get(deletion, frozenset())
    found = {
        name
        for name in candidates
        if one_edit_apart(lowered, name)
        or (len(name) >= _TWO_DROPPED_FROM and _letter_moved(lowered, name))
    }
    if not found:
        found = set(_two_dropped().get(lowered, ()))
    if not found and lowered[:-_TWO_ADDED] in names:
        found = {lowered[:-_TWO_ADDED]}
    if not found and lowered.endswith("s") and not is_english(lowered):
        return _correct_lowered(lowered[:-1])
    if not found or len({_generics()[name] for name in found}) != 1 or is_english(lowered):
        return None
    return min(found)


def misspelt_drug_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) for each misspelt drug name in the text."""
    found = []
    for match in _WORD.finditer(text):
        name = correct(match.group())
        if name is not None:
            found.append((match.start(), match.end(), name))
    return found
