"""`DraftService.draft`, the one call behind Generate and `wardscribe draft`, on real SQLCipher
files and the real tiny llama.cpp model."""

from collections.abc import Sequence

import pytest

from app.domain.grounded.draft import DraftMode
from app.domain.notes import NoteKind
from app.inference.engine import LlamaEngine
from app.inference.types import ChatMessage, Prompt
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.session import Session
from app.services.workstation import Workstation
from app.storage.drafts import StaleRevision

NOTES = "0800 BP 132/84, HR 88, SpO2 95% RA. Pain 2/10. Ambulating with walker.\n"
PATIENT = "DEMO-1001"


@pytest.fixture
def nurse(demo_workstation: Workstation) -> Session:
    return demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)


def test_the_notes_are_tokenized_once_and_generated_from_those_tokens(
    demo_workstation: Workstation, nurse: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A spy around the real engine's methods: they still run llama.cpp, the test only counts.
    tokenized: list[Prompt] = []
    generated: list[Prompt] = []
    tokenize, generate = LlamaEngine.tokenize, LlamaEngine.generate

    def counting_tokenize(self: LlamaEngine, messages: Sequence[ChatMessage]) -> Prompt:
        tokenized.append(tokenize(self, messages))
        return tokenized[-1]

    def recording_generate(self: LlamaEngine, prompt: Prompt, *args: object) -> object:
        generated.append(prompt)
        return generate(self, prompt, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(LlamaEngine, "tokenize", counting_tokenize)
    monkeypatch.setattr(LlamaEngine, "generate", recording_generate)

    run = demo_workstation.drafts.draft(
        nurse, PATIENT, NoteKind.SHIFT_SBAR, NOTES, mode=DraftMode.WHOLE
    )
    list(run)

    assert len(tokenized) == 1
    assert generated == tokenized
    assert run.outcome is not None and run.outcome.stats is not None
    assert run.outcome.stats.prompt_tokens == len(tokenized[0])


def test_a_finished_run_carries_its_own_stats_and_the_saved_draft(
    demo_workstation: Workstation, nurse: Session
) -> None:
    run = demo_workstation.drafts.draft(nurse, PATIENT, NoteKind.SHIFT_SBAR, NOTES)
    text = "".join(run)

    outcome = run.outcome
    assert outcome is not None and outcome.saved is not None
    assert outcome.saved.id == run.draft.id
    assert outcome.saved.text == text
    assert outcome.stats is not None and outcome.stats.completion_tokens > 0
    assert not outcome.stats.cancelled


def test_unchanged_notes_regenerate_the_draft_shown_whatever_their_line_endings(
    demo_workstation: Workstation, nurse: Session
) -> None:
    first = demo_workstation.drafts.draft(nurse, PATIENT, NoteKind.SHIFT_SBAR, NOTES)
    list(first)

    again = demo_workstation.drafts.draft(
        nurse, PATIENT, NoteKind.SHIFT_SBAR, NOTES.replace("\n", "\r\n"), current=first.draft.id
    )
    list(again)

    assert again.draft.id == first.draft.id
    assert again.outcome is not None and again.outcome.saved is not None
    assert again.outcome.saved.revision > first.draft.revision


@pytest.mark.parametrize(
    ("notes", "kind"),
    [(NOTES + "1000 Voided 300 mL.\n", NoteKind.SHIFT_SBAR), (NOTES, NoteKind.SHIFT_DAR)],
)
def test_other_notes_or_another_kind_make_a_new_draft(
    demo_workstation: Workstation, nurse: Session, notes: str, kind: NoteKind
) -> None:
    first = demo_workstation.drafts.draft(nurse, PATIENT, NoteKind.SHIFT_SBAR, NOTES)
    list(first)

    other = demo_workstation.drafts.draft(nurse, PATIENT, kind, notes, current=first.draft.id)

    assert other.draft.id != first.draft.id
    assert other.draft.kind is kind


def test_an_edit_saved_while_the_model_writes_is_not_overwritten(
    demo_workstation: Workstation, nurse: Session
) -> None:
    run = demo_workstation.drafts.draft(nurse, PATIENT, NoteKind.SHIFT_SBAR, NOTES)
    stream = iter(run)
    next(stream)
    demo_workstation.drafts.save_text(
        nurse, run.draft.id, "Typed by the nurse.", run.draft.revision
    )

    with pytest.raises(StaleRevision):
        list(stream)

    assert demo_workstation.drafts.open_draft(nurse, run.draft.id).text == "Typed by the nurse."
