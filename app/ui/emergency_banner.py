"""The banner an emergency (break-glass) session carries for as long as it lasts.

Everyone at the workstation must see that this access is an exception, reviewed afterwards,
and when it ends; an ordinary session shows nothing.
"""

from PySide6.QtWidgets import QLabel

from app.services.session import Session
from app.ui.warning_banner import DANGER_STYLE


def emergency_banner(session: Session) -> QLabel:
    """The danger-coloured line for a break-glass `session`, hidden for any other session."""
    banner = QLabel()
    banner.setObjectName("emergencyBanner")
    banner.setAccessibleName("Emergency access notice")
    banner.setStyleSheet(DANGER_STYLE)
    expires_at = session.expires_at
    if session.principal.break_glass and expires_at is not None:
        ends = expires_at.astimezone().strftime("%H:%M")
        banner.setText(f"EMERGENCY ACCESS — every action is flagged for review. Ends at {ends}.")
    else:
        banner.hide()
    return banner
