"""One grounded run shows the facts-only draft first, then the model's prose in its passages;
thin notes still give their facts; the stored draft keeps the layout it was laid out by.

Real SQLCipher files and a real (tiny) llama.cpp model; the no-model case points the settings
at a model file that does not exist.
"""

import time
from contextlib import closing
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from app.domain.generation_guards import GuardKind, NotesTooThin
from app.domain.grounded.draft import DraftMode
from app.domain.grounded.layout import shipped_layout
from app.domain.grounded.render import PROSE_PENDING
from app.domain.notes import NoteKind
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.draft_so_far import DraftSoFar, ProseState
from app.services.session import Session
from app.services.workstation import StartOptions, Workstation
from tests.grounded.notes import SHIFT
from tests.services.no_model import name_an_absent_model

THIN = "BP 120/80. HR 80."


@pytest.fixture
def nurse(demo_workstation: Workstation) -> Session:
    return demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)


def test_the_facts_only_draft_is_shown_before_the_model_is_loaded(
    demo_workstation: Workstation, nurse: Session
) -> None:
    run = demo_workstation.drafts.draft(nurse, "DEMO-1001", NoteKind.SHIFT_SBAR, SHIFT)
    shown: list[tuple[DraftSoFar, bool]] = []
    run.on_draft_so_far = lambda so_far: shown.append(
        (so_far, demo_workstation.engine_host.loaded() is not None)
    )
    "".join(run)
    first, loaded_then = shown[0]
    assert (first.prose, loaded_then) == (ProseState.LOADING, False)
    assert first.text.startswith(f"Situation:\n{PROSE_PENDING}\n\nBackground:")
    assert "- Recheck K at 1200." in first.text


def test_each_passage_fills_in_the_draft_shown_until_it_is_the_saved_text(
    demo_workstation: Workstation, nurse: Session
) -> None:
    run = demo_workstation.drafts.draft(nurse, "DEMO-1001", NoteKind.SHIFT_SBAR, SHIFT)
    shown: list[DraftSoFar] = []
    run.on_draft_so_far = shown.append
    text = "".join(run)
    assert run.outcome is not None and run.outcome.saved is not None
    assert [so_far.prose for so_far in shown[-2:]] == [ProseState.WRITING, ProseState.DONE]
    assert shown[-1].text == text == run.outcome.saved.text
    facts = shown[0].text.split(PROSE_PENDING)
    for so_far in shown:
        assert all(part.strip() in so_far.text for part in facts)


def test_the_facts_only_draft_takes_under_a_second_of_processor_time(
    demo_workstation: Workstation, nurse: Session
) -> None:
    # Processor time of the thread iterating the run, which reads the notes and lays out the
    # draft: what the target is about, whatever else the machine is doing.
    run = demo_workstation.drafts.draft(nurse, "DEMO-1001", NoteKind.DISCHARGE, SHIFT)
    started = time.thread_time()
    seconds: list[float] = []
    run.on_draft_so_far = lambda _: seconds.append(time.thread_time() - started)
    run.cancel.set()
    list(run)
    assert seconds and seconds[0] < 1.0


def test_with_no_model_the_facts_stay_and_the_run_says_the_prose_cannot_be_written(
    data_dir: Path, memory_keyring: KeyringBackend
) -> None:
    name_an_absent_model(data_dir)
    with closing(Workstation.open(StartOptions(data_dir=data_dir, demo=True))) as workstation:
        nurse = workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
        run = workstation.drafts.draft(nurse, "DEMO-1001", NoteKind.SHIFT_SBAR, SHIFT)
        shown: list[DraftSoFar] = []
        run.on_draft_so_far = shown.append
        text = "".join(run)
    assert [so_far.prose for so_far in shown] == [ProseState.LOADING, ProseState.NO_MODEL]
    assert shown[-1].reason == "modelmissing"
    assert shown[-1].text == text


def test_thin_notes_still_give_their_facts_only(
    demo_workstation: Workstation, nurse: Session
) -> None:
    run = demo_workstation.drafts.draft(
        nurse, "DEMO-1001", NoteKind.DISCHARGE, THIN, mode=DraftMode.FACTS_ONLY
    )
    text = "".join(run)
    assert run.outcome is not None and run.outcome.saved is not None
    assert "Blood pressure: BP 120/80" in text
    assert demo_workstation.engine_host.loaded() is None


def test_thin_notes_drafted_grounded_give_their_facts_and_say_why_there_is_no_prose(
    demo_workstation: Workstation, nurse: Session
) -> None:
    run = demo_workstation.drafts.draft(nurse, "DEMO-1001", NoteKind.DISCHARGE, THIN)
    text = "".join(run)
    assert run.outcome is not None
    assert run.outcome.facts_only_reason == NotesTooThin.reason
    assert [finding.kind for finding in run.outcome.guards] == [GuardKind.THIN_NOTES]
    assert "Heart rate: HR 80" in text
    assert demo_workstation.engine_host.loaded() is None


def test_thin_notes_are_still_refused_a_whole_note_draft(
    demo_workstation: Workstation, nurse: Session
) -> None:
    with pytest.raises(NotesTooThin):
        demo_workstation.drafts.draft(
            nurse, "DEMO-1001", NoteKind.DISCHARGE, THIN, mode=DraftMode.WHOLE
        )


def test_the_stored_draft_keeps_its_layout_id_and_version(
    demo_workstation: Workstation, nurse: Session
) -> None:
    run = demo_workstation.drafts.draft(
        nurse, "DEMO-1001", NoteKind.SHIFT_DAR, SHIFT, mode=DraftMode.FACTS_ONLY
    )
    list(run)
    stored = demo_workstation.drafts.open_draft(nurse, run.draft.id)
    assert (stored.layout_id, stored.layout_version) == ("default", shipped_layout("").version)
