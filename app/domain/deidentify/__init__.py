"""Remove HIPAA Safe Harbor identifiers from note text, replacing each with a bracketed token.

Pattern-based and deliberately simple to audit: it catches names introduced by a title, a
relation, "Pt"/"Patient", a "Name:" label or a signature with credentials (and every later use
of a name so found), dates more specific than the year (the year is kept, except in a date of
birth), ages over 89, record and account numbers, phone and fax numbers, e-mail and web
addresses, IP addresses, Social Security numbers, street addresses, and city and ZIP code. It
does not catch a bare name in free prose ("spoke with Maria about discharge"), identifiers it
has no pattern for, or identifying details in context ("the mayor's wife"). A person reviews
the output before it leaves the hospital.
"""

import re
from collections.abc import Iterator
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict

from app.domain.factcheck.extract.clock import extract_dates
from app.domain.factcheck.facts import CalendarDate
from app.domain.factcheck.phrases import word_set
from app.domain.factcheck.spans import Document


class Replacement(NamedTuple):
    """An identifier that was replaced: its kind and its span in the original text."""

    kind: str
    start: int
    end: int


class DeidentifiedText(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    replacements: list[Replacement]


TOKENS = {
    "name": "[NAME]",
    "date": "[DATE]",
    "age": "[AGE 90+]",
    "mrn": "[MRN]",
    "account": "[ACCOUNT]",
    "id": "[ID]",
    "phone": "[PHONE]",
    "fax": "[FAX]",
    "email": "[EMAIL]",
    "url": "[URL]",
    "ip": "[IP]",
    "ssn": "[SSN]",
    "address": "[ADDRESS]",
    "city": "[CITY]",
    "zip": "[ZIP]",
}

_NAME_WORD = r"[A-Z][a-zA-Z'’-]+"
_INITIAL = r"[A-Z]\."
_FULL_NAME = rf"(?:{_INITIAL}\s*)?{_NAME_WORD}(?:\s+(?:{_INITIAL}\s*)?{_NAME_WORD}){{0,2}}"
_CREDENTIALS = r"RN|LPN|LVN|MD|DO|NP|PA-C|PA|CNA|BSN|MSN|APRN|CRNA|RRT|RT|PT|OT|SLP|PharmD|DNP|CNS"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]", re.IGNORECASE)
_IPV4 = re.compile(
    r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?!\d|\.\d)"
)
_IPV6 = re.compile(r"\b(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}\b")
_SSN = re.compile(
    r"\b\d{3}-\d{2}-\d{4}\b|(?<=\bSSN)(?:\s*[:#]?\s*)\d{9}\b|(?<=\bSSN:)\s*\d{9}\b",
    re.IGNORECASE,
)
_PHONE = re.compile(
    r"(?<![\w-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s*|\d{3}[\s.-])\d{3}[\s.-]\d{4}"
    r"(?:\s*(?:x|ext\.?)\s*\d{1,5})?(?![\w-])",
    re.IGNORECASE,
)
_FAX_BEFORE = re.compile(r"\bfax\b[^\n]{0,12}\Z", re.IGNORECASE)
_RECORD_NUMBER = re.compile(
    r"\b(?P<label>MRN|MR\s*#|medical\s+record(?:\s+(?:number|no\.?|#))?"
    r"|(?P<account>acct|account|FIN|CSN|HAR|encounter|visit|billing)(?:\s+(?:number|no\.?|#))?"
    r"|(?P<other>member\s+ID|member|policy|insurance\s+ID|health\s+plan(?:\s+ID)?|beneficiary"
    r"|subscriber|license|DL|certificate|serial|device\s+ID|VIN|plate|badge)"
    r"(?:\s+(?:number|no\.?|#))?)"
    r"\s*(?:[:#]|is|=)?\s*(?P<value>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,})\b",
    re.IGNORECASE,
)
_LONG_NUMBER = re.compile(r"(?<![\w.,/-])\d{7,}(?![\w.,/-])")
_AGE = re.compile(
    r"\b(?P<age>9\d|1[0-2]\d)(?=\s*(?:-|\s)?\s*(?:y/?o\b|yo\b|yrs?\b|years?\b|year-old|M\b|F\b))"
    r"|(?<=\bage\s)(?P<age2>9\d|1[0-2]\d)\b|(?<=\baged\s)(?P<age3>9\d|1[0-2]\d)\b",
    re.IGNORECASE,
)
_STREET_SUFFIX = (
    r"Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|"
    r"Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Trail|Trl|Square|Sq"
)
_STREET = re.compile(
    rf"\b\d{{1,6}}\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z]+\.?\s+){{1,4}}(?:{_STREET_SUFFIX})\b\.?"
    r"(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|#)\.?\s*[\w-]+)?"
    r"|\bP\.?\s?O\.?\s+Box\s+\d+\b",
)
_CITY_STATE_ZIP = re.compile(
    r"\b(?P<city>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}),\s*(?P<state>[A-Z]{2})\s+"
    r"(?P<zip>\d{5}(?:-\d{4})?)\b"
)
_ZIP_LABEL = re.compile(r"\b(?:zip(?:\s*code)?)\s*:?\s*(?P<zip>\d{5}(?:-\d{4})?)\b", re.IGNORECASE)
_TITLED_NAME = re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+(?P<name>{_FULL_NAME})")
_PATIENT_NAME = re.compile(rf"\b(?:Pt|Patient|pt)\.?\s+(?P<name>{_FULL_NAME})")
_LABELLED_NAME = re.compile(
    rf"\b(?:name|patient|pt|signed(?:\s+by)?|electronically\s+signed(?:\s+by)?|"
    rf"attending|PCP|contact|emergency\s+contact|NOK|caregiver|guardian|POA|HCP)\s*:\s*"
    rf"(?P<name>{_FULL_NAME})",
    re.IGNORECASE,
)
_RELATION_NAME = re.compile(
    r"\b(?:wife|husband|spouse|partner|son|daughter|mother|father|mom|dad|sister|brother|"
    r"friend|niece|nephew|grandson|granddaughter|grandmother|grandfather|aunt|uncle|cousin|"
    r"caregiver|guardian|neighbor|roommate)\s*,?\s*(?:named\s+)?\(?"
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD})?)",
)
_SIGNED_NAME = re.compile(
    rf"(?P<name>(?:{_INITIAL}\s*)?{_NAME_WORD}(?:\s+(?:{_INITIAL}\s*)?{_NAME_WORD}){{0,2}})"
    rf",?\s+(?:{_CREDENTIALS})\b"
)
_DATE_OF_BIRTH_BEFORE = re.compile(r"\b(?:DOB|date\s+of\s+birth|born)\s*:?\s*\Z", re.IGNORECASE)
_YEAR_AT_END = re.compile(r"(?:[/-]|,?\s+)(?:19|20)?\d{2}\Z")
_YEAR_AT_START = re.compile(r"\A(?:19|20)\d{2}-")

_NOT_NAMES = word_set(
    "a an the and or of to in on at by for with from is was has had be been are were",
    "alert awake oriented resting sleeping denies reports reported states stated tolerated",
    "tolerating ambulated ambulating received given refused admitted transferred discharged",
    "education care safety up out home here now today tonight this that seen sent called",
    "noted found placed assisted assist independent stable unchanged improved declined agrees",
    "verbalized understands report denied lying sitting standing walking eating voiding",
    "afebrile febrile pain nausea vomiting dizzy lethargic confused calm anxious agitated",
    "pleasant cooperative family wife husband son daughter mother father md rn np pa",
    "aware updated notified paged ok will would should can may might also still again",
    "a&ox4 a&ox3 full code dnr dni nkda allergies vs bp hr rr temp spo2",
)
_SEARCH_REACH = 14
_NAME_WORDS = re.compile(_NAME_WORD)
_WORDS = re.compile(r"\S+")


def deidentify(text: str) -> DeidentifiedText:
    """The text with every identifier found replaced by a token such as [NAME] or [DATE]."""
    found = _resolve_overlaps(_candidates(text))
    pieces: list[str] = []
    position = 0
    for replacement in found:
        pieces.append(text[position : replacement.start])
        pieces.append(TOKENS[replacement.kind])
        position = replacement.end
    pieces.append(text[position:])
    return DeidentifiedText(text="".join(pieces), replacements=found)


def _candidates(text: str) -> Iterator[Replacement]:
    yield from (Replacement("email", m.start(), m.end()) for m in _EMAIL.finditer(text))
    yield from (Replacement("url", m.start(), m.end()) for m in _URL.finditer(text))
    for pattern in (_IPV4, _IPV6):
        yield from (Replacement("ip", m.start(), m.end()) for m in pattern.finditer(text))
    yield from (Replacement("ssn", m.start(), m.end()) for m in _SSN.finditer(text))
    for match in _PHONE.finditer(text):
        before = text[max(0, match.start() - _SEARCH_REACH) : match.start()]
        kind = "fax" if _FAX_BEFORE.search(before) else "phone"
        yield Replacement(kind, match.start(), match.end())
    for match in _RECORD_NUMBER.finditer(text):
        kind = "account" if match.group("account") else "id" if match.group("other") else "mrn"
        yield Replacement(kind, match.start("value"), match.end("value"))
    yield from (Replacement("id", m.start(), m.end()) for m in _LONG_NUMBER.finditer(text))
    for match in _AGE.finditer(text):
        group = next(name for name in ("age", "age2", "age3") if match.group(name))
        yield Replacement("age", match.start(group), match.end(group))
    yield from (Replacement("address", m.start(), m.end()) for m in _STREET.finditer(text))
    for match in _CITY_STATE_ZIP.finditer(text):
        yield Replacement("city", match.start("city"), match.end("city"))
        yield Replacement("zip", match.start("zip"), match.end("zip"))
    for match in _ZIP_LABEL.finditer(text):
        yield Replacement("zip", match.start("zip"), match.end("zip"))
    yield from _dates(text)
    yield from _names(text)


def _dates(text: str) -> Iterator[Replacement]:
    """Dates without their year; a date of birth goes whole, since its year reveals the age."""
    for fact in extract_dates(Document(text)):
        before = text[max(0, fact.start - _SEARCH_REACH) : fact.start]
        written_year = any(
            isinstance(date, CalendarDate) and date.year for date in fact.values("date")
        )
        if not written_year or _DATE_OF_BIRTH_BEFORE.search(before):
            yield Replacement("date", fact.start, fact.end)
            continue
        year_first = _YEAR_AT_START.match(fact.text)
        if year_first:
            yield Replacement("date", fact.start + year_first.end(), fact.end)
            continue
        year_last = _YEAR_AT_END.search(fact.text)
        end = fact.start + year_last.start() if year_last else fact.end
        yield Replacement("date", fact.start, end)


def _names(text: str) -> Iterator[Replacement]:
    """Names introduced by a title, label, relation or signature, then every other use of them."""
    spans: list[tuple[int, int]] = []
    for pattern in (_TITLED_NAME, _PATIENT_NAME, _LABELLED_NAME, _RELATION_NAME, _SIGNED_NAME):
        for match in pattern.finditer(text):
            start, end = _trim_to_name(text, match.start("name"), match.end("name"))
            if start < end:
                spans.append((start, end))
    words = {
        word
        for start, end in spans
        for word in _NAME_WORDS.findall(text, start, end)
        if len(word) > 2
    }
    yield from (Replacement("name", start, end) for start, end in spans)
    if words:
        alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
        found_names = re.compile(rf"\b(?:{alternatives})\b")
        yield from (Replacement("name", m.start(), m.end()) for m in found_names.finditer(text))


def _trim_to_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading and trailing words that are ordinary words, not parts of a name."""
    words = list(_WORDS.finditer(text, start, end))
    while words and words[0].group().strip(".,").lower() in _NOT_NAMES:
        words.pop(0)
    while words and words[-1].group().strip(".,").lower() in _NOT_NAMES:
        words.pop()
    if not words:
        return start, start
    return words[0].start(), words[-1].end()


def _resolve_overlaps(candidates: Iterator[Replacement]) -> list[Replacement]:
    """Keep the earliest, then longest, of overlapping replacements."""
    kept: list[Replacement] = []
    for candidate in sorted(candidates, key=lambda item: (item.start, item.start - item.end)):
        if candidate.start >= candidate.end:
            continue
        if kept and candidate.start < kept[-1].end:
            continue
        kept.append(candidate)
    return kept
