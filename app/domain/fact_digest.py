"""The facts of one or more source parts, for notes too long to reach the model even condensed.

Condensing keeps every sentence that states a fact, and a day of timed notes states its vital
signs a dozen times, so a month of condensed notes is still most of a month long. The digest
keeps what a clinician reads off a flowsheet instead: each measured value (vital sign, lab,
intake and output, weight, score) as its range, its count and its latest reading; the oxygen
delivery as the sequence of its changes; and every other sentence that states a fact (a dose
given or held, a device, a side, an allergy, the code status) once, word for word, with how
often it was written. Digests of neighbouring parts merge into one, so any number of older notes
comes down to a few lines without a part being dropped; the cost is the detail within them.

Every value in a digest is one the notes wrote (the only numbers added are counts), so a draft
written from it can still be traced to the source by the fact checker.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from app.domain.coverage import line_range
from app.domain.factcheck.extract.measure_catalogue import MEASURE_BY_KIND
from app.domain.factcheck.facts import BloodPressure, Fact
from app.domain.factcheck.labels import kind_label
from app.domain.factcheck.units import Quantity
from app.domain.source_sentences import Sentence

Reading = Quantity | BloodPressure

_OXYGEN_DELIVERY = "vital.o2"
_UNITS_WITHOUT_SPACE = frozenset({"%"})


@dataclass(slots=True)
class FactDigest:
    """The facts of consecutive source parts, in source order.

    Built by `digest_part` and `merge` and not changed afterwards; `merge` copies what it joins.
    """

    first_label: str
    """The first part's timestamp or header; may be ""."""
    last_label: str
    first_line: int
    last_line: int
    notes: int
    readings: dict[tuple[str, str | None], list[Reading]] = field(default_factory=dict)
    """Measured values by (fact kind, unit), in the order first written."""
    oxygen: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)

    @property
    def where(self) -> str:
        if self.notes == 1 and self.first_label:
            return self.first_label
        if self.notes == 1:
            return line_range(self.first_line, self.last_line)
        if self.first_label and self.last_label:
            return f"{self.first_label} to {self.last_label} ({self.notes} notes)"
        return f"{line_range(self.first_line, self.last_line)} ({self.notes} notes)"

    def render(self) -> str:
        """The digest as prompt text: a heading naming the notes, then one line per kind of fact."""
        lines = [f"Facts from {self.where}:"]
        if self.readings:
            lines.append(
                "; ".join(
                    _describe_readings(kind, unit, values)
                    for (kind, unit), values in self.readings.items()
                )
                + "."
            )
        if changes := _changes(self.oxygen):
            lines.append(f"{kind_label(_OXYGEN_DELIVERY).capitalize()}: {', then '.join(changes)}.")
        lines.extend(_counted(self.sentences))
        if len(lines) == 1:
            lines.append("No vital signs, doses or findings written.")
        return "\n".join(lines)


def digest_part(
    text: str, sentences: Sequence[Sentence], *, label: str, first_line: int, last_line: int
) -> FactDigest:
    """The digest of one part from its sentences (offsets into `text`)."""
    digest = FactDigest(label, label, first_line, last_line, notes=1)
    seen_readings: set[int] = set()
    for sentence in sentences:
        states_other_facts = False
        for fact in sentence.clinical_facts:
            reading = _reading(fact)
            if reading is not None:
                if fact.start not in seen_readings:
                    seen_readings.add(fact.start)
                    unit = reading.unit if isinstance(reading, Quantity) else None
                    digest.readings.setdefault((fact.kind, unit), []).append(reading)
            elif fact.kind == _OXYGEN_DELIVERY:
                digest.oxygen.append(fact.text)
            else:
                states_other_facts = True
        if states_other_facts:
            digest.sentences.append(" ".join(text[sentence.start : sentence.end].split()))
    return digest


def merge(digests: Sequence[FactDigest]) -> FactDigest:
    """One digest for consecutive parts, given in source order."""
    first, last = digests[0], digests[-1]
    merged = FactDigest(
        first.first_label,
        last.last_label,
        first.first_line,
        last.last_line,
        notes=sum(digest.notes for digest in digests),
    )
    for digest in digests:
        for key, values in digest.readings.items():
            merged.readings.setdefault(key, []).extend(values)
        merged.oxygen.extend(digest.oxygen)
        merged.sentences.extend(digest.sentences)
    return merged


def _reading(fact: Fact) -> Reading | None:
    """The one value a measurement fact reads, or None for anything else (or a goal)."""
    if fact.kind not in MEASURE_BY_KIND or fact.target:
        return None
    values = fact.values("value")
    if len(values) != 1 or len(fact.attributes) != 1:
        return None
    value = values[0]
    return value if isinstance(value, Quantity | BloodPressure) else None


def _describe_readings(kind: str, unit: str | None, values: list[Reading]) -> str:
    """Range, count and latest, as in "heart rate 77–81 (4 values, last 81)".

    Blood pressure has no range of its own: its lowest and highest readings are given as
    written, so that every pair in the digest is one the notes recorded.
    """
    name = kind_label(kind)
    if len(values) == 1:
        return f"{name} {_format(values[0], unit)}"
    pressures = [value for value in values if isinstance(value, BloodPressure)]
    if len(pressures) == len(values):
        lowest, highest = min(pressures, key=_order), max(pressures, key=_order)
        span = _format(lowest, unit)
        if highest != lowest:
            span = f"{span} to {_format(highest, unit)}"
    else:
        quantities = [value for value in values if isinstance(value, Quantity)]
        decimals = max(quantity.decimals for quantity in quantities)
        span = _with_unit(_span([quantity.magnitude for quantity in quantities], decimals), unit)
    if len({_format(value, unit) for value in values}) == 1:
        return f"{name} {span} ({len(values)} values)"
    return f"{name} {span} ({len(values)} values, last {_format(values[-1], unit)})"


def _order(pressure: BloodPressure) -> tuple[int, int]:
    return pressure.systolic, pressure.diastolic or 0


def _span(numbers: Sequence[float], decimals: int) -> str:
    low, high = _number(min(numbers), decimals), _number(max(numbers), decimals)
    return low if low == high else f"{low}–{high}"


def _format(value: Reading, unit: str | None) -> str:
    if isinstance(value, Quantity):
        return _with_unit(_number(value.magnitude, value.decimals), unit)
    if value.diastolic is None:
        return str(value.systolic)
    return f"{value.systolic}/{value.diastolic}"


def _number(magnitude: float, decimals: int) -> str:
    return f"{magnitude:.{decimals}f}"


def _with_unit(text: str, unit: str | None) -> str:
    if unit is None:
        return text
    return f"{text}{unit}" if unit in _UNITS_WITHOUT_SPACE else f"{text} {unit}"


def _changes(states: Iterable[str]) -> list[str]:
    """Each state once per stretch it held: "2 L NC, 2 L NC, RA" becomes "2 L NC", "RA"."""
    changes: list[str] = []
    for state in states:
        if not changes or changes[-1].casefold() != state.casefold():
            changes.append(state)
    return changes


def _counted(sentences: Iterable[str]) -> list[str]:
    """Each sentence once, in first-written order, with how often it was written if repeated."""
    counts: dict[str, int] = {}
    spelling: dict[str, str] = {}
    for sentence in sentences:
        key = sentence.casefold()
        counts[key] = counts.get(key, 0) + 1
        spelling.setdefault(key, sentence)
    return [
        spelling[key] if count == 1 else f"{spelling[key]} (×{count})"
        for key, count in counts.items()
    ]
