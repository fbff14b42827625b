"""A signed-in person's session on this workstation."""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from app.domain.identity import Principal


@dataclass
class Session:
    """One person's time at the keyboard.

    A locked session keeps its identity (so the same person can unlock it) but every service
    refuses it. Emergency sessions carry an end time after which they lock for good.
    """

    principal: Principal
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    locked: bool = False
    ended: bool = False
    expires_at: datetime | None = None

    @property
    def user_id(self) -> str:
        """The signed-in principal's id, which every audit event and draft carries."""
        return self.principal.user_id

    def has_expired(self, now: datetime) -> bool:
        """Whether `expires_at` has passed at `now`; a session without one never expires."""
        return self.expires_at is not None and now >= self.expires_at
