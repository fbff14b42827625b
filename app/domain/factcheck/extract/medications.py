"""Medications: a drug name from the lexicon and the dose, route and frequency written with it.

After the name the text is read word by word: doses, routes, frequencies, "PRN" and dose counts
are taken; small words of an order ("given", "at", "increased to") are read past; the reading
stops at the end of the clause, at the next drug, or after three words that belong to none of
these. Past such a word only a dose is taken, in the units of any dose already read ("4 units at
1300 and 2 units at 1800"), so "for temp 101.2, IV fluids" cannot lend the order its route.
A dose or route written just before the name ("650 mg Tylenol", "IV Tylenol") is taken too, and
a new rate for an infusion that names no drug ("infusion increased to 3 mg/hr") is read as a
dose of the drug last given at a rate.
"""

import re
from collections.abc import Callable

from app.domain.factcheck.facts import Fact, Value
from app.domain.factcheck.lexicon import drug_lexicon
from app.domain.factcheck.normalize import (
    AS_NEEDED,
    DOSE_COUNT,
    DURATION,
    FREQUENCY,
    ROUTE,
    dose_count_of,
    frequency_of,
    route_of,
)
from app.domain.factcheck.numbers import NUMBER, parse_numeral
from app.domain.factcheck.phrases import PhraseMatch, word_set
from app.domain.factcheck.spans import Document
from app.domain.factcheck.units import UNIT, Quantity, dimension_of, unit_symbol

KIND = "medication"

_DOSE_DIMENSIONS = frozenset(
    {
        "mass",
        "volume",
        "units",
        "mEq",
        "mmol",
        "tab",
        "puff",
        "drop",
        "spray",
        "patch",
        "mg/kg",
        "mass rate",
        "mcg/kg/min",
        "mg/kg/hr",
        "units rate",
        "units/kg/hr",
        "mEq rate",
        "volume rate",
    }
)
_DOSE = re.compile(
    rf"(?<![\w.])(?P<amount>{NUMBER})\s*(?:-\s*)?(?P<unit>{UNIT})(?:\s*(?:of|in)\b)?",
    re.IGNORECASE,
)
_DOSE_BEFORE_NAME = re.compile(
    rf"(?<![\w.])(?P<amount>{NUMBER})\s*(?P<unit>{UNIT})\s+(?:of\s+)?(?:(?:a|an|the)\s+)?\Z",
    re.IGNORECASE,
)
_ROUTE_BEFORE_NAME = re.compile(
    r"(?<![A-Za-z])(?P<route>IV|IVP|PO|SQ|SC|IM|SL|PR|oral|intravenous)\s+\Z"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\w.,/]*|\S")
_SEPARATOR_CHARACTERS = frozenset(' \t\n,()[]:-–—+=*"')
_FILLER_WORDS = word_set(
    "a an the and or of at per via by to from with then also again now plus",
    "was were is are be been being has had have given give gave dose doses dosed",
    "scheduled ordered order orders new start started starting restarted resumed",
    "continue continued continues continuing remains remain increase increased decrease",
    "decreased reduced changed titrated adjusted weaned held hold administered received",
    "infusing running over push bolus boluses load loading rate tablet tablets tab tabs",
    "first second last initial home total each x more sliding scale per protocol coverage",
    "needed premixed drip drips gtt infusion infused",
)
_ATTRIBUTE_READERS: tuple[
    tuple[re.Pattern[str], Callable[[re.Match[str]], tuple[str, Value]]], ...
] = (
    (FREQUENCY, lambda match: ("frequency", frequency_of(match))),
    (ROUTE, lambda match: ("route", route_of(match))),
    (AS_NEEDED, lambda _: ("prn", True)),
    (DOSE_COUNT, lambda match: ("count", str(dose_count_of(match)))),
)
_RATE_DIMENSIONS = frozenset(
    {"mass rate", "units rate", "mEq rate", "volume rate", "mcg/kg/min", "mg/kg/hr", "units/kg/hr"}
)
_CHANGE = re.compile(
    r"\b(?:new(?:ly)?|start(?:ed|ing)?|initiat(?:e|ed|ing)|begun|began|add(?:ed)?|"
    r"increas(?:e|ed|ing)|decreas(?:e|ed|ing)|reduc(?:e|ed|ing)|chang(?:e|ed|ing)|switch(?:ed)?|"
    r"titrat(?:e|ed|ing)|adjust(?:ed)?|discontinu(?:e|ed)|d/c'?d|stop(?:ped)?)\b",
    re.IGNORECASE,
)
"""Words that mark a medication in their clause as new, changed or stopped."""
_INFUSION_WORDS = frozenset({"infusion", "drip", "gtt", "rate", "titrated"})
_INFUSION = re.compile(rf"\b(?:{'|'.join(_INFUSION_WORDS)})\b", re.IGNORECASE)
_MAX_STRAY_WORDS = 3
_WINDOW = 110
_LOOKBEHIND = 30


def extract_medications(document: Document) -> list[Fact]:
    text = document.text
    names = [
        name
        for name in drug_lexicon().find_all(document.words)
        if document.is_free(name.start, name.end)
    ]
    facts = []
    for index, name in enumerate(names):
        next_start = names[index + 1].start if index + 1 < len(names) else len(text)
        facts.append(_read_order(document, name, next_start))
    return facts + _unnamed_rate_changes(document, facts)


def _unnamed_rate_changes(document: Document, named: list[Fact]) -> list[Fact]:
    """Rates in a clause about an infusion that names no drug ("the infusion was increased to
    3 mg/hr"), given to the nearest drug before them that runs at a rate of the same kind."""
    text = document.text
    found: list[Fact] = []
    if not _INFUSION_WORDS & document.words.positions.keys():
        return found
    for match in document.number_led(_DOSE):
        dose = _dose(match)
        if dose is None or dimension_of(dose.unit) not in _RATE_DIMENSIONS:
            continue
        start, end = match.start(), match.end("unit")
        clause_start = document.boundaries.clause_start(start)
        if not document.is_free(start, end) or not _INFUSION.search(text, clause_start, start):
            continue
        owners = [
            fact
            for fact in named
            if fact.end <= start
            and dimension_of(dose.unit) in _dose_dimensions(list(fact.attributes))
        ]
        if owners:
            document.claim(start, end, KIND)
            attributes: tuple[tuple[str, Value], ...] = (("dose", dose),)
            found.append(Fact(KIND, owners[-1].key, start, end, text[start:end], attributes))
    return found


def _read_order(document: Document, name: PhraseMatch, next_start: int) -> Fact:
    text = document.text
    attributes: list[tuple[str, Value]] = []
    pieces: list[tuple[int, int]] = [(name.start, name.end)]
    start = name.start
    before = text[max(0, name.start - _LOOKBEHIND) : name.start]
    offset = name.start - len(before)
    route_before = _ROUTE_BEFORE_NAME.search(before)
    if route_before and document.is_free(offset + route_before.start(), name.start):
        route_match = ROUTE.match(route_before.group("route"))
        if route_match:
            attributes.append(("route", route_of(route_match)))
            start = offset + route_before.start()
            pieces.append((start, offset + route_before.end("route")))
            before = before[: route_before.start()]
    dose_before = _DOSE_BEFORE_NAME.search(before)
    if dose_before and (dose := _dose(dose_before)) is not None:
        dose_start = offset + dose_before.start()
        if document.is_free(dose_start, offset + dose_before.end("unit")):
            attributes.append(("dose", dose))
            start = dose_start
            pieces.append((dose_start, offset + dose_before.end("unit")))
    end = _read_attributes_after(document, name.end, next_start, attributes, pieces)
    for piece_start, piece_end in pieces:
        if document.is_free(piece_start, piece_end):
            document.claim(piece_start, piece_end, KIND)
    clause_start = document.boundaries.clause_start(start)
    clause_end = document.boundaries.clause_end(end, len(text))
    return Fact(
        kind=KIND,
        key=name.meaning,
        start=start,
        end=end,
        text=text[start:end],
        attributes=tuple(attributes),
        changed=_CHANGE.search(text, clause_start, clause_end) is not None,
    )


def _read_attributes_after(
    document: Document,
    position: int,
    next_start: int,
    attributes: list[tuple[str, Value]],
    pieces: list[tuple[int, int]],
) -> int:
    """Read the order after the drug name; return where the last attribute ends."""
    text = document.text
    limit = min(next_start, position + _WINDOW, len(text))
    clause_end = document.boundaries.clause_end(position, len(text))
    limit = min(limit, clause_end)
    last_end = position
    stray_words = 0
    strayed = False
    while True:
        position = _skip_separators(text, position, limit)
        if position >= limit:
            break
        claimed = document.claims.overlapping(position, position + 1)
        if claimed:
            if claimed[0][2] not in {"time", "date"}:
                break
            position = claimed[0][1]
            strayed = True
            continue
        dimensions = _dose_dimensions(attributes)
        taken = _take_attribute(text, position, limit, next_start, attributes)
        if taken is not None:
            if strayed and not _continues_doses(attributes, dimensions):
                attributes.pop()
                break
            pieces.append((position, taken))
            position = last_end = taken
            stray_words = 0
            strayed = False
            continue
        skipped = DURATION.match(text, position, limit)
        if skipped:
            position = skipped.end()
            continue
        word = _WORD.match(text, position, limit)
        if word is None:
            break
        if word.group().lower() not in _FILLER_WORDS:
            strayed = True
            stray_words += 1
            if stray_words >= _MAX_STRAY_WORDS:
                break
        position = word.end()
    return last_end


def _take_attribute(
    text: str, position: int, limit: int, next_start: int, attributes: list[tuple[str, Value]]
) -> int | None:
    """Record the attribute written at position and return where it ends, or None."""
    dose_match = _DOSE.match(text, position, limit)
    if dose_match and (dose := _dose(dose_match)) is not None:
        if _skip_separators(text, dose_match.end(), limit) >= next_start:
            return None
        attributes.append(("dose", dose))
        return dose_match.end("unit")
    for pattern, read in _ATTRIBUTE_READERS:
        match = pattern.match(text, position, limit)
        if match:
            attributes.append(read(match))
            return match.end()
    return None


def _skip_separators(text: str, position: int, limit: int) -> int:
    while position < limit and text[position] in _SEPARATOR_CHARACTERS:
        position += 1
    return position


def _continues_doses(attributes: list[tuple[str, Value]], before: set[str | None]) -> bool:
    """Whether the attribute just taken still belongs to the order after a stray word.

    Past a word that is not part of the order ("held for HR 55", "at 1300 and") only a dose
    does, and once the order has a dose only a further dose in the same units ("4 units at 1300
    and 2 units at 1800"), so "furosemide 40 mg IV, followed by 500 mL" keeps its 40 mg.
    """
    name, _ = attributes[-1]
    if name != "dose":
        return False
    return not before or _dose_dimensions(attributes) <= before


def _dose_dimensions(attributes: list[tuple[str, Value]]) -> set[str | None]:
    return {
        dimension_of(value.unit)
        for name, value in attributes
        if name == "dose" and isinstance(value, Quantity)
    }


def _dose(match: re.Match[str]) -> Quantity | None:
    symbol = unit_symbol(match.group("unit"))
    if dimension_of(symbol) not in _DOSE_DIMENSIONS:
        return None
    numeral = parse_numeral(match.group("amount"))
    return Quantity(numeral.value, symbol, numeral.decimals)
