"""Which passages of a grounded draft the model is asked for: only those the notes hold
something to write from. Real llama.cpp running a tiny GGUF model."""

import threading

from app.domain.generation import GenerationStats
from app.domain.grounded.draft import plan_draft
from app.domain.grounded.layout import shipped_layout
from app.domain.grounded.render import PROSE_PENDING
from app.domain.note_templates import load_template
from app.domain.notes import NoteKind
from app.inference.engine import LlamaEngine
from app.services.grounded import stream_grounded
from tests.grounded.notes import SHIFT

TAUGHT = SHIFT + "Teaching done with pt and wife regarding daily weights and low salt diet.\n"


def _model_runs(engine: LlamaEngine, notes: str) -> tuple[int, str]:
    """How many passages the model wrote for a discharge summary of `notes`, and the draft."""
    plan = plan_draft(NoteKind.DISCHARGE, notes, shipped_layout(""))
    stats: list[GenerationStats] = []
    template = load_template(NoteKind.DISCHARGE)
    text = "".join(stream_grounded(engine, template, plan, threading.Event(), stats, seed=1))
    return len(stats), text


def test_patient_instructions_are_not_asked_for_from_notes_without_teaching(
    engine: LlamaEngine,
) -> None:
    runs, text = _model_runs(engine, SHIFT)

    assert runs == len(shipped_layout("").slots(NoteKind.DISCHARGE)) - 1
    assert text.endswith(f"Patient instructions:\n{PROSE_PENDING}")


def test_patient_instructions_are_asked_for_from_notes_that_record_teaching(
    engine: LlamaEngine,
) -> None:
    runs, _ = _model_runs(engine, TAUGHT)

    assert runs == len(shipped_layout("").slots(NoteKind.DISCHARGE))
