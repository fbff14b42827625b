"""The work on a desk as the desk's helpers read it, for testing a helper without the window."""

from dataclasses import dataclass

from app.domain.notes import Draft


@dataclass
class DeskState:
    """A desk's draft and whether its model is writing, set by the test as the window would."""

    current_draft: Draft | None = None
    is_generating: bool = False
