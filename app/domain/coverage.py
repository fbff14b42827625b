"""How much of the source notes a draft was written from.

A long source may not fit the model's context. Then some parts reach the model condensed (only
their fact-bearing sentences) or as facts only (measured values as ranges, other fact sentences
once) and, at worst, the oldest are left out. A draft written from less than the whole source
must say so, loudly and by name, so that no note is silently ignored.
"""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

_NAMED_LEFT_OUT = 5


class PartStatus(StrEnum):
    WHOLE = "whole"
    CONDENSED = "condensed"
    FACTS = "facts"
    """Reduced to a facts digest: measured values as ranges, other fact sentences once."""
    LEFT_OUT = "left_out"


class PartCoverage(BaseModel):
    """One part of the source: where it is, what it is called, how it reached the model."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    index: int = Field(ge=1)
    label: str
    """The part's timestamp or note header as written ("2026-11-18 06:00", "Day 2"); may be ""."""
    first_line: int = Field(ge=1)
    last_line: int = Field(ge=1)
    characters: int = Field(ge=0)
    status: PartStatus

    @property
    def name(self) -> str:
        """How the nurse finds the part in the source: its lines, and its label if it has one."""
        lines = line_range(self.first_line, self.last_line)
        where = f"{lines}, {self.label}" if self.label else lines
        return f"part {self.index} ({where})"


class Coverage(BaseModel):
    """The parts of the source in source order, each with how it reached the model."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    parts: tuple[PartCoverage, ...]

    def count(self, status: PartStatus) -> int:
        return sum(1 for part in self.parts if part.status is status)

    @property
    def complete(self) -> bool:
        """True when the model saw every part word for word."""
        return all(part.status is PartStatus.WHOLE for part in self.parts)

    @property
    def status_line(self) -> str:
        total = len(self.parts)
        noun = "part" if total == 1 else "parts"
        whole = self.count(PartStatus.WHOLE)
        line = f"Coverage: {whole} of {total} {noun} whole"
        if condensed := self.count(PartStatus.CONDENSED):
            line += f", {condensed} condensed"
        if facts := self.count(PartStatus.FACTS):
            line += f", {facts} as facts only"
        if left_out := self.count(PartStatus.LEFT_OUT):
            line += f", {left_out} LEFT OUT"
        return line

    @property
    def warning(self) -> str | None:
        """None unless parts were left out; then which ones, so they are read in the source."""
        left_out = [part for part in self.parts if part.status is PartStatus.LEFT_OUT]
        if not left_out:
            return None
        kept = [part for part in self.parts if part.status is not PartStatus.LEFT_OUT]
        count = len(left_out)
        scope = f" (notes before {_anchor(kept, left_out)})" if kept else ""
        named = ", ".join(part.name for part in left_out[:_NAMED_LEFT_OUT])
        if count > _NAMED_LEFT_OUT:
            named += f" and {count - _NAMED_LEFT_OUT} more"
        subject = "1 source part" if count == 1 else f"{count} source parts"
        verb, pronoun = ("was", "it") if count == 1 else ("were", "them")
        return (
            f"{subject}{scope} {verb} LEFT OUT: {named}. The draft does not cover {pronoun}; "
            f"read {pronoun} in the source notes."
        )


def line_range(first: int, last: int) -> str:
    """Source lines as a nurse reads them: "line 4" or "lines 4–9"."""
    return f"line {first}" if first == last else f"lines {first}–{last}"


def _anchor(kept: list[PartCoverage], left_out: list[PartCoverage]) -> str:
    """The oldest part the model did see, by label, or by line when it has none."""
    oldest_kept = kept[0] if left_out[0].index < kept[0].index else kept[-1]
    return oldest_kept.label or f"line {oldest_kept.first_line}"
