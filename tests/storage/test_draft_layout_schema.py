"""Schema 10: a grounded draft keeps the layout it was laid out by, as it keeps its template;
an older database upgrades in place, its drafts read with no layout recorded."""

from pathlib import Path

import pytest

from app.domain.notes import NoteKind, Patient
from app.storage.database import EncryptedDatabase
from app.storage.drafts import DraftStore
from app.storage.migrations import DRAFTS_DB_MIGRATIONS, migrate, schema_version

ALEX = Patient(mrn="MRN-1", name="Alex Demo", unit="4 West")


def _draft_of(store: DraftStore) -> str:
    store.upsert_patient(ALEX)
    return store.create_draft(
        patient_mrn="MRN-1",
        author_id="u1",
        kind=NoteKind.SHIFT_SBAR,
        source_text="0800 BP 120/80.",
        template_id="shift-sbar",
        template_version=2,
    ).id


@pytest.mark.parametrize("found", [7, 9])
def test_a_draft_from_before_schema_10_upgrades_with_no_layout(
    tmp_path: Path, db_key: bytes, found: int
) -> None:
    path = tmp_path / "drafts.db"
    with EncryptedDatabase(path, db_key) as old:
        migrate(old, DRAFTS_DB_MIGRATIONS[:found])
        old.execute(
            "INSERT INTO patients (mrn, name, unit, bed, encounter_date)"
            " VALUES ('MRN-1', 'Alex Demo', '4 West', '1', '')"
        )
        old.execute(
            "INSERT INTO drafts (id, patient_mrn, author_id, kind, status, updated_at,"
            " created_at, revision, template_id, template_version, source_text, text)"
            " VALUES ('d1', 'MRN-1', 'u1', 'shift-sbar', 'draft', '2026-11-20T07:00:00+00:00',"
            " '2026-11-20T07:00:00+00:00', 1, 'shift-sbar', 2, '0800 BP 120/80.', 'S: ok')"
        )
    with EncryptedDatabase(path, db_key) as upgraded:
        draft = DraftStore(upgraded).get_draft("d1")
        assert schema_version(upgraded) == DRAFTS_DB_MIGRATIONS[-1].version
    assert (draft.text, draft.template_version) == ("S: ok", 2)
    assert (draft.layout_id, draft.layout_version) == (None, None)


def test_an_upgraded_file_stores_the_layout_of_a_generation(tmp_path: Path, db_key: bytes) -> None:
    path = tmp_path / "drafts.db"
    with EncryptedDatabase(path, db_key) as old:
        migrate(old, DRAFTS_DB_MIGRATIONS[:9])
    with EncryptedDatabase(path, db_key) as upgraded:
        store = DraftStore(upgraded)
        draft_id = _draft_of(store)
        store.save_text(draft_id, "Situation:\n- BP 120/80", 1, layout=("4-west", 3))
    with EncryptedDatabase(path, db_key) as reopened:
        draft = DraftStore(reopened).get_draft(draft_id)
    assert (draft.layout_id, draft.layout_version) == ("4-west", 3)


def test_a_whole_note_generation_clears_an_earlier_layout(tmp_path: Path, db_key: bytes) -> None:
    with EncryptedDatabase(tmp_path / "drafts.db", db_key) as db:
        store = DraftStore(db)
        draft_id = _draft_of(store)
        store.save_text(draft_id, "Situation:\n- BP 120/80", 1, layout=("default", 2))
        rewritten = store.save_text(draft_id, "S: BP 120/80", 2, model_source="model.gguf")
    assert (rewritten.layout_id, rewritten.layout_version) == (None, None)


def test_an_edit_keeps_the_layout_the_draft_was_generated_with(
    tmp_path: Path, db_key: bytes
) -> None:
    with EncryptedDatabase(tmp_path / "drafts.db", db_key) as db:
        store = DraftStore(db)
        draft_id = _draft_of(store)
        store.save_text(draft_id, "Situation:\n- BP 120/80", 1, layout=("default", 2))
        edited = store.save_text(draft_id, "Situation:\n- BP 120/80, comfortable.", 2)
    assert (edited.layout_id, edited.layout_version) == ("default", 2)
