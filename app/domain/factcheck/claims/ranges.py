"""The ranges a judgement about a value is weighed against.

Labs use the standard adult reference ranges of the measure catalogue, the same ones the
grounded fact sections mark "(high)" and "(low)" by, so the checker and the fact list agree.
Vital signs use the wider bounds a bedside nurse calls abnormal (HR 60–100, RR 12–20, systolic
90–140, fever from 38.0 C / 100.4 F, hypothermia below 35.0 C, SpO2 from 92 %): a judgement
rule must flag only what no nurse would call normal, and the catalogue's tighter textbook
vital ranges (SpO2 95 %, temperature 36.0 C) would turn ordinary bedside wording into flags.
"""

from dataclasses import dataclass

from app.domain.factcheck.extract.measure_catalogue import MEASURE_BY_KIND
from app.domain.factcheck.facts import BloodPressure, Value
from app.domain.factcheck.units import UNITS, Quantity

BELOW, WITHIN, ABOVE = -1, 0, 1
NORMAL = frozenset({WITHIN})
HIGH = frozenset({ABOVE})
LOW = frozenset({BELOW})
ABNORMAL = frozenset({BELOW, ABOVE})
NOT_HIGH = frozenset({BELOW, WITHIN})
ANY = frozenset({BELOW, WITHIN, ABOVE})
"""What a judgement says of a reading: the sides of its range it allows ("afebrile" allows a
temperature below the range or within it)."""


@dataclass(frozen=True, slots=True)
class Range:
    low: float
    high: float
    shown: str
    """How a reason writes the range ("60–100", "35.0–37.9 C (95.0–100.3 F)")."""


_VITALS = {
    "vital.hr": Range(60, 100, "60–100"),
    "vital.rr": Range(12, 20, "12–20"),
    "vital.bp": Range(90, 140, "90–140 systolic"),
    "vital.map": Range(65, 110, "65–110"),
    "vital.temp": Range(35.0, 37.95, "35.0–37.9 C (95.0–100.3 F)"),
    "vital.spo2": Range(92, 100, "92–100 %"),
}
"""Systolic pressure judges a blood pressure. A fever starts at 38.0 C, so the temperature's
upper bound sits between 37.9 and 38.0: 100.3 F (37.94 C) is within, 100.4 F above."""


def reference_range(kind: str) -> Range | None:
    """The range values of this measure are judged by, or None where no standard one exists."""
    if kind in _VITALS:
        return _VITALS[kind]
    measure = MEASURE_BY_KIND.get(kind)
    if measure is None or measure.normal is None or not kind.startswith("lab."):
        return None
    low, high = measure.normal
    return Range(low, high, f"{low}–{high}")


def positions(kind: str, value: Value) -> frozenset[int]:
    """Where a reading lies against its range: below, within or above; a decade ("110s")
    or a value on a bound may lie on two. Empty where the value is not a reading this range
    judges."""
    bounds = reference_range(kind)
    if bounds is None:
        return frozenset()
    if isinstance(value, BloodPressure):
        magnitudes = [float(value.systolic)]
    elif isinstance(value, Quantity):
        magnitudes = [value.magnitude] + ([] if value.upto is None else [value.upto])
        if kind == "vital.temp" and value.unit in UNITS:
            magnitudes = [UNITS[value.unit].to_base(magnitude) for magnitude in magnitudes]
    else:
        return frozenset()
    return frozenset().union(*(_position(magnitude, bounds) for magnitude in magnitudes))


def _position(magnitude: float, bounds: Range) -> frozenset[int]:
    """A value on a bound lies on both its sides ("HR 100", "SBP 140"): a nurse may call it
    either, so neither judgement is contradicted."""
    # Rounded first so a Fahrenheit reading converted to Celsius (100.4 F is 38.0 C) lands on
    # the side its written value stands.
    rounded = round(magnitude, 2)
    if rounded < bounds.low:
        return frozenset({BELOW})
    if rounded > bounds.high:
        return frozenset({ABOVE})
    return frozenset(
        {WITHIN}
        | ({BELOW} if rounded == bounds.low else set())
        | ({ABOVE} if rounded == bounds.high else set())
    )
