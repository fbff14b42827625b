"""Fitting a source that is too long for the model's context, without silently dropping any of it.

The source is split where notes begin: a dated line ("2026-11-20 07:00 …"), a hospital day
("Day 2", "POD 1"), a note header ("Night shift note") or a ruled line. A part still too big to
move as one block is split again at timed entries ("0700 …"), then at lines.

Each part can reach the model in one of three forms, all made by extraction rather than by the
model: whole; condensed, where only the sentences that carry a clinical fact the fact checker
reads (a vital sign, lab, dose, device, side, allergy, code status) are kept, word for word, with
the part's first sentence and each kept line's timestamp; or as a facts digest
(`app.domain.fact_digest`): its measured values as ranges and its other fact sentences once. A
model call per part would take minutes on a CPU; extraction takes milliseconds, is deterministic
(so a regenerated draft reuses the cached prompt), and keeps the source's own numbers for the
check.

Budgeting covers as much of the source as it can, then favours recent notes, which matter most
at handoff. The newest part goes in whole: it is what the next shift acts on. Every other part
first gets its cheapest form. If even those do not fit, neighbouring parts are digested
together, two at a time, then four, and so on, until they fit; only when a single digest of all
the older notes is still too big are the oldest left out. Budget left over then buys detail
from the newest note back, one step at a time (a shared digest split in halves, a digested part
condensed) until a step does not fit, so detail only ever falls with age; what remains buys
condensed parts back whole. The prompt keeps the source's order. Notes are taken
to run oldest first unless their dated labels run backwards.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from app.domain.coverage import Coverage, PartCoverage, PartStatus
from app.domain.fact_digest import FactDigest, digest_part, merge
from app.domain.source_sentences import Sentence, read_sentences, sentence_spans

TokenCounter = Callable[[str], int]

_PART_SEPARATOR = "\n\n"
_SEPARATOR_TOKENS = 2
_PARTS_PER_BUDGET = 4
"""A part may take at most this fraction of the budget, so the newest few always fit whole."""
_MIN_PART_CHARS = 400
_MAX_LABEL_CHARS = 60
_FORMS = (PartStatus.WHOLE, PartStatus.CONDENSED, PartStatus.FACTS)
"""The forms a part can reach the model in, best first."""

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
    """A part with each form it can take and what each costs in tokens."""

    part: SourcePart
    condensed: str
    digest: FactDigest
    digest_text: str
    whole_tokens: int
    condensed_tokens: int
    digest_tokens: int

    def text(self, form: PartStatus) -> str:
        if form is PartStatus.WHOLE:
            return self.part.text.strip()
        if form is PartStatus.CONDENSED:
            return self.condensed
        return self.digest_text

    def cost(self, form: PartStatus) -> int:
        """Tokens the part takes in `form`, with its separator."""
        if form is PartStatus.WHOLE:
            tokens = self.whole_tokens
        elif form is PartStatus.CONDENSED:
            tokens = self.condensed_tokens
        else:
            tokens = self.digest_tokens
        return tokens + _SEPARATOR_TOKENS

    @property
    def cheapest(self) -> PartStatus:
        """The form that costs least; the better form where two cost the same."""
        return min(_FORMS, key=lambda form: (self.cost(form), _FORMS.index(form)))


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
    return _condense(text, read_sentences(text))


def measure(part: SourcePart, count_tokens: TokenCounter) -> MeasuredPart:
    whole = part.text.strip()
    sentences = read_sentences(whole)
    condensed = _condense(whole, sentences)
    digest = digest_part(
        whole, sentences, label=part.label, first_line=part.first_line, last_line=part.last_line
    )
    digest_text = digest.render()
    whole_tokens = count_tokens(whole)
    condensed_tokens = whole_tokens if condensed == whole else count_tokens(condensed)
    return MeasuredPart(
        part=part,
        condensed=condensed,
        digest=digest,
        digest_text=digest_text,
        whole_tokens=whole_tokens,
        condensed_tokens=min(condensed_tokens, whole_tokens),
        digest_tokens=count_tokens(digest_text),
    )


def allocate(
    measured: Sequence[MeasuredPart], budget: int, count_tokens: TokenCounter
) -> SourcePlan:
    """Spend `budget` tokens on the parts in the order the module describes.

    `count_tokens` prices the digests of merged parts, which are written only when needed.
    """
    by_recency = _newest_first([item.part for item in measured])
    units: list[_Unit] = []
    rest = by_recency
    if by_recency and measured[by_recency[0]].cost(PartStatus.WHOLE) <= budget:
        newest, *rest = by_recency
        units.append(_single(measured, newest, PartStatus.WHOLE))
    room = budget - sum(unit.tokens for unit in units)
    cheapest = [_single(measured, index, measured[index].cheapest) for index in rest]
    if sum(unit.tokens for unit in cheapest) <= room:
        older = cheapest
    else:
        older = _digest_groups(measured, rest, room, count_tokens)
    spare = room - sum(unit.tokens for unit in older)
    units.extend(_refine(measured, older, spare, count_tokens))
    forms = [PartStatus.LEFT_OUT] * len(measured)
    for unit in units:
        for index in unit.parts:
            forms[index] = unit.form
    return SourcePlan(
        text=_PART_SEPARATOR.join(
            unit.text for unit in sorted(units, key=lambda unit: min(unit.parts))
        ),
        coverage=Coverage(
            parts=tuple(
                _coverage(item.part, form) for item, form in zip(measured, forms, strict=True)
            )
        ),
    )


@dataclass(frozen=True, slots=True)
class _Unit:
    """Parts that reach the model as one piece of text: one part in any form, or a merged digest."""

    parts: tuple[int, ...]
    """Part indexes, newest first."""
    form: PartStatus
    text: str
    tokens: int
    """What the text costs, with its separator."""


def _single(measured: Sequence[MeasuredPart], index: int, form: PartStatus) -> _Unit:
    item = measured[index]
    return _Unit((index,), form, item.text(form), item.cost(form))


def _group(
    measured: Sequence[MeasuredPart], parts: Sequence[int], count_tokens: TokenCounter
) -> _Unit:
    """The parts as one unit: a lone part in its cheapest form, several as one merged digest."""
    if len(parts) == 1:
        return _single(measured, parts[0], measured[parts[0]].cheapest)
    text = merge([measured[index].digest for index in sorted(parts)]).render()
    return _Unit(tuple(parts), PartStatus.FACTS, text, count_tokens(text) + _SEPARATOR_TOKENS)


def _digest_groups(
    measured: Sequence[MeasuredPart],
    by_recency: Sequence[int],
    room: int,
    count_tokens: TokenCounter,
) -> list[_Unit]:
    """Neighbouring parts digested together, in groups as small as `room` allows, newest first;
    when even one digest of them all is too big, the most recent parts one digest can hold.

    Groups are counted from the oldest part, so a smaller group left over is a recent one.
    """
    oldest_first = by_recency[::-1]
    size = 2
    while size < 2 * len(by_recency):
        groups = [
            _group(measured, oldest_first[start : start + size][::-1], count_tokens)
            for start in range(0, len(oldest_first), size)
        ][::-1]
        if sum(unit.tokens for unit in groups) <= room:
            return groups
        size *= 2
    fitting: list[_Unit] = []
    low, high = 1, len(by_recency) - 1
    while low <= high:
        middle = (low + high) // 2
        unit = _group(measured, by_recency[:middle], count_tokens)
        if unit.tokens <= room:
            fitting = [unit]
            low = middle + 1
        else:
            high = middle - 1
    return fitting


def _refine(
    measured: Sequence[MeasuredPart],
    units: Sequence[_Unit],
    spare: int,
    count_tokens: TokenCounter,
) -> list[_Unit]:
    """Spend `spare` tokens on detail, newest first, then on whole parts.

    Walking from the newest unit, a merged digest is split in halves (the newer no larger) and
    a lone digested part is condensed, until a step costs more than is left: detail never skips
    a newer note for an older one. Whole parts are then bought for condensed ones wherever the
    rest allows.
    """
    refined = list(units)
    position = 0
    while position < len(refined):
        unit = refined[position]
        if len(unit.parts) > 1:
            half = len(unit.parts) // 2
            finer = [
                _group(measured, unit.parts[:half], count_tokens),
                _group(measured, unit.parts[half:], count_tokens),
            ]
        elif unit.form is PartStatus.FACTS:
            finer = [_single(measured, unit.parts[0], PartStatus.CONDENSED)]
        else:
            position += 1
            continue
        extra = sum(piece.tokens for piece in finer) - unit.tokens
        if extra > spare:
            break
        refined[position : position + 1] = finer
        spare -= extra
    for position, unit in enumerate(refined):
        if unit.form is PartStatus.CONDENSED:
            whole = _single(measured, unit.parts[0], PartStatus.WHOLE)
            if whole.tokens - unit.tokens <= spare:
                refined[position] = whole
                spare -= whole.tokens - unit.tokens
    return refined


def _condense(text: str, sentences: Sequence[Sentence]) -> str:
    lines = text.split("\n")
    kept_by_line: dict[int, list[str]] = {}
    for position, sentence in enumerate(sentences):
        if position == 0 or sentence.clinical_facts:
            kept_by_line.setdefault(sentence.line, []).append(text[sentence.start : sentence.end])
    return "\n".join(
        _with_timestamp(lines[line_index], kept) for line_index, kept in kept_by_line.items()
    )


def measure_source(
    text: str,
    count_tokens: TokenCounter,
    budget: int,
    *,
    stopped: Callable[[], bool] = lambda: False,
) -> list[MeasuredPart] | None:
    """`text` split into parts sized for `budget`, each condensed, digested and counted; None if
    `stopped` turned true first.

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
    for start, end in sentence_spans(line):
        sentence = line[start:end]
        if pieces and len(pieces[-1]) + 1 + len(sentence) <= max_chars:
            pieces[-1] += " " + sentence
        else:
            pieces.append(sentence)
    return [(number, piece) for piece in pieces]


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
