"""A signed-in person's session on this workstation."""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from app.domain.identity import Principal


@dataclass
class Session:
    principal: Principal
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    locked: bool = False
    break_glass_reason_code: str | None = None
    """Set only for emergency access; every audit event of the session is then flagged."""

    @property
    def user_id(self) -> str:
        return self.principal.user_id
