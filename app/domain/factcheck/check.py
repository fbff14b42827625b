"""Check a drafted note against the source notes it was written from."""

from app.domain.factcheck.compare import SourceFacts, Status, judge
from app.domain.factcheck.extract import extract_facts, read_text
from app.domain.factcheck.nearby import NearbyValues
from app.domain.factcheck.omissions import find_omissions
from app.domain.factcheck.report import ContradictedFlag, FactCheckReport, Flag, Omission, flag_id


def check_draft(source: str, draft: str) -> FactCheckReport:
    """Flag what the draft states that the source does not back, and what it leaves out.

    Offsets in the report index `draft` exactly as given: draft[flag.start:flag.end] is
    flag.text.
    """
    reading = read_text(source)
    source_facts = reading.facts
    draft_facts = extract_facts(draft)
    lookup = SourceFacts(source, source_facts, NearbyValues(reading.rewritten, reading.words))
    unsupported: list[Flag] = []
    contradicted: list[ContradictedFlag] = []
    for fact in draft_facts:
        verdict = judge(fact, lookup, draft)
        identity = flag_id(fact.kind, fact.start, fact.end, fact.text)
        if verdict.status is Status.UNSUPPORTED:
            unsupported.append(
                Flag(
                    id=identity,
                    text=fact.text,
                    start=fact.start,
                    end=fact.end,
                    kind=fact.kind,
                    reason=verdict.reason,
                )
            )
        elif verdict.status is Status.CONTRADICTED and verdict.source is not None:
            contradicted.append(
                ContradictedFlag(
                    id=identity,
                    text=fact.text,
                    start=fact.start,
                    end=fact.end,
                    kind=fact.kind,
                    reason=verdict.reason,
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
        for fact, reason in find_omissions(source_facts, draft_facts)
    ]
    return FactCheckReport(unsupported=unsupported, contradicted=contradicted, omitted=omitted)
