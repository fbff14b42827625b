"""A GBNF grammar, built per request, under which a model can write only numbers the notes hold.

Text is free except for digits: every run of digits the model writes must be one of the numbers
written in the notes ("95", "7.4", "1,200"), and it must end there (the next character is not a
digit, nor a decimal point or comma followed by a digit), so "9" and "5" cannot be joined into
a "95" the notes never wrote. A numbered list's mark at the start of a line ("2. ") is layout
and always allowed. The numbers are laid out as a trie, one alternative per next
character, so the grammar is unambiguous: llama.cpp's grammar sampler keeps one parse stack per
live alternative, and a flat list of hundreds of numbers sharing prefixes would multiply them
on every digit.
"""

import re
from collections.abc import Iterable

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")

_MARKS = """newline ::= "\\n" mark?
mark ::= [1-9] [.)] [ \\t]
"""
"""A numbered list's mark ("2. ") at the start of a line: layout, not a number the notes must
hold; without it a model starting a list is made to write a value ("1.2") instead. One digit
only: a passage lists a few items, and "38. " opening a line would read as a value."""
_RULES = (
    """root ::= mark? item* (number [.,]?)?
item ::= [^0-9\\n] | newline | number after
after ::= [^0-9.,\\n] | [.,] [^0-9\\n] | [.,]? newline
"""
    + _MARKS
)
_NO_NUMBERS = "root ::= mark? ([^0-9\\n] | newline)*\n" + _MARKS


def numbers_in(text: str) -> set[str]:
    """Every number written in `text`: a decimal only whole ("7.46", never the "7" of it: a pH
    of "7." is a value the notes never gave), a list written with commas as its numbers
    ("98.6,82,16"), and a figure with thousands commas as written, without them and, since
    "120,130" may be a list, as its parts."""
    numbers: set[str] = set()
    for written in _NUMBER.findall(text):
        parts = written.split(",")
        numbers.update(parts)
        if _THOUSANDS.fullmatch(written):
            numbers.update({written, "".join(parts)})
    return numbers


def number_grammar(numbers: Iterable[str]) -> str:
    """The grammar allowing any text whose digit runs are all among `numbers`.

    With no numbers at all, the grammar allows no digit but a list's marks.
    """
    allowed = sorted({number for number in numbers if number and _is_number(number)})
    if not allowed:
        return _NO_NUMBERS
    return _RULES + f"number ::= {_trie(allowed)}\n"


def _is_number(text: str) -> bool:
    return _NUMBER.fullmatch(text) is not None


def _trie(numbers: list[str]) -> str:
    """`numbers` (sorted, non-empty, none empty) as one expression with shared prefixes."""
    branches: dict[str, list[str]] = {}
    for number in numbers:
        branches.setdefault(number[0], []).append(number[1:])
    alternatives = []
    for char, rests in branches.items():
        longer = [rest for rest in rests if rest]
        if not longer:
            alternatives.append(f'"{char}"')
            continue
        tail = _trie(longer)
        optional = "?" if len(longer) < len(rests) else ""
        alternatives.append(f'"{char}" ({tail}){optional}')
    return alternatives[0] if len(alternatives) == 1 else "(" + " | ".join(alternatives) + ")"
