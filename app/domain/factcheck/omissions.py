"""Facts the source marks as critical that a draft must not leave out.

Critical: every allergy (or the statement that there are none), the code status, abnormal vital
signs and labs (outside standard adult ranges; restating any one abnormal value of a measure is
enough, since a summary need not list every reading) and medications the notes mark as new,
changed or stopped.
"""

from collections.abc import Iterator, Sequence

from app.domain.factcheck.compare import values_agree
from app.domain.factcheck.extract.measure_catalogue import MEASURE_BY_KIND
from app.domain.factcheck.facts import BloodPressure, Fact, Value
from app.domain.factcheck.lexicon import same_drug_or_class
from app.domain.factcheck.units import UNITS, Quantity

_SYSTOLIC_NORMAL = (90, 139)
_DIASTOLIC_NORMAL = (60, 89)
"""Standard adult blood pressure: normal systolic and diastolic ranges, in mmHg."""


def find_omissions(source: Sequence[Fact], draft: Sequence[Fact]) -> Iterator[tuple[Fact, str]]:
    """Each critical source fact the draft leaves out, with the reason it matters."""
    yield from _omitted_allergies(source, draft)
    yield from _omitted_code_status(source, draft)
    yield from _omitted_abnormal_values(source, draft)
    yield from _omitted_medication_changes(source, draft)


def _omitted_allergies(source: Sequence[Fact], draft: Sequence[Fact]) -> Iterator[tuple[Fact, str]]:
    mentioned = {fact.key for fact in draft if fact.kind == "allergy"}
    seen: set[str] = set()
    for fact in source:
        if fact.kind == "allergy" and fact.key not in mentioned and fact.key not in seen:
            seen.add(fact.key)
            yield fact, "The source notes list this allergy; the draft does not."


def _omitted_code_status(
    source: Sequence[Fact], draft: Sequence[Fact]
) -> Iterator[tuple[Fact, str]]:
    mentioned = {
        value for fact in draft if fact.kind == "code_status" for value in fact.values("status")
    }
    seen: set[Value] = set()
    for fact in source:
        if fact.kind != "code_status":
            continue
        for status in fact.values("status"):
            if status in mentioned or status in seen or str(status).startswith("not "):
                continue
            seen.add(status)
            yield fact, "The source notes state this code status; the draft does not."


def _omitted_abnormal_values(
    source: Sequence[Fact], draft: Sequence[Fact]
) -> Iterator[tuple[Fact, str]]:
    abnormal: dict[str, list[tuple[float, Fact]]] = {}
    for fact in source:
        if fact.target:
            continue
        severity = _severity(fact)
        if severity > 0:
            abnormal.setdefault(fact.kind, []).append((severity, fact))
    for kind, readings in abnormal.items():
        restated = [fact for fact in draft if fact.kind == kind]
        if any(
            values_agree(mine, theirs)
            for _, reading in readings
            for mine in reading.values("value")
            for fact in restated
            for theirs in fact.values("value")
        ):
            continue
        _, worst = max(readings, key=lambda pair: pair[0])
        yield worst, "The source notes record this abnormal value; the draft mentions none."


def _omitted_medication_changes(
    source: Sequence[Fact], draft: Sequence[Fact]
) -> Iterator[tuple[Fact, str]]:
    drafted = [fact.key for fact in draft if fact.kind == "medication"]
    seen: set[str] = set()
    for fact in source:
        if fact.kind != "medication" or not fact.changed or fact.key in seen:
            continue
        if not any(same_drug_or_class(fact.key, other) for other in drafted):
            seen.add(fact.key)
            yield (
                fact,
                "The source notes mark this medication as new or changed; the draft omits it.",
            )


def _severity(fact: Fact) -> float:
    """How far a reading lies outside its normal range, relative to the range; 0 if within."""
    values = fact.values("value")
    if not values:
        return 0.0
    value = values[0]
    if isinstance(value, BloodPressure):
        severity = _outside(value.systolic, _SYSTOLIC_NORMAL)
        if value.diastolic is not None:
            severity = max(severity, _outside(value.diastolic, _DIASTOLIC_NORMAL))
        return severity
    measure = MEASURE_BY_KIND.get(fact.kind)
    if not isinstance(value, Quantity) or measure is None or measure.normal is None:
        return 0.0
    magnitude = value.magnitude
    if fact.kind == "vital.temp" and value.unit:
        magnitude = UNITS[value.unit].to_base(magnitude)
    return _outside(magnitude, measure.normal)


def _outside(value: float, normal: tuple[float, float]) -> float:
    low, high = normal
    width = max(high - low, 1e-9)
    if value < low:
        return (low - value) / width
    if value > high:
        return (value - high) / width
    return 0.0
