"""Locking the desk: save what the nurse typed, lock the session, forget the notes the model
and the review hold.

The model's context still holds the last prompt, source notes included, after a draft is
written, and the review keeps the notes its last check read. Locking must clear both as surely
as it clears the screen, whichever front end locks, so the rule lives here rather than in a
window.
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
    """Save `unsaved` under the revision it was typed on, lock the session, forget the prompt
    and the notes the review read.

    Both are forgotten even when the save or the lock is refused: notes must not outlive a lock
    in the model's memory or the review's.
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
        workstation.review.forget_notes()
