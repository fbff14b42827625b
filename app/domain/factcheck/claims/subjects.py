"""A description the notes give one subject, told of another.

"The patient's diet was unchanged, cont. with duoderm intact on coccyx" where the notes say
"SKIN- UNCHANGED, CONT. WITH DUODERM INTACT ON COCCYX"; "The patient's diet is very cloudy
mid-day" for "Urine noted to be very cloudy mid-day"; "The patient's heart rate is stable at
130-140/70-80's" for "Blood pressure stable at 130-140/70-80's". A small model fills its
template ("The patient's X is Y") with a passage of the notes and a subject from elsewhere:
every word is the notes', so word overlap passes it; what the passage is about is wrong.

What a sentence is about is read from the words that name a subject or head a note's line
(`resources/lexicon/subjects.tsv`: "GU", "foley" and "u/o" are the urine; "CV" is both the heart
rate and the blood pressure). A sentence of the template is judged where its description is
clearly one passage of the notes (two content words or more, most of them in one sentence of
the notes), the subject names one of the lexicon's subjects, and every sentence of the notes
that holds the description is about others only: read from the sentence, or from its line
where the sentence names no subject. A passage about nothing the lexicon names is left alone.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from app.domain.factcheck.claims.notes import SourceNotes, holds_any, line_holding
from app.domain.factcheck.lexicon import read_lexicon_file
from app.paths import resources_dir

_TEMPLATE = re.compile(
    r"^(?:the\s+)?(?:patient|pt)['’]s\s+(?P<subject>[a-z][a-z /&-]{1,40}?)\s+"
    r"(?:is|are|was|were|has\s+been|have\s+been|remains|remained)\s+(?P<description>.+)$",
    re.IGNORECASE,
)
"""The model's template, "The patient's X is Y": a subject and what is said of it."""
_WHOLE_SYSTEM = re.compile(
    r"\b(?:status|system|systems|exam|examination|assessment|review|neuro|neurological|resp"
    r"|respiratory|cv|cardiac|cardiovascular|gi|gastrointestinal|gu|genitourinary)\b",
    re.IGNORECASE,
)
"""A subject that is a whole body system or its review ("neurological status", "GI"): a
note's line under a system's heading may say anything, so what it holds is never moved."""
_HOURS_BEFORE = re.compile(r"(?:\d|\bq)\s*$")
_NUMBER_AFTER = re.compile(r"\s*[\d<>~]")
"""A number or "q" before "hr" and none after it make it hours ("q 1-2 HR", "for 5 hr."), not
a heart rate ("BP 120/70 HR 80s")."""
_MIN_DESCRIPTION_TERMS = 2
_SHARE = 0.6
"""The share of the description's content terms one sentence of the notes must hold for the
description to be that sentence's."""


@dataclass(frozen=True, slots=True)
class _Subjects:
    pattern: re.Pattern[str]
    """Every word or phrase of the lexicon, longest first, as whole words of lower-case text."""
    named: Mapping[str, frozenset[str]]
    """The subjects each word or phrase names."""


def moved_description(sentence: str, notes: SourceNotes) -> str | None:
    """A description the sentence gives its subject that the notes give only other subjects."""
    claim = _claim(sentence, notes)
    if claim is None:
        return None
    written, subject, description = claim
    wanted = max(_SHARE * len(description), _MIN_DESCRIPTION_TERMS)
    holders = [
        index
        for index, terms in enumerate(notes.sentence_terms)
        if len(terms & description) >= wanted
    ]
    about = [_about(notes, index) for index in holders]
    if not holders or any(not others or others & subject for others in about):
        return None
    start, end = notes.spans[holders[0]]
    said = " ".join(notes.text[start:end].split())
    return (
        f"Not found in the notes: the notes say “{said}” of "
        f"{' or '.join(sorted(about[0]))}, not of the {written}."
    )


def _claim(sentence: str, notes: SourceNotes) -> tuple[str, frozenset[str], set[str]] | None:
    """The subject of a sentence of the template as written, the subjects it names, and the
    content terms of its description; None for another sentence, a whole system, a subject
    the lexicon does not name, or a description too short to find in the notes."""
    if not holds_any(sentence, ("'s ", "’s ")):
        return None
    match = _TEMPLATE.match(sentence.strip())
    if match is None or _WHOLE_SYSTEM.search(match["subject"]):
        return None
    subject = _named(match["subject"])
    description = notes.terms(match["description"]) - notes.terms(match["subject"])
    if not subject or len(description) < _MIN_DESCRIPTION_TERMS:
        return None
    return " ".join(match["subject"].split()), subject, description


def _about(notes: SourceNotes, index: int) -> frozenset[str]:
    """The subjects a sentence of the notes is about: those it names, or, naming none, those
    its line names (a note heads a line with its system: "GU: CLEAR YELLOW URINE")."""
    start, end = notes.spans[index]
    named = _named(notes.text[start:end])
    if named:
        return named
    return _named(line_holding(notes.text, start, end))


def _named(text: str) -> frozenset[str]:
    """The subjects the words of a text name."""
    subjects = _subjects()
    found: set[str] = set()
    lowered = text.lower()
    for match in subjects.pattern.finditer(lowered):
        if (
            match[0] == "hr"
            and _HOURS_BEFORE.search(lowered, 0, match.start())
            and not _NUMBER_AFTER.match(lowered, match.end())
        ):
            continue
        found |= subjects.named[match[0]]
    return frozenset(found)


@cache
def _subjects() -> _Subjects:
    named: dict[str, set[str]] = {}
    for subject, words in read_lexicon_file(resources_dir() / "lexicon" / "subjects.tsv"):
        for word in words:
            named.setdefault(word.lower(), set()).add(subject)
    alternatives = "|".join(map(re.escape, sorted(named, key=len, reverse=True)))
    return _Subjects(
        re.compile(rf"(?<![a-z0-9/&'])(?:{alternatives})(?![a-z0-9/&'])"),
        {word: frozenset(found) for word, found in named.items()},
    )
