"""Readings that cannot be what the sentence calls them.

A blood pressure whose first number is not above its second is no blood pressure: the model
has paired two numbers the notes wrote apart ("bp- 110/- 118/": two systolic readings). A
rate, a saturation, a temperature or a pressure above what a living patient shows, or in
another thing's unit, is another thing's number given the measure's name ("respiratory rate:
900 UNITS/HR", a heparin drip's; "breathing rate <130", the blood pressure goal's; "heart
rate is 95% on 50% FT"), and so is a lab in percent that is never reported so ("WBC still at
100%"), or in its own unit above what a patient shows ("hemoglobin: 120 g/dL"). The
extractors bind no such value, so no per-fact rule weighs it.
"""

import re
from functools import cache, lru_cache

from app.domain.factcheck.claims.measures import named_before
from app.domain.factcheck.claims.notes import SourceNotes, holds_any, holds_word
from app.domain.factcheck.extract.measure_catalogue import LABS, MEASURE_BY_KIND, Measure
from app.domain.factcheck.numbers import parse_numeral
from app.domain.factcheck.units import UNIT, UNITS, dimension_of, unit_symbol

_BLOOD_PRESSURE = re.compile(
    r"\b(?:blood\s+pressures?|B/?P|[ANS]BP|arterial\s+(?:line\s+)?pressures?)\b"
    r"(?P<between>[^.;\d]{0,25})(?<![\d.-])(?P<systolic>\d{2,3})\s*/\s*(?P<diastolic>\d{2,3})"
    r"(?![\d./-])",
    re.IGNORECASE,
)


_CUES = ("/",)
"""A blood pressure holds its slash."""

_PERCENT = "%"
_BOUNDED_KINDS = (
    "vital.hr",
    "vital.rr",
    "vital.spo2",
    "vital.temp",
    "vital.map",
    "vital.bp",
    "vital.tidal_volume",
)
"""Measures whose every value a living patient shows lies in the catalogue's plausible
bounds: a blood pressure's single number is its systolic, and a pair is left to its own
shape. A lab's name also names what replaces it ("potassium 40 mEq"), a dose and not a
level."""
_GIVEN_IN_PERCENT = frozenset(
    {
        "lab.albumin", "lab.glucose", "lab.magnesium", "lab.calcium", "lab.ionized_calcium",
        "lab.sodium", "lab.potassium", "lab.chloride", "lab.bicarbonate", "lab.po2", "lab.pco2",
    }
)  # fmt: skip
"""Labs whose names also name a solution given in percent ("albumin 25%", "D50%", "3%
saline"), or a gas a saturation is written beside ("PO2- 100% SATS")."""
_LABS_NEVER_IN_PERCENT = tuple(
    measure.kind
    for measure in LABS
    if measure.units and _PERCENT not in measure.units and measure.kind not in _GIVEN_IN_PERCENT
)
"""Labs reported in units other than percent: "WBC still at 100%" is another thing's number.
For these only the percent is judged; a lab's name also names what replaces it ("potassium
40 mEq"), a dose in the lab's own dimension."""
_SHORT_NAME = 5
"""Names shorter than this ("HR", "temp", "sats") are read only as the catalogue writes them,
capitalised or in capitals: in lower case "hr" is an hour."""
_HEADINGS = frozenset({"resp", "resps"})
"""Names that head a note's respiratory line ("RESP: 4L NC"), whatever follows. A pacing word
("AV paced") names the rate only where a rate follows: "AV paced 100%" is the share of beats
paced, so those names are not read here."""
_BETWEEN = (
    r"(?:\s*[:=-]\s*|\s+)"
    r"(?:(?:is|was|are|were|of|at|around|about|approximately|currently|remains?|remained"
    r"|stable|steady|normal|between|ranging|from|in|the|has|had|have|been|consistently"
    r"|still|now|mostly|a)\s+)*"
)
"""What may stand between a measure's name and its value: a colon, small words."""
_NUMBER = r"\d{1,3}(?:\.\d+)?"
_VALUE = (
    rf"(?:[<>]=?|~)?\s*(?<![\d.])(?P<low>{_NUMBER})(?:'?s)?"
    rf"(?:\s*(?:-|to)\s*(?P<high>{_NUMBER})(?:'?s)?)?"
    r"(?![\d.:+/]|\s*\+|\s*/\s*\d|\s*x\b|\s*[ap]\.?m\b)"
    rf"(?:\s*(?P<unit>(?i:{UNIT}))|(?![A-Za-z]))"
)
"""One number or a range, with the unit written after it. A pair ("120/70"), a grade
("pulses 2+"), a time ("9:30", "6pm", "1300"), a count ("x 2") or a number run into letters
("2ND", "1OO.4") is not a reading of one of these measures."""
_FOREIGN_DIMENSIONS = frozenset(
    {
        "mass",
        "mass rate",
        "units",
        "units rate",
        "mEq",
        "mEq rate",
        "mmol",
        "mcg/kg/min",
        "mg/kg",
        "mg/kg/hr",
        "units/kg/hr",
        "volume rate",
        "concentration",
        "mass concentration",
        "activity",
        "ng/mL",
        "pg/mL",
        "umol/L",
        "pressure",
        "weight",
    }
)
"""The units of doses, drips, labs and pressures: a rate, a saturation or a temperature given
one of these is another thing's value. A volume or a flow is not among them: a saturation or
a respiration is written beside the oxygen it is on ("sats 2L NC")."""
_IN_PERCENT = frozenset({"vital.spo2"})
"""The one bounded measure given in percent: a rate, a pressure or a temperature in percent
("heart rate is 95% on 50% FT") is a saturation's or an FiO2's number."""
_COUNTED_KINDS = frozenset({"vital.hr", "vital.rr", "vital.map", "vital.bp"})
"""Measures read in whole beats, breaths and millimetres: "blood pressure stable at 26.5" is
another thing's number (a hematocrit's)."""
_OXYGEN_DIMENSIONS = frozenset({"volume", "flow"})
_BESIDE_OXYGEN = frozenset({"vital.rr", "vital.spo2"})
"""The measures written beside the oxygen the patient is on. Any other given a volume or a
flow run into its number ("heart rate is 3l NP") is given the oxygen's; one written apart
("HR 88-98 L radial A-line") may be a side."""


def impossible_reading(sentence: str, notes: SourceNotes) -> str | None:
    """A blood pressure whose systolic value is not above its diastolic, unless the notes
    write that pair themselves: then the pairing is the notes', not the draft's."""
    if not holds_any(sentence, _CUES):
        return None
    for match in _BLOOD_PRESSURE.finditer(sentence):
        systolic, diastolic = match.group("systolic"), match.group("diastolic")
        if int(systolic) <= int(diastolic) and not notes.repeat(f"{systolic}/{diastolic}"):
            return (
                f"Not found in the notes: {systolic}/{diastolic} cannot be a blood pressure "
                "(the first number must be the higher)."
            )
    return None


def implausible_reading(sentence: str, notes: SourceNotes) -> str | None:
    """A value given a rate, a saturation or a temperature that it cannot be: above the
    measure's plausible bounds, a fraction of what is counted whole, or in a unit it is never
    given in, unless the notes write that number after a name of the same measure themselves.
    A whole value below the bounds is let be: a small number after a measure's name is a
    grade, a count or a difference ("temp 2 pt lower than rectal", "mixed venous sat 32")."""
    if not any(map(str.isdigit, sentence)) or not holds_word(sentence, _name_words()):
        return None
    pattern, measures = _named_values()
    for match in pattern.finditer(sentence):
        measure = measures[match.group("name").lower()]
        if not _cannot_be(measure, match) or _notes_give(notes, measure.kind, match.group("low")):
            continue
        last = "unit" if match.group("unit") else "high" if match.group("high") else "low"
        written = sentence[match.start("low") : match.end(last)]
        article = "an" if measure.label[0] in "aeiou" else "a"
        return f"Not found in the notes: {written} cannot be {article} {measure.label}."
    return None


def _cannot_be(measure: Measure, match: re.Match[str]) -> bool:
    """Whether the value matched after the measure's name is in a unit it is never given in,
    above its plausible bounds, or a fraction of a beat, a breath or a millimetre. A lab is
    judged on its bounds only in its own unit: in another ("potassium 40 mEq") it names what
    replaces it."""
    unit = match.group("unit")
    symbol = unit_symbol(unit) if unit is not None else None
    if measure.kind.startswith("lab."):
        if symbol is None or measure.units is None or symbol not in measure.units:
            return symbol == _PERCENT
    elif symbol not in measure.units:
        dimension = dimension_of(symbol)
        if dimension in _FOREIGN_DIMENSIONS:
            return True
        if symbol == _PERCENT and measure.kind not in _IN_PERCENT:
            return True
        glued = match.start("unit") == match.end("high" if match.group("high") else "low")
        if glued and dimension in _OXYGEN_DIMENSIONS and measure.kind not in _BESIDE_OXYGEN:
            return True
    highest = match.group("high") or match.group("low")
    if measure.kind in _COUNTED_KINDS and parse_numeral(highest).decimals:
        return True
    value = parse_numeral(highest).value
    volume = UNITS.get(symbol) if symbol is not None else None
    if volume is not None and volume.dimension == "volume":
        value = volume.to_base(value)
    return value > measure.high


def _notes_give(notes: SourceNotes, kind: str, number: str) -> bool:
    """Whether the notes write the number after one of the measure's names in its clause, a
    heading aside ("resp: lungs cta, sats 92-95%" gives no respiratory rate of 92)."""
    written = _without_headings(notes.written)
    return any(
        named_before(written, kind, place.start())
        for place in re.finditer(rf"(?<![\d.]){re.escape(number)}(?![\d])", written)
    )


_HEADING = re.compile(r"^(?P<space>[ \t]*)(?P<name>resps?|respiratory)(?=[ \t]*[:-])", re.I | re.M)


@lru_cache(maxsize=4)
def _without_headings(written: str) -> str:
    """The notes with the respiratory heading of each line blanked out, every offset kept."""
    return _HEADING.sub(lambda match: match["space"] + " " * len(match["name"]), written)


@cache
def _name_words() -> frozenset[str]:
    """The first run of letters of every name of a bounded measure, lower case: a sentence
    with none of them names none ("heart", "hr", "sats", "spo")."""
    _, measures = _named_values()
    return frozenset(re.findall(r"[a-z]+", name)[0] for name in measures)


@cache
def _named_values() -> tuple[re.Pattern[str], dict[str, Measure]]:
    """A bounded measure's name followed by a value, and the measure each lower-case name
    stands for. The pattern opens by looking for a name's first letter, which fails at once at
    most characters, where the names were each tried."""
    measures: dict[str, Measure] = {}
    long_names: list[str] = []
    short_names: list[str] = []
    for kind in (*_BOUNDED_KINDS, *_LABS_NEVER_IN_PERCENT):
        measure = MEASURE_BY_KIND[kind]
        for name in (measure.label, *measure.cues):
            if not name[0].isalpha() or name.lower() in _HEADINGS or "paced" in name.lower():
                continue
            measures.setdefault(name.lower(), measure)
            if len(name) >= _SHORT_NAME:
                long_names.append(re.escape(name))
            else:
                short_names.extend(
                    re.escape(form) for form in {name, name.upper(), name[0].upper() + name[1:]}
                )
    by_length = sorted(long_names, key=len, reverse=True)
    short = sorted(short_names, key=len, reverse=True)
    name = rf"(?P<name>(?i:{'|'.join(by_length)})|{'|'.join(short)})"
    first_letters = "".join(
        sorted({letter for key in measures for letter in (key[0], key[0].upper())})
    )
    pattern = re.compile(
        rf"(?=[{first_letters}])(?<![A-Za-z/]){name}(?![A-Za-z]){_BETWEEN}{_VALUE}"
    )
    return pattern, measures
