"""Guards on what the model writes, applied while it writes and when it stops.

A small local model fails in ways no fact check sees: it loops (one sentence 21 times), it
copies the notes into a "summary" until the token limit, it stops mid-sentence at that limit,
it writes a discharge summary from two lines of notes, or it obeys an instruction pasted into
the notes and writes "Not documented" everywhere. Each failure has a rule here, pure and cheap
enough to run on every streamed piece; the drafting service stops the model when a rule says so
and hands the nurse the finding's message with the draft.
"""

import re
from collections.abc import Sequence
from enum import StrEnum
from itertools import pairwise

from pydantic import BaseModel, ConfigDict

from app.domain.draft_problems import NOT_DOCUMENTED, REPEAT_MIN_WORDS, REPEATS_IN_DRAFT
from app.domain.errors import InputRejected
from app.domain.notes import NoteKind
from app.domain.planted_instructions import PlantedInstruction
from app.domain.sections import heading_pattern, section_spans

LOOP_SENTENCE_REPEATS = REPEATS_IN_DRAFT
"""A sentence of REPEAT_MIN_WORDS or more written this often is a loop: the review would block
it anyway, so writing it a fourth time only wastes the nurse's wait."""
LOOP_RUN_WORDS = 10
LOOP_RUN_REPEATS = 3
"""A run of ten words written three times without a sentence end (lists, commas, a token
stuck) is a loop too."""
SECTION_BODY_MIN_WORDS = REPEAT_MIN_WORDS
"""A section whose body repeats another section's body word for word is a loop once the body
holds this many words ("Not documented" twice is not)."""
COPY_RUN_WORDS = 8
"""Eight words in a row exactly as in the notes are copied, not rephrased."""
COPY_SHARE = 0.6
"""A summary most of whose words sit in runs copied from the notes is the notes again."""
COPY_STOP_AFTER_WORDS = 120
"""Copying is judged once the draft is this long: its opening may quote the notes."""
COPY_REPORT_AFTER_WORDS = 40
SUMMARY_KINDS = frozenset({NoteKind.DISCHARGE, NoteKind.SUMMARY, NoteKind.IPASS})
"""Kinds that condense the notes: a copy of the notes is not one of them."""
MIN_SOURCE_WORDS = {
    NoteKind.DISCHARGE: 40,
    NoteKind.SUMMARY: 30,
    NoteKind.IPASS: 12,
    NoteKind.SHIFT_SBAR: 6,
    NoteKind.SHIFT_DAR: 6,
    NoteKind.SHIFT_NARRATIVE: 6,
}
"""Fewest words of notes each kind is drafted from. Two lines of ICU shorthand hold about
twenty: enough for a shift note on one event, too few for a hospital course; one short
systems-by-systems shift note holds about sixty."""

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?|[.!?](?=\s)|\n")
_SOURCE_WORD = re.compile(r"[A-Za-z]{2,}|\d+")


class GuardKind(StrEnum):
    LOOP = "loop"
    COPIED_NOTES = "copied_notes"
    UNFINISHED = "unfinished"
    THIN_NOTES = "thin_notes"
    PLANTED_INSTRUCTIONS = "planted_instructions"
    EMPTY_DRAFT = "empty_draft"


class NotesTooThin(InputRejected):
    """Generation refused: the notes are too short for the kind asked (see `thin_notes`)."""

    reason = "notes_too_thin"


class GuardFinding(BaseModel):
    """What a guard found, said to the nurse; `kind` is what the audit log may keep."""

    model_config = ConfigDict(frozen=True)

    kind: GuardKind
    message: str


class StreamGuard:
    """Watches a draft as it streams, word by word, for a loop or a copy of the notes.

    `feed` takes each piece as it arrives and returns a finding the moment generation should
    stop; `keep` is then how much of the text to keep (up to where a loop began). `finish`
    gives the finding for a copy too short to stop on but long enough to report.
    """

    def __init__(self, source: str, kind: NoteKind, headings: Sequence[str] = ()) -> None:
        self._text = ""
        self._scanned = 0
        self._words: list[str] = []
        self._starts: list[int] = []
        self._sentence_first_word = 0
        self._sentences: dict[str, list[int]] = {}
        self._runs: dict[tuple[str, ...], list[int]] = {}
        self._judges_copies = kind in SUMMARY_KINDS
        self._source_runs = _runs(_keys(source), COPY_RUN_WORDS) if self._judges_copies else set()
        self._copied = 0
        self._copied_through = -1
        self._headings = [(heading, heading_pattern(heading)) for heading in headings]
        self._line_start = 0
        self._line_judged = -1
        self._sections: list[tuple[str, int, int]] = []
        """The headings found so far: (heading, where its line starts, where its body starts)."""
        self._bodies: dict[tuple[str, ...], str] = {}
        self.stopped: GuardFinding | None = None
        self.keep: int | None = None
        """Where the kept text ends once a loop stopped generation; None keeps it all."""

    def feed(self, piece: str) -> GuardFinding | None:
        """Read `piece`; a finding when generation must stop now (then and later)."""
        if self.stopped is not None:
            return self.stopped
        self._text += piece
        for match in _TOKEN.finditer(self._text, self._scanned):
            if match.end() == len(self._text) and match.group()[0].isalnum():
                break  # the word may go on in the next piece
            self._scanned = match.end()
            if match.group()[0].isalnum():
                self._word(match.group().casefold(), match.start())
            else:
                self._sentence_end()
            if self.stopped is not None:
                break
        if self.stopped is None and self._headings:
            self._scan_lines()
        return self.stopped

    def finish(self) -> GuardFinding | None:
        """After the last piece: a loop or copy found on the way, or a shorter copy."""
        if self.stopped is not None:
            return self.stopped
        self.feed(" ")
        if self.stopped is None and self._headings:
            self._line(self._line_start, len(self._text), complete=True)
            if self.stopped is None and self._sections:
                self._close_section(len(self._text))
        if self.stopped is None and len(self._words) >= COPY_REPORT_AFTER_WORDS:
            return self._copy_finding(stopped=False)
        return self.stopped

    @property
    def copied_share(self) -> float:
        """The share of the draft's words in runs copied word for word from the notes."""
        return self._copied / len(self._words) if self._words else 0.0

    def _word(self, key: str, start: int) -> None:
        index = len(self._words)
        self._words.append(key)
        self._starts.append(start)
        if index + 1 >= LOOP_RUN_WORDS:
            run = tuple(self._words[index + 1 - LOOP_RUN_WORDS :])
            places = self._runs.setdefault(run, [])
            places.append(index + 1 - LOOP_RUN_WORDS)
            if len(places) >= LOOP_RUN_REPEATS:
                self._stop_loop(places)
                return
        if self._judges_copies and index + 1 >= COPY_RUN_WORDS:
            first = index + 1 - COPY_RUN_WORDS
            if tuple(self._words[first:]) in self._source_runs:
                self._copied += index - max(first - 1, self._copied_through)
                self._copied_through = index
            if len(self._words) >= COPY_STOP_AFTER_WORDS:
                self.stopped = self._copy_finding(stopped=True)

    def _sentence_end(self) -> None:
        first = self._sentence_first_word
        words = self._words[first:]
        self._sentence_first_word = len(self._words)
        if len(words) < REPEAT_MIN_WORDS or " ".join(words) == NOT_DOCUMENTED:
            return
        places = self._sentences.setdefault(" ".join(words), [])
        places.append(first)
        if len(places) >= LOOP_SENTENCE_REPEATS:
            self._stop_loop(places)

    def _scan_lines(self) -> None:
        """Judge each finished line for a heading, and the open line once it holds a colon: a
        heading with its colon is one already, whatever follows it on the line."""
        while (end := self._text.find("\n", self._line_start)) >= 0:
            self._line(self._line_start, end, complete=True)
            self._line_start = end + 1
            if self.stopped is not None:
                return
        if ":" in self._text[self._line_start :]:
            self._line(self._line_start, len(self._text), complete=False)

    def _line(self, start: int, end: int, *, complete: bool) -> None:
        if start == self._line_judged:
            return
        found = next(
            (
                (heading, match)
                for heading, pattern in self._headings
                if (match := pattern.match(self._text, start, end)) is not None
                and (complete or match.group().endswith(":"))
            ),
            None,
        )
        if found is None:
            return
        heading, match = found
        self._line_judged = start
        if any(seen == heading for seen, _, _ in self._sections):
            self._stop_at(
                start,
                f'The model started the note over (the "{heading}" heading a second time), so it '
                "was stopped; the draft keeps the text written before it. Complete the rest "
                "from the notes, or regenerate.",
            )
            return
        if self._sections:
            self._close_section(start)
            if self.stopped is not None:
                return
        self._sections.append((heading, start, match.end()))

    def _close_section(self, end: int) -> None:
        """The last section found ends at `end`: its body must not be another's again."""
        heading, start, body_start = self._sections[-1]
        words = tuple(_keys(self._text[body_start:end]))
        if len(words) < SECTION_BODY_MIN_WORDS or " ".join(words) == NOT_DOCUMENTED:
            return
        earlier = self._bodies.setdefault(words, heading)
        if earlier != heading:
            self._stop_at(
                start,
                f'The model wrote the "{earlier}" section again under "{heading}", so it was '
                "stopped; the draft keeps the text written before it. Complete the rest from "
                "the notes, or regenerate.",
            )

    def _stop_at(self, cut: int, message: str) -> None:
        self.keep = len(self._text[:cut].rstrip())
        self.stopped = GuardFinding(kind=GuardKind.LOOP, message=message)

    def _stop_loop(self, places: Sequence[int]) -> None:
        """Stop, keeping the text up to where the repetition began: the second copy when the
        copies (word indexes) follow each other at a fixed distance (a cycle), else the last;
        back to the end of the sentence before it, so no half sentence is kept."""
        gaps = {later - earlier for earlier, later in pairwise(places)}
        cut = self._starts[places[1] if len(gaps) == 1 else places[-1]]
        boundary = max(self._text.rfind(end, 0, cut) for end in ".!?\n")
        self.keep = len(self._text[: boundary + 1 if boundary >= 0 else cut].rstrip())
        self.stopped = GuardFinding(
            kind=GuardKind.LOOP,
            message=(
                "The model began repeating itself, so it was stopped; the draft keeps the text "
                "written before the repetition. Complete the rest from the notes, or regenerate."
            ),
        )

    def _copy_finding(self, *, stopped: bool) -> GuardFinding | None:
        share = self.copied_share
        if share < COPY_SHARE:
            return None
        stop = ", so it was stopped" if stopped else ""
        return GuardFinding(
            kind=GuardKind.COPIED_NOTES,
            message=(
                f"The model copied the notes instead of summarising them ({share:.0%} of the "
                f"draft is word for word from the notes){stop}. Summarise them in your own "
                "words, or regenerate."
            ),
        )


def unfinished(hit_max_tokens: bool, max_tokens: int) -> GuardFinding | None:
    """A draft cut off by the token limit is reported as unfinished, never as complete."""
    if not hit_max_tokens:
        return None
    return GuardFinding(
        kind=GuardKind.UNFINISHED,
        message=(
            f"The draft is unfinished: the model reached its limit of {max_tokens} tokens before "
            "it ended. Complete the rest from the notes, or regenerate."
        ),
    )


def thin_notes(kind: NoteKind, notes: str) -> GuardFinding | None:
    """Notes too short for the kind: the model would fill the gap with invention."""
    words = len(_SOURCE_WORD.findall(notes))
    needed = MIN_SOURCE_WORDS[kind]
    if words >= needed:
        return None
    return GuardFinding(
        kind=GuardKind.THIN_NOTES,
        message=(
            f"These notes are too short for a {kind.label.lower()}: they hold {words} words, "
            f"and it needs at least {needed}. Add the notes it should be written from, or "
            "choose a shorter kind of note."
        ),
    )


def planted(passages: Sequence[PlantedInstruction]) -> GuardFinding | None:
    """Notes holding instructions to the model: said with their lines, never their text."""
    if not passages:
        return None
    lines = ", ".join(str(line) for line in sorted({passage.line for passage in passages}))
    return GuardFinding(
        kind=GuardKind.PLANTED_INSTRUCTIONS,
        message=(
            f"The notes hold text written as instructions to the model (line {lines}). It was "
            "not passed to the model, which drafted from the rest of the notes; check those "
            "lines in the notes."
        ),
    )


def empty_draft(text: str, headings: Sequence[str]) -> GuardFinding | None:
    """A draft with a heading or more and nothing under any but "Not documented"."""
    spans = section_spans(text, headings)
    if not spans or not text.strip():
        return None
    bodies = " ".join(text[span.body_start : span.body_end] for span in spans)
    words = " ".join(word.casefold() for word in _WORD.findall(bodies))
    if words.replace(NOT_DOCUMENTED, " ").strip():
        return None
    return GuardFinding(
        kind=GuardKind.EMPTY_DRAFT,
        message=(
            'The model wrote "Not documented" in every section although the notes hold '
            "facts. Regenerate, or write the note from the notes."
        ),
    )


def _keys(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text)]


def _runs(keys: Sequence[str], length: int) -> set[tuple[str, ...]]:
    return {tuple(keys[i : i + length]) for i in range(len(keys) - length + 1)}


def audit_code(findings: Sequence[GuardFinding]) -> str:
    """The findings' kinds for the audit log, `guards:loop.unfinished`: codes, never text."""
    return "guards:" + ".".join(sorted({finding.kind.value for finding in findings}))
