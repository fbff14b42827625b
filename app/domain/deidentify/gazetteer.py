"""US cities and towns named in a note, from a public list rather than from the notes.

Nurses write where a patient lives or was moved from in whatever case the note is in ("LIVES
WITH SON IN ROCKVILLE", "returned to new haven"), so a place is found by looking its words up
in GeoNames' list of US populated places (resources/gazetteer/us-places.txt, written by
installer/us_places.py; states are not on it, since Safe Harbor lets a state stay). A listed
name is judged by its words, as a name after a cue is:

- made only of words that are no ordinary or clinical word ("Catonsville"): a place wherever it
  stands (capitalised, in a note whose capitals mean something);
- holding an ordinary word: after words that say someone lives there ("lives with son in
  Laurel"); a name of two words or more ("new haven", "MIDDLE RIVER") after a word that
  introduces a place ("in", "from", "to", "near"); one ordinary word ("to Harbor") there only
  when capitalised in a note whose capitals mean something ("to start", "at HOME" stay).
"""

import re
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

from app.domain.deidentify.vocabulary import is_clinical, is_mixed_case, is_ordinary_word
from app.paths import resources_dir

_WORD = re.compile(r"[A-Za-z](?:[A-Za-z'.-]*[A-Za-z])?")
_GAP = re.compile(r"[ \t]+")
_PREPOSITION = re.compile(r"\b(?:in|from|to|at|near|outside|around)[ \t]+\Z", re.IGNORECASE)
_DWELLING = re.compile(
    r"\b(?:lives?|living|resides?|residing|moved|moving|raised|born|home|house)\b"
    r"[^.\n;]{0,30}\b(?:in|from|to|near|outside)[ \t]+\Z",
    re.IGNORECASE,
)
"""Words that say the place is where someone lives ("lives with son and family in ...")."""
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_LOOK_BACK = 60


class Place(NamedTuple):
    """A listed place's span in the text."""

    start: int
    end: int


class _Gazetteer(NamedTuple):
    names: frozenset[str]
    first_words: frozenset[str]
    """The first word of every name: most words of a note are not, and are passed over."""
    most_words: int


@cache
def _gazetteer() -> _Gazetteer:
    lines = (resources_dir() / "gazetteer" / "us-places.txt").read_text(encoding="utf-8")
    names = frozenset(
        line.strip() for line in lines.splitlines() if line.strip() and not line.startswith("#")
    )
    return _Gazetteer(
        names,
        frozenset(name.split()[0] for name in names),
        max(len(name.split()) for name in names),
    )


def listed_places(text: str) -> Iterator[Place]:
    """Every stretch of the text that is a listed US place and reads as one (see above)."""
    gazetteer = _gazetteer()
    mixed_case = is_mixed_case(text)
    words = list(_WORD.finditer(text))
    index = 0
    while index < len(words):
        if _bare(words[index]) not in gazetteer.first_words:
            index += 1
            continue
        last = _longest_listed(text, words, index, gazetteer)
        if last is None:
            index += 1
            continue
        start, end = words[index].start(), words[last].end()
        written = [_POSSESSIVE.sub("", word.group()) for word in words[index : last + 1]]
        if _reads_as_place(text, start, written, mixed_case):
            yield Place(start, end)
        index = last + 1


def _bare(word: re.Match[str]) -> str:
    return _POSSESSIVE.sub("", word.group()).lower()


def _longest_listed(
    text: str, words: list[re.Match[str]], index: int, gazetteer: _Gazetteer
) -> int | None:
    """The index of the last word of the longest listed name starting at `index`."""
    found = None
    phrase = ""
    for last in range(index, min(len(words), index + gazetteer.most_words)):
        if last > index and not _GAP.fullmatch(text, words[last - 1].end(), words[last].start()):
            break
        word = _bare(words[last])
        phrase = word if last == index else f"{phrase} {word}"
        if phrase in gazetteer.names:
            found = last
    return found


def _reads_as_place(text: str, start: int, written: list[str], mixed_case: bool) -> bool:
    if any(is_clinical(word) for word in written):
        return False
    capitalised = all(word[0].isupper() for word in written)
    if not any(is_ordinary_word(word) for word in written):
        return capitalised or not mixed_case
    before = text[max(0, start - _LOOK_BACK) : start]
    if _DWELLING.search(before):
        return True
    if _PREPOSITION.search(before) is None:
        return False
    return len(written) > 1 or (mixed_case and capitalised)
