"""From candidate identifiers to the de-identified copy: allow-list, people, surrogates.

Presidio's analyzer proposes spans (engine.py); this module drops any that would touch clinical
content, groups the names into people so each person keeps one tag through the note, carries a
found name to its other uses in the note (only where the word is used as a name), and has
Presidio's anonymizer write the copy.
"""

import re
import secrets
from collections import Counter
from collections.abc import Sequence
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from pydantic import BaseModel, ConfigDict

from app.domain.deidentify.dates import shift_date
from app.domain.deidentify.names import (
    CLINICIAN,
    CUED_SCORE,
    PATIENT,
    PERSON,
    RELATIVE,
    SPACY_RECOGNIZER,
)
from app.domain.deidentify.vocabulary import (
    clinical_spans,
    is_clinical,
    is_first_name,
    is_mixed_case,
    is_name_only,
    is_ordinary_word,
)

if TYPE_CHECKING:
    from presidio_anonymizer import AnonymizerEngine

_KINDS = {
    PATIENT: "patient",
    RELATIVE: "relative",
    CLINICIAN: "clinician",
    PERSON: "name",
    "DATE": "date",
    "AGE": "age",
    "PHONE": "phone",
    "ID": "id",
    "LOCATION": "place",
    "EMAIL_ADDRESS": "email",
    "URL": "url",
    "IP_ADDRESS": "ip",
    "US_SSN": "ssn",
}
_TOKENS = {
    "age": "[AGE 90+]",
    "phone": "[PHONE]",
    "id": "[ID]",
    "place": "[PLACE]",
    "email": "[EMAIL]",
    "url": "[URL]",
    "ip": "[IP]",
    "ssn": "[SSN]",
    "date": "[DATE]",
}
_NAME_KINDS = ("patient", "relative", "clinician", "name")
_ROLE_RANK = {"patient": 0, "relative": 1, "clinician": 2, "name": 3}
_TAG_PREFIX = {"patient": "PATIENT", "relative": "RELATIVE", "clinician": "CLINICIAN"}
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
_SHIFT_RANGE_DAYS = 365
_MIN_PROPAGATED = 3


class DateMethod(StrEnum):
    """What happens to dates: removed ("[DATE]"), or moved by one hidden offset per copy."""

    REMOVE = "remove"
    SHIFT = "shift"


class Replacement(NamedTuple):
    """An identifier that was replaced: its kind, its span in the original, what replaced it."""

    kind: str
    start: int
    end: int
    surrogate: str


class DeidentifiedText(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    replacements: list[Replacement]
    method: str
    """How the copy was made, to print with it (which never says the date offset)."""

    def counts(self) -> dict[str, int]:
        """How many identifiers of each kind were replaced (never the identifiers)."""
        return dict(sorted(Counter(item.kind for item in self.replacements).items()))


def describe(dates: DateMethod) -> str:
    """The method line a copy carries."""
    date_part = (
        "dates shifted by one undisclosed offset for this copy (intervals kept)"
        if dates is DateMethod.SHIFT
        else "dates replaced by [DATE]"
    )
    return (
        "De-identified by WardScribe (Presidio + philter-lite word lists): people replaced by "
        f"role tags, the same person keeping one tag; {date_part}; review before sharing."
    )


def deidentify(
    text: str,
    *,
    dates: DateMethod = DateMethod.REMOVE,
    shift_days: int | None = None,
    patient_names: Sequence[str] = (),
    identifiers: Sequence[str] = (),
) -> DeidentifiedText:
    """The text with every identifier found replaced by a tag or surrogate.

    With `dates=DateMethod.SHIFT` every date moves by `shift_days` (a random offset of up to a
    year back when not given; pass the same offset to keep several notes of one copy aligned).
    What the chart already knows is replaced wherever it stands: the words of `patient_names`
    as [PATIENT] (where they read as a name), and each of `identifiers` (the MRN, say) as [ID].
    """
    offset = shift_days if shift_days is not None else -(1 + secrets.randbelow(_SHIFT_RANGE_DAYS))
    found = _kept_spans(text) + _known(text, patient_names, identifiers)
    spans = _resolve_overlaps(found + _propagated_names(text, found))
    tags = _person_tags(text, spans)
    replacements = [
        Replacement(kind, start, end, _surrogate(text[start:end], kind, tags, dates, offset))
        for kind, start, end in spans
    ]
    return DeidentifiedText(
        text=_write(text, replacements), replacements=replacements, method=describe(dates)
    )


class _Candidate(NamedTuple):
    kind: str
    start: int
    end: int
    score: float


def _known(text: str, patient_names: Sequence[str], identifiers: Sequence[str]) -> list[_Candidate]:
    """The patient's name words and the chart's identifiers, wherever they stand."""
    mixed_case = is_mixed_case(text)
    found: list[_Candidate] = []
    for value in identifiers:
        if value.strip():
            pattern = re.compile(rf"(?<!\w){re.escape(value.strip())}(?!\w)", re.IGNORECASE)
            found += [_Candidate("id", *match.span(), 1.0) for match in pattern.finditer(text)]
    words = {
        word.lower()
        for name in patient_names
        for word in _NAME_WORD.findall(name)
        if not is_clinical(word)
    }
    for word in words:
        pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
        for match in pattern.finditer(text):
            written = match.group()
            if is_ordinary_word(written) and not (mixed_case and written[0].isupper()):
                continue
            found.append(_Candidate("patient", *match.span(), 1.0))
    return found


def _kept_spans(text: str) -> list[_Candidate]:
    """Presidio's candidates less any that touch clinical notation or are clinical words."""
    from app.domain.deidentify.engine import analyze

    protected = clinical_spans(text)
    kept: list[_Candidate] = []
    for result in analyze(text):
        kind = _KINDS.get(result.entity_type)
        if kind is None:
            continue
        start, end = result.start, result.end
        if (result.recognition_metadata or {}).get("recognizer_name") == SPACY_RECOGNIZER:
            start, end = _trim_to_name_words(text, start, end)
        if any(start < stop and begin < end for begin, stop in protected):
            continue
        words = _NAME_WORD.findall(text, start, end)
        if kind in _NAME_KINDS or kind == "place":
            if words and all(is_clinical(word) for word in words) and result.score < CUED_SCORE:
                continue
            if result.score < 0.9 and not any(is_name_only(word) for word in words):
                continue
        kept.append(_Candidate(kind, start, end, result.score))
    return kept


def _trim_to_name_words(text: str, start: int, end: int) -> tuple[int, int]:
    """spaCy's PERSON without the ordinary words it takes in ("dr okafor aware", "Await CXR");
    first names that are also words ("grace") stay in."""
    words = [
        word
        for word in _NAME_WORD.finditer(text, start, end)
        if is_first_name(word.group()) or not is_ordinary_word(word.group())
    ]
    if not words:
        return start, start
    return words[0].start(), words[-1].end()


def _propagated_names(text: str, spans: list[_Candidate]) -> list[_Candidate]:
    """Other uses of a found name's (or place's) words, only where the word reads as a name.

    A word that is only a name ("nicholson") is replaced wherever it recurs, in any case. A word
    that is also an ordinary word ("White", "Bill") is replaced only where it is capitalised in
    a note whose capitals mean something, so "white sputum" stays.
    """
    roles: dict[str, str] = {}
    for kind, start, end, _ in spans:
        if kind not in (*_NAME_KINDS, "place"):
            continue
        for word in _NAME_WORD.findall(text, start, end):
            lowered = word.lower()
            if len(lowered) < _MIN_PROPAGATED or is_clinical(lowered):
                continue
            current = roles.get(lowered)
            if current is None or _ROLE_RANK.get(kind, 4) < _ROLE_RANK.get(current, 4):
                roles[lowered] = kind
    if not roles:
        return []
    protected = clinical_spans(text)
    mixed_case = is_mixed_case(text)
    pattern = re.compile(
        r"\b(?:"
        + "|".join(re.escape(word) for word in sorted(roles, key=len, reverse=True))
        + r")\b",
        re.IGNORECASE,
    )
    found: list[_Candidate] = []
    for match in pattern.finditer(text):
        word = match.group()
        if any(match.start() < stop and begin < match.end() for begin, stop in protected):
            continue
        if is_ordinary_word(word) and not (mixed_case and word[0].isupper()):
            continue
        found.append(_Candidate(roles[word.lower()], match.start(), match.end(), 0.8))
    return found


def _resolve_overlaps(spans: list[_Candidate]) -> list[tuple[str, int, int]]:
    """One replacement per stretch of text: overlapping spans merge, the surest kind wins."""
    merged: list[tuple[str, int, int, float]] = []
    for kind, start, end, score in sorted(spans, key=lambda span: (span.start, -span.end)):
        if start >= end:
            continue
        if merged and start < merged[-1][2]:
            last_kind, last_start, last_end, last_score = merged[-1]
            better = kind if (score, _rank(kind)) > (last_score, _rank(last_kind)) else last_kind
            merged[-1] = (better, last_start, max(end, last_end), max(score, last_score))
            continue
        merged.append((kind, start, end, score))
    return [(kind, start, end) for kind, start, end, _ in merged]


def _rank(kind: str) -> int:
    return -_ROLE_RANK.get(kind, 4)


def _person_tags(text: str, spans: list[tuple[str, int, int]]) -> dict[str, str]:
    """A tag per name word: words of one person share it ("George Griffin", then "Griffin")."""
    people: list[tuple[str, set[str]]] = []
    for kind, start, end in spans:
        if kind not in _NAME_KINDS:
            continue
        words = {word.lower() for word in _NAME_WORD.findall(text, start, end)}
        for index, (role, known) in enumerate(people):
            if words & known:
                surer = kind if _ROLE_RANK[kind] < _ROLE_RANK[role] else role
                people[index] = (surer, known | words)
                break
        else:
            people.append((kind, words))
    numbers: Counter[str] = Counter()
    tags: dict[str, str] = {}
    for role, words in people:
        numbers[role] += 1
        prefix = _TAG_PREFIX.get(role, "NAME")
        if role == "patient":
            tag = "[PATIENT]" if numbers[role] == 1 else f"[PATIENT-{numbers[role]}]"
        else:
            tag = f"[{prefix}-{numbers[role]}]"
        for word in words:
            tags.setdefault(word, tag)
    return tags


def _surrogate(found: str, kind: str, tags: dict[str, str], dates: DateMethod, offset: int) -> str:
    if kind in _NAME_KINDS:
        words = _NAME_WORD.findall(found)
        role_only = f"[{_TAG_PREFIX.get(kind, 'NAME')}]"
        return next((tags[word.lower()] for word in words if word.lower() in tags), role_only)
    if kind == "date" and dates is DateMethod.SHIFT:
        return shift_date(found, offset) or "[DATE]"
    return _TOKENS[kind]


@cache
def _anonymizer() -> "AnonymizerEngine":
    from presidio_anonymizer import AnonymizerEngine

    engine: AnonymizerEngine = AnonymizerEngine()  # type: ignore[no-untyped-call]
    return engine


def _write(text: str, replacements: list[Replacement]) -> str:
    """Presidio's anonymizer writes the copy, each span replaced by its surrogate."""
    if not replacements:
        return text
    from presidio_anonymizer.entities import OperatorConfig
    from presidio_anonymizer.entities import RecognizerResult as Span

    spans = [
        Span(entity_type=f"S{index}", start=item.start, end=item.end, score=1.0)
        for index, item in enumerate(replacements)
    ]
    operators = {
        f"S{index}": OperatorConfig("replace", {"new_value": item.surrogate})
        for index, item in enumerate(replacements)
    }
    result = _anonymizer().anonymize(text=text, analyzer_results=spans, operators=operators)
    written: str = result.text
    return written
