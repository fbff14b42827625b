"""DraftStore: patients, drafts, optimistic saves and the drafts list."""

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.errors import NotFound
from app.domain.notes import Draft, DraftStatus, DraftSummary, NoteKind, Patient
from app.storage.database import DatabaseCorrupt, EncryptedDatabase
from app.storage.drafts import DraftStore, StaleRevision
from app.storage.migrations import SchemaTooNew
from app.storage.review import ReviewStore

START = datetime(2025, 3, 1, 7, 0, tzinfo=UTC)
ADA = Patient(
    mrn="MRN-001", name="Ada Lovelace", unit="4 West", bed="12", encounter_date="2025-03-01"
)
ALAN = Patient(mrn="MRN-002", name="Alan Turing", unit="4 West", bed="14")


class TickingClock:
    """A clock that moves one second per reading, so every save has a later time."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def db(tmp_path: Path, db_key: bytes) -> Iterator[EncryptedDatabase]:
    database = EncryptedDatabase(tmp_path / "drafts.db", db_key)
    yield database
    database.close()


@pytest.fixture
def store(db: EncryptedDatabase) -> DraftStore:
    drafts = DraftStore(db, clock=TickingClock())
    drafts.upsert_patient(ADA)
    drafts.upsert_patient(ALAN)
    return drafts


def new_draft(
    store: DraftStore,
    *,
    patient: Patient = ADA,
    author_id: str = "nurse-1",
    text: str = "S: stable",
) -> Draft:
    return store.create_draft(
        patient_mrn=patient.mrn,
        author_id=author_id,
        kind=NoteKind.SHIFT_SBAR,
        source_text="raw shift notes",
        text=text,
        template_id="sbar",
        template_version=2,
    )


def test_a_patient_reads_back_as_stored(store: DraftStore) -> None:
    assert store.get_patient(ADA.mrn) == ADA


def test_upserting_a_patient_again_updates_it(store: DraftStore) -> None:
    moved = ADA.model_copy(update={"bed": "3"})

    store.upsert_patient(moved)

    assert store.get_patient(ADA.mrn).bed == "3"


def test_patients_are_listed_by_name(store: DraftStore) -> None:
    assert [p.name for p in store.list_patients()] == ["Ada Lovelace", "Alan Turing"]


def test_an_unknown_patient_is_not_found(store: DraftStore) -> None:
    with pytest.raises(NotFound):
        store.get_patient("MRN-404")


def test_a_new_draft_starts_at_revision_one_with_utc_times(store: DraftStore) -> None:
    draft = new_draft(store)

    assert draft.revision == 1
    assert draft.status is DraftStatus.DRAFT
    assert draft.created_at == draft.updated_at
    assert draft.created_at.utcoffset() == timedelta(0)


def test_a_draft_reads_back_exactly_as_created(store: DraftStore) -> None:
    draft = new_draft(store, text="Situation: ☃ stable — unicode kept")

    assert store.get_draft(draft.id) == draft


def test_a_draft_for_an_unknown_patient_is_refused(store: DraftStore) -> None:
    with pytest.raises(NotFound):
        new_draft(store, patient=Patient(mrn="MRN-404", name="Nobody"))


def test_an_unknown_draft_is_not_found(store: DraftStore) -> None:
    with pytest.raises(NotFound):
        store.get_draft("no-such-draft")


def test_saving_text_bumps_revision_and_updated_at(store: DraftStore) -> None:
    draft = new_draft(store)

    saved = store.save_text(draft.id, "S: improving", expected_revision=1)

    assert saved.text == "S: improving"
    assert saved.revision == 2
    assert saved.updated_at > draft.updated_at
    assert saved.created_at == draft.created_at
    assert store.get_draft(draft.id) == saved


def test_saving_against_a_stale_revision_is_refused_and_keeps_the_newer_text(
    store: DraftStore,
) -> None:
    draft = new_draft(store)
    store.save_text(draft.id, "first editor", expected_revision=1)

    with pytest.raises(StaleRevision) as raised:
        store.save_text(draft.id, "second editor", expected_revision=1)

    assert (raised.value.expected, raised.value.current) == (1, 2)
    assert store.get_draft(draft.id).text == "first editor"


def test_the_stale_revision_message_carries_no_note_text(store: DraftStore) -> None:
    draft = new_draft(store)
    store.save_text(draft.id, "first editor", expected_revision=1)

    with pytest.raises(StaleRevision) as raised:
        store.save_text(draft.id, "second editor", expected_revision=1)

    assert "editor" not in str(raised.value)


def test_saving_an_unknown_draft_is_not_found(store: DraftStore) -> None:
    with pytest.raises(NotFound):
        store.save_text("no-such-draft", "text", expected_revision=1)


def test_saving_without_a_model_keeps_the_recorded_model(store: DraftStore) -> None:
    draft = new_draft(store)
    generated = store.save_text(draft.id, "generated", expected_revision=1, model_sha256="ab" * 32)

    edited = store.save_text(draft.id, "edited by hand", expected_revision=generated.revision)

    assert edited.model_sha256 == "ab" * 32


def test_of_two_concurrent_saves_of_one_revision_exactly_one_wins(store: DraftStore) -> None:
    draft = new_draft(store)
    outcomes: list[str] = []
    barrier = threading.Barrier(4)

    def save(text: str) -> None:
        barrier.wait()
        try:
            store.save_text(draft.id, text, expected_revision=1)
            outcomes.append("saved")
        except StaleRevision:
            outcomes.append("stale")

    threads = [threading.Thread(target=save, args=(f"editor {i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["saved", "stale", "stale", "stale"]
    assert store.get_draft(draft.id).revision == 2


def test_setting_the_status_is_an_optimistic_save(store: DraftStore) -> None:
    draft = new_draft(store)

    reviewed = store.set_status(draft.id, DraftStatus.REVIEWED, expected_revision=1)

    assert (reviewed.status, reviewed.revision) == (DraftStatus.REVIEWED, 2)
    with pytest.raises(StaleRevision):
        store.set_status(draft.id, DraftStatus.SIGNED, expected_revision=1)


def test_the_drafts_list_holds_summaries_newest_first(store: DraftStore) -> None:
    older = new_draft(store)
    newer = new_draft(store)

    listed = store.list_drafts()

    assert [s.id for s in listed] == [newer.id, older.id]
    assert all(type(s) is DraftSummary for s in listed)


def test_the_drafts_list_filters_by_author(store: DraftStore) -> None:
    mine = new_draft(store, author_id="nurse-1")
    new_draft(store, author_id="nurse-2")

    assert [s.id for s in store.list_drafts(author_id="nurse-1")] == [mine.id]


def test_the_drafts_list_filters_by_patient(store: DraftStore) -> None:
    new_draft(store, patient=ADA)
    alans = new_draft(store, patient=ALAN)

    assert [s.id for s in store.list_drafts(patient_mrn=ALAN.mrn)] == [alans.id]


def test_the_drafts_list_filters_by_status(store: DraftStore) -> None:
    new_draft(store)
    reviewed = store.set_status(new_draft(store).id, DraftStatus.REVIEWED, expected_revision=1)

    assert [s.id for s in store.list_drafts(status=DraftStatus.REVIEWED)] == [reviewed.id]


@pytest.mark.parametrize("search", ["turing", "ALAN", "MRN-002", "-002"])
def test_the_drafts_list_searches_patient_name_and_mrn(store: DraftStore, search: str) -> None:
    new_draft(store, patient=ADA)
    alans = new_draft(store, patient=ALAN)

    assert [s.id for s in store.list_drafts(search=search)] == [alans.id]


def test_searching_treats_wildcards_literally(store: DraftStore) -> None:
    new_draft(store)

    assert store.list_drafts(search="%") == []
    assert store.list_drafts(search="_") == []


def test_searching_does_not_look_inside_note_text(store: DraftStore) -> None:
    new_draft(store, text="hypotension overnight")

    assert store.list_drafts(search="hypotension") == []


def test_the_drafts_list_carries_the_patients_name(store: DraftStore) -> None:
    new_draft(store, patient=ALAN)

    assert [s.patient_name for s in store.list_drafts()] == [ALAN.name]


@pytest.mark.parametrize("search", ["sbar", "Shift note"])
def test_the_drafts_list_searches_the_note_kind(store: DraftStore, search: str) -> None:
    sbar = new_draft(store)
    store.create_draft(
        patient_mrn=ADA.mrn,
        author_id="nurse-1",
        kind=NoteKind.DISCHARGE,
        source_text="raw shift notes",
        template_id="discharge",
        template_version=1,
    )

    assert [s.id for s in store.list_drafts(search=search)] == [sbar.id]


def test_the_drafts_list_keeps_only_amendments_when_asked(
    store: DraftStore, db: EncryptedDatabase
) -> None:
    new_draft(store)
    signed = new_draft(store)
    reviews = ReviewStore(db)
    reviews.sign(signed.id, signed.revision, "nurse-1", "attest-v1", signature_name="R. Lee, RN")
    reviews.amend(signed.id, signed.revision + 1, "nurse-1")

    assert [s.id for s in store.list_drafts(amended=True)] == [signed.id]


def test_the_drafts_list_without_a_limit_lists_every_draft(store: DraftStore) -> None:
    for _ in range(205):
        new_draft(store)

    assert len(store.list_drafts(limit=None)) == 205


def test_the_drafts_list_stops_at_the_limit(store: DraftStore) -> None:
    drafts = [new_draft(store) for _ in range(5)]

    assert [s.id for s in store.list_drafts(limit=2)] == [drafts[4].id, drafts[3].id]


def test_a_deleted_draft_is_gone(store: DraftStore) -> None:
    draft = new_draft(store)

    store.delete_draft(draft.id)

    with pytest.raises(NotFound):
        store.get_draft(draft.id)
    assert store.list_drafts() == []


def test_deleting_an_unknown_draft_is_not_found(store: DraftStore) -> None:
    with pytest.raises(NotFound):
        store.delete_draft("no-such-draft")


def test_drafts_survive_closing_and_reopening(tmp_path: Path, db_key: bytes) -> None:
    path = tmp_path / "drafts.db"
    with EncryptedDatabase(path, db_key) as db:
        store = DraftStore(db)
        store.upsert_patient(ADA)
        draft = new_draft(store)

    with EncryptedDatabase(path, db_key) as db:
        assert DraftStore(db).get_draft(draft.id) == draft


def test_an_unreadable_row_is_reported_without_quoting_its_text(
    store: DraftStore, db: EncryptedDatabase
) -> None:
    draft = new_draft(store, text="confidential assessment")
    db.execute("UPDATE drafts SET kind = 'confidential kind' WHERE id = ?", (draft.id,))

    with pytest.raises(DatabaseCorrupt) as raised:
        store.get_draft(draft.id)

    assert "kind" in str(raised.value)
    assert "confidential" not in str(raised.value)
    assert raised.value.__suppress_context__


def test_a_drafts_db_from_a_newer_version_is_refused(db: EncryptedDatabase) -> None:
    DraftStore(db)
    db.execute("PRAGMA user_version = 99")

    with pytest.raises(SchemaTooNew, match="schema 99"):
        DraftStore(db)
