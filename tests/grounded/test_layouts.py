"""Per-unit layouts: TOML data naming each kind's fact sections and prose, in order."""

from pathlib import Path

import pytest

from app.domain.grounded.draft import plan_draft
from app.domain.grounded.layout import (
    LayoutInvalid,
    ProseSlot,
    layouts_dir,
    load_layout,
    shipped_layout,
    unit_file_name,
)
from app.domain.grounded.render import PROSE_PENDING
from app.domain.note_templates import load_template, missing_sections
from app.domain.notes import NoteKind
from tests.grounded.notes import SHIFT


def test_the_shipped_layout_uses_each_kinds_template_headings_in_order() -> None:
    layout = shipped_layout("")
    for kind in NoteKind:
        headings = [section.heading for section in layout.sections(kind) if section.heading]
        assert headings == list(load_template(kind).sections)


@pytest.mark.parametrize("kind", list(NoteKind))
def test_a_facts_only_draft_has_every_template_heading(kind: NoteKind) -> None:
    draft = plan_draft(kind, SHIFT, shipped_layout("")).facts_only
    assert missing_sections(load_template(kind), draft) == []


def test_a_unit_without_a_layout_of_its_own_gets_the_default() -> None:
    assert shipped_layout("7 North").id == "default"


def test_a_units_own_layout_file_changes_the_order_of_its_sections(tmp_path: Path) -> None:
    text = (layouts_dir() / "default.toml").read_text(encoding="utf-8")
    (tmp_path / "default.toml").write_text(text, encoding="utf-8")
    icu = text.replace('id = "default"', 'id = "micu"').replace(
        'items = ["allergies", "code-status", "lines"]', 'items = ["code-status", "allergies"]'
    )
    (tmp_path / unit_file_name("MICU")).write_text(icu, encoding="utf-8")
    layout = shipped_layout("MICU", tmp_path)
    assert layout.id == "micu"
    draft = plan_draft(NoteKind.SHIFT_SBAR, SHIFT, layout).facts_only
    background = draft[draft.index("Background:") : draft.index("Assessment:")]
    assert background.index("Code status") < background.index("Allergies")
    assert "Lines/drains/airways" not in background


def test_unit_names_become_file_names() -> None:
    assert unit_file_name("4 West") == "4-west.toml"
    assert unit_file_name("MICU/CCU") == "micu-ccu.toml"


def test_a_layout_naming_an_unknown_section_is_refused_by_name(tmp_path: Path) -> None:
    text = (layouts_dir() / "default.toml").read_text(encoding="utf-8")
    path = tmp_path / "bad.toml"
    path.write_text(text.replace('"intake-output", "labs"', '"fluids", "labs"', 1), "utf-8")
    with pytest.raises(LayoutInvalid, match="'fluids' is not a fact section"):
        load_layout(path)


def test_a_layout_naming_an_undefined_prose_slot_is_refused(tmp_path: Path) -> None:
    text = (layouts_dir() / "default.toml").read_text(encoding="utf-8")
    path = tmp_path / "bad.toml"
    path.write_text(text.replace('"prose:situation"', '"prose:story"'), "utf-8")
    with pytest.raises(LayoutInvalid, match="prose slot 'story' is not defined"):
        load_layout(path)


def test_prose_left_to_write_is_marked_and_the_facts_are_in_place() -> None:
    draft = plan_draft(NoteKind.SHIFT_SBAR, SHIFT, shipped_layout("")).facts_only
    assert draft.startswith(f"Situation:\n{PROSE_PENDING}\n\nBackground:\nAllergies:\n")
    assert "Code status:\n- Code status: FULL CODE." in draft


def test_a_passage_needing_what_the_notes_do_not_hold_is_not_written_from_them() -> None:
    slot = ProseSlot(instruction="Say what to watch for at home.", needs=("teach", "d/c home"))

    assert not slot.written_from("BP 120/80. HR 80. Lasix 40 mg IV given.")


def test_a_passage_needing_a_phrase_the_notes_hold_is_written_from_them() -> None:
    slot = ProseSlot(instruction="Say what to watch for at home.", needs=("teach", "d/c home"))

    assert slot.written_from("Teaching done with son regarding MI and new meds.")


def test_a_needed_phrase_counts_only_at_the_start_of_a_word() -> None:
    slot = ProseSlot(instruction="Say what to watch for at home.", needs=("rehab",))

    assert not slot.written_from("Prerehabilitation consult declined.")


def test_a_passage_needing_nothing_is_always_written() -> None:
    assert ProseSlot(instruction="Describe the course.").written_from("")
