"""Locking the desk as a use case: save, lock, and the model forgets the notes, on real
SQLCipher files and the real tiny llama.cpp model."""

import pytest

from app.domain.grounded.draft import DraftMode
from app.domain.notes import NoteKind
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.drafting import GenerationRun
from app.services.locking import UnsavedEdit, lock_desk
from app.services.session import Session
from app.services.workstation import Workstation
from app.storage.drafts import StaleRevision

NOTES = "0800 BP 132/84, HR 88, SpO2 95% RA. Pain 2/10. Ambulating with walker.\n"
PATIENT = "DEMO-1001"


@pytest.fixture
def nurse(demo_workstation: Workstation) -> Session:
    return demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)


def _drafted(workstation: Workstation, session: Session) -> GenerationRun:
    run = workstation.drafts.draft(
        session, PATIENT, NoteKind.SHIFT_SBAR, NOTES, mode=DraftMode.WHOLE
    )
    list(run)
    return run


def _reused_tokens(workstation: Workstation, session: Session, run: GenerationRun) -> int:
    again = workstation.drafts.generate(session, run.draft.id, mode=DraftMode.WHOLE)
    list(again)
    assert again.outcome is not None and again.outcome.stats is not None
    return again.outcome.stats.reused_prompt_tokens


def test_locking_saves_the_unsaved_text_and_locks_the_session(
    demo_workstation: Workstation, nurse: Session
) -> None:
    run = _drafted(demo_workstation, nurse)
    assert run.outcome is not None and run.outcome.saved is not None

    lock_desk(demo_workstation, nurse, UnsavedEdit(run.outcome.saved, "Edited before the lock."))

    assert nurse.locked
    demo_workstation.auth.unlock(nurse, DEMO_PASSWORD)
    assert demo_workstation.drafts.open_draft(nurse, run.draft.id).text == (
        "Edited before the lock."
    )


def test_locking_makes_the_model_read_the_notes_again(
    demo_workstation: Workstation, nurse: Session
) -> None:
    run = _drafted(demo_workstation, nurse)
    assert _reused_tokens(demo_workstation, nurse, run) > 0, "unlocked, the prompt is reused"

    lock_desk(demo_workstation, nurse, None)
    demo_workstation.auth.unlock(nurse, DEMO_PASSWORD)

    assert _reused_tokens(demo_workstation, nurse, run) == 0


def test_a_refused_save_still_makes_the_model_forget_the_notes(
    demo_workstation: Workstation, nurse: Session
) -> None:
    run = _drafted(demo_workstation, nurse)

    with pytest.raises(StaleRevision):
        lock_desk(demo_workstation, nurse, UnsavedEdit(run.draft, "Typed on an old revision."))

    assert _reused_tokens(demo_workstation, nurse, run) == 0


def test_locking_makes_the_review_read_the_notes_again(
    demo_workstation: Workstation, nurse: Session, notes_read: list[str]
) -> None:
    run = _drafted(demo_workstation, nurse)

    demo_workstation.review.check(nurse, run.draft.id)
    lock_desk(demo_workstation, nurse, None)
    demo_workstation.auth.unlock(nurse, DEMO_PASSWORD)
    demo_workstation.review.check(nurse, run.draft.id)

    assert len(notes_read) == 2
