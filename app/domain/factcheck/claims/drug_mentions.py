"""Drug names in lower-case text, by what they mean.

Several claim rules ask where a text names a drug, under any of its names and in any case ("neo",
"Neosynephrine", "phenylephrine" are one drug; "levo" may be two). The lexicon's names are
searched as one pattern, grouped by first letter.
"""

import re
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from app.domain.factcheck.lexicon import drug_names

_MIN_NAME = 3
"""Shorter names ("K", "NS") are too often other shorthand to read in lower case, unless the
lexicon writes them in lower case itself ("ns", "tf"): it lists those as the notes' own."""


class DrugMention(NamedTuple):
    """A drug's name in a text, and what it means: its generic, or the generics it may mean
    ("levo": levofloxacin or norepinephrine)."""

    start: int
    end: int
    meaning: str


def drug_mentions(lowered: str, windows: Sequence[tuple[int, int]] = ()) -> list[DrugMention]:
    """Every drug name of a lower-case text (or of these stretches of it), left to right. Any
    name, in any case: a notes' "neo" or "epi" in lower case is the drug still, and a drug the
    notes stop under a name in lower case and run under its capitalised one is said both
    ways, not only run."""
    pattern, meanings = _drug_pattern(), _meanings()
    return [
        DrugMention(match.start(), match.end(), meanings[match.group()])
        for start, end in windows or ((0, len(lowered)),)
        for match in pattern.finditer(lowered, start, end)
    ]


@cache
def _meanings() -> dict[str, str]:
    """Each drug name of the lexicon in lower case, and the generics it may mean, joined."""
    owners: dict[str, set[str]] = {}
    for name, generic in drug_names():
        if len(name) >= _MIN_NAME or name.islower():
            owners.setdefault(name.lower(), set()).add(generic)
    return {name: " or ".join(sorted(generics)) for name, generics in owners.items()}


@cache
def _drug_pattern() -> re.Pattern[str]:
    """Every drug name of the lexicon in lower case, longest first, grouped by first letter
    behind a look-ahead for it: at most positions one group is tried, not every name."""
    by_letter: dict[str, list[str]] = {}
    for name in sorted(_meanings(), key=len, reverse=True):
        by_letter.setdefault(name[0], []).append(re.escape(name))
    groups = "|".join(
        f"(?={re.escape(letter)})(?:{'|'.join(names)})"
        for letter, names in sorted(by_letter.items())
    )
    return re.compile(rf"(?<![a-z0-9])(?:{groups})(?![a-z0-9])")
