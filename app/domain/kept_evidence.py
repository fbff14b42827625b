"""The evidence map of a checked draft, as it is kept with the draft and summarised in the audit.

Every check says, for each sentence of the draft, how much of it the notes support and which
source sentences back it. That map is what a reviewer later needs to see why a signed sentence
was trusted, so it is kept, by offsets only, with the revision it describes (in the encrypted
drafts database). The audit log, which never holds note text, gets only its counts.
"""

from collections.abc import Sequence
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from app.domain.factcheck.report import SentenceEvidence


class EvidenceSummary(BaseModel):
    """How many sentences a check read, and how many of them the notes support: counts only."""

    model_config = ConfigDict(frozen=True)

    sentences: int = Field(ge=0)
    supported: int = Field(ge=0)
    unsupported: int = Field(ge=0)

    @property
    def audit_code(self) -> str:
        """`sentences:N:supported:S:unsupported:U`, for an audit event's reason."""
        return (
            f"sentences:{self.sentences}:supported:{self.supported}:unsupported:{self.unsupported}"
        )


def summarise(sentences: Sequence[SentenceEvidence]) -> EvidenceSummary:
    supported = sum(1 for sentence in sentences if sentence.supported)
    return EvidenceSummary(
        sentences=len(sentences), supported=supported, unsupported=len(sentences) - supported
    )


class KeptEvidence(BaseModel):
    """The evidence map of one revision of a draft's text, as checked at `checked_at`.

    Offsets index the draft's text of that revision and its source notes; no text is copied.
    """

    model_config = ConfigDict(frozen=True)

    draft_id: str
    revision: int = Field(ge=1)
    checked_at: datetime
    sentences: list[SentenceEvidence] = Field(default_factory=list)

    @property
    def summary(self) -> EvidenceSummary:
        return summarise(self.sentences)
