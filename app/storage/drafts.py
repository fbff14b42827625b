"""Patients and drafts in drafts.db.

Saves are optimistic: the caller names the revision it edited, and a save against any other
revision is refused, so two windows (or two nurses) cannot silently overwrite each other.
"""

import hashlib
import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar

from pydantic import ValidationError

from app.domain.coverage import Coverage
from app.domain.errors import NotFound
from app.domain.notes import (
    Draft,
    DraftStatus,
    DraftSummary,
    NoteKind,
    Patient,
    kinds_labelled,
)
from app.storage.database import (
    Cursor,
    DatabaseCorrupt,
    DiskFull,
    EncryptedDatabase,
    Row,
    StorageError,
    decode_time,
    encode_time,
)
from app.storage.migrations import DRAFTS_DB_MIGRATIONS, migrate

Clock = Callable[[], datetime]

_SUMMARY_COLUMNS = "id, patient_mrn, author_id, kind, status, updated_at"
_DRAFT_COLUMNS = (
    f"{_SUMMARY_COLUMNS}, created_at, revision, template_id, template_version, model_sha256,"
    " source_text, text, coverage_json, model_source, layout_id, layout_version"
)
_DRAFT_PLACEHOLDERS = ", ".join("?" for _ in _DRAFT_COLUMNS.split(","))
_PATIENT_COLUMNS = "mrn, name, unit, bed, encounter_date, birth_date, sex, allergies, code_status"
_LISTED_COLUMNS = (
    "d.id, d.patient_mrn, d.author_id, d.kind, d.status, d.updated_at, coalesce(p.name, '')"
)

_Model = TypeVar("_Model", Draft, DraftSummary, Patient)
DRAFT_NOT_SAVED_DISK_FULL = "The disk is full; the draft was not saved; free space and save again."


class StaleRevision(StorageError):
    """The draft was saved elsewhere after the caller loaded it."""

    def __init__(self, expected: int, current: int) -> None:
        """Keep both revisions, so a caller can say which copy is newer."""
        super().__init__(
            f"This draft was saved elsewhere (revision {current}) after this copy was opened "
            f"(revision {expected}). Reopen it to see the newer text before saving."
        )
        self.expected = expected
        self.current = current


def utc_now() -> datetime:
    """The default clock of the stores: now, in UTC."""
    return datetime.now(UTC)


class DraftStore:
    """Patients and drafts in the encrypted drafts.db: notes, text and their revisions.

    Every write of a draft's text names the revision it read, so a stale editor cannot
    overwrite newer text (StaleRevision)."""

    def __init__(self, db: EncryptedDatabase, *, clock: Clock = utc_now) -> None:
        """Bring `db` up to the drafts schema; `clock` stamps created and updated times."""
        migrate(db, DRAFTS_DB_MIGRATIONS)
        self._db = db
        self._clock = clock

    def upsert_patient(self, patient: Patient) -> None:
        """Insert the patient, or update the demographics of the one with the same MRN."""
        self._db.execute(
            f"INSERT INTO patients ({_PATIENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (mrn) DO UPDATE SET name = excluded.name, unit = excluded.unit,"
            " bed = excluded.bed, encounter_date = excluded.encounter_date,"
            " birth_date = excluded.birth_date, sex = excluded.sex,"
            " allergies = excluded.allergies, code_status = excluded.code_status",
            (
                patient.mrn,
                patient.name,
                patient.unit,
                patient.bed,
                patient.encounter_date,
                patient.birth_date,
                patient.sex,
                patient.allergies,
                patient.code_status,
            ),
        )

    def get_patient(self, mrn: str) -> Patient:
        """The patient with `mrn`; NotFound when it is not stored here."""
        row = self._db.query_one(f"SELECT {_PATIENT_COLUMNS} FROM patients WHERE mrn = ?", (mrn,))
        if row is None:
            raise NotFound("No patient with that MRN is stored on this computer.")
        return _patient(row)

    def list_patients(self) -> list[Patient]:
        """Every stored patient, by name then MRN, as the desk's patient bar lists them."""
        rows = self._db.query(f"SELECT {_PATIENT_COLUMNS} FROM patients ORDER BY name, mrn")
        return [_patient(row) for row in rows]

    def create_draft(
        self,
        *,
        patient_mrn: str,
        author_id: str,
        kind: NoteKind,
        source_text: str,
        template_id: str,
        template_version: int,
        text: str = "",
        model_sha256: str | None = None,
    ) -> Draft:
        """Store a new draft at revision 1, with its source notes, and return it."""
        now = self._clock()
        draft = _new(
            Draft,
            id=uuid.uuid4().hex,
            patient_mrn=patient_mrn,
            author_id=author_id,
            kind=kind,
            source_text=source_text,
            text=text,
            template_id=template_id,
            template_version=template_version,
            model_sha256=model_sha256,
            created_at=now,
            updated_at=now,
        )
        with _draft_not_saved(), self._db.transaction() as cursor:
            if not _patient_exists(cursor, patient_mrn):
                raise NotFound("No patient with that MRN is stored on this computer.")
            cursor.execute(
                f"INSERT INTO drafts ({_DRAFT_COLUMNS}) VALUES ({_DRAFT_PLACEHOLDERS})",
                (
                    draft.id,
                    draft.patient_mrn,
                    draft.author_id,
                    draft.kind.value,
                    draft.status.value,
                    encode_time(draft.updated_at),
                    encode_time(draft.created_at),
                    draft.revision,
                    draft.template_id,
                    draft.template_version,
                    draft.model_sha256,
                    draft.source_text,
                    draft.text,
                    None,
                    draft.model_source,
                    draft.layout_id,
                    draft.layout_version,
                ),
            )
            cursor.execute(
                "UPDATE drafts SET source_sha256 = ? WHERE id = ?",
                (_source_digest(source_text), draft.id),
            )
        return draft

    def patients_drafted_from(self, source_text: str) -> set[str]:
        """The MRNs of every patient with a draft made from exactly these source notes."""
        rows = self._db.query(
            "SELECT DISTINCT patient_mrn FROM drafts WHERE source_sha256 = ?",
            (_source_digest(source_text),),
        )
        return {str(row[0]) for row in rows}

    def get_draft(self, draft_id: str) -> Draft:
        """The draft with `draft_id`; NotFound when it does not exist or was purged."""
        row = self._db.query_one(f"SELECT {_DRAFT_COLUMNS} FROM drafts WHERE id = ?", (draft_id,))
        if row is None:
            raise _draft_not_found()
        return _draft(row)

    def save_text(
        self,
        draft_id: str,
        text: str,
        expected_revision: int,
        *,
        model_sha256: str | None = None,
        coverage: Coverage | None = None,
        model_source: str | None = None,
        layout: tuple[str, int] | None = None,
    ) -> Draft:
        """Store edited text; `None` for the model or the coverage keeps what is recorded.

        With `model_source` or `layout` (a generation), the model and the layout are stored as
        given, None included: a draft written on a server has no model file hash, a facts-only
        draft no model and a whole-note draft no layout, and none must keep an earlier one.
        """
        coverage_json = None if coverage is None else coverage.model_dump_json()
        if model_source is not None or layout is not None:
            layout_id, layout_version = (None, None) if layout is None else layout
            return self._update(
                draft_id,
                expected_revision,
                "text = ?, model_sha256 = ?, model_source = ?, layout_id = ?, layout_version = ?,"
                " coverage_json = coalesce(?, coverage_json)",
                (text, model_sha256, model_source, layout_id, layout_version, coverage_json),
            )
        return self._update(
            draft_id,
            expected_revision,
            "text = ?, model_sha256 = coalesce(?, model_sha256),"
            " coverage_json = coalesce(?, coverage_json)",
            (text, model_sha256, coverage_json),
        )

    def set_status(self, draft_id: str, status: DraftStatus, expected_revision: int) -> Draft:
        """Move the draft to `status`; StaleRevision when it changed since `expected_revision`."""
        return self._update(draft_id, expected_revision, "status = ?", (status.value,))

    def _update(
        self, draft_id: str, expected_revision: int, assignments: str, values: tuple[object, ...]
    ) -> Draft:
        with _draft_not_saved(), self._db.transaction() as cursor:
            changed = cursor.execute(
                f"UPDATE drafts SET {assignments}, revision = revision + 1, updated_at = ?"
                " WHERE id = ? AND revision = ?",
                (*values, encode_time(self._clock()), draft_id, expected_revision),
            ).rowcount
            if not changed:
                current = cursor.execute(
                    "SELECT revision FROM drafts WHERE id = ?", (draft_id,)
                ).fetchone()
                if current is None:
                    raise _draft_not_found()
                raise StaleRevision(expected_revision, current[0])
            row = cursor.execute(
                f"SELECT {_DRAFT_COLUMNS} FROM drafts WHERE id = ?", (draft_id,)
            ).fetchone()
        assert row is not None
        return _draft(row)

    def list_drafts(
        self,
        *,
        author_id: str | None = None,
        patient_mrn: str | None = None,
        status: DraftStatus | None = None,
        amended: bool = False,
        search: str | None = None,
        limit: int | None = 200,
    ) -> list[DraftSummary]:
        """Newest first; `limit=None` lists every match.

        `search` matches the patient's name or MRN or the note kind, never the note text, so a
        search needs no draft content. `amended` keeps drafts that amend a signed version.
        """
        conditions: list[str] = []
        parameters: list[object] = []
        if author_id is not None:
            conditions.append("d.author_id = ?")
            parameters.append(author_id)
        if patient_mrn is not None:
            conditions.append("d.patient_mrn = ?")
            parameters.append(patient_mrn)
        if status is not None:
            conditions.append("d.status = ?")
            parameters.append(status.value)
        if amended:
            conditions.append(
                "d.id IN (SELECT draft_id FROM draft_versions WHERE amends IS NOT NULL)"
            )
        if search and search.strip():
            pattern = "%" + _escape_like(search.strip()) + "%"
            kinds = [kind.value for kind in kinds_labelled(search)]
            matches = ["p.name LIKE ? ESCAPE '\\'", "d.patient_mrn LIKE ? ESCAPE '\\'"]
            parameters += [pattern, pattern]
            if kinds:
                matches.append(f"d.kind IN ({', '.join('?' for _ in kinds)})")
                parameters += kinds
            conditions.append(f"({' OR '.join(matches)})")
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        rows = self._db.query(
            f"SELECT {_LISTED_COLUMNS} FROM drafts AS d"
            " LEFT JOIN patients AS p ON p.mrn = d.patient_mrn"
            f" {where} ORDER BY d.updated_at DESC, d.id DESC LIMIT ?",
            (*parameters, -1 if limit is None else limit),
        )
        return [_summary(row) for row in rows]

    def delete_draft(self, draft_id: str) -> None:
        """Delete the draft and its evidence maps; NotFound when it is gone already."""
        if not self._db.execute("DELETE FROM drafts WHERE id = ?", (draft_id,)):
            raise _draft_not_found()


@contextmanager
def _draft_not_saved() -> Iterator[None]:
    """A nurse acts on "the draft was not saved", not on which file filled the disk."""
    try:
        yield
    except DiskFull:
        raise DiskFull(DRAFT_NOT_SAVED_DISK_FULL) from None


def _source_digest(source_text: str) -> str:
    return hashlib.sha256(source_text.encode("utf-8")).hexdigest()


def _patient_exists(cursor: Cursor, mrn: str) -> bool:
    return cursor.execute("SELECT 1 FROM patients WHERE mrn = ?", (mrn,)).fetchone() is not None


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _draft_not_found() -> NotFound:
    return NotFound("That draft does not exist; it may have been deleted.")


def _patient(row: Row) -> Patient:
    mrn, name, unit, bed, encounter_date, birth_date, sex, allergies, code_status = row
    return _read(
        Patient,
        mrn=mrn,
        name=name,
        unit=unit,
        bed=bed,
        encounter_date=encounter_date,
        birth_date=birth_date,
        sex=sex,
        allergies=allergies,
        code_status=code_status,
    )


def _summary(row: Row) -> DraftSummary:
    draft_id, patient_mrn, author_id, kind, status, updated_at, patient_name = row
    try:
        return DraftSummary(
            id=draft_id,
            patient_mrn=patient_mrn,
            author_id=author_id,
            kind=NoteKind(kind),
            status=DraftStatus(status),
            updated_at=decode_time(updated_at),
            patient_name=patient_name or "",
        )
    except ValueError as error:
        raise DatabaseCorrupt(
            f"A stored draft summary could not be read ({error}); restore drafts.db from a backup."
        ) from None


def _draft(row: Row) -> Draft:
    (
        draft_id,
        patient_mrn,
        author_id,
        kind,
        status,
        updated_at,
        created_at,
        revision,
        template_id,
        template_version,
        model_sha256,
        source_text,
        text,
        coverage_json,
        model_source,
        layout_id,
        layout_version,
    ) = row
    return _read(
        Draft,
        id=draft_id,
        patient_mrn=patient_mrn,
        author_id=author_id,
        kind=kind,
        status=status,
        source_text=source_text,
        text=text,
        template_id=template_id,
        template_version=template_version,
        model_sha256=model_sha256,
        model_source=model_source,
        layout_id=layout_id,
        layout_version=layout_version,
        created_at=decode_time(created_at),
        updated_at=decode_time(updated_at),
        revision=revision,
        coverage=None if coverage_json is None else json.loads(coverage_json),
    )


def _read(model: type[_Model], **fields: Any) -> _Model:
    try:
        return model(**fields)
    except ValidationError as error:
        raise DatabaseCorrupt(
            f"A stored {model.__name__} could not be read ({_fields(error)}); "
            "restore drafts.db from a backup."
        ) from None


def _new(model: type[_Model], **fields: Any) -> _Model:
    try:
        return model(**fields)
    except ValidationError as error:
        raise ValueError(f"Invalid {model.__name__}: {_fields(error)}") from None


def _fields(error: ValidationError) -> str:
    """Name the fields and what was wrong, never the values: pydantic would quote PHI."""
    return "; ".join(
        f"{'.'.join(map(str, problem['loc']))} {problem['type']}" for problem in error.errors()
    )
