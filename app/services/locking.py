"""Locking the desk: save what the nurse typed, lock the session, forget the notes the model holds.

The model's context still holds the last prompt, source notes included, after a draft is
written. Locking must clear it as surely as it clears the screen, whichever front end locks,
so the rule lives here rather than in a window.
"""

from dataclasses import dataclass

from app.domain.notes import Draft
from app.services.session import Session
from app.services.workstation import Workstation


@dataclass(frozen=True)
class UnsavedEdit:
    """Text typed into a draft and not yet saved, with the draft (and revision) it was typed on."""

    draft: Draft
    text: str


def lock_desk(workstation: Workstation, session: Session, unsaved: UnsavedEdit | None) -> None:
    """Save `unsaved` under the revision it was typed on, lock the session, forget the prompt.

    The prompt is forgotten even when the save or the lock is refused: notes must not outlive a
    lock in the model's memory.
    """
    try:
        if unsaved is not None:
            workstation.drafts.save_text(
                session,
                unsaved.draft.id,
                unsaved.text,
                unsaved.draft.revision,
                patient_mrn=unsaved.draft.patient_mrn,
            )
        workstation.auth.lock(session)
    finally:
        workstation.engine_host.forget_prompt()
