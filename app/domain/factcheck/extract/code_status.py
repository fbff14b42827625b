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
_LABELLED_FULL = re.compile(r"code(?:\s+status)?\s*[:=-]\s*full\b(?:\s+code\b)?", re.IGNORECASE)
"""A label such as "CODE: Full", where "full" alone is the status."""
_NEGATION = re.compile(r"\b(?:not|no\s+longer|isn't|non)[\s-]*\Z", re.IGNORECASE)
_NEGATION_LOOKBEHIND = 14


def extract_code_status(document: Document) -> list[Fact]:
    text = document.text
    facts = []
    labelled_full = [
        (match.start(), match.end(), "full")
        for index in document.tokens_where({"code"})
        if (match := _LABELLED_FULL.match(text, document.tokens[index].start))
    ]
    phrases = [
        (match.start, match.end, match.meaning) for match in _STATUSES.find_all(document.words)
    ]
    for start, end, meaning in sorted(labelled_full + phrases):
        if not document.is_free(start, end):
            continue
        status = meaning
        before = text[max(0, start - _NEGATION_LOOKBEHIND) : start]
        if _NEGATION.search(before):
            status = f"not {status}"
        document.claim(start, end, KIND)
        facts.append(
            Fact(
                kind=KIND,
                key="",
                start=start,
                end=end,
                text=text[start:end],
                attributes=(("status", status),),
            )
        )
    return facts
