"""Review and sign-off: how a person resolves fact-check flags, attests and signs a note.

The model drafts; the nurse decides. A flag is resolved only with a reason from a fixed list,
so the audit log can say why without quoting note text, and a note is signed only by its
author after attesting to the review.
"""

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType

from pydantic import BaseModel, ConfigDict, Field

from app.domain.draft_problems import DraftProblem
from app.domain.errors import WardScribeError
from app.domain.factcheck import FactCheckReport, Flag, Omission
from app.domain.factcheck.check import SENTENCE_KIND
from app.domain.factcheck.labels import kind_label
from app.domain.notes import DraftStatus

ATTESTATION_ID = "ai-draft-review-v3"
"""Stored with each signature: which attestation wording the signer agreed to (v2 names the
patient, the note kind and every flag and left-out item the signer decided on; v3 also names
the sentences not found in the notes, each of which the signer reviewed)."""
CRITICAL_OMISSIONS = frozenset({"allergy", "code_status", "medication", "isolation", "airway"})
"""Left-out facts that block signing until added or acknowledged one by one: a missing
allergy, code status, new or changed order, isolation precaution or artificial airway harms the
patient (or, for isolation, the next patients) on the next shift. Lines and drains, pending
results, fall risk and pressure injuries left out are listed for the signer, not blocking."""


class Decision(StrEnum):
    ACCEPTED = "accepted"
    """The flagged fact stands as written; the reason says why the source does not show it."""
    EDITED = "edited"
    """The nurse wrote or corrected this fact herself, so it stands on her authority."""
    ACKNOWLEDGED = "acknowledged"
    """A critical fact left out of the note on purpose; the reason says where it is recorded."""


REASON_CODES: Mapping[Decision, Mapping[str, str]] = MappingProxyType(
    {
        Decision.ACCEPTED: MappingProxyType(
            {
                "verified_in_chart": "Verified in the chart",
                "clinically_equivalent": "Clinically equivalent to the source",
                "source_incomplete": "The source notes are incomplete",
            }
        ),
        Decision.EDITED: MappingProxyType(
            {
                "own_assessment": "Entered from my own assessment",
                "corrected_from_chart": "Corrected from the chart",
            }
        ),
        Decision.ACKNOWLEDGED: MappingProxyType(
            {
                "recorded_in_chart": "Recorded in the chart; not needed in this note",
                "no_longer_current": "No longer current (resolved, changed or stopped)",
                "source_incorrect": "The source notes are wrong about this",
            }
        ),
    }
)
"""The only reasons a flag may be resolved with, and the label a nurse picks each by."""

AMEND_REASONS: Mapping[str, str] = MappingProxyType(
    {
        "correct_error": "Correct an error",
        "late_entry": "Add a late entry",
        "clarify": "Clarify what was written",
    }
)
"""Why a signed note is amended, as the record keeps it: a code, never the nurse's words."""


class ReviewRefused(WardScribeError):
    """A review step that cannot be taken now; `reason` is the short code the audit log keeps."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class SignedReadOnly(ReviewRefused):
    def __init__(self) -> None:
        super().__init__(
            "This note is signed and read-only. Amend it to make a change.", "signed_read_only"
        )


class FlagResolution(BaseModel):
    """A person's decision on one flag of one version of a draft."""

    model_config = ConfigDict(frozen=True)

    draft_id: str
    version: int = Field(ge=1)
    flag_id: str
    fact_kind: str
    decision: Decision
    reason_code: str
    user_id: str
    revision: int = Field(ge=1)
    """The draft revision the decision was made on, for the record."""
    at: datetime


class VersionSummary(BaseModel):
    """One version in a note's history: an amendment is a new version of a signed one."""

    model_config = ConfigDict(frozen=True)

    version: int = Field(ge=1)
    status: DraftStatus
    amends: int | None
    created_by: str
    created_at: datetime
    signed_by: str | None = None
    signed_at: datetime | None = None
    signature_name: str | None = None
    """The signer's name and credentials as they signed ("R. Lee, RN"); None for a version not
    signed, or signed before the name was kept with the signature."""


def omission_name(omission: Omission) -> str:
    """What a left-out item is called on the desk: "allergy penicillin", "code status DNR"."""
    return f"{kind_label(omission.kind).lower()} {omission.text}"


class ReviewReport(FactCheckReport):
    """A fact check of a draft's stored text, with the flags already resolved for it, the
    problems only an edit removes, and the attestation a signer of this text makes."""

    draft_id: str
    version: int = Field(ge=1)
    revision: int = Field(ge=1)
    resolved: frozenset[str] = frozenset()
    problems: list[DraftProblem] = Field(default_factory=list)
    attestation: str = ""

    def is_resolved(self, flag_id: str) -> bool:
        return flag_id in self.resolved

    @property
    def flags(self) -> list[Flag]:
        """Every flag with a span in the draft, in text order."""
        return sorted([*self.unsupported, *self.contradicted], key=lambda flag: flag.start)

    @property
    def kinds(self) -> dict[str, str]:
        """The fact kind of every flag and omission, by id: what the audit log may say of it."""
        kinds = {flag.id: flag.kind for flag in self.flags}
        kinds.update((omission.id, omission.kind) for omission in self.omitted)
        return kinds

    @property
    def blocking(self) -> list[Flag]:
        """Unresolved unsupported or contradicted facts: while any remain, nobody may sign."""
        return [flag for flag in self.flags if flag.id not in self.resolved]

    @property
    def blocking_omissions(self) -> list[Omission]:
        """Allergies, code status and changed orders left out and not yet acknowledged."""
        return [
            omission
            for omission in self.omitted
            if omission.kind in CRITICAL_OMISSIONS and omission.id not in self.resolved
        ]

    @property
    def may_sign(self) -> bool:
        return not (self.blocking or self.blocking_omissions or self.problems)

    def omission(self, item_id: str) -> Omission | None:
        return next((omission for omission in self.omitted if omission.id == item_id), None)


def attestation_statement(
    *, kind_label: str, patient_name: str, patient_mrn: str, report: FactCheckReport
) -> str:
    """What a signer attests to, naming what they reviewed: the note, whose it is, each
    decision they made on a flagged fact or a left-out item, and every sentence flagged as not
    found in the notes."""
    sentences = sum(1 for flag in report.unsupported if flag.kind == SENTENCE_KIND)
    flags = len(report.unsupported) + len(report.contradicted) - sentences
    parts = [
        f"I reviewed this AI-assisted {kind_label} for {patient_name} (MRN {patient_mrn}) "
        "line by line against the source notes"
    ]
    if flags:
        parts.append(f"including {flags} flagged fact(s) I corrected or accepted with a reason")
    if sentences:
        parts.append(
            f"every one of the {sentences} sentence(s) flagged as not found in the notes, each "
            "of which I reviewed and corrected or accepted with a reason"
        )
    critical = [omission_name(item) for item in report.omitted if item.kind in CRITICAL_OMISSIONS]
    if critical:
        parts.append("and the left-out " + "; ".join(critical))
    return ", ".join(parts) + "."
