"""A grounded draft as text: the layout's headings, the fact sections listed under them, and
the places where the model's prose goes.

`segments` gives the draft in order as literal text and prose slots, so a caller can stream
the facts at once and fill each slot as the model writes it; `compose` joins them with the
prose written so far (a slot not written yet reads `PROSE_PENDING`, which the review finds as
a passage to write where it is a required narrative, so a facts-only draft cannot be signed
with its narrative missing).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.domain.grounded.assemble import GroundedFacts
from app.domain.grounded.catalogue import NOT_IN_NOTES, FactSection
from app.domain.grounded.layout import PROSE_PREFIX, LayoutSection

PROSE_PENDING = "[To be written.]"


@dataclass(frozen=True, slots=True)
class Segment:
    """Literal text of the draft, or (`slot` set) the place of one prose passage."""

    text: str = ""
    slot: str | None = None


def segments(sections: Sequence[LayoutSection], facts: GroundedFacts) -> list[Segment]:
    """The draft in order. A fact line written twice in the notes is listed once; a fact
    section the notes say nothing of is left out, and a heading left with nothing at all says
    `NOT_IN_NOTES`."""
    listed: set[str] = set()
    parts: list[Segment] = []
    for index, section in enumerate(sections):
        opening = "\n\n" if index else ""
        if section.heading:
            opening += f"{section.heading}:\n"
        parts.append(Segment(opening))
        items: list[Segment] = []
        for item in section.items:
            if item.startswith(PROSE_PREFIX):
                items.append(Segment(slot=item.removeprefix(PROSE_PREFIX)))
            elif block := _fact_block(FactSection(item), section.heading, facts, listed):
                items.append(Segment(block))
        for position, part in enumerate(items or [Segment(NOT_IN_NOTES)]):
            if position:
                parts.append(Segment("\n"))
            parts.append(part)
    return _joined(parts)


def compose(parts: Sequence[Segment], prose: Mapping[str, str]) -> str:
    """The draft's text with each slot's prose, or `PROSE_PENDING` where none is written."""
    return "".join(
        part.text if part.slot is None else (prose.get(part.slot, "").strip() or PROSE_PENDING)
        for part in parts
    )


def _fact_block(section: FactSection, heading: str, facts: GroundedFacts, listed: set[str]) -> str:
    lines = []
    for line in facts.lines(section):
        key = line.text.casefold()
        if key not in listed:
            listed.add(key)
            lines.append(f"- {line.text}")
    if not lines:
        return ""
    if section.label.casefold() == heading.casefold():
        return "\n".join(lines)
    return f"{section.label}:\n" + "\n".join(lines)


def _joined(parts: list[Segment]) -> list[Segment]:
    """Neighbouring literal segments as one."""
    joined: list[Segment] = []
    for part in parts:
        if part.slot is None and joined and joined[-1].slot is None:
            joined[-1] = Segment(joined[-1].text + part.text)
        elif part.slot is not None or part.text:
            joined.append(part)
    return joined
