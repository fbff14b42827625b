"""Medications: a drug name from the lexicon and the dose, route and frequency written with it.

After the name the text is read word by word: doses, routes, frequencies, "PRN" and dose counts
are taken; small words of an order ("given", "at", "increased to") are read past; the reading
stops at the end of the clause, at the next drug, or after three words that belong to none of
these. Past such a word only a dose is taken, in the units of any dose already read ("4 units at
1300 and 2 units at 1800"), so "for temp 101.2, IV fluids" cannot lend the order its route.
A dose, route or frequency written just before the name ("650 mg Tylenol", "IV Tylenol", "bid
lasix") is taken too, and
a new rate for an infusion that names no drug ("infusion increased to 3 mg/hr") is read as a
dose of the drug last given at a rate.
"""

import re
from collections.abc import Callable

from app.domain.factcheck.facts import Fact, Value
from app.domain.factcheck.lexicon import drug_mentions
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
from app.domain.factcheck.numbers import NOT_INSIDE_A_NUMBER, NUMBER, parse_numeral
from app.domain.factcheck.phrases import PhraseMatch, word_set
from app.domain.factcheck.spans import Document
from app.domain.factcheck.units import UNIT, Quantity, dimension_of, unit_symbol

KIND = "medication"

_RATE_DIMENSIONS = frozenset(
    {"mass rate", "units rate", "mEq rate", "volume rate", "mcg/kg/min", "mg/kg/hr", "units/kg/hr"}
)
_DOSE_DIMENSIONS = _RATE_DIMENSIONS | {
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
    "amp",
    "mg/kg",
}
_DOSE = re.compile(
    rf"{NOT_INSIDE_A_NUMBER}(?P<amount>{NUMBER})\s*(?:-\s*)?(?P<unit>{UNIT})(?:\s*(?:of|in)\b)?",
    re.IGNORECASE,
)
_DOSE_BEFORE_NAME = re.compile(
    rf"{NOT_INSIDE_A_NUMBER}(?P<amount>{NUMBER})\s*(?P<unit>{UNIT})(?:(?<=[Aa][Mm][Pp])\.)?"
    r"(?P<between>(?:\s+(?:sc|sq|subq|subcut|iv|ivp|ivb|po|im|pr|sl|reg\.?|regular|dose|dosage|of|a|an|"
    r"the|x\s?1|bolus|boluses|ivf|fluid|fluids))*)(?:\s+|(?<=[A-Za-z])-)\Z",
    re.IGNORECASE,
)
"""A dose written before the name, with the small words of an order between them ("650 mg
Tylenol", "3 units regular SC insulin", "5mg sc dose of vitamin k", "4L bolus NS", "one amp.
Na Bicarb") or a hyphen glued to its unit ("500cc-ns"); a route among them is the order's
route."""
_DOSE_BEFORE_WORDS = 7
_BARE_DOSE = re.compile(rf"{NOT_INSIDE_A_NUMBER}(?P<amount>{NUMBER})(?![\d.])\s*")
"""A number with no unit right after the name and right before a route or a frequency
("lopressor 5 iv", "captopril 6.25 po", "Ritalin 50 a day"): the dose, in whatever unit the
other text gives."""
_BARE_DOSE_FOLLOWERS = (ROUTE, FREQUENCY)
_RATE_WORDS_AFTER_NAME = re.compile(
    r"\s+|\s*(?:(?:gtt|drip|infusion)\s+)?(?:(?:was|is|has\s+been)\s+)?(?:increased|decreased|weaned"
    r"|titrated|turned|changed|cont(?:inues|inued)?|running|infusing|remains|now)\s+(?:(?:up|down|back)"
    r"\s+)?(?:to|at)\s+",
    re.IGNORECASE,
)
"""What may part a drug's name from a number with no unit that is its dose or rate: spacing
("given Lopressor 25."), or the drip's change ("Amiodarone gtt decreased to .5")."""
_BARE_DOSE_ENDS = re.compile(
    r"[ \t]*(?:[;)]|\.(?!\d)|\n|\Z|,\s*(?:and|with|then|but)\b"
    r"|(?:given|this|at|and|now|today|tonight|with)\b)",
    re.IGNORECASE,
)
"""What may follow a number with no unit written right after a drug's name for it to be the
dose ("given Lopressor 25.", "lopressor 25, and the rate came down"): the end of the order. Not
a comma alone: "Neo 0.11, titrated up to 0.33 mcg/kg/min" gives the rate with its unit after."""
_ROUTES_BEFORE_NAME = frozenset(
    {
        "IV",
        "IVP",
        "PO",
        "SQ",
        "SC",
        "IM",
        "SL",
        "PR",
        "ORAL",
        "RECTAL",
        "INTRAVENOUS",
        "SUBLINGUAL",
        "SUBCUTANEOUS",
        "SUBCUT",
        "SUBCU",
        "SUBQ",
        "INTRAMUSCULAR",
    }
)
"""Routes written before a drug name ("IV Tylenol", "po amio"), compared in capitals."""
_UNIT_WORD = re.compile(UNIT, re.IGNORECASE)
_ROUTE_BEFORE_NAME = re.compile(rf"{ROUTE.pattern}\s+\Z", re.IGNORECASE)
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
    "needed premixed drip drips gtt infusion infused including incl presently currently still",
    "as high low max maximum",
)
_ATTRIBUTE_READERS: tuple[
    tuple[re.Pattern[str], Callable[[re.Match[str]], tuple[str, Value]]], ...
] = (
    (FREQUENCY, lambda match: ("frequency", frequency_of(match))),
    (ROUTE, lambda match: ("route", route_of(match))),
    (AS_NEEDED, lambda _: ("prn", True)),
    (DOSE_COUNT, lambda match: ("count", str(dose_count_of(match)))),
)
_CHANGE = re.compile(
    r"(?=[abcdinorst])"
    r"\b(?:new(?:ly)?|start(?:ed|ing)?|initiat(?:e|ed|ing)|begun|began|add(?:ed)?|"
    r"increas(?:e|ed|ing)|decreas(?:e|ed|ing)|reduc(?:e|ed|ing)|chang(?:e|ed|ing)|switch(?:ed)?|"
    r"titrat(?:e|ed|ing)|adjust(?:ed)?|discontinu(?:e|ed)|d/c'?d|stop(?:ped)?|"
    r"(?<!as )(?<!per )ordered)\b",
    re.IGNORECASE,
)
"""Words that mark a medication in their clause as new, changed or stopped; "ordered" is a new
order unless it is "as ordered" or "per ordered" (an existing one). The look-ahead for the
words' first letters fails at once at most characters, where the word boundary and the choice
of words were tried at each: it makes the search twice as fast."""
_INFUSION_WORDS = frozenset({"infusion", "drip", "gtt", "rate", "titrated"})
_INFUSION_CUES = _INFUSION_WORDS | {"now", "currently", "presently", "still"}
"""Words without one of which no clause names a running infusion (`_INFUSION`)."""
_INFUSION = re.compile(
    rf"\b(?:{'|'.join(_INFUSION_WORDS)}"
    r"|(?:now|currently|presently|still)\s+(?:(?:up|down|back)\s+)?(?:at|@|on|to))\b",
    re.IGNORECASE,
)
"""What makes a rate that names no drug the running infusion's: an infusion word in its
clause, or "now at", "currently at", "now on", "now up to" ("currently at 13u/hr and
maintaining goal")."""
_NAMED_AS_DRIP = re.compile(
    r"\s*(?:gtt|drip|infusion\b|(?:(?:was|is|has\s+been)\s+)?(?:increased|decreased|titrated"
    r"|weaned|turned\s+(?:up|down)))\b",
    re.IGNORECASE,
)
"""A drug named as a drip ("insulin drip started") or as one being titrated ("Dopamine increased
to keep MAPs >60, now up to 14 mcg/kg/min"): a rate given after it, with no drug named between,
is its rate, though no rate was written with the name."""
_DOSE_NUMBER = re.compile(r"#?\d{1,2}(?:st|nd|rd|th)?\s+dose\b", re.IGNORECASE)
"""Which dose of a course this is ("MUCOMIST #2 DOSE GIVEN PO", "3rd dose"): read past, so the
route after it stays in the order."""
_BOLUS_OF_RATE = {"units rate": "units", "mass rate": "mass", "mEq rate": "mEq"}
_NAMES_A_CONDITION = re.compile(
    r"[ \t]*-?[ \t]*(?:dependent|dependence|induced|resistant)\b", re.IGNORECASE
)
"""A drug's name that describes a condition ("insulin-dependent diabetes", "heparin-induced
thrombocytopenia") names no order of it."""
_NAMES_A_LEVEL = re.compile(
    r"[ \t]*(?:levels?|lvls?|troughs?|peaks?)\b[ \t]*(?:[:=]|was|is|of)?[ \t]*[<>]?[ \t]*\.?\d",
    re.IGNORECASE,
)
"""A drug's name that heads a measured level ("dig level 2.2", "vanco trough 14.1") names the
test, which the measurements read as a lab, and no order of the drug."""
_COUNT_BEFORE_NAME = re.compile(rf"(?<![\w.])(?P<count>{NUMBER})\s+doses?\s+of\s+\Z", re.IGNORECASE)
"""How many doses were given, written before the drug ("2 doses of mucomist", "one dose of
Lasix")."""
_COUNT_REACH = 24
_MAX_STRAY_WORDS = 3
_PER_HOUR_AFTER_NAME = re.compile(r"[ \t]*/[ \t]*(?:hr|hour|h)\b", re.IGNORECASE)
"""An hour after the name of a drug whose dose stands before it: "9mg lasix/hr" is a rate."""
_BALANCE = re.compile(r"net[ \t]+[+-]\d", re.IGNORECASE)
"""A fluid balance as the shorthand spells it ("LASIX QID - TOTAL 2.5 LITERS NEGATIVE" reads
"net -2.5 LITERS"): the order before it has ended, and the volume is no dose of it."""
_MAX_TABLETS = 4
_WINDOW = 110


def extract_medications(document: Document) -> list[Fact]:
    """Every drug named in the text with what its order states, then unnamed rate changes."""
    text = document.text
    names = [
        name
        for name in drug_mentions(document.words)
        if document.is_free(name.start, name.end)
        and not _NAMES_A_CONDITION.match(text, name.end)
        and not _NAMES_A_LEVEL.match(text, name.end)
    ]
    facts = []
    for index, name in enumerate(names):
        next_start = (
            _order_start(document, names[index + 1]) if index + 1 < len(names) else len(text)
        )
        facts.append(_read_order(document, name, next_start))
    return _mark_changes(document, facts) + _unnamed_rate_changes(document, facts)


def _mark_changes(document: Document, facts: list[Fact]) -> list[Fact]:
    """Mark orders the notes call new, changed or stopped.

    A change word counts for the order it sits beside (between the previous and the next drug
    of its clause), or for every order of a clause it heads ("New orders: A, B").
    """
    text, boundaries = document.text, document.boundaries
    marked = []
    for index, fact in enumerate(facts):
        clause_start = boundaries.clause_start(fact.start)
        clause_end = boundaries.clause_end(fact.end, len(text))
        same_clause = [other for other in facts if clause_start <= other.start < clause_end]
        previous = facts[index - 1].end if index and facts[index - 1].end > clause_start else None
        following = facts[index + 1].start if index + 1 < len(facts) else clause_end
        item_start = clause_start if previous is None else previous
        heading_end = same_clause[0].start if same_clause else clause_start
        changed = bool(
            _CHANGE.search(text, item_start, min(following, clause_end))
            or _CHANGE.search(text, clause_start, heading_end)
        )
        marked.append(fact._replace(changed=changed))
    return marked


def _unnamed_rate_changes(document: Document, named: list[Fact]) -> list[Fact]:
    """Rates in a clause about an infusion that names no drug ("the infusion was increased to
    3 mg/hr"), given to the drug named last before them where it runs at a rate of the same
    kind (a rate after "insulin gtt titrated" is not the heparin's named before it)."""
    text = document.text
    found: list[Fact] = []
    if not _INFUSION_CUES & document.words.positions.keys():
        return found
    for match in document.number_led(_DOSE):
        dose = _dose(match)
        if dose is None or dimension_of(dose.unit) not in _RATE_DIMENSIONS:
            continue
        start, end = match.start(), match.end("unit")
        clause_start = document.boundaries.clause_start(start)
        if not document.is_free(start, end) or not _INFUSION.search(text, clause_start, start):
            continue
        before = [fact for fact in named if fact.end <= start]
        owners = [
            fact
            for fact in before
            if dimension_of(dose.unit) in _dose_dimensions(list(fact.attributes))
            or (not fact.attributes and _NAMED_AS_DRIP.match(text, fact.end) is not None)
        ]
        if owners and owners[-1].key == before[-1].key:
            document.claim(start, end, KIND)
            attributes: tuple[tuple[str, Value], ...] = (("dose", dose),)
            found.append(Fact(KIND, owners[-1].key, start, end, text[start:end], attributes))
    return found


def _order_start(document: Document, name: PhraseMatch) -> int:
    """Where the order of a drug named here starts: at a route written just before its name
    ("Levophed continues, and an IV insulin drip"), which the order before it does not read,
    unless a dose ends right before the route ("lasix 40 mg IV kcl"): the route is that dose's."""
    index = name.first_token - 1
    if index < 1:
        return name.start
    tokens, text = document.tokens, document.text
    route = tokens[index]
    if route.text.upper() not in _ROUTES_BEFORE_NAME or not text[route.end : name.start].isspace():
        return name.start
    before = tokens[index - 1]
    if before.is_number or _UNIT_WORD.fullmatch(before.text):
        return name.start
    return route.start


_FREQUENCY_WORDS = 4
"""The most words a frequency written before its drug takes ("three times a day")."""


def _frequency_before(
    document: Document, index: int, name_start: int
) -> tuple[re.Match[str], int] | None:
    """The frequency written right before the drug's name ("bid Lasix", "twice-daily Lasix"),
    ending at token `index`: the longest the words before the name make, with the index of the
    token before it."""
    text, tokens = document.text, document.tokens
    if index < 0 or not text[tokens[index].end : name_start].isspace():
        return None
    for first in range(max(0, index - _FREQUENCY_WORDS + 1), index + 1):
        start, end = tokens[first].start, tokens[index].end
        if document.is_free(start, end) and (found := FREQUENCY.fullmatch(text, start, end)):
            return found, first - 1
    return None


def _read_order(document: Document, name: PhraseMatch, next_start: int) -> Fact:
    text, tokens = document.text, document.tokens
    attributes: list[tuple[str, Value]] = []
    pieces: list[tuple[int, int]] = [(name.start, name.end)]
    start = name.start
    index = name.first_token - 1
    if index >= 0 and tokens[index].text.upper() in _ROUTES_BEFORE_NAME:
        route_before = _ROUTE_BEFORE_NAME.match(text, tokens[index].start, name.start)
        if route_before and document.is_free(tokens[index].start, tokens[index].end):
            attributes.append(("route", route_of(route_before)))
            start = tokens[index].start
            pieces.append((start, tokens[index].end))
            index -= 1
    frequency_before = _frequency_before(document, index, name.start)
    if frequency_before is not None:
        frequency, index = frequency_before
        attributes.append(("frequency", frequency_of(frequency)))
        start = frequency.start()
        pieces.append((start, frequency.end()))
    count_before = _COUNT_BEFORE_NAME.search(text, max(0, start - _COUNT_REACH), start)
    if count_before is not None and document.is_free(count_before.start(), start):
        attributes.append(("count", str(int(parse_numeral(count_before["count"]).value))))
        start = count_before.start()
        pieces.append((start, count_before.end()))
    dose_start = None if count_before is not None else _dose_before(document, index, start)
    if dose_start is not None:
        dose_match = _DOSE_BEFORE_NAME.match(text, dose_start, start)
        if dose_match and (dose := _dose(dose_match)) is not None:
            per_hour = _PER_HOUR_AFTER_NAME.match(text, name.end)
            if per_hour is not None and (rate := _per_hour(dose)) is not None:
                dose = rate
                pieces.append(per_hour.span())
            attributes.append(("dose", dose))
            pieces.append((dose_start, dose_match.end("unit")))
            start = dose_start
            route_between = ROUTE.search(text, dose_match.start("between"), dose_match.end())
            if route_between and not any(name == "route" for name, _ in attributes):
                attributes.append(("route", route_of(route_between)))
    end = _read_attributes_after(document, name.end, next_start, attributes, pieces)
    for piece_start, piece_end in pieces:
        if document.is_free(piece_start, piece_end):
            document.claim(piece_start, piece_end, KIND)
    return Fact(
        kind=KIND,
        key=name.meaning,
        start=start,
        end=end,
        text=text[start:end],
        attributes=tuple(attributes),
    )


def _dose_before(document: Document, index: int, name_start: int) -> int | None:
    """Where a dose written just before a drug name starts ("650 mg Tylenol", "a 1 liter LR
    bolus"), judged from the words before it: a number, then a unit, then "of" or "a"."""
    tokens = document.tokens
    for candidate in range(index, max(index - _DOSE_BEFORE_WORDS, -1), -1):
        token = tokens[candidate]
        if token.is_number and document.is_free(token.start, name_start):
            first = candidate
            while first > 0 and _is_decimal_part(document, first):
                first -= 1
            return tokens[first].start
    return None


def _is_decimal_part(document: Document, index: int) -> bool:
    """Whether token `index` is the fraction of a decimal ("5mg" in "0.5mg")."""
    before = document.tokens[index - 1]
    gap = document.text[before.end : document.tokens[index].start]
    return before.is_number and gap == "."


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
    start = last_end = position
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
        if _BALANCE.match(text, position, limit):
            break
        dimensions = _dose_dimensions(attributes)
        taken = _take_attribute(text, position, limit, next_start, attributes, name_end=start)
        if taken is not None:
            if strayed and not _continues_doses(attributes, dimensions):
                attributes.pop()
                break
            pieces.append((position, taken))
            position = last_end = taken
            stray_words = 0
            strayed = False
            continue
        skipped = DURATION.match(text, position, limit) or _DOSE_NUMBER.match(text, position, limit)
        if skipped:
            position = skipped.end()
            continue
        word = _WORD.match(text, position, limit)
        if word is None:
            break
        if _is_tablet_count(word.group(), attributes):
            position = word.end()
            continue
        if word.group().lower() not in _FILLER_WORDS:
            strayed = True
            stray_words += 1
            if stray_words >= _MAX_STRAY_WORDS:
                break
        position = word.end()
    return last_end


def _is_tablet_count(word: str, attributes: list[tuple[str, Value]]) -> bool:
    """A count of tablets right after the dose ("Colace 100 mg 1 b.i.d."): part of the order."""
    return (
        word.isdigit()
        and int(word) <= _MAX_TABLETS
        and bool(attributes)
        and (attributes[-1][0] == "dose")
    )


def _take_attribute(
    text: str,
    position: int,
    limit: int,
    next_start: int,
    attributes: list[tuple[str, Value]],
    *,
    name_end: int,
) -> int | None:
    """Record the attribute written at position and return where it ends, or None. `name_end`
    is where the drug's name ends: a bare number parted from it only by spacing or the drip's
    change (`_RATE_WORDS_AFTER_NAME`) and ending the order is its dose."""
    dose_match = _DOSE.match(text, position, limit)
    if dose_match and (dose := _dose(dose_match)) is not None:
        if _precedes_next_name(text, dose_match.end(), next_start):
            return None
        attributes.append(("dose", dose))
        return dose_match.end("unit")
    bare = _BARE_DOSE.match(text, position, limit)
    if (
        bare
        and not any(name == "dose" for name, _ in attributes)
        and (
            any(follower.match(text, bare.end(), limit) for follower in _BARE_DOSE_FOLLOWERS)
            or (
                _BARE_DOSE_ENDS.match(text, bare.end("amount")) is not None
                and _RATE_WORDS_AFTER_NAME.fullmatch(text, name_end, position) is not None
            )
        )
    ):
        numeral = parse_numeral(bare.group("amount"))
        attributes.append(("dose", Quantity(numeral.value, None, numeral.decimals)))
        return bare.end("amount")
    for pattern, read in _ATTRIBUTE_READERS:
        match = pattern.match(text, position, limit)
        if match:
            attributes.append(read(match))
            return match.end()
    return None


def _precedes_next_name(text: str, dose_end: int, next_start: int) -> bool:
    """Whether a dose stands right before the next drug's name ("650 mg Tylenol"), so it is
    that drug's. Only spaces or a route may part them ("D5 1/2NS with 40 mEq IV KCl"): in "Lasix
    80 mg, morphine 2 mg" the 80 mg is Lasix's, and a dose at the end of the text belongs to the
    drug before it."""
    if next_start >= len(text):
        return False
    between = text[dose_end:next_start].strip()
    return not between or ROUTE.fullmatch(between) is not None


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
    return not before or _amounts_of(_dose_dimensions(attributes)) <= _amounts_of(before)


def _amounts_of(dimensions: set[str | None]) -> set[str | None]:
    """Dimensions with a drug's rate read as the amount it delivers: the bolus of an infusion
    ("heparin at 1450 units/hr after a 6600 unit bolus") is a dose of the same order. A fluid's
    total ("NS at 100 mL/hr for 1 liter") is its limit, not a bolus, and stays apart."""
    return {_BOLUS_OF_RATE.get(dimension or "", dimension) for dimension in dimensions}


def _dose_dimensions(attributes: list[tuple[str, Value]]) -> set[str | None]:
    return {
        dimension_of(value.unit)
        for name, value in attributes
        if name == "dose" and isinstance(value, Quantity)
    }


def _per_hour(dose: Quantity) -> Quantity | None:
    """The dose as a rate an hour, where its unit has one ("9mg lasix/hr" runs at 9 mg/hr)."""
    if dose.unit is None:
        return None
    symbol = unit_symbol(f"{dose.unit}/hr")
    if symbol is None or dimension_of(symbol) not in _RATE_DIMENSIONS:
        return None
    return Quantity(dose.magnitude, symbol, dose.decimals)


def _dose(match: re.Match[str]) -> Quantity | None:
    symbol = unit_symbol(match.group("unit"))
    if dimension_of(symbol) not in _DOSE_DIMENSIONS:
        return None
    numeral = parse_numeral(match.group("amount"))
    return Quantity(numeral.value, symbol, numeral.decimals)
