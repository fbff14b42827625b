"""A test's result turned round: "guaiac positive" where the notes wrote "guiac neg".

A small model keeps the test and flips its result; every word is the notes' but one, and that
one decides isolation, transfusion or a scope. A result is read where a test's name and a
result word stand together ("guaiac negative", "stool guiac pos", "negative for C. diff",
"MRSA (+)"). A test the notes give both results for (cultures of several sites) is not
judged; nor is one the draft or the notes give no result for.
"""

import re
from functools import lru_cache

from app.domain.factcheck.claims.notes import SaidWays, SourceNotes, holds_any, ways_said

_TESTS = {
    "guaiac": r"guaiac|guiac|guaic|hemoccult|heme\s+occult|occult\s+blood",
    "C. diff": r"c\.?\s?-?diff(?:icile)?|clostridium\s+difficile",
    "MRSA": r"mrsa",
    "VRE": r"vre",
    "cultures": r"(?:blood\s+|urine\s+|sputum\s+)?(?:cultures?|cx)",
}
"""Each test, with the ways notes and drafts name it."""
_BETWEEN = r"(?:\s+(?:is|are|was|were|came\s+back|returned|remains?|x\s?\d))*\s*[:=]?\s*"
"""What may stand between a test and its result: "cultures came back positive"."""


def _tests(prefix: str) -> str:
    """Every test's names, each test in a group named by `prefix` and its index."""
    return "|".join(rf"(?P<{prefix}{index}>{names})" for index, names in enumerate(_TESTS.values()))


_RESULT = re.compile(
    rf"(?<![a-z])(?:{_tests('a')})(?![a-z]){_BETWEEN}"
    r"(?:(?P<neg>neg(?:ative)?|\(-\))|(?P<pos>pos(?:itive)?|\(\+\)))(?![a-z])"
    r"|(?<![a-z])(?:(?P<negfor>negative|neg)|(?P<posfor>positive|pos))\s+for\s+"
    rf"(?:{_tests('b')})(?![a-z])",
    re.IGNORECASE,
)
"""A test then its result ("guiac neg", "MRSA (+)"), or a result for a test ("negative for C.
diff")."""
_NAMES = tuple(_TESTS)
_CUES = ("neg", "pos", "(-)", "(+)")
"""Letters every result holds: most sentences have none."""


def turned_result(sentence: str, notes: SourceNotes) -> str | None:
    """A test result the sentence gives that the notes only give the other way."""
    if not holds_any(sentence, _CUES):
        return None
    said = _notes_results(notes.written)
    if not said:
        return None
    for match in _RESULT.finditer(sentence):
        test, positive = _result_of(match)
        known = said.get(test)
        if known is not None and known.only_not(positive):
            result = "positive" if positive else "negative"
            return f"Contradicts the notes: the notes give “{known.written}”, not {test} {result}."
    return None


def _result_of(match: re.Match[str]) -> tuple[str, bool]:
    """The test a match names, and whether its result is positive."""
    index = next(
        int(name[1:])
        for name, value in match.groupdict().items()
        if value is not None and name[0] in "ab" and name[1:].isdigit()
    )
    return _NAMES[index], match.group("pos") is not None or match.group("posfor") is not None


@lru_cache(maxsize=4)
def _notes_results(written: str) -> dict[str, SaidWays]:
    """Each test the notes give a result for, with the results they give and their first
    words: read once per notes."""
    return ways_said(
        (*_result_of(match), " ".join(match.group().split())) for match in _RESULT.finditer(written)
    )
