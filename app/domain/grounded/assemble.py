"""The fact sections of a draft, assembled from the facts the fact checker reads in the notes.

One reading of the notes (`app.domain.source_sentences`, the checker's own extraction) feeds
every section, so a grounded draft and the safety net never disagree about what the notes say.
Sections that list whole clauses claim them in a fixed order (allergies, code status, plan,
pending, medications, lines), so a clause is listed once even when it names a drug in a plan.
"""

from collections.abc import Callable
from dataclasses import dataclass

from app.domain.factcheck.facts import Fact
from app.domain.grounded.catalogue import FactSection
from app.domain.grounded.clauses import Clauses, merge_spans
from app.domain.grounded.history import current_device, current_medication, history_blocks
from app.domain.grounded.lines import FactLine, Span, verbatim
from app.domain.grounded.medications import medication_lines
from app.domain.grounded.plan import pending_lines, plan_lines
from app.domain.grounded.readings import (
    is_intake_output,
    is_lab,
    is_vital,
    lab_lines,
    trend_lines,
)
from app.domain.grounded.rejoined import rejoined
from app.domain.source_sentences import Sentence, read_sentences


@dataclass(frozen=True, slots=True)
class GroundedFacts:
    """Every fact section of one source, each a list of lines (empty when the notes say
    nothing of it)."""

    source: str
    sections: dict[FactSection, list[FactLine]]

    def lines(self, section: FactSection) -> list[FactLine]:
        return self.sections.get(section, [])


def assemble_facts(source: str) -> GroundedFacts:
    """Read the notes once and fill every fact section from what they state."""
    sentences = rejoined(source, read_sentences(source))
    facts = _facts_of(sentences)
    clauses = Clauses(sentences)
    blocks = history_blocks(source)
    used: set[tuple[int, int]] = set()

    def clause_lines(kind: str, keep: Callable[[Span], bool] = lambda _: True) -> list[FactLine]:
        kinds = [fact for fact in facts if fact.kind == kind]
        return _clause_lines(source, kinds, clauses, used, keep)

    sections: dict[FactSection, list[FactLine]] = {
        FactSection.VITALS: trend_lines(source, (f for f in facts if is_vital(f.kind))),
        FactSection.INTAKE_OUTPUT: trend_lines(
            source, (f for f in facts if is_intake_output(f.kind))
        ),
        FactSection.LABS: lab_lines(source, (f for f in facts if is_lab(f.kind))),
        FactSection.ALLERGIES: clause_lines("allergy"),
        FactSection.CODE_STATUS: clause_lines("code_status"),
        FactSection.PLAN: plan_lines(source, sentences, used),
        FactSection.PENDING: pending_lines(source, sentences, used),
    }
    sections[FactSection.MEDICATIONS] = medication_lines(
        source,
        (f for f in facts if f.kind == "medication"),
        clauses,
        used,
        lambda part, offset: current_medication(source, part, offset, blocks),
    )
    sections[FactSection.LINES] = clause_lines(
        "device", lambda span: current_device(source[span.start : span.end])
    )
    return GroundedFacts(source, {section: _once(sections[section]) for section in FactSection})


def _once(lines: list[FactLine]) -> list[FactLine]:
    """Each line text once, where it was first written: notes copied forward repeat lines."""
    seen: set[str] = set()
    kept = []
    for line in lines:
        key = line.text.casefold()
        if key not in seen:
            seen.add(key)
            kept.append(line)
    return kept


def _facts_of(sentences: list[Sentence]) -> list[Fact]:
    """Each fact once (a fact straddling two sentences belongs to both), in source order."""
    seen: set[tuple[str, int, int]] = set()
    facts = []
    for sentence in sentences:
        for fact in sentence.facts:
            identity = (fact.kind, fact.start, fact.end)
            if identity not in seen:
                seen.add(identity)
                facts.append(fact)
    return facts


def _clause_lines(
    source: str,
    facts: list[Fact],
    clauses: Clauses,
    used: set[tuple[int, int]],
    keep: Callable[[Span], bool],
) -> list[FactLine]:
    parts = [part for fact in facts if (part := clauses.part_at(source, fact.start)) is not None]
    return [
        FactLine(verbatim(source, part.start, part.end), (part,))
        for part in merge_spans(parts, used)
        if keep(part)
    ]
