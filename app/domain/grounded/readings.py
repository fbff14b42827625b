"""Measured values as fact lines: vital signs and intake and output with their trend, labs
with the abnormal ones first.

Each reading is shown as the notes wrote it (cue, value and unit: "HR 70'S-80'S", "T 103.4"),
so nothing is converted, rounded or paired anew; a trend is the readings of one measure in the
order written. A range the extractor read only the start of ("MAPS 68-80'S") is widened to its
end, because a nurse reading "68" alone would be misled. Two things the shared reading takes
for a value are not listed: a difference ("R SBP 40 POINTS LOWER THAN LEFT"), and a body-system
heading that shares a measure's name, followed by words before a number ("RESP: WEANED TO PS
10"), where the number is a setting, not the measure.
"""

import re
from collections.abc import Iterable, Sequence

from app.domain.factcheck.extract.measure_catalogue import MEASURE_BY_KIND
from app.domain.factcheck.facts import Fact
from app.domain.factcheck.labels import kind_label
from app.domain.factcheck.units import Quantity
from app.domain.grounded.lines import FactLine, Span, verbatim

_RANGE_TAIL = re.compile(r"\s*(?:-|–|to\b)\s*\d+(?:\.\d+)?(?:\s*'?s\b)?", re.IGNORECASE)
_PLURAL_TAIL = re.compile(r"'?s\b", re.IGNORECASE)
_DIFFERENCE = re.compile(
    r"\s*(?:points?\b|(?:mm\s*hg\s+)?(?:lower|higher|less|greater|more)\s+than\b)",
    re.IGNORECASE,
)
_HEADING_CUE = re.compile(r"[A-Za-z]+[ \t]*:[ \t]*(?=[A-Za-z ]*[A-Za-z]{4,})[A-Za-z ]+")
"""A cue that is a heading and words ("RESP: INTUBATED ON"), not a measure's name."""
_DIGIT = re.compile(r"\d")
TREND_HEAD = 1
TREND_TAIL = 5
"""A long trend shows its first reading and its last five: where it started and where it is."""
_ELIDED = "…"


def is_vital(kind: str) -> bool:
    return kind.startswith(("vital.", "score.")) or kind == "weight"


def is_intake_output(kind: str) -> bool:
    return kind.startswith("io.")


def is_lab(kind: str) -> bool:
    return kind.startswith("lab.")


def is_reading(source: str, fact: Fact) -> bool:
    """Whether a fact is a reading of its measure: not a difference between two, nor a number
    under a heading that only shares the measure's name."""
    if _DIFFERENCE.match(source, fact.end):
        return False
    digit = _DIGIT.search(source, fact.start, fact.end)
    cue = source[fact.start : digit.start() if digit else fact.end].strip()
    return _HEADING_CUE.fullmatch(cue) is None


def reading_span(source: str, fact: Fact) -> Span:
    """The fact's own characters, widened over a range or decade it ends in ("68-80'S")."""
    end = fact.end
    if (tail := _RANGE_TAIL.match(source, end)) is not None:
        end = tail.end()
    elif (plural := _PLURAL_TAIL.match(source, end)) is not None:
        end = plural.end()
    return Span(fact.start, end)


def trend_lines(source: str, facts: Iterable[Fact]) -> list[FactLine]:
    """One line per measure, in the order each was first written: its label, then its readings
    from first to last ("Heart rate: HR 95 → HR 88 → P 77")."""
    by_kind: dict[str, list[Span]] = {}
    for fact in facts:
        if fact.target or not is_reading(source, fact):
            continue
        spans = by_kind.setdefault(fact.kind, [])
        span = reading_span(source, fact)
        if (
            not spans
            or verbatim(source, *_bounds(spans[-1])).casefold()
            != verbatim(source, *_bounds(span)).casefold()
        ):
            spans.append(span)
    return [_trend(source, kind, spans) for kind, spans in by_kind.items()]


def lab_lines(source: str, facts: Iterable[Fact]) -> list[FactLine]:
    """One line per lab value written, abnormal values first (each marked low or high against
    the standard adult range), otherwise in the order written."""
    flagged: list[tuple[bool, FactLine]] = []
    seen: set[str] = set()
    for fact in facts:
        if fact.target or not is_reading(source, fact):
            continue
        span = reading_span(source, fact)
        text = verbatim(source, span.start, span.end)
        if text.casefold() in seen:
            continue
        seen.add(text.casefold())
        mark = _abnormal(fact)
        label = kind_label(fact.kind)
        line = f"{_capitalised(label)}: {text}" + (f" ({mark})" if mark else "")
        flagged.append((mark is None, FactLine(line, (span,))))
    flagged.sort(key=lambda item: item[0])
    return [line for _, line in flagged]


def _trend(source: str, kind: str, spans: Sequence[Span]) -> FactLine:
    shown: list[Span | None] = list(spans)
    if len(spans) > TREND_HEAD + TREND_TAIL + 1:
        shown = [*spans[:TREND_HEAD], None, *spans[-TREND_TAIL:]]
    readings = [_ELIDED if span is None else verbatim(source, *_bounds(span)) for span in shown]
    text = f"{_capitalised(kind_label(kind))}: {' → '.join(readings)}"
    return FactLine(text, tuple(span for span in shown if span is not None))


def _abnormal(fact: Fact) -> str | None:
    measure = MEASURE_BY_KIND.get(fact.kind)
    if measure is None or measure.normal is None:
        return None
    values = [value for value in fact.values("value") if isinstance(value, Quantity)]
    if len(values) != 1:
        return None
    low, high = measure.normal
    if values[0].magnitude < low:
        return "low"
    if values[0].magnitude > high:
        return "high"
    return None


def _bounds(span: Span) -> tuple[int, int]:
    return span.start, span.end


def _capitalised(label: str) -> str:
    return label[:1].upper() + label[1:]
