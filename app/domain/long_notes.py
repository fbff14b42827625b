"""Fitting a source that is too long for the model's context, without silently dropping any of it.

The source is split where notes begin: a dated line ("2026-11-20 07:00 …"), a hospital day
("Day 2", "POD 1"), a note header ("Night shift note") or a ruled line. A part still too big to
move as one block is split again at timed entries ("0700 …"), then at lines.

Each part is condensed by extraction, not by the model: only the sentences that carry a clinical
fact the fact checker reads (a vital sign, lab, dose, device, side, allergy, code status) are
kept, word for word, with the part's first sentence and each kept line's timestamp. A model
call per part would take minutes on a CPU; extraction takes milliseconds, is deterministic (so a
regenerated draft reuses the cached prompt), and keeps the source's own wording for the check.

Budgeting favours recent notes, which matter most at handoff. The newest part always goes in
whole: it is what the next shift acts on. Every other part then gets its condensed form, newest
first, until the budget is spent; only the older parts that do not fit even condensed are left
out. The budget left over buys back whole parts, newest first. The prompt keeps the source's
order. Notes are taken to run oldest first unless their dated labels run backwards.
"""

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from app.domain.coverage import Coverage, PartCoverage, PartStatus
from app.domain.factcheck import extract_facts

TokenCounter = Callable[[str], int]

_PART_SEPARATOR = "\n\n"
_SEPARATOR_TOKENS = 2
_PARTS_PER_BUDGET = 4
"""A part may take at most this fraction of the budget, so the newest few always fit whole."""
_MIN_PART_CHARS = 400
_MAX_LABEL_CHARS = 60
_UNSCORED_FACTS = frozenset({"time", "date"})
"""Nearly every line of timed notes has a time: a time alone does not make a sentence a fact."""

_CLOCK = r"(?:(?:[01]?\d|2[0-3]):[0-5]\d|(?:[01]\d|2[0-3])[0-5]\d)(?:[ \t]*[AaPp]\.?[Mm]\.?)?"
_DATED_LINE = re.compile(
    r"^[ \t]*((?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2}))"
    rf"(?:(?:[ \t]+|T|,[ \t]*)(?:at[ \t]+)?{_CLOCK})?"
    rf"|\d{{1,2}}/\d{{1,2}}[ \t]+{_CLOCK})(?![\w/]|:\d)"
)
_DAY_LINE = re.compile(
    r"^[ \t]*((?:hospital[ \t]+day|post-?op(?:erative)?[ \t]+day|day|HD|POD)[ \t]*#?[ \t]*\d{1,3})"
    r"(?![\w/])",
    re.IGNORECASE,
)
_HEADER_LINE = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*|[=*_-]{2,}[ \t]*)?"
    r"((?:[A-Za-z'’&/-]+[ \t]+){0,4}(?:notes?|hand-?off|report))"
    r"[ \t]*(?:[=*_-]{2,}|#+)?[ \t]*:?[ \t]*$",
    re.IGNORECASE,
)
_MARKDOWN_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+(\S.*?)[ \t]*#*[ \t]*$")
_RULE_LINE = re.compile(r"^[ \t]*[-=_*~]{3,}[ \t]*$")
_TIMED_LINE = re.compile(
    rf"^[ \t]*({_CLOCK})(?![\w/]|:\d|-\d{{1,2}}-)(?![ \t]*(?:mL|ml|mg|mcg|units?|kg|g|L|%)(?!\w))"
)
_SENTENCE_BREAK = re.compile(r"(?<=[.;!?])[ \t]+(?=[A-Z0-9(\"'])")
_TRAILING_PUNCTUATION = re.compile(r"^[\s:,.;–—-]*$")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


@dataclass(frozen=True, slots=True)
class SourcePart:
    """A stretch of the source as written: the unit that is kept whole, condensed or left out."""

    index: int
    label: str
    first_line: int
    last_line: int
    text: str


@dataclass(frozen=True, slots=True)
class MeasuredPart:
    part: SourcePart
    condensed: str
    whole_tokens: int
    condensed_tokens: int


@dataclass(frozen=True, slots=True)
class SourcePlan:
    """What goes between the prompt's source delimiters, and how much of the source that is."""

    text: str
    coverage: Coverage


@dataclass(slots=True)
class _Section:
    label: str
    pieces: list[tuple[int, str]] = field(default_factory=list)
    has_content: bool = False


def split_source(text: str, *, max_part_chars: int | None = None) -> list[SourcePart]:
    """The source's parts in source order; parts over `max_part_chars` are split further."""
    lines = text.split("\n")
    sections = _split_on_headings(lines)
    chunks: list[tuple[str, list[tuple[int, str]]]] = []
    for section in sections:
        if max_part_chars is None or _size(section.pieces) <= max_part_chars:
            chunks.append((section.label, section.pieces))
        else:
            chunks.extend(_subdivide(section, max_part_chars))
    parts: list[SourcePart] = []
    for label, pieces in chunks:
        if not any(piece.strip() for _, piece in pieces):
            continue
        parts.append(
            SourcePart(
                index=len(parts) + 1,
                label=label,
                first_line=pieces[0][0],
                last_line=pieces[-1][0],
                text="\n".join(piece for _, piece in pieces),
            )
        )
    return parts


def condense(text: str) -> str:
    """The sentences of `text` that carry clinical facts, verbatim, one source line per line.

    The first sentence stays as the part's header, and a kept sentence whose line opens with a
    timestamp gets that timestamp back, so every extract still says when it happened.
    """
    lines = text.split("\n")
    spans: list[tuple[int, int, int]] = []
    offset = 0
    for line_index, line in enumerate(lines):
        for start, end in _sentence_spans(line):
            spans.append((line_index, offset + start, offset + end))
        offset += len(line) + 1
    keep = [False] * len(spans)
    if spans:
        keep[0] = True
    starts = [start for _, start, _ in spans]
    for fact in extract_facts(text):
        if fact.kind in _UNSCORED_FACTS:
            continue
        position = max(bisect.bisect_right(starts, fact.start) - 1, 0)
        while position < len(spans) and spans[position][1] < fact.end:
            keep[position] = True
            position += 1
    kept_by_line: dict[int, list[str]] = {}
    for (line_index, start, end), kept in zip(spans, keep, strict=True):
        if kept:
            kept_by_line.setdefault(line_index, []).append(text[start:end])
    return "\n".join(
        _with_timestamp(lines[line_index], sentences)
        for line_index, sentences in kept_by_line.items()
    )


def measure(part: SourcePart, count_tokens: TokenCounter) -> MeasuredPart:
    whole = part.text.strip()
    condensed = condense(whole)
    whole_tokens = count_tokens(whole)
    condensed_tokens = whole_tokens if condensed == whole else count_tokens(condensed)
    return MeasuredPart(part, condensed, whole_tokens, min(condensed_tokens, whole_tokens))


def allocate(measured: Sequence[MeasuredPart], budget: int) -> SourcePlan:
    """Spend `budget` tokens on the parts in the order the module describes."""
    status = [PartStatus.LEFT_OUT] * len(measured)
    by_recency = _newest_first([item.part for item in measured])
    used = 0
    rest = by_recency
    if by_recency and measured[by_recency[0]].whole_tokens + _SEPARATOR_TOKENS <= budget:
        newest, *rest = by_recency
        status[newest] = PartStatus.WHOLE
        used = measured[newest].whole_tokens + _SEPARATOR_TOKENS
    for index in rest:
        item = measured[index]
        cost = item.condensed_tokens + _SEPARATOR_TOKENS
        if used + cost > budget:
            break
        unchanged = item.condensed == item.part.text.strip()
        status[index] = PartStatus.WHOLE if unchanged else PartStatus.CONDENSED
        used += cost
    for index in by_recency:
        item = measured[index]
        extra = item.whole_tokens - item.condensed_tokens
        if status[index] is PartStatus.CONDENSED and used + extra <= budget:
            status[index] = PartStatus.WHOLE
            used += extra
    texts: list[str] = []
    for item, part_status in zip(measured, status, strict=True):
        if part_status is PartStatus.WHOLE:
            texts.append(item.part.text.strip())
        elif part_status is PartStatus.CONDENSED:
            texts.append(item.condensed)
    return SourcePlan(
        text=_PART_SEPARATOR.join(texts),
        coverage=Coverage(
            parts=tuple(
                _coverage(item.part, part_status)
                for item, part_status in zip(measured, status, strict=True)
            )
        ),
    )


def measure_source(
    text: str,
    count_tokens: TokenCounter,
    budget: int,
    *,
    stopped: Callable[[], bool] = lambda: False,
) -> list[MeasuredPart] | None:
    """`text` split into parts sized for `budget`, each condensed and counted; None if `stopped`
    turned true first.

    Parts are sized from the source's own characters-per-token, so each takes at most a quarter
    of the budget. This is the costly half of planning: `allocate` may be run again on the
    result with a tighter budget.
    """
    chars_per_token = len(text) / max(count_tokens(text), 1)
    max_part_chars = max(_MIN_PART_CHARS, int(budget * chars_per_token / _PARTS_PER_BUDGET))
    measured: list[MeasuredPart] = []
    for part in split_source(text, max_part_chars=max_part_chars):
        if stopped():
            return None
        measured.append(measure(part, count_tokens))
    return measured


def whole_coverage(text: str) -> Coverage:
    """The coverage of a source that went to the model in full."""
    return Coverage(parts=tuple(_coverage(part, PartStatus.WHOLE) for part in split_source(text)))


def _coverage(part: SourcePart, status: PartStatus) -> PartCoverage:
    return PartCoverage(
        index=part.index,
        label=part.label,
        first_line=part.first_line,
        last_line=part.last_line,
        characters=len(part.text),
        status=status,
    )


def _split_on_headings(lines: list[str]) -> list[_Section]:
    """Sections that each open with a heading; headings with nothing between them merge."""
    sections: list[_Section] = []
    current = _Section(label="")
    for number, line in enumerate(lines, start=1):
        heading = _heading(line)
        if heading is not None:
            label, heading_only = heading
            if current.has_content:
                sections.append(current)
                current = _Section(label=label)
            else:
                current.label = " ".join(filter(None, (current.label, label)))
            if not heading_only:
                current.has_content = True
        elif line.strip():
            current.has_content = True
        current.pieces.append((number, line))
    sections.append(current)
    return sections


def _heading(line: str) -> tuple[str, bool] | None:
    """The label a note-opening line carries and whether the line is nothing but that heading."""
    for pattern in (_DATED_LINE, _DAY_LINE):
        if match := pattern.match(line):
            rest = line[match.end() :]
            return _label(match.group(1)), bool(_TRAILING_PUNCTUATION.match(rest))
    if _RULE_LINE.match(line):
        return "", True
    for pattern in (_MARKDOWN_HEADING, _HEADER_LINE):
        if match := pattern.match(line):
            return _label(match.group(1)), True
    return None


def _label(text: str) -> str:
    return " ".join(text.split())[:_MAX_LABEL_CHARS]


def _subdivide(section: _Section, max_chars: int) -> list[tuple[str, list[tuple[int, str]]]]:
    """Split an oversized section at timed entries, then at lines, then at sentences."""
    segments: list[tuple[str, list[tuple[int, str]]]] = []
    for number, line in section.pieces:
        timed = _TIMED_LINE.match(line)
        if timed is not None or not segments:
            segments.append((_label(timed.group(1)) if timed else "", []))
        segments[-1][1].append((number, line))
    units: list[tuple[str, list[tuple[int, str]]]] = []
    for time_label, pieces in segments:
        if _size(pieces) <= max_chars:
            units.append((time_label, pieces))
            continue
        for position, (number, line) in enumerate(pieces):
            label = time_label if position == 0 else ""
            units.extend((label, [piece]) for piece in _line_pieces(number, line, max_chars))
    chunks: list[tuple[str, list[tuple[int, str]]]] = []
    for time_label, pieces in units:
        if chunks and _size(chunks[-1][1] + pieces) <= max_chars:
            chunks[-1][1].extend(pieces)
            continue
        if not chunks:
            label = section.label
        elif time_label:
            label = _label(f"{section.label}, {time_label}" if section.label else time_label)
        else:
            label = _label(f"{section.label} (continued)") if section.label else ""
        chunks.append((label, list(pieces)))
    return chunks


def _line_pieces(number: int, line: str, max_chars: int) -> list[tuple[int, str]]:
    """A line as pieces of whole sentences no longer than `max_chars` where sentences allow."""
    if len(line) <= max_chars:
        return [(number, line)]
    pieces: list[str] = []
    for start, end in _sentence_spans(line):
        sentence = line[start:end]
        if pieces and len(pieces[-1]) + 1 + len(sentence) <= max_chars:
            pieces[-1] += " " + sentence
        else:
            pieces.append(sentence)
    return [(number, piece) for piece in pieces]


def _sentence_spans(line: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(line):
        spans.append((start, match.start()))
        start = match.end()
    if line[start:].strip():
        spans.append((start, len(line.rstrip())))
    return [(begin, end) for begin, end in spans if line[begin:end].strip()]


def _with_timestamp(line: str, sentences: list[str]) -> str:
    kept = " ".join(sentence.strip() for sentence in sentences)
    stamp = _DATED_LINE.match(line) or _TIMED_LINE.match(line)
    if stamp is not None and not kept.startswith(line[: stamp.end()].strip()):
        return f"{stamp.group(1)} {kept}"
    return kept


def _size(pieces: list[tuple[int, str]]) -> int:
    return sum(len(piece) + 1 for _, piece in pieces)


def _newest_first(parts: Sequence[SourcePart]) -> list[int]:
    """Part indexes, most recent first: source order reversed, unless dated labels run backwards."""
    dates = [found for part in parts if (found := _label_date(part.label)) is not None]
    in_order = list(range(len(parts)))
    if len(dates) >= 2 and dates[0] > dates[-1]:
        return in_order
    return in_order[::-1]


def _label_date(label: str) -> date | None:
    if match := _ISO_DATE.search(label):
        year, month, day = (int(group) for group in match.groups())
    elif match := _US_DATE.search(label):
        month, day, year = (int(group) for group in match.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
