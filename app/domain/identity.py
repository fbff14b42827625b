"""Who is at the keyboard, as every service and audit event sees it."""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from app.domain.roles import Role


class ProviderKind(StrEnum):
    LOCAL = "local"
    ENTRA_ID = "entra_id"
    ACTIVE_DIRECTORY = "active_directory"


class Principal(BaseModel):
    """An authenticated person.

    `user_id` is the stable, unique identifier HIPAA 164.312(a)(2)(i) asks for: the local
    account id, Entra `tid:oid`, or the AD objectSid. Display names can change; this cannot.
    """

    model_config = ConfigDict(frozen=True)

    user_id: str
    username: str
    display_name: str
    role: Role
    provider: ProviderKind
    break_glass: bool = False
    credentials: str = ""
    """Professional credentials ("RN, BSN"), written after the name on what they sign."""

    @property
    def signature_name(self) -> str:
        """The name as a signature prints it: "R. Lee, RN"."""
        return f"{self.display_name}, {self.credentials}" if self.credentials else self.display_name


class EmergencyReason(StrEnum):
    """Why emergency (break-glass) access was used; recorded with every such sign-in."""

    PATIENT_EMERGENCY = "patient_emergency"
    IDENTITY_PROVIDER_OUTAGE = "identity_provider_outage"
    DISASTER_RECOVERY = "disaster_recovery"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()
