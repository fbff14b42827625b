"""Code status: full code, DNR, DNI and comfort care, each read as its own statement.

"DNR/DNI" states two limits; "DNR only, not DNI" states one limit and rules out the other, so a
negated status is kept as "not dni" rather than dropped: a draft that says DNI then contradicts it.
"""

import re

from app.domain.factcheck.facts import Fact
from app.domain.factcheck.phrases import PhraseIndex
from app.domain.factcheck.spans import Document

KIND = "code_status"

_STATUSES = PhraseIndex(
    [
        ("full code", "full"),
        ("code status full", "full"),
        ("full resuscitation", "full"),
        ("do not resuscitate", "dnr"),
        ("no code", "dnr"),
        ("allow natural death", "dnr"),
        ("do not intubate", "dni"),
        ("comfort care", "comfort"),
        ("comfort measures", "comfort"),
        ("comfort measures only", "comfort"),
    ],
    exact=[("DNR", "dnr"), ("DNAR", "dnr"), ("DNI", "dni"), ("CMO", "comfort")],
)
_NEGATION = re.compile(r"\b(?:not|no\s+longer|isn't|non)[\s-]*\Z", re.IGNORECASE)
_NEGATION_LOOKBEHIND = 14


def extract_code_status(document: Document) -> list[Fact]:
    text = document.text
    facts = []
    for match in _STATUSES.find_all(document.words):
        if not document.is_free(match.start, match.end):
            continue
        status = match.meaning
        before = text[max(0, match.start - _NEGATION_LOOKBEHIND) : match.start]
        if _NEGATION.search(before):
            status = f"not {status}"
        document.claim(match.start, match.end, KIND)
        facts.append(
            Fact(
                kind=KIND,
                key="",
                start=match.start,
                end=match.end,
                text=text[match.start : match.end],
                attributes=(("status", status),),
            )
        )
    return facts
