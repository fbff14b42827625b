"""Check a drafted note against the source notes it was written from."""

from dataclasses import dataclass

from pydantic import TypeAdapter

from app.domain.factcheck.compare import SourceFacts, Status, judge
from app.domain.factcheck.evidence import SourceSentences, index_source, support_sentences
from app.domain.factcheck.extract import Reading, forget_texts, read_text
from app.domain.factcheck.extract.relative_days import RELATIVE_DAY
from app.domain.factcheck.handover import omitted_handover
from app.domain.factcheck.medication_guard import guarded
from app.domain.factcheck.nearby import NearbyValues
from app.domain.factcheck.omissions import find_omissions
from app.domain.factcheck.report import (
    ContradictedFlag,
    FactCheckReport,
    Flag,
    Omission,
    SentenceEvidence,
    flag_id,
)

SENTENCE_KIND = "sentence"
_SENTENCES = TypeAdapter(list[SentenceEvidence])
"""Every sentence's evidence validated in one call: a model built per sentence and per span
cost a tenth of a check."""
_SENTENCE_REASON = (
    "Not found in the notes: most of this sentence's words appear nowhere in the source notes."
)
_NOVEL_REASON = (
    "Not found in the notes: this sentence names a relative, or a history, that the source "
    "notes never mention."
)


@dataclass(frozen=True)
class ReadNotes:
    """Source notes read once for any number of checks (`read_notes`): their facts, their
    sentences indexed for evidence, and the look-ups built over both.

    Reading the notes is about a third of a check and never depends on the draft. The desk
    checks a draft again each time the nurse edits it, against the same notes; a kept reading
    spares every check after the first that third. It holds the notes' text, and lives as long
    as whoever keeps it: the review keeps the last one in memory only.
    """

    text: str
    reading: Reading
    facts: SourceFacts
    drugs: frozenset[str]
    """The keys of the drugs the notes order, which the medication guard weighs changes by."""
    sentences: SourceSentences


def read_notes(source: str) -> ReadNotes:
    """The source notes read for checking drafts against them (`check_against`)."""
    try:
        reading = read_text(source)
        return ReadNotes(
            text=source,
            reading=reading,
            facts=SourceFacts(
                source, reading.facts, NearbyValues(reading.rewritten.text, reading.words)
            ),
            drugs=frozenset(fact.key for fact in reading.facts if fact.kind == "medication"),
            sentences=index_source(
                reading.rewritten,
                reading.words,
                source_written=source,
                source_facts=reading.facts,
            ),
        )
    finally:
        forget_texts()


def check_draft(source: str, draft: str, *, patient_name: str = "") -> FactCheckReport:
    """Flag what the draft states that the source does not back, and what it leaves out.

    Offsets in the report index `draft` exactly as given: draft[flag.start:flag.end] is
    flag.text. `patient_name` is the name on the patient bar: the desk knows it, so a draft
    that names the patient by it names no one the notes leave out, whether they write it or not.
    """
    return check_against(read_notes(source), draft, patient_name=patient_name)


def check_against(notes: ReadNotes, draft: str, *, patient_name: str = "") -> FactCheckReport:
    """`check_draft` against notes read already: the same report, without reading them again."""
    try:
        return _check(notes, draft, patient_name)
    finally:
        forget_texts()


def _check(notes: ReadNotes, draft: str, patient_name: str) -> FactCheckReport:
    source = notes.text
    source_facts = notes.reading.facts
    draft_reading = read_text(draft)
    draft_facts = draft_reading.facts
    lookup = notes.facts
    source_drugs = notes.drugs
    unsupported: list[Flag] = []
    contradicted: list[ContradictedFlag] = []
    parts_of_events: set[str] = set()
    for fact in draft_facts:
        verdict = judge(fact, lookup, draft)
        if verdict.status is Status.SUPPORTED:
            continue
        kind, reason = guarded(fact, fact.kind, verdict.reason, source_drugs)
        identity = flag_id(kind, fact.start, fact.end, fact.text)
        if fact.key == RELATIVE_DAY or (
            fact.kind == "device" and verdict.status is Status.UNSUPPORTED
        ):
            parts_of_events.add(identity)
        if verdict.status is Status.UNSUPPORTED:
            unsupported.append(
                Flag(
                    id=identity,
                    text=fact.text,
                    start=fact.start,
                    end=fact.end,
                    kind=kind,
                    reason=reason,
                )
            )
        elif verdict.status is Status.CONTRADICTED and verdict.source is not None:
            contradicted.append(
                ContradictedFlag(
                    id=identity,
                    text=fact.text,
                    start=fact.start,
                    end=fact.end,
                    kind=kind,
                    reason=reason,
                    source_text=verdict.source.text,
                )
            )
    omitted = [
        Omission(
            id=flag_id("omitted", fact.kind, fact.text),
            text=fact.text,
            kind=fact.kind,
            reason=reason,
        )
        for fact, reason in [
            *find_omissions(source_facts, draft_facts),
            *omitted_handover(source, draft),
        ]
    ]
    supports = support_sentences(
        notes.sentences,
        draft_reading.rewritten,
        draft_reading.words,
        written=draft,
        patient_name=patient_name,
    )
    sentences = _SENTENCES.validate_python(
        [
            {
                "start": support.start,
                "end": support.end,
                "support": round(support.support, 3),
                "supported": support.supported,
                "evidence": [{"start": span.start, "end": span.end} for span in support.evidence],
            }
            for support in supports
        ]
    )
    unsupported_sentences = [
        Flag(
            id=flag_id(
                SENTENCE_KIND, sentence.start, sentence.end, draft[sentence.start : sentence.end]
            ),
            text=draft[sentence.start : sentence.end],
            start=sentence.start,
            end=sentence.end,
            kind=SENTENCE_KIND,
            reason=support.claim or (_NOVEL_REASON if support.novel else _SENTENCE_REASON),
        )
        for sentence, support in zip(sentences, supports, strict=True)
        if not sentence.supported
        and (
            support.claim is not None
            or not _holds_a_flag(
                sentence,
                [flag for flag in [*unsupported, *contradicted] if flag.id not in parts_of_events],
            )
        )
    ]
    return FactCheckReport(
        unsupported=[*unsupported_sentences, *unsupported],
        contradicted=contradicted,
        omitted=omitted,
        sentences=sentences,
    )


def _holds_a_flag(sentence: SentenceEvidence, flags: list[Flag] | list[ContradictedFlag]) -> bool:
    """Whether a fact in the sentence is flagged already: that flag names what is wrong more
    precisely than "not found in the notes" would. A claim the sentence makes (a role, a cause,
    an age) is another invention than its fact, and is flagged beside it; so is a sentence
    whose only flags are its day ("social work met with her this afternoon") or a device the
    notes never mention ("chest tubes removed without incident"): those are what an invented
    event holds, and the sentence names the invention whole."""
    return any(flag.start < sentence.end and sentence.start < flag.end for flag in flags)
