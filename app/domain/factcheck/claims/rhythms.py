"""A heart rhythm the notes never give, where they give another.

"Sinus bradycardia" where the notes write "pt has been in ST"; "atrial fibrillation" where
every rhythm the notes give is sinus. The per-fact rules read a rhythm's rate, not the rhythm:
the rhythm is the nurse's reading of the monitor, and a draft that names another has turned it.

A rhythm is read in the forms nurses write it ("sinus tach", "NSR", "SB", "a-fib"; not "AF",
which notes write for afebrile as often, and which only backs a fibrillation); a short form
that is also other shorthand ("ST" is speech therapy, an ST segment) only where a rate or the
words of a rhythm strip stand beside it ("in ST", "ST 100s", "ST with no ectopy"). A draft's
rhythm is backed by any rhythm of its family the notes name, anywhere (a sinus rhythm backs a
sinus tachycardia the notes wrote as "SR 100-110", and a history of atrial fibrillation backs
the fibrillation); notes that name no rhythm leave the sentence to its evidence, and a rhythm
the draft denies ("no atrial fibrillation") is no claim.
"""

import re
from functools import lru_cache

from app.domain.factcheck.claims.notes import SourceNotes, holds_any, holds_word

_STRIP_AFTER = r"(?=\s*(?:\d|with\b|w/|no\b|without\b|rare\b|occ\w*|,|;|\.|\)|$))"
"""What follows a short rhythm name on a strip: a rate, its ectopy, or the end of the item."""
_STRIP_BEFORE = "|".join(
    rf"(?<=\b{word}\s)"
    for word in ("in", "rhythm", "hr", "remains", "remained", "now", "into", "to")
)
"""What precedes a short rhythm name: "in ST", "rhythm SB", "converted to SB"."""
_SHORT = rf"(?:{_STRIP_BEFORE}){{name}}(?![\w-])|(?<![\w/-]){{name}}(?![\w-]){_STRIP_AFTER}"

_RHYTHMS = {
    "sinus tachycardia": (r"sinus\s+tach\w*", "st"),
    "sinus bradycardia": (r"sinus\s+brady\w*", "sb"),
    "sinus rhythm": (r"(?:normal\s+)?sinus\s+rhythm|(?<![a-z])n?sr(?![a-z])", None),
    "atrial fibrillation": (r"a(?:trial)?[\s.-]*fib\w*|(?<![a-z])rapid\s+af(?![a-z])", None),
    "atrial flutter": (r"a(?:trial)?[\s.-]*flutter|(?<![a-z])afl(?![a-z])", None),
}
"""Each rhythm, with its spelt-out forms and the short form read only on a strip."""
_FAMILY = {
    "sinus tachycardia": ("sinus tachycardia", "sinus rhythm"),
    "sinus bradycardia": ("sinus bradycardia", "sinus rhythm"),
    "sinus rhythm": ("sinus rhythm", "sinus tachycardia", "sinus bradycardia"),
    "atrial fibrillation": ("atrial fibrillation", "atrial flutter"),
    "atrial flutter": ("atrial flutter", "atrial fibrillation"),
}
"""The rhythms that back a draft's rhythm."""
_CUES = ("sinus", "fib", "flutter")
"""Letters every spelt-out rhythm holds."""
_SHORT_WORDS = frozenset({"st", "sb", "sr", "nsr", "afl"})
"""The short rhythms, as whole words: a sentence with neither these nor the letters above
names no rhythm."""
_DENIED = re.compile(
    r"(?:\bno|\bnot|\bwithout|\bdenies|\bnegative\s+for)\W+(?:\w+\W+){0,2}\Z", re.IGNORECASE
)


def _pattern(spelt: str, short: str | None) -> re.Pattern[str]:
    forms = spelt if short is None else f"{spelt}|{_SHORT.format(name=short)}"
    return re.compile(forms, re.IGNORECASE | re.MULTILINE)


_PATTERNS = {rhythm: _pattern(*forms) for rhythm, forms in _RHYTHMS.items()}


def turned_rhythm(sentence: str, notes: SourceNotes) -> str | None:
    """A rhythm the sentence gives that no rhythm of its family in the notes backs, where the
    notes give a rhythm of their own."""
    if not holds_any(sentence, _CUES) and not holds_word(sentence, _SHORT_WORDS):
        return None
    named = _named_by_notes(notes.written)
    if not named:
        return None
    for rhythm, pattern in _PATTERNS.items():
        for match in pattern.finditer(sentence):
            if _DENIED.search(sentence, 0, match.start()):
                continue
            backed = any(backer in named for backer in _FAMILY[rhythm]) or (
                "atrial fibrillation" in _FAMILY[rhythm] and _fibrillation_on_a_strip(notes.written)
            )
            if not backed:
                given = next(iter(named.values()))
                return (
                    f"Contradicts the notes: the notes give the rhythm as “{given}”, "
                    f"never {rhythm}."
                )
    return None


_AF_ON_A_STRIP = re.compile(_SHORT.format(name="af"), re.IGNORECASE | re.MULTILINE)
""""AF" on a strip ("hr 90-100 af, return to sr"), read in the notes only to back a
fibrillation: notes write it for afebrile as often, so it never makes the notes give a rhythm."""


@lru_cache(maxsize=4)
def _named_by_notes(written: str) -> dict[str, str]:
    """Each rhythm the notes name, with its first words, in the order of the catalogue."""
    named = {}
    for rhythm, pattern in _PATTERNS.items():
        found = pattern.search(written)
        if found is not None:
            named[rhythm] = found.group(0)
    return named


@lru_cache(maxsize=4)
def _fibrillation_on_a_strip(written: str) -> bool:
    return _AF_ON_A_STRIP.search(written) is not None
