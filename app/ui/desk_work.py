"""What the desk's helpers (autosave, lock, patient switch) read of the work on the desk.

The window keeps the draft on the desk and knows whether the model is writing; the helpers
read both through this protocol rather than holding a copy that could fall behind.
"""

from typing import Protocol

from app.domain.notes import Draft


class DeskWork(Protocol):
    """The work on the desk now, as the window keeps it."""

    @property
    def current_draft(self) -> Draft | None:
        """The stored draft the editors show, or None before any draft is made or opened."""
        ...

    @property
    def is_generating(self) -> bool:
        """The model is writing a draft into the desk now."""
        ...
