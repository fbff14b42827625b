"""Grounded drafts through the one draft call: facts from the notes, with or without a model.

Real SQLCipher files and a real (tiny) llama.cpp model. The no-model test points the settings
at a model file that does not exist, so no model can load: the draft is the facts alone.
"""

import json
from contextlib import closing
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from app.domain.audit import AuditAction
from app.domain.grounded.draft import DraftMode
from app.domain.grounded.layout import layouts_dir, shipped_layout
from app.domain.grounded.render import PROSE_PENDING
from app.domain.notes import NoteKind
from app.inference.model_files import ModelSpec
from app.security.policy import MachinePolicy
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.layouts import UnitLayouts
from app.services.session import Session
from app.services.workstation import StartOptions, Workstation
from tests.fixtures.audit_log import audit_store
from tests.grounded.notes import SHIFT
from tests.services.no_model import name_an_absent_model


@pytest.fixture
def nurse(demo_workstation: Workstation) -> Session:
    return demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)


def _reasons(workstation: Workstation, action: AuditAction) -> list[str | None]:
    store = audit_store(workstation)
    return [row.event.reason for row in store.events() if row.event.action is action]


def test_a_facts_only_draft_needs_no_model_and_is_saved(
    demo_workstation: Workstation, nurse: Session
) -> None:
    run = demo_workstation.drafts.draft(
        nurse, "DEMO-1001", NoteKind.SHIFT_SBAR, SHIFT, mode=DraftMode.FACTS_ONLY
    )
    text = "".join(run)
    assert run.outcome is not None
    assert run.outcome.facts_only_reason == "asked"
    assert demo_workstation.drafts.open_draft(nurse, run.draft.id).text == text
    assert "- Recheck K at 1200." in text
    assert f"Situation:\n{PROSE_PENDING}" in text
    assert demo_workstation.engine_host.loaded() is None
    assert _reasons(demo_workstation, AuditAction.DRAFT_GENERATE)[-1] == (
        f"layout:default:{shipped_layout('').version}:facts_only:asked"
    )


def test_with_no_model_file_the_grounded_draft_is_the_facts_only(
    data_dir: Path, memory_keyring: KeyringBackend
) -> None:
    name_an_absent_model(data_dir)
    with closing(Workstation.open(StartOptions(data_dir=data_dir, demo=True))) as workstation:
        nurse = workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
        run = workstation.drafts.draft(
            nurse, "DEMO-1001", NoteKind.IPASS, SHIFT, mode=DraftMode.GROUNDED
        )
        text = "".join(run)
    assert run.outcome is not None
    assert run.outcome.facts_only_reason == "modelmissing"
    assert run.outcome.saved is not None
    assert run.outcome.saved.model_sha256 is None
    assert "Action list:\nPlan as written:\n- Recheck K at 1200." in text


def test_a_grounded_draft_keeps_the_facts_word_for_word_around_the_models_prose(
    demo_workstation: Workstation, nurse: Session
) -> None:
    run = demo_workstation.drafts.draft(
        nurse, "DEMO-1001", NoteKind.SHIFT_SBAR, SHIFT, mode=DraftMode.GROUNDED
    )
    text = "".join(run)
    assert run.outcome is not None
    assert run.outcome.facts_only_reason is None
    assert run.outcome.saved is not None
    assert run.outcome.saved.model_sha256 is not None
    assert "- New: Started ceftriaxone 1 g IV daily." in text
    assert "Plan as written:\n- Recheck K at 1200." in text
    assert run.outcome.missing_sections == ()


def test_notes_longer_than_the_context_draft_grounded_with_every_fact(
    data_dir: Path, memory_keyring: KeyringBackend, tiny_model: ModelSpec
) -> None:
    settings = {
        "model_path": str(tiny_model.path),
        "model_sha256": tiny_model.sha256,
        "context_tokens": 2048,
    }
    (data_dir / "demo" / "settings.json").write_text(json.dumps(settings))
    nights = "\n".join(SHIFT.replace("11/20", f"11/{day}") for day in range(10, 20))
    with closing(Workstation.open(StartOptions(data_dir=data_dir, demo=True))) as workstation:
        nurse = workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
        run = workstation.drafts.draft(
            nurse, "DEMO-1001", NoteKind.SHIFT_DAR, nights, mode=DraftMode.GROUNDED
        )
        text = "".join(run)
    assert run.outcome is not None
    assert run.outcome.saved is not None
    assert "- Recheck K at 1200." in text
    assert "Started ceftriaxone 1 g IV daily." in text


def test_the_machine_policy_names_a_units_own_layout(tmp_path: Path) -> None:
    text = (layouts_dir() / "default.toml").read_text(encoding="utf-8")
    micu = tmp_path / "micu.toml"
    micu.write_text(text.replace('id = "default"', 'id = "micu-it"'), encoding="utf-8")
    policy = MachinePolicy.model_validate({"draft_layouts": {"MICU": str(micu)}})
    layouts = UnitLayouts(policy.draft_layouts)
    assert layouts.for_unit("micu").id == "micu-it"
    assert layouts.for_unit("4 West").id == "default"
