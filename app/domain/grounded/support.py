"""Only the sentences of a passage that the safety net, reading the whole draft, finds backed.

The model writes the prose of a grounded draft from the notes, and a small model still adds
what the notes never said ("caused by a fever-reduced respiratory response", a name for the
patient). The safety net already knows, sentence by sentence, which words the notes back
(`app.domain.factcheck`). A passage keeps only the sentences it finds in the notes and in which
it flags no fact, judged as the final check judges them: in the draft, with the text around the
passage. A passage checked alone is read differently (a value under a "Respiratory rate:"
line, a list item joined to the sentence before, a sentence split at another full stop), so a
sentence kept alone could still be flagged in the draft the nurse reviews.

A passage is held to more than the review holds a nurse's sentence to: its words must stand
together in the notes, not only somewhere in them. The review's overlap measure passes "The
patient has a high blood pressure, which is causing a severe hypotension" when the notes use
"blood pressure" in one place and "hypotension" in another; a passage sentence keeps its place
only where the notes' sentences that best back it hold LOCAL_SHARE of its content words.
"""

from collections.abc import Sequence
from functools import lru_cache

from app.domain.factcheck import (
    FactCheckReport,
    SentenceEvidence,
    check_against,
    check_draft,
    read_notes,
)

LOCAL_SHARE = 0.5
"""The share of a passage sentence's content words its best-backing notes' sentences must
hold. Measured on the 303 passage sentences of 93 grounded drafts of real notes: of the 32
below half, 31 were invented or empty ("which is causing a severe hypotension", "should be
aware of their discharge summary") and one restated two history items the notes list on
separate lines."""


def flagged_sentences(report: FactCheckReport) -> list[SentenceEvidence]:
    """The report's sentences the safety net flags: not found in the notes, or holding an
    unsupported or contradicted fact. What the review counts, and what a passage may not keep."""
    flags = [*report.unsupported, *report.contradicted]
    return [
        sentence
        for sentence in report.sentences
        if not sentence.supported
        or any(flag.start < sentence.end and sentence.start < flag.end for flag in flags)
    ]


def kept_in_draft(source: str, before: str, passage: str, after: str) -> str:
    """`passage` less every sentence the check of `before + passage + after` against `source`
    flags, judged again after each drop until none is (a drop can change how the rest reads)."""
    if not passage.strip():
        return ""
    start = len(before)
    notes = read_notes(source)
    while passage.strip():
        written = before + passage + after
        report = check_against(notes, written)
        inside = [
            sentence
            for sentence in report.sentences
            if sentence.start < start + len(passage) and start < sentence.end
        ]
        flags = flagged_sentences(report)
        flagged = [
            sentence
            for sentence in inside
            if sentence in flags or _told_apart(source, written, sentence)
        ]
        shorter = _without(passage, report.sentences, flagged, start)
        if not flagged or shorter == passage:
            return "" if flagged else passage
        passage = shorter
    return ""


def _told_apart(source: str, draft: str, sentence: SentenceEvidence) -> bool:
    """Whether fewer than LOCAL_SHARE of the sentence's content words stand in the notes'
    sentences that best back it, read together in the notes' order."""
    backing = sorted(sentence.evidence, key=lambda span: span.start)
    window = "\n".join(source[span.start : span.end] for span in backing)
    return _local_share(window, draft[sentence.start : sentence.end]) < LOCAL_SHARE


@lru_cache(maxsize=512)
def _local_share(window: str, text: str) -> float:
    """The share of `text`'s content words found in `window` (1.0 for text too short to
    judge), cached because a passage is checked again after each drop."""
    return min((part.support for part in check_draft(window, text).sentences), default=1.0)


def supported_sentences(source: str, passage: str) -> str:
    """`passage` less every sentence the check of the passage alone flags."""
    return kept_in_draft(source, "", passage, "")


def _without(
    passage: str,
    sentences: Sequence[SentenceEvidence],
    flagged: Sequence[SentenceEvidence],
    start: int,
) -> str:
    """The passage's sentences (offsets `start` on in the checked text) less the flagged ones,
    each with its closing marks, joined by a line break where one stood between them. A
    sentence without a word goes too: a list's "2.", which the check reads as a sentence of
    its own and which is left standing alone when its item is dropped."""
    kept: list[str] = []
    previous_end = 0
    for sentence in sentences:
        begin = max(sentence.start - start, 0)
        end = min(sentence.end - start, len(passage))
        if end <= 0 or begin >= len(passage):
            continue
        while end < len(passage) and passage[end] in _CLOSING:
            end += 1
        if sentence not in flagged and any(char.isalpha() for char in passage[begin:end]):
            gap = passage[previous_end:begin]
            kept.append(
                ("\n" if "\n" in gap and kept else " " if kept else "") + passage[begin:end]
            )
        previous_end = end
    return "".join(kept).strip()


_CLOSING = ".!?;)\"'"
