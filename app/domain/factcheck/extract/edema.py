"""Edema grades: "3+ pitting edema", "edema +2", "2-3+ LE edema", "trace pedal edema".

A grade is written before the word edema, with a few words of its kind or place between, or a
few words after it ("edema to BL FA +1"). Trace is read as half a grade: less than 1+, more
than none. A grade past a comma or a stop ("no edema, pulses 2+") is another finding's.
"""

import re

from app.domain.factcheck.facts import Fact
from app.domain.factcheck.spans import Document
from app.domain.factcheck.units import Quantity

KIND = "vital.edema"

_TRACE = 0.5
_GRADE = r"(?:\+\s?(?P<{0}a>[1-4])|(?P<{0}b>[1-4])\s?\+|(?P<{0}t>trace|tr\.?)(?=\s))"
_UP_TO = r"(?:\s*-\s*(?:\+\s?(?P<upa>[1-4])|(?P<upb>[1-4])\s?\+?))?"
_KIND_OR_PLACE = (
    r"(?:(?:non-?)?pitting|pedal|dependent|general(?:i[sz]ed)?|peripheral|bilat\w*|b/l|ble|le|bue|ue"
    r"|sacral|ankles?|hands?|arms?|legs?|feet|foot|lower|upper|extremit\w*|scrotal|periorbital"
    r"|facial|lower\s+extremit\w*|upper\s+extremit\w*)"
)
_BEFORE = re.compile(
    rf"(?<![\w+])(?:(?P<low>[1-4])\s*-\s*)?{_GRADE.format('g')}{_UP_TO}\s*"
    rf"(?:{_KIND_OR_PLACE}\s+){{0,3}}edema\b",
    re.IGNORECASE,
)
_AFTER = re.compile(
    rf"\bedema(?:\s+(?:of|in|to|at|on))?(?:\s+[A-Za-z/]+){{0,3}}?\s*{_GRADE.format('h')}"
    r"(?![\w/+])",
    re.IGNORECASE,
)


def extract_edema(document: Document) -> list[Fact]:
    """Each edema grade, a range read as both its grades."""
    if "edema" not in document.words.positions:
        return []
    text = document.text
    facts: list[Fact] = []
    for pattern, prefix in ((_BEFORE, "g"), (_AFTER, "h")):
        for match in pattern.finditer(text):
            if not document.is_free(match.start(), match.end()):
                continue
            document.claim(match.start(), match.end(), KIND)
            found = match.groupdict()
            grades = [_grade(match, prefix)]
            if found.get("low"):
                grades.insert(0, float(found["low"]))
            upper = found.get("upa") or found.get("upb")
            if upper:
                grades.append(float(upper))
            facts.extend(
                Fact(
                    kind=KIND,
                    key="",
                    start=match.start(),
                    end=match.end(),
                    text=match.group(),
                    attributes=(("value", Quantity(grade, None, 1 if grade == _TRACE else 0)),),
                )
                for grade in grades
            )
    return facts


def _grade(match: re.Match[str], prefix: str) -> float:
    written = match.group(f"{prefix}a") or match.group(f"{prefix}b")
    return float(written) if written else _TRACE
