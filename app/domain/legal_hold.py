"""What a legal hold keeps from the retention purge: every draft of a patient, or one draft."""

from enum import StrEnum


class HoldKind(StrEnum):
    """The target of a hold: `ref` is an MRN for PATIENT and a draft id for DRAFT."""

    PATIENT = "patient"
    DRAFT = "draft"
