"""Drafts that read like notes but say nothing, say one thing over and over, or name someone else.

A small model can write a discharge summary that is seven copies of one sentence, an I-PASS
that is only its headings, a summary that repeats its own instructions, or an SBAR that calls
the patient's daughter the patient. None of these is a wrong fact the fact checker can trace,
so each is found here, by pure rules over the text, and blocks signing until the text is
edited: there is nothing to accept about them.
"""

import re
from collections.abc import Iterator, Sequence
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from app.domain.factcheck.report import flag_id
from app.domain.sections import SectionSpan, section_spans

NOT_DOCUMENTED = "not documented"
PASSAGE_MARKER = "[To be written.]"
"""What a grounded draft holds where the model wrote no passage (`app.domain.grounded.render`)."""
ECHO_WORDS = 6
"""A run of this many words copied from the instructions is an echo, not a coincidence."""
REPEAT_MIN_WORDS = 4
"""Shorter sentences ("Tolerated well.") recur in real notes."""
REPEATS_IN_DRAFT = 3
REPEATS_IN_SECTION = 2
LONG_SENTENCE_WORDS = 10
"""A sentence this long written twice anywhere, even in two sections, was copied, not meant."""

_PLACEHOLDER = re.compile(r"(?i)\b(?:n/?a|tbd|todo|pending|xx+)\b|\[[^\]\n]*\]|[-–—*•_.…:;,\s]")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_SENTENCE = re.compile(r"(?:[^.!?\n]|\.(?=\d))+[.!?]*")
_NAME = r"[A-Z][a-z'’-]+(?:[ \t]+[A-Z][a-z'’-]+)+"
"""Two or more capitalised words: one ("Patient is Alert") is too often not a name."""
_NAMED_AS_PATIENT = (
    re.compile(
        rf"\b(?:[Pp]atient|[Pp]t\.?)(?:[ \t]+[Nn]ame)?[ \t]*(?::|-|–|is|named)[ \t]*({_NAME})"
    ),
    re.compile(rf"\b[Nn]ame[ \t]*:[ \t]*({_NAME})"),
    re.compile(rf"\b({_NAME}),?[ \t]+(?:is[ \t]+)?an?[ \t]+\d{{1,3}}[- ](?:year|yr|y/?o\b)"),
    re.compile(rf"\b({_NAME}),[ \t]*\d{{1,3}}[ \t]*(?:[MFmf]\b|y/?o\b|yo\b|years?\b)"),
    re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+([A-Z][a-z'’-]+)"),
)
"""Places where a note names the person it is about: "Patient: A B", "A B is a 72-year-old",
"A B, 72F", "Mrs. B"."""
_NOT_NAMES = frozenset(
    {
        "patient",
        "patients",
        "pt",
        "name",
        "the",
        "this",
        "situation",
        "background",
        "assessment",
        "recommendation",
        "admitted",
        "received",
        "data",
        "action",
        "response",
        "summary",
    }
)
"""Capitalised words that open a sentence or a heading before a name."""


class ProblemKind(StrEnum):
    EMPTY_SECTION = "empty_section"
    REPEATED_TEXT = "repeated_text"
    INSTRUCTION_ECHO = "instruction_echo"
    WRONG_PATIENT_NAME = "wrong_patient_name"
    PASSAGE_TO_WRITE = "passage_to_write"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    ProblemKind.EMPTY_SECTION: "Empty section",
    ProblemKind.REPEATED_TEXT: "Repeated text",
    ProblemKind.INSTRUCTION_ECHO: "Instructions copied into the note",
    ProblemKind.WRONG_PATIENT_NAME: "Another person named as the patient",
    ProblemKind.PASSAGE_TO_WRITE: "Passage to write",
}


class DraftProblem(BaseModel):
    """Something in the draft that must be edited before signing; draft[start:end] shows it."""

    model_config = ConfigDict(frozen=True)

    id: str
    kind: ProblemKind
    section: str
    """The heading the problem stands under; empty when the draft has none there."""
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    reason: str


def find_problems(
    draft: str, *, headings: Sequence[str], instructions: str, patient_name: str
) -> list[DraftProblem]:
    """Every empty, repeated, echoed or misnamed part of `draft`, in text order.

    `headings` are the note kind's section headings, `instructions` everything the model was
    told besides the notes, `patient_name` the name on the patient bar.
    """
    spans = section_spans(draft, headings)
    problems = [
        *_empty_sections(draft, spans),
        *_passages_to_write(draft, spans),
        *_repeated_sentences(draft, spans),
        *_instruction_echoes(draft, spans, instructions),
        *_misnamed_patient(draft, spans, patient_name),
    ]
    return sorted(problems, key=lambda problem: (problem.start, problem.kind.value))


def _problem(
    kind: ProblemKind,
    draft: str,
    spans: Sequence[SectionSpan],
    *,
    start: int,
    end: int,
    reason: str,
) -> DraftProblem:
    section = next((span.heading for span in reversed(spans) if span.heading_start <= start), "")
    text = draft[start:end]
    return DraftProblem(
        id=flag_id("problem", kind.value, start, end, text),
        kind=kind,
        section=section,
        start=start,
        end=end,
        text=text,
        reason=reason,
    )


def _is_empty(body: str) -> bool:
    return not _PLACEHOLDER.sub("", body).strip()


def _says_not_documented(body: str) -> bool:
    return _PLACEHOLDER.sub("", body.casefold().replace(NOT_DOCUMENTED, "")).strip() == ""


def _empty_sections(draft: str, spans: Sequence[SectionSpan]) -> Iterator[DraftProblem]:
    """Headings with nothing under them; and, when no section holds anything, every one."""
    bodies = [draft[span.body_start : span.body_end] for span in spans]
    skeleton = bool(spans) and all(_says_not_documented(body) for body in bodies)
    for span, body in zip(spans, bodies, strict=True):
        end = span.body_start
        if _is_empty(body) and PASSAGE_MARKER in body:
            continue  # a passage to write, found as such
        if _is_empty(body):
            reason = f"{span.heading} is empty. Write what the notes say, or remove the heading."
        elif skeleton:
            end = span.body_end
            reason = (
                f'Every section says "Not documented": {span.heading} holds nothing from the '
                "notes. Write it from the notes."
            )
        else:
            continue
        yield _problem(
            ProblemKind.EMPTY_SECTION,
            draft,
            spans,
            start=span.heading_start,
            end=end,
            reason=reason,
        )


def _passages_to_write(draft: str, spans: Sequence[SectionSpan]) -> Iterator[DraftProblem]:
    """Each passage the model left unwritten where it is a required narrative: the note's
    whole narrative (a kind without headings) or a section with nothing else in it. Where the
    section lists facts from the notes, the passage is left for the nurse to write or delete,
    and the section stands by its facts: neither empty nor blocking."""
    start = draft.find(PASSAGE_MARKER)
    while start >= 0:
        end = start + len(PASSAGE_MARKER)
        span = next((s for s in spans if s.body_start <= start < s.body_end), None)
        body = draft if span is None else draft[span.body_start : span.body_end]
        if not spans or _is_empty(body):
            where = "The note" if span is None else span.heading
            yield _problem(
                ProblemKind.PASSAGE_TO_WRITE,
                draft,
                spans,
                start=start,
                end=end,
                reason=f"{where}: the model wrote no passage here. Write it from the notes.",
            )
        start = draft.find(PASSAGE_MARKER, end)


def _sentences(draft: str) -> Iterator[tuple[str, int, int]]:
    """Each sentence long enough to count, normalised, with its span."""
    for match in _SENTENCE.finditer(draft):
        words = _WORD.findall(match.group())
        if len(words) >= REPEAT_MIN_WORDS:
            key = " ".join(word.casefold() for word in words)
            if key != NOT_DOCUMENTED:
                text = match.group()
                yield key, match.start() + len(text) - len(text.lstrip()), match.end()


def _repeated_sentences(draft: str, spans: Sequence[SectionSpan]) -> Iterator[DraftProblem]:
    """A sentence written three times in the draft, twice in one section, or, when long, twice
    anywhere (a paragraph copied from one section into the next): a model loop."""
    seen: dict[str, list[tuple[int, int]]] = {}
    for key, start, end in _sentences(_headings_blanked(draft, spans)):
        seen.setdefault(key, []).append((start, end))
    for key, places in seen.items():
        sections = [_section_of(spans, start) for start, _ in places]
        twice_in_section = len(set(sections)) < len(sections)
        long_and_twice = len(places) > 1 and len(key.split()) >= LONG_SENTENCE_WORDS
        if len(places) < REPEATS_IN_DRAFT and not twice_in_section and not long_and_twice:
            continue
        start, end = places[1][0], places[-1][1]
        yield _problem(
            ProblemKind.REPEATED_TEXT,
            draft,
            spans,
            start=start,
            end=end,
            reason=f"The same sentence is written {len(places)} times. Keep it once.",
        )


def _headings_blanked(draft: str, spans: Sequence[SectionSpan]) -> str:
    """`draft` with each section heading turned to spaces, so that a sentence right after
    "Assessment:" reads the same as that sentence elsewhere; offsets are unchanged."""
    for span in spans:
        width = span.body_start - span.heading_start
        draft = draft[: span.heading_start] + " " * width + draft[span.body_start :]
    return draft


def _section_of(spans: Sequence[SectionSpan], offset: int) -> int:
    return sum(1 for span in spans if span.heading_start <= offset)


def _instruction_echoes(
    draft: str, spans: Sequence[SectionSpan], instructions: str
) -> Iterator[DraftProblem]:
    """Runs of words copied from the instructions, merged where they touch or overlap."""
    told = [word.casefold() for word in _WORD.findall(instructions)]
    shingles = {tuple(told[i : i + ECHO_WORDS]) for i in range(len(told) - ECHO_WORDS + 1)}
    words = list(_WORD.finditer(draft))
    keys = [word.group().casefold() for word in words]
    runs: list[list[int]] = []
    for i in range(len(words) - ECHO_WORDS + 1):
        if tuple(keys[i : i + ECHO_WORDS]) not in shingles:
            continue
        last = i + ECHO_WORDS - 1
        if runs and i <= runs[-1][1] + 1:
            runs[-1][1] = last
        else:
            runs.append([i, last])
    for first, last in runs:
        yield _problem(
            ProblemKind.INSTRUCTION_ECHO,
            draft,
            spans,
            start=words[first].start(),
            end=words[last].end(),
            reason="This is the model's instructions, not the patient's notes. Replace it.",
        )


def _misnamed_patient(
    draft: str, spans: Sequence[SectionSpan], patient_name: str
) -> Iterator[DraftProblem]:
    """A person the draft names as the patient whose name is not the patient bar's."""
    patient = {word.casefold() for word in _WORD.findall(patient_name)}
    reported: set[tuple[int, int]] = set()
    for pattern in _NAMED_AS_PATIENT:
        for match in pattern.finditer(draft):
            words = list(_WORD.findall(match.group(1)))
            while words and words[0].casefold() in _NOT_NAMES:
                words.pop(0)
            if not words or _same_person(words, patient):
                continue
            start = match.start(1) + match.group(1).find(words[0])
            end = match.end(1)
            if (start, end) in reported:
                continue
            reported.add((start, end))
            yield _problem(
                ProblemKind.WRONG_PATIENT_NAME,
                draft,
                spans,
                start=start,
                end=end,
                reason=f"The draft names {' '.join(words)} as the patient; the patient bar says "
                f"{patient_name}. Correct the name, or check that these are this patient's notes.",
            )


def _same_person(named: Sequence[str], patient: set[str]) -> bool:
    """The surname (the last word) must be the patient's; a first name given must be too."""
    last_ok = named[-1].casefold() in patient
    first_ok = len(named) < 2 or named[0].casefold() in patient
    return last_ok and first_ok
