"""Clinical facts as the checker compares them: what kind, where it was written, what it means.

A fact's attributes are normalised values, so "metoprolol 25 mg PO BID" and "Lopressor 25
milligrams by mouth twice daily" carry equal attributes even though their text differs.
"""

from dataclasses import dataclass
from typing import NamedTuple

from app.domain.factcheck.units import Quantity


@dataclass(frozen=True, slots=True)
class BloodPressure:
    """Systolic over diastolic; the diastolic is unknown when only a systolic was written.
    A systolic written as a decade ("SBP 130s") spans `systolic` to `systolic_upto`."""

    systolic: int
    diastolic: int | None
    systolic_upto: int | None = None


@dataclass(frozen=True, slots=True)
class ClockTime:
    """A time of day. Without AM/PM, "6:45" could be morning or evening, so it matches either."""

    minutes: int
    meridiem_known: bool


@dataclass(frozen=True, slots=True)
class CalendarDate:
    """A day of the year; the year is often left out in shift notes."""

    month: int
    day: int
    year: int | None


Value = Quantity | BloodPressure | ClockTime | CalendarDate | str | bool


class Fact(NamedTuple):
    """One clinical statement found in a text.

    `key` names what is measured within the kind (a drug, a body part, a device) and is empty
    where the kind is a single measure (heart rate). Attributes may repeat a name: a sentence
    such as "increased from 25 mg to 50 mg" states two doses. (A named tuple: a check creates
    hundreds of facts, and tuples are the cheapest immutable records to create.)
    """

    kind: str
    key: str
    start: int
    end: int
    text: str
    attributes: tuple[tuple[str, Value], ...] = ()
    anchor: str = ""
    """For a side of the body: the device or finding it describes ("piv", "edema")."""
    target: bool = False
    """A goal or threshold ("keep SpO2 > 92%"), not a reading."""
    changed: bool = False
    """A medication the notes mark as new, stopped or changed."""

    def values(self, name: str) -> list[Value]:
        """Every value stated for one attribute."""
        return [value for attribute, value in self.attributes if attribute == name]

    @property
    def attribute_names(self) -> list[str]:
        """Attribute names in first-stated order, without repeats."""
        return list(dict.fromkeys(name for name, _ in self.attributes))
