"""An abbreviation spelt out as something it does not stand for.

A small model glosses the notes' shorthand in brackets and guesses: "1 prbc (Protein Bronchial
Collection)", "UOP (Urine Oxygen)", "NPN (Nephrotic Pancreas)". The abbreviation is the notes'
own, so the rules that read it pass the sentence, and the gloss is the model's invention. Where
the nursing abbreviations lexicon (`abbreviations.tsv`) knows the abbreviation, a gloss that
shares none of the words it stands for is flagged; words are compared by their first
letters (`_one_word`), so "lung sounds" glosses LS ("lungs") and "packed red blood cells"
PRBC ("packed cells"). An abbreviation the lexicon does not know is let be: its letters
alone cannot tell a wrong gloss from a right one ("Protein Bronchial Collection" holds P, R,
B and C in order).

Only a gloss is read: two words or more, the first opening with the abbreviation's first
letter. Brackets after shorthand more often qualify it than spell it out ("tf (promote with
fiber)", "lle (lateral)", "IVs (RLA, LLA)").
"""

import re

from app.domain.factcheck.claims.notes import SourceNotes
from app.domain.factcheck.lexicon import nursing_abbreviations
from app.domain.factcheck.phrases import word_set

_GLOSSED = re.compile(
    r"(?<![\w&/+])(?P<short>[A-Za-z][A-Za-z&/+]{1,7})\s*\((?P<gloss>[A-Za-z][A-Za-z ,'-]{2,60})\)"
)
"""An abbreviation and the words in brackets after it: "UOP (Urine Oxygen)"."""
_WORD = re.compile(r"[a-z]+")
_SMALL_WORDS = word_set("and of the a an in with to for or on by at per")
_REFERENCES = word_set("see refer")
"""Words that open a reference in brackets, not a gloss ("SS (see care vue)")."""
_PREFIX = 5
"""How many first letters two words must share to be one word in two forms."""
_GLOSS_WORDS = 2
"""The fewest words a gloss has."""
_MIN_LETTERS = 3
"""Words shorter than this share too little to be told apart ("to", "is")."""


def wrong_expansion(sentence: str, notes: SourceNotes) -> str | None:
    """An abbreviation glossed in brackets with words that share nothing with what the
    lexicon says it stands for, unless the notes give that gloss themselves."""
    if "(" not in sentence:
        return None
    meanings = nursing_abbreviations()
    for match in _GLOSSED.finditer(sentence):
        short, gloss = match.group("short"), match.group("gloss").strip()
        meaning = meanings.get(short.lower())
        if meaning is None:
            continue
        words = _content_words(gloss)
        if not _a_gloss(short, words) or _shares_a_word(words, meaning):
            continue
        if gloss.lower() in notes.written_lower:
            continue
        return f"Not found in the notes: {short} stands for {' '.join(meaning)}, not “{gloss}”."
    return None


def _a_gloss(short: str, words: list[str]) -> bool:
    """Whether the bracket's content words spell the abbreviation out rather than qualify it
    or refer elsewhere: enough of them, the first opening with its first letter."""
    return (
        len(words) >= _GLOSS_WORDS
        and words[0][0] == short[0].lower()
        and words[0] not in _REFERENCES
    )


def _content_words(text: str) -> list[str]:
    return [word for word in _WORD.findall(text.lower()) if word not in _SMALL_WORDS]


def _shares_a_word(words: list[str], meaning: tuple[str, ...]) -> bool:
    return any(_one_word(word, other) for word in meaning for other in words)


def _one_word(first: str, second: str) -> bool:
    """Whether two words are one in two forms: their first letters agree, up to five and as
    many as the shorter has ("lung" and "lungs", "oriented" and "orientation")."""
    shared = min(len(first), len(second), _PREFIX)
    return shared >= _MIN_LETTERS and first[:shared] == second[:shared]
