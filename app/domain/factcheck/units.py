"""Units of measure: the spellings that mean one unit, and comparison across units of a dimension.

"500 mcg" and "0.5 mg", "2 L" and "2000 mL", "101.2 °F" and "38.4 °C" must compare equal, while
"101.2 °F" and "101.1 °F" must not: across units a value matches within the rounding of the
coarser statement; within one unit it must match exactly.
"""

import re
from dataclasses import dataclass
from functools import cache

from app.domain.factcheck.patterns import literal_alternation


@dataclass(frozen=True, slots=True)
class Unit:
    """A canonical unit: its dimension and how to reach the dimension's base unit."""

    symbol: str
    dimension: str
    scale: float = 1.0
    offset: float = 0.0

    def to_base(self, magnitude: float) -> float:
        return (magnitude + self.offset) * self.scale


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as written, its canonical unit symbol (None when no unit was written) and the
    decimals it was written with."""

    magnitude: float
    unit: str | None
    decimals: int = 0
    upto: float | None = None
    """The highest value a decade stands for ("mid 80s" is 83 up to 87), None for a number."""


_FAHRENHEIT_SCALE = 5 / 9
_MAX_RELATIVE_DIFFERENCE = 0.01
_POUND_IN_KG = 0.45359237

_UNITS: dict[str, tuple[Unit, tuple[str, ...]]] = {
    "mcg": (Unit("mcg", "mass", 0.001), ("mcg", "µg", "μg", "ug", "microgram", "micrograms")),
    "mg": (Unit("mg", "mass"), ("mg", "milligram", "milligrams")),
    "g": (Unit("g", "mass", 1000.0), ("g", "gm", "gram", "grams")),
    "mL": (
        Unit("mL", "volume"),
        ("ml", "cc", "milliliter", "milliliters", "millilitre", "millilitres"),
    ),
    "L": (Unit("L", "volume", 1000.0), ("l", "liter", "liters", "litre", "litres")),
    "units": (Unit("units", "units"), ("unit", "units", "iu", "international units")),
    "mEq": (Unit("mEq", "mEq"), ("meq",)),
    "mmol": (Unit("mmol", "mmol"), ("mmol",)),
    "tab": (Unit("tab", "tab"), ("tab", "tabs", "tablet", "tablets", "cap", "caps", "capsule")),
    "puff": (Unit("puff", "puff"), ("puff", "puffs")),
    "drop": (Unit("drop", "drop"), ("drop", "drops")),
    "spray": (Unit("spray", "spray"), ("spray", "sprays")),
    "patch": (Unit("patch", "patch"), ("patch",)),
    "amp": (Unit("amp", "amp"), ("amp", "amps", "ampule", "ampules", "ampoule", "ampoules")),
    "mg/kg": (Unit("mg/kg", "mg/kg"), ("mg/kg",)),
    "mg/hr": (Unit("mg/hr", "mass rate"), ("mg/hr", "mg/h", "mg/hour", "mg per hour")),
    "mcg/hr": (Unit("mcg/hr", "mass rate", 0.001), ("mcg/hr", "mcg/h", "mcg/hour")),
    "mcg/min": (Unit("mcg/min", "mass rate", 0.06), ("mcg/min",)),
    "mcg/kg/min": (Unit("mcg/kg/min", "mcg/kg/min"), ("mcg/kg/min",)),
    "mg/kg/hr": (Unit("mg/kg/hr", "mg/kg/hr"), ("mg/kg/hr", "mg/kg/h")),
    "units/hr": (
        Unit("units/hr", "units rate"),
        ("units/hr", "units/h", "unit/hr", "units/hour", "units per hour", "u/hr"),
    ),
    "units/kg/hr": (Unit("units/kg/hr", "units/kg/hr"), ("units/kg/hr", "units/kg/h")),
    "mEq/hr": (Unit("mEq/hr", "mEq rate"), ("meq/hr", "meq/h")),
    "mL/hr": (
        Unit("mL/hr", "volume rate"),
        ("ml/hr", "ml/h", "ml/hour", "ml per hour", "cc/hr", "cc/h"),
    ),
    "mg/day": (
        Unit("mg/day", "mass"),
        ("mg/day", "mg/24 hr", "mg/24hr", "mg/24 h", "mg/24h", "mg/24 hours"),
    ),
    "L/day": (Unit("L/day", "volume per day"), ("l/day", "liters/day", "l per day")),
    "L/min": (
        Unit("L/min", "flow"),
        ("l/min", "lpm", "liters per minute", "liters/min", "litres per minute", "l per minute"),
    ),
    "C": (
        Unit("C", "temperature"),
        ("°c", "° c", "ºc", "degrees c", "degrees celsius", "celsius", "centigrade", "(?-i:C)"),
    ),
    "F": (
        Unit("F", "temperature", _FAHRENHEIT_SCALE, -32.0),
        ("°f", "° f", "ºf", "degrees f", "degrees fahrenheit", "fahrenheit", "(?-i:F)"),
    ),
    "kg": (Unit("kg", "weight"), ("kg", "kgs", "kilogram", "kilograms")),
    "lb": (Unit("lb", "weight", _POUND_IN_KG), ("lb", "lbs", "pound", "pounds")),
    "mmHg": (Unit("mmHg", "pressure"), ("mmhg", "mm hg")),
    "%": (Unit("%", "percent"), ("%", "percent")),
    "bpm": (Unit("bpm", "beats"), ("bpm", "beats per minute", "beats/min", "beats a minute")),
    "breaths/min": (
        Unit("breaths/min", "breaths"),
        ("breaths/min", "breaths per minute", "breaths a minute"),
    ),
    "mEq/L": (Unit("mEq/L", "concentration"), ("meq/l",)),
    "mmol/L": (Unit("mmol/L", "concentration"), ("mmol/l",)),
    "mg/dL": (Unit("mg/dL", "mass concentration"), ("mg/dl",)),
    "g/dL": (Unit("g/dL", "mass concentration", 1000.0), ("g/dl",)),
    "K/uL": (
        Unit("K/uL", "count"),
        ("k/ul", "k/µl", "k/mcl", "x10^3/ul", "x 10^3/ul", "10^3/ul", "k/mm3", "(?-i:K)"),
    ),
    "U/L": (Unit("U/L", "activity"), ("u/l", "iu/l", "units/l")),
    "ng/mL": (Unit("ng/mL", "ng/mL"), ("ng/ml",)),
    "pg/mL": (Unit("pg/mL", "pg/mL"), ("pg/ml",)),
    "umol/L": (Unit("umol/L", "umol/L"), ("umol/l", "µmol/l")),
    "sec": (Unit("sec", "seconds"), ("sec", "secs", "seconds")),
    "Fr": (Unit("Fr", "french"), ("fr", "french")),
    "cm": (Unit("cm", "length"), ("cm",)),
    "mm": (Unit("mm", "length", 0.1), ("mm",)),
    "ft": (Unit("ft", "length", 30.48), ("ft", "feet")),
    "min": (Unit("min", "duration"), ("min", "mins", "minute", "minutes")),
    "hr": (Unit("hr", "duration", 60.0), ("hr", "hrs", "hour", "hours")),
    "day": (Unit("day", "duration", 1440.0), ("day", "days")),
    "wk": (Unit("wk", "duration", 10080.0), ("wk", "wks", "week", "weeks")),
    "yr": (Unit("yr", "age"), ("yo", "y/o", "yr", "yrs", "year", "years", "year-old", "years old")),
}

UNITS: dict[str, Unit] = {symbol: unit for symbol, (unit, _) in _UNITS.items()}

_SYMBOL_BY_SPELLING: dict[str, str] = {}
for _symbol, (_, _spellings) in _UNITS.items():
    for _spelling in _spellings:
        if not _spelling.startswith("(?"):
            _SYMBOL_BY_SPELLING[_spelling] = _symbol
_SYMBOL_BY_SPELLING.update({"C": "C", "F": "F", "K": "K/uL"})


_CASE_SENSITIVE = "(?-i:"
_LITERAL_SPELLINGS = [
    spelling.lower()
    for _, spellings in _UNITS.values()
    for spelling in spellings
    if not spelling.startswith(_CASE_SENSITIVE)
]
_CASED_SPELLINGS = [
    spelling
    for _, spellings in _UNITS.values()
    for spelling in spellings
    if spelling.startswith(_CASE_SENSITIVE)
]

UNIT = rf"(?:{literal_alternation(_LITERAL_SPELLINGS)}|{'|'.join(_CASED_SPELLINGS)})(?![A-Za-z0-9])"
"""A unit as written after a number; compile with re.IGNORECASE."""

_SPACES = re.compile(r"\s+")


@cache
def unit_symbol(written: str) -> str | None:
    """The canonical symbol for a unit matched by UNIT."""
    squeezed = _SPACES.sub(" ", written.strip())
    return _SYMBOL_BY_SPELLING.get(squeezed.lower()) or _SYMBOL_BY_SPELLING.get(squeezed)


def dimension_of(symbol: str | None) -> str | None:
    """The dimension of a canonical unit, None when the unit is unknown."""
    unit = UNITS.get(symbol) if symbol else None
    return unit.dimension if unit else None


def quantities_agree(first: Quantity, second: Quantity) -> bool:
    """Whether two quantities state the same amount.

    A missing unit is taken to be the other's. Across units of one dimension the amounts
    must agree within half the last written digit of either (the rounding a faithful
    conversion introduces), but never by more than 1%, so "2 L" is not "1.6 L" merely because
    it was written without decimals. Units of different dimensions never agree. A decade
    ("mid 80s") agrees with every amount it spans.
    """
    if first.unit == second.unit or first.unit is None or second.unit is None:
        if first.upto is not None or second.upto is not None:
            return _overlap(first, second)
        return abs(first.magnitude - second.magnitude) < 1e-9
    first_unit, second_unit = UNITS.get(first.unit), UNITS.get(second.unit)
    if first_unit is None or second_unit is None:
        return False
    if first_unit.dimension != second_unit.dimension:
        return False
    first_base = first_unit.to_base(first.magnitude)
    second_base = second_unit.to_base(second.magnitude)
    rounding = max(
        0.5 * 10.0**-first.decimals * first_unit.scale,
        0.5 * 10.0**-second.decimals * second_unit.scale,
    )
    tolerance = min(rounding, _MAX_RELATIVE_DIFFERENCE * max(abs(first_base), abs(second_base)))
    return abs(first_base - second_base) <= tolerance + 1e-9


def _overlap(first: Quantity, second: Quantity) -> bool:
    """Whether two amounts, either of them a decade ("mid 80s"), can be the same reading: a
    heart rate of 85 is in the mid 80s, and the 80s hold the mid 80s."""
    first_high = first.magnitude if first.upto is None else first.upto
    second_high = second.magnitude if second.upto is None else second.upto
    return first.magnitude <= second_high + 1e-9 and second.magnitude <= first_high + 1e-9
