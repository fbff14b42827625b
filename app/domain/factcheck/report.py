"""What the fact checker reports, as the UI and the CLI receive it."""

import hashlib

from pydantic import BaseModel, ConfigDict, Field


def flag_id(*parts: object) -> str:
    """A stable identifier, so a nurse's resolution of a flag survives re-checking the text."""
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode("utf-8"))
    return digest.hexdigest()[:16]


class Flag(BaseModel):
    """A fact in the draft that the source notes do not back; draft[start:end] == text."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    kind: str
    reason: str


class ContradictedFlag(Flag):
    """A fact in the draft that the source notes state otherwise."""

    source_text: str


class Omission(BaseModel):
    """A fact the source marks as critical that the draft leaves out; text is from the source."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    kind: str
    reason: str


class EvidenceSpan(BaseModel):
    """A sentence of the source notes: source[start:end]."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class SentenceEvidence(BaseModel):
    """One sentence of the draft (draft[start:end]), the share of its content words the notes
    use, and the source sentences that best support it."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    support: float = Field(ge=0, le=1)
    supported: bool
    evidence: list[EvidenceSpan] = Field(default_factory=list)


class FactCheckReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    unsupported: list[Flag] = Field(default_factory=list)
    """Facts the notes do not back, and sentences (kind "sentence") not found in the notes."""
    contradicted: list[ContradictedFlag] = Field(default_factory=list)
    omitted: list[Omission] = Field(default_factory=list)
    sentences: list[SentenceEvidence] = Field(default_factory=list)
    """Every sentence of the draft with its evidence in the notes, in draft order."""

    @property
    def is_clean(self) -> bool:
        """Whether nothing was flagged or left out."""
        return not (self.unsupported or self.contradicted or self.omitted)
