"""The whole of a grounded draft as it stands, for a screen that shows the facts at once.

A grounded draft's facts are read from the notes in well under a second; its prose waits on the
model, which may still be loading, or may not be there at all. A desk shows the facts-only
draft as soon as it exists and fills each passage in as the model writes it, and says where the
prose stands, so the nurse never looks at a blank editor or wonders whether more is coming.
"""

from dataclasses import dataclass
from enum import StrEnum


class ProseState(StrEnum):
    """Where the model's part of a grounded draft stands."""

    LOADING = "loading"
    """The model is loading: the passages follow once it has."""
    WRITING = "writing"
    """The model is writing the passages, one after another."""
    NOT_ASKED = "not_asked"
    """The model is not asked for the prose: facts only was chosen, or the notes are too thin
    for the model to write from without inventing."""
    NO_MODEL = "no_model"
    """No model could be had: the passages are the nurse's to write."""
    DONE = "done"
    """Every passage is written, or left for the nurse where the model wrote nothing usable."""


@dataclass(frozen=True, slots=True)
class DraftSoFar:
    """The draft's whole text now (passages not yet written read `[To be written.]`) and where
    its prose stands; `reason` says why the model is not writing it (`facts_only_reason`)."""

    text: str
    prose: ProseState
    reason: str | None = None
