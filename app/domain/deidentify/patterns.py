"""Identifiers with a shape: dates, phones and pagers, ages over 89, record numbers, places.

Each pattern is written for how nurses write, not for a form: "8/28" and "6-19-19" are dates,
"410 202-6694" and "PG 33445" are a phone and a pager, "98 yo" is an age over 89, "lives in
Towson" and "transferred to GH" name places. Clinical notation that looks like a date ("1/2 ns",
"PS 10/5/40%", "BP 120/80") is removed by the clinical allow-list before anything is replaced.

The date, pager, place-cue, movement-cue and institution patterns are written in lower case and
read in the folded note (vocabulary.folded), which runs up to three times faster than
re.IGNORECASE; what they find is judged in the note itself, at the same offsets.
"""

import re
from collections.abc import Iterator
from typing import NamedTuple

from app.domain.deidentify.gazetteer import listed_places
from app.domain.deidentify.vocabulary import (
    ASCII_LOWER,
    US_STATE_CODES,
    US_STATES,
    folded,
    is_clinical,
    is_dictionary_word,
    is_first_name,
    is_known_name,
    is_mixed_case,
    word_set,
)

DATE = "DATE"
AGE = "AGE"
PHONE = "PHONE"
ID = "ID"
LOCATION = "LOCATION"
URL = "URL"

_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_FULL_MONTH = r"january|february|march|april|june|july|august|september|october|november|december"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_NUMERIC_MONTH = r"(?:0?[1-9]|1[0-2])"
_DATE_PATTERNS = (
    re.compile(
        rf"(?<![\d/.+'])(?<!\d:)(?:{_NUMERIC_MONTH}/{_DAY}(?:/(?:\d{{4}}|\d{{2}}))?"
        rf"|{_NUMERIC_MONTH}/(?:3[2-9]|[4-9]\d)"
        rf"|{_NUMERIC_MONTH}-{_DAY}-(?:\d{{4}}|\d{{2}})|\d{{4}}-\d{{2}}-\d{{2}})"
        r"(?![\d/%]|\.\d|[ \t]*(?:mg|mcg|ml|cc|%|mmhg))",
    ),
    re.compile(
        rf"\b(?:{_MONTH})\.?[ \t]+{_DAY}(?:st|nd|rd|th)?\b(?:,?[ \t]+(?:\d{{4}}|'\d{{2}}))?",
    ),
    re.compile(
        rf"\b{_DAY}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?:{_MONTH})\b\.?(?:,?[ \t]+'?\d{{2,4}}\b)?"
        r"(?![ \t]+(?:from|to|by)[ \t]+\d)",
    ),
    re.compile(
        r"\bthe[ \t]+(?:[12]?\d|3[01])(?:st|nd|rd|th)\b"
        r"(?![ \t]+(?!(?:of|at|in|on|and|or|to|for|from|when|until|with|by|am|pm|as|after"
        r"|before|is|was|will|but|so|then)\b)[A-Za-z])",
    ),
    re.compile(
        rf"\b(?:on|since|until|till)[ \t](?P<date>{_NUMERIC_MONTH}-{_DAY})(?![\d/%.-]\d)"
        r"(?=[ \t]*(?:[.,;:)\n]|$)|[ \t]+(?:for|and|when|to|at|with|after|before|in|by|but)\b)",
        re.MULTILINE,
    ),
    re.compile(r"(?<![\w.,/-])0[1-9](?:0[1-9]|[12]\d|3[01])\d{2}(?![\w.,/-])"),
    re.compile(r"(?<=\bin[ \t])(?:sept?|jan|feb|apr|aug|oct|nov|dec)\b\.?"),
    re.compile(rf"\b(?:{_FULL_MONTH})\b"),
    re.compile(r"(?<![\w'])'\d{2}\b|(?<=\bin[ \t])\d{2}'(?=[ \t\n,.])"),
)
_PHONE = re.compile(
    r"(?<![\d/.])(?:\(?\d{3}\)?[ \t.-]{0,2})?\d{3}[ \t.-]{1,2}\d{2}(?!00)\d{2}(?![\d/])"
    r"(?![ \t]*[aApP]\.?[mM]\b)"
    r"(?![ \t]*(?:mg|mcg|ml|cc|units?|u/hr|mls?)\b)"
    r"|(?<![\d/.])\d{3}[ \t]?\d{3}-\d{4}(?!\d)"
    r"|(?<![\d/.])\d{3}[ \t]+\d{7}(?!\d)",
)
_PAGER = re.compile(
    r"\b(?:pager|pgr|pg|beeper|beep|page|paged|cell(?:ular)?|phone|tel|home|work)"
    r"[ \t]*(?:number|no\.?)?[ \t]*[:#=-]{0,2}[ \t]*#?[ \t]*(?:is[ \t]+)?(?P<number>\d{4,7})\b",
)
_AREA_CODE = re.compile(
    r"\b(?:cell(?:ular)?|phone|home|work|tel)[ \t]*[-:#]?[ \t]*"
    r"(?P<number>\d{3})(?=[ \t]+\d{3}-\d{4})",
)
_AGE = re.compile(
    r"\b(?P<age>9\d|1[01]\d)[ \t]*(?:-[ \t]*)?(?=(?:yo|y/o|y\.o\.|yrs?|years?|year-old|yr-old)\b)"
    r"|(?:^|(?<=[\n.]))[ \t]*(?P<lead>9\d|1[01]\d)(?=[ \t]+(?:s/p|gentleman|man|woman|lady|m|f"
    r"|male|female)\b)"
    r"|\bage[ \t]*:?[ \t]*(?P<labelled>9\d|1[01]\d)\b",
    re.IGNORECASE | re.MULTILINE,
)
_RECORD = re.compile(
    r"\b(?:mrn|mr#|med(?:ical)?[ \t]+rec(?:ord)?(?:[ \t]+(?:no|number|#))?|unit[ \t]+(?:no|#)"
    r"|acct|account|insurance|policy|member|license|encounter|fin)"
    r"[ \t]*(?:number|no\.?|#)?[ \t]*[:#=]?[ \t]*(?P<value>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,})",
    re.IGNORECASE,
)
_STREET_SUFFIX = (
    r"Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|"
    r"Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Trail|Trl|Square|Sq"
)
_STREET = re.compile(
    rf"\b\d{{1,6}}[ \t]+(?:[NSEW]\.?[ \t]+)?(?:[A-Z][a-z]+\.?[ \t]+){{1,4}}"
    rf"(?:{_STREET_SUFFIX})\b\.?"
    r"(?:,?[ \t]*(?:Apt|Apartment|Unit|Suite|Ste|#)\.?[ \t]*[\w-]+)?"
    r"|\bP\.?[ \t]?O\.?[ \t]+Box[ \t]+\d+\b",
)
_STREET_ANY_CASE = re.compile(
    r"\b\d{1,6}[ \t]+(?P<words>(?:[A-Za-z][A-Za-z'-]+[ \t]+){1,3})"
    r"(?:street|avenue|ave|road|rd|boulevard|blvd|lane|ln|terrace|parkway|pkwy|highway|hwy)\b\.?"
    r"(?:,?[ \t]*(?:apt|apartment|suite|ste|\#)\.?[ \t]*\d[\w-]*)?",
    re.IGNORECASE,
)
"""A street address in capitals or lower case ("42 KETTERING RD"), with only the suffixes
that are no clinical shorthand ("St" is also sinus tachycardia, "Dr" a doctor)."""
_STOP_IN_STREET = word_set("a an and the of to on in at for with by from per via was is then")
_CITY_STATE_ZIP = re.compile(
    r"\b(?P<city>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2}),[ \t]*(?P<state>[A-Z]{2})[ \t]+"
    r"(?P<zip>\d{5}(?:-\d{4})?)\b"
)
_ZIP_AFTER_STATE = re.compile(
    r",[ \t]*(?P<state>[A-Za-z]{2})\.?[ \t]+(?P<zip>\d{5}(?:-\d{4})?)\b(?![.,/]\d)"
)
"""A ZIP code after a state's code, in any case ("DUNMORE, PA 18512")."""
_ZIP_LABEL = re.compile(
    r"\bzip(?:[ \t]*code)?[ \t]*:?[ \t]*(?P<zip>\d{5}(?:-\d{4})?)\b", re.IGNORECASE
)
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]", re.IGNORECASE)
_LONG_NUMBER = re.compile(r"(?<![\w.,/-])\d{7,}(?![\w.,/-])")
_PLACE_CUE = re.compile(
    r"\b(?:lives|living|resides|residing|reside|live|home|moved|moving|raised|born|vacation"
    r"|vacationing|visiting|flying|flown|drove|driving|works?|worked|employed)"
    r"(?:[ \t]+(?:back|alone|with[ \t]+\w+|here|up|down|in[ \t]+from))?"
    r"[ \t]+(?:in|from|to|at|near|for|by)"
    r"[ \t]+(?P<place>[A-Za-z][A-Za-z'-]+\b(?:[ \t]+[A-Za-z][A-Za-z'-]+\b){0,2})",
)
_MOVE_CUE = re.compile(
    r"\b(?:(?P<verb>transferred|transfer|transfered|xfer(?:red)?|tx(?:'d)?|admitted|admit|adm"
    r"|flighted|flown|sent|taken|arrived|returned|discharged|brought|presented|hospitalized"
    r"|followed|seen|treated|came|went|go|going|c/o|call(?:ed)?[ \t]+out)"
    r"[ \t]+(?:(?:back|here|over|directly|initially|originally|previously)[ \t]+)?"
    r"(?:to|from|at|in|into|by|@)|(?<![\w/])(?:to|from|at|in|into|@))"
    r"[ \t]+(?:the[ \t]+)?(?:(?P<room>\d{1,4})[ \t]+)?"
    r"(?=(?P<place>\b[A-Za-z][A-Za-z'-]*\b(?:[ \t]+[A-Za-z][A-Za-z'-]*\b){0,3}))",
)
_HOSPITAL_ABBREVIATION = re.compile(r"^[A-Za-z]{0,3}(?:h|mc|hc)$", re.IGNORECASE)
"""Hospitals are written as initials ending in H, MC or HC ("GH", "UMMC")."""
_INSTITUTION_WORD = re.compile(
    r"^(?:hospital|hosp|medical|med|memorial|clinic|center|centre|ctr|health|healthcare"
    r"|nursing|rehab|rehabilitation|university|univ|infirmary|va|vamc|er|ed|icu|ccu|home"
    r"|manor|village|house|institute|general)$",
    re.IGNORECASE,
)
_SAINT = re.compile(
    r"\b(?:(?P<saint>st\.?|saint)|(?P<devout>sacred|holy)|(?P<good>good)|mount|mt\.?)[ \t]+"
    r"(?P<name>[A-Za-z][A-Za-z'-]+)(?:[ \t]+(?P<more>[A-Za-z][A-Za-z'-]+))?",
    re.IGNORECASE,
)
_SAMARITAN = frozenset(["sam", "samaritan", "sam's"])
"""Good Samaritan, the name of many hospitals, and how nurses shorten it ("from Good Sam")."""
_STOP_AFTER_HOLY = word_set("the a an and of to in for communion water spirit bible")
_WORD = re.compile(r"\b[A-Za-z][A-Za-z']*(?:-[A-Za-z]+)?\b")
_UNIT_NUMBER = re.compile(r"[ \t]*\d{1,2}\b(?![./]\d)")
_FLOOR_NUMBER = re.compile(r"[ \t]+\d{1,2}(?:/\d{1,2})?\b(?![.]\d|/\d)")
"""A ward's floor after its name, or a choice of two ("quartermain 2/3")."""
_RUN_TOGETHER_SUFFIX = re.compile(
    r"(?:building|bldg|hospital|center|centre|clinic|pavilion|hall)\b"
)
_WORD_START = re.compile(r"[A-Za-z]{4,}\Z")
"""A building or hospital written as one word with its name ("QuartermainBuilding",
"WESTLAKEHALL"): found by its ending, then read back to the word's start."""
_ABBREVIATED_SAINT = re.compile(r"\bSt\.?[ \t]+[A-Z](?=\.)")
_PLACE_WORD_BEFORE = re.compile(r"(?:@|\b(?:at|to|from|in))[ \t]+\Z", re.IGNORECASE)
"""A saint's hospital shortened to its initial ("a bed @ St A."); written "St" with its capital,
since "ST" in a note in capitals is also sinus tachycardia."""


class Found(NamedTuple):
    """An identifier's kind and its span in the text."""

    kind: str
    start: int
    end: int


def shaped_identifiers(text: str) -> Iterator[Found]:
    """Dates, phones, pagers, ages over 89, record numbers and places found in the text."""
    lowered = folded(text)
    for pattern in _DATE_PATTERNS:
        group = "date" if "date" in pattern.groupindex else 0
        yield from (Found(DATE, *match.span(group)) for match in pattern.finditer(lowered))
    yield from (Found(PHONE, *match.span()) for match in _PHONE.finditer(text))
    for pattern in (_PAGER, _AREA_CODE):
        yield from (Found(PHONE, *match.span("number")) for match in pattern.finditer(lowered))
    for match in _AGE.finditer(text):
        group = next(name for name in ("age", "lead", "labelled") if match.group(name))
        yield Found(AGE, *match.span(group))
    yield from (Found(ID, *match.span("value")) for match in _RECORD.finditer(text))
    yield from (Found(ID, *match.span()) for match in _LONG_NUMBER.finditer(text))
    yield from (Found(URL, *match.span()) for match in _URL.finditer(text))
    yield from (Found(LOCATION, *match.span()) for match in _STREET.finditer(text))
    for match in _STREET_ANY_CASE.finditer(text):
        if not any(
            is_clinical(word) or word.lower() in _STOP_IN_STREET for word in match["words"].split()
        ):
            yield Found(LOCATION, *match.span())
    for match in _CITY_STATE_ZIP.finditer(text):
        yield Found(LOCATION, *match.span("city"))
        yield Found(LOCATION, *match.span("zip"))
    yield from (Found(LOCATION, *match.span("zip")) for match in _ZIP_LABEL.finditer(text))
    for match in _ZIP_AFTER_STATE.finditer(text):
        if match["state"].upper() in US_STATE_CODES:
            yield Found(LOCATION, *match.span("zip"))
    yield from _places(text)


_BEFORE_INSTITUTION = re.compile(
    r"\b(?P<kind>hosp(?:ital)?s?|regional|memorial|medical[ \t]+cent(?:er|re)|med[ \t]+ctr|campus"
    r"|healthcare|health[ \t]+system|hospice|nursing[ \t]+home|heart[ \t]+center|rehab|va|vamc"
    r"|clinic|infirmary|adventist|general)\b",
)
_VERB_FORM = re.compile(r"(?:ing|ed)$")
_UNIT_NAME = re.compile(r"^[a-z]{0,4}(?:icu|cu)$", re.IGNORECASE)
"""Intensive and coronary care units ("NSICU", "CVICU", "CCU"): wards of any hospital."""
_SOMEONES_HOME = re.compile(
    r"\b(?:at|to|from|in|near)[ \t]+"
    r"(?P<owner>(?:[A-Za-z][A-Za-z-]*[ \t]+){0,2}[A-Za-z][A-Za-z-]*)['’]s[ \t]+"
    r"(?:house|home|place|apartment|apt|farm|condo)\b",
    re.IGNORECASE,
)
"""Where someone lives, named by its owner ("at seymour black's house")."""
_NOT_AN_OWNER = word_set(
    "son daughter wife husband mother mom father dad brother sister friend friends niece nephew",
    "aunt uncle cousin grandson granddaughter grandmother grandfather neighbor neighbour",
    "boyfriend girlfriend partner family parents pt patient his her their someone one",
    "children kids child sons daughters brothers sisters",
)
_LAST_WORDS = re.compile(r"(?:\b[A-Za-z][A-Za-z'-]*[ \t]+){1,3}\Z")
_LOOK_BACK = 60
_GENERIC_BEFORE_INSTITUTION = word_set(
    "outside other local community same previous another the a an this that his her their our",
    "nearest referring home to from at in and or for of by with was were is be been taken sent",
    "transferred admitted went came go going back into onto per while after before when where",
    "which who whom state county city private public children's childrens general memorial",
    "regional university teaching va rehab",
)
_WEAK_INSTITUTION = frozenset(
    ["rehab", "general", "clinic", "va", "vamc", "campus", "hospice", "healthcare", "infirmary"]
)
"""Words that follow ordinary words too ("cardiac rehab"): the word before must be a name."""
_UNIVERSITY = re.compile(
    r"(?<!\d[ \t])(?<![\d.])\b(?:u|univ|university)\.?[ \t]+(?:of[ \t]+)?"
    r"(?P<name>[A-Za-z][A-Za-z'-]+)",
    re.IGNORECASE,
)
"""A university ("U Maryland"); "u" after a number is units ("1 u prbc")."""
_WARD = re.compile(
    r"(?:(?<![\w/])(?:to|from|on|at|in|@)|\b(?:plan|dispo(?:sition)?)[ \t]*:)[ \t]+"
    r"(?P<ward>[A-Za-z][A-Za-z'-]{4,})"
    r"[ \t]*\d{1,2}\b(?![./]\d)"
    r"(?![ \t]*(?:mg|mcg|ml|cc|%|units?|l\b|hrs?|mins?|days?|x\b))",
    re.IGNORECASE,
)


def _places(text: str) -> Iterator[Found]:
    """Places after "lives in"-like cues, hospitals and wards after movement words, named
    institutions ("UNION HOSP", "U Maryland", "St Agnes"), listed US towns (gazetteer.py)."""
    mixed_case = is_mixed_case(text)
    lowered = folded(text)
    for match in _PLACE_CUE.finditer(lowered):
        span = _proper_words(text, match.start("place"), match.end("place"))
        if span is not None:
            yield Found(LOCATION, *span)
    for match in _MOVE_CUE.finditer(lowered):
        if match.group("room") and match.group("verb") is None:
            continue  # "at 1400 Lopressor": a number after a bare "at" is a time or a dose
        span = _institution(
            text,
            match.start("place"),
            match.end("place"),
            after_verb=match.group("verb") is not None,
            mixed_case=mixed_case,
        )
        if span is not None:
            yield Found(LOCATION, *span)
    yield from _named_institutions(text, mixed_case)
    yield from (Found(LOCATION, *place) for place in listed_places(text))
    for match in _SOMEONES_HOME.finditer(text):
        owner = [word.lower() for word in match.group("owner").split()]
        if (
            owner[-1] not in _NOT_AN_OWNER
            and not is_clinical(owner[-1])
            and (any(is_known_name(word) or not is_dictionary_word(word) for word in owner))
        ):
            yield Found(LOCATION, match.start("owner"), match.end("owner"))


def _named_institutions(text: str, mixed_case: bool) -> Iterator[Found]:
    for match in _BEFORE_INSTITUTION.finditer(folded(text)):
        span = _name_before_institution(text, match, mixed_case)
        if span is not None:
            yield Found(LOCATION, *span)
    for match in _UNIVERSITY.finditer(text):
        name = match.group("name")
        if name.lower() in US_STATES or not is_dictionary_word(name):
            yield Found(LOCATION, match.start(), match.end())
    for match in _WARD.finditer(text):
        if not _has_word(match.group("ward")):
            yield Found(LOCATION, match.start("ward"), match.end())
    yield from _saints(text)
    yield from _run_together(text)


def _saints(text: str) -> Iterator[Found]:
    """Hospitals named for a saint or a virtue ("St Agnes", "Sacred Heart", "Good Sam"), and a
    saint's shortened to an initial after a place word ("a bed @ St C.")."""
    for match in _ABBREVIATED_SAINT.finditer(text):
        if _PLACE_WORD_BEFORE.search(text, max(0, match.start() - 6), match.start()):
            yield Found(LOCATION, *match.span())
    for match in _SAINT.finditer(text):
        name, more = match.group("name"), match.group("more")
        institution_follows = bool(more and _INSTITUTION_WORD.match(more))
        end = match.end("more") if institution_follows else match.end("name")
        if match.group("saint"):
            named = is_first_name(name) and not is_clinical(name)
        elif match.group("devout"):
            named = not is_clinical(name) and name.lower() not in _STOP_AFTER_HOLY
        else:
            named = match.group("good") is not None and name.lower() in _SAMARITAN
        if institution_follows or named:
            yield Found(LOCATION, match.start(), end)


def _run_together(text: str) -> Iterator[Found]:
    """A name run into "Building", "Hospital", "Hall"... whose name part is no word."""
    for match in _RUN_TOGETHER_SUFFIX.finditer(text.translate(ASCII_LOWER)):
        head = _WORD_START.search(text, max(0, match.start() - 30), match.start())
        if head is None:
            continue
        name = head.group()
        if not is_dictionary_word(name) and not is_dictionary_word(name + match.group()):
            yield Found(LOCATION, head.start(), match.end())


def _name_before_institution(
    text: str, match: re.Match[str], mixed_case: bool
) -> tuple[int, int] | None:
    """The name before "Hospital", "Memorial", "Regional"...: "UNION HOSP", "Harbor Hospital".

    The word right before may be an ordinary word ("Union", "Harbor") unless it is a generic
    one ("outside hospital", "the hospital"); words further back must read as proper nouns.
    """
    name_start = _LAST_WORDS.search(text, max(0, match.start() - _LOOK_BACK), match.start())
    if name_start is None:
        words: list[re.Match[str]] = []
    else:
        words = list(_WORD.finditer(text, name_start.start(), match.start()))
    kept: list[re.Match[str]] = []
    for index, word in enumerate(reversed(words)):
        bare = word.group()
        lowered = bare.lower()
        if lowered in _GENERIC_BEFORE_INSTITUTION:
            break  # "IN HOSPITAL", "OR HOSPITAL": a state's code that is also a word
        if index == 0 and (bare in US_STATE_CODES or lowered in US_STATES):
            kept.insert(0, word)  # "MD Hospital", "Florida Hospital": a state names a hospital
            continue
        if is_clinical(bare):
            break
        if is_dictionary_word(bare) and (
            _VERB_FORM.search(lowered) or (mixed_case and not bare[0].isupper())
        ):
            break  # "WANDERING HOSPITAL", "prolonged hospital", "the basic hospital"
        if index > 0 and is_dictionary_word(bare) and not (mixed_case and bare[0].isupper()):
            break
        kept.insert(0, word)
    kept = [word for word in kept if len(word.group()) > 1]
    written = text[match.start("kind") : match.end("kind")]
    kind = written.lower()
    if kind in _WEAK_INSTITUTION and kept and _has_word(kept[-1].group()):
        kept = []
    if not kept:
        if kind in {"memorial", "regional", "adventist"} and (
            not mixed_case or written[0].isupper()
        ):
            return match.start("kind"), match.end("kind")
        return None
    return kept[0].start(), match.end("kind")


def _has_word(written: str) -> bool:
    """Whether a word, or a part of a hyphenated one ("ROTATED-CO"), is an ordinary or
    clinical word."""
    return any(is_dictionary_word(part) for part in written.split("-") if part)


def _proper_words(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The leading words of a place name: no ordinary or clinical words, and no state (Safe
    Harbor lets a state stay), with the institution words after them ("vista health")."""
    kept_end = None
    for word in _WORD.finditer(text, start, end):
        bare = word.group().rstrip(".")
        if kept_end is not None and _INSTITUTION_WORD.match(bare):
            kept_end = word.start() + len(bare)
            continue
        if bare.lower() in US_STATES or is_dictionary_word(bare) or len(bare) < 2:
            break
        kept_end = word.start() + len(bare)
    return None if kept_end is None else (start, kept_end)


def _institution(
    text: str, start: int, end: int, *, after_verb: bool, mixed_case: bool
) -> tuple[int, int] | None:
    """A hospital or unit after a movement word: "to GH", "to QUARTERMAIN 7", "VAMC HOSPITAL".

    The name's first word must read as a proper noun: a hospital abbreviation ("GH", "UMMC"),
    a listed place or surname that is no ordinary word, a capitalised unknown word in a
    mixed-case note, or (after "transferred to" and the like) any unknown word. Institution
    words after it ("Memorial", "ER", "Heart Center") or a ward number are included.
    """
    words = list(_WORD.finditer(text, start, end))
    if not words:
        return None
    first = words[0].group()
    if not (
        _proper_first(first, after_verb=after_verb, mixed_case=mixed_case)
        or (after_verb and _lower_case_ward(text, words[0]))
    ):
        return None
    stop = words[0].end()
    for word in words[1:]:
        bare = word.group()
        capitalised = mixed_case and bare[0].isupper() and not is_clinical(bare)
        if (
            capitalised
            or _INSTITUTION_WORD.match(bare)
            or _proper_first(bare, after_verb=False, mixed_case=mixed_case)
        ):
            stop = word.end()
            continue
        break
    unit = _UNIT_NUMBER.match(text, stop)
    if unit is not None:
        stop = unit.end()
    return words[0].start(), stop


def _lower_case_ward(text: str, word: re.Match[str]) -> bool:
    """A ward written in lower case in a mixed-case note, known by the floor after it
    ("transfer to quartermain 2/3"): a word in no dictionary, not a unit ("micu")."""
    written = word.group()
    return (
        written.islower()
        and not is_dictionary_word(written)
        and not _UNIT_NAME.match(written)
        and _FLOOR_NUMBER.match(text, word.end()) is not None
    )


def _proper_first(word: str, *, after_verb: bool, mixed_case: bool) -> bool:
    lowered = word.lower()
    if "-" in word and any(is_dictionary_word(part) for part in word.split("-") if part):
        return False
    if is_clinical(word) or lowered in US_STATES or _UNIT_NAME.match(word):
        return False
    if _HOSPITAL_ABBREVIATION.match(word) and (
        len(word) <= 3 or lowered.endswith(("mc", "hc")) or not is_dictionary_word(word)
    ):
        return word.isupper() or not mixed_case
    if is_dictionary_word(word):
        return False
    if mixed_case:
        return word[0].isupper() and not word.isupper()
    return after_verb


def _is_capitalised(words: list[re.Match[str]]) -> bool:
    return all(word.group()[0].isupper() for word in words)
