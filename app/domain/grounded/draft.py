"""One grounded draft before the model writes: its kind, layout, facts and the places for prose.

Built in well under a second from the notes alone, so it is also the facts-only draft: shown
at once when no model is configured, while one loads, or when the nurse asks for the facts
only.
"""

from dataclasses import dataclass
from enum import StrEnum

from app.domain.grounded.assemble import GroundedFacts, assemble_facts
from app.domain.grounded.catalogue import NOT_IN_NOTES, FactSection
from app.domain.grounded.layout import PROSE_PREFIX, DraftLayout, ProseSlot
from app.domain.grounded.render import Segment, compose, segments
from app.domain.notes import NoteKind


class DraftMode(StrEnum):
    """Who writes what in a draft."""

    GROUNDED = "grounded"
    """Fact sections from the notes, the model writing only the prose (the default)."""
    FACTS_ONLY = "facts-only"
    """Fact sections only, no model: at once, on any workstation."""
    WHOLE = "whole"
    """The model writes the whole note from the notes (before grounded drafts)."""


@dataclass(frozen=True)
class GroundedPlan:
    """What a grounded draft of one kind holds before its prose is written."""

    kind: NoteKind
    layout: DraftLayout
    facts: GroundedFacts
    parts: tuple[Segment, ...]

    @property
    def facts_only(self) -> str:
        """The draft with every prose passage left to write."""
        return compose(self.parts, {})

    def slot(self, name: str) -> ProseSlot:
        return self.layout.prose[name]

    def heading_of(self, name: str) -> str:
        """The heading a prose slot stands under ("" in kinds without headings)."""
        for section in self.layout.sections(self.kind):
            if f"{PROSE_PREFIX}{name}" in section.items:
                return section.heading
        return ""

    def headings(self) -> list[str]:
        """Every heading and fact-section label a passage must not run into."""
        labels = [section.label for section in FactSection]
        return [section.heading for section in self.layout.sections(self.kind)] + labels


def plan_draft(kind: NoteKind, source: str, layout: DraftLayout) -> GroundedPlan:
    """Read the notes and lay out the draft of `kind`."""
    facts = assemble_facts(source)
    return GroundedPlan(kind, layout, facts, tuple(segments(layout.sections(kind), facts)))


def facts_listing(facts: GroundedFacts) -> str:
    """Every fact section the notes fill, in catalogue order, as the model is shown them: the
    same text for every kind, so all passages drafted from one source share their prompt
    prefix. Empty sections are left out: a small model told "not documented" repeats it."""
    blocks = []
    for section in FactSection:
        if lines := facts.lines(section):
            body = "\n".join(f"- {line.text}" for line in lines)
            blocks.append(f"{section.label}:\n{body}")
    return "\n".join(blocks) or NOT_IN_NOTES
