"""Medications as fact lines, grouped as the issue of a handoff asks: new, changed, stopped,
then given or continued.

The group is read from the words of the medication's own clause ("HEP STARTED AT 1000U" is new,
"HEPARIN DECREASED TO 900 U" changed, "LOPRESSOR HELD" stopped), and the line is that clause as
written, so a dose, rate or route is never restated.
"""

import re
from collections.abc import Callable, Iterable
from enum import StrEnum

from app.domain.factcheck.facts import Fact
from app.domain.grounded.clauses import Clauses, merge_spans
from app.domain.grounded.lines import FactLine, Span, verbatim


class MedicationStatus(StrEnum):
    NEW = "New"
    CHANGED = "Changed"
    STOPPED = "Stopped/held"
    GIVEN = "Given"
    """Given or continued: the clause itself says which."""


_STATUS_WORDS = (
    (
        MedicationStatus.STOPPED,
        re.compile(
            r"\b(?:stop(?:ped)?|discontinu(?:e|ed)|d/?c'?d|dc|held|hold(?:ing)?|off)\b", re.I
        ),
    ),
    (
        MedicationStatus.NEW,
        re.compile(
            r"\b(?:new(?:ly)?|start(?:ed|ing)?|initiat(?:e|ed|ing)|begun|began|add(?:ed)?|"
            r"(?<!as )(?<!per )ordered|restart(?:ed)?|resumed|to start)\b",
            re.I,
        ),
    ),
    (
        MedicationStatus.CHANGED,
        re.compile(
            r"\b(?:increas(?:e|ed|ing)|decreas(?:e|ed|ing)|reduc(?:e|ed|ing)|chang(?:e|ed|ing)|"
            r"switch(?:ed)?|titrat(?:e|ed|ing)|adjust(?:ed)?|wean(?:ed|ing)?|inc|dec|up|down)\b",
            re.I,
        ),
    ),
)


def medication_lines(
    source: str,
    facts: Iterable[Fact],
    clauses: Clauses,
    used: set[tuple[int, int]],
    current: Callable[[Span, int], bool],
) -> list[FactLine]:
    """One line per clause naming a medication that `current` finds is one of this stay (given
    the clause and the drug's offset), grouped by status (new, changed, stopped, given), each
    group in the order written; a clause already listed elsewhere (`used`) is not listed
    again."""
    parts = [
        part
        for fact in facts
        if (part := clauses.part_at(source, fact.start)) is not None and current(part, fact.start)
    ]
    grouped: dict[MedicationStatus, list[FactLine]] = {status: [] for status in MedicationStatus}
    for part in merge_spans(parts, used):
        status = _status(source[part.start : part.end])
        text = f"{status.value}: {verbatim(source, part.start, part.end)}"
        grouped[status].append(FactLine(text, (part,)))
    return [line for lines in grouped.values() for line in lines]


def _status(clause: str) -> MedicationStatus:
    for status, words in _STATUS_WORDS:
        if words.search(clause):
            return status
    return MedicationStatus.GIVEN
