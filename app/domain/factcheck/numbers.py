"""Numbers as nurses write them: digits with thousands commas and decimals, or common words."""

import re
from dataclasses import dataclass
from functools import lru_cache

_SMALL_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS_WORDS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_DIGIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"

DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
"""A number in digits: 12, 0.5, 1,250, 1,070.5."""

WORDS = (
    rf"(?:{'|'.join(_TENS_WORDS)})(?:[- ](?:{_DIGIT_WORDS})(?![a-z]))?"
    rf"|(?:{'|'.join(sorted(_SMALL_WORDS, key=len, reverse=True))})"
)
"""A number in words, up to ninety-nine ("two liters", "twenty-five milligrams")."""

NUMBER = rf"(?:{DIGITS}|(?<![A-Za-z])(?:{WORDS})(?![A-Za-z]))"
"""Either form; compile with re.IGNORECASE so "Two" is read too."""

NOT_INSIDE_A_NUMBER = r"(?:(?<![\w.])|(?<=\.\.))"
"""Where a number may start: not inside a word or another number, though after a run of stops
("tv 650....5 peep", "rate 22 ...40%"), which no decimal has."""

NUMBER_WORDS = frozenset(_SMALL_WORDS) | frozenset(_TENS_WORDS)
"""Words that start a number written in words, lowercased."""

_WORD_PARTS = re.compile(r"[- ]")


@dataclass(frozen=True, slots=True)
class Numeral:
    """A parsed number and how many decimals it was written with (its precision)."""

    value: float
    decimals: int


@lru_cache(maxsize=4096)
def parse_numeral(written: str) -> Numeral:
    """Read a number matched by NUMBER; words and thousands commas are understood."""
    lowered = written.strip().lower()
    if lowered[:1].isdigit():
        digits = lowered.replace(",", "")
        _, _, fraction = digits.partition(".")
        return Numeral(float(digits), len(fraction))
    total = 0
    for part in _WORD_PARTS.split(lowered):
        total += _TENS_WORDS.get(part, 0) + _SMALL_WORDS.get(part, 0)
    return Numeral(float(total), 0)
