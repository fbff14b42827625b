"""Flag resolutions, signatures and note versions in drafts.db.

Every status change of a draft made here happens in one transaction with the rows that justify
it (a signature, a new version), and only at the revision the caller checked, so what was
signed is exactly the text that was checked.
"""

from dataclasses import dataclass

from app.domain.errors import NotFound
from app.domain.notes import DraftStatus
from app.domain.review import FlagResolution, VersionSummary
from app.storage.database import Cursor, EncryptedDatabase, Row, decode_time, encode_time
from app.storage.drafts import Clock, StaleRevision, utc_now
from app.storage.migrations import DRAFTS_DB_MIGRATIONS, migrate

_RESOLUTION_COLUMNS = (
    "draft_id, version, flag_id, fact_kind, decision, reason_code, user_id, revision, at"
)


@dataclass(frozen=True)
class StoredVersion:
    """A version's summary, with its text once signed (the open version's text is the draft's)."""

    summary: VersionSummary
    signed_text: str | None


class ReviewStore:
    """Review decisions, signatures and the versions of each draft, in drafts.db."""

    def __init__(self, db: EncryptedDatabase, *, clock: Clock = utc_now) -> None:
        """Bring `db` up to the drafts schema; `clock` stamps signatures and resolutions."""
        migrate(db, DRAFTS_DB_MIGRATIONS)
        self._db = db
        self._clock = clock

    def current_version(self, draft_id: str) -> int:
        """The number of the draft's open version; 1 before its first signature."""
        row = self._db.query_one(
            "SELECT max(version) FROM draft_versions WHERE draft_id = ?", (draft_id,)
        )
        return int(row[0]) if row is not None and row[0] is not None else 1

    def resolutions(self, draft_id: str, version: int) -> list[FlagResolution]:
        """The flags resolved on that version of the draft, each with who and why."""
        rows = self._db.query(
            f"SELECT {_RESOLUTION_COLUMNS} FROM flag_resolutions"
            " WHERE draft_id = ? AND version = ?",
            (draft_id, version),
        )
        return [
            FlagResolution(
                draft_id=row[0],
                version=row[1],
                flag_id=row[2],
                fact_kind=row[3],
                decision=row[4],
                reason_code=row[5],
                user_id=row[6],
                revision=row[7],
                at=decode_time(row[8]),
            )
            for row in rows
        ]

    def resolve(self, resolution: FlagResolution) -> None:
        """Record a decision; a later decision on the same flag replaces the earlier one."""
        self._db.execute(
            f"INSERT INTO flag_resolutions ({_RESOLUTION_COLUMNS})"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (draft_id, version, flag_id) DO UPDATE SET"
            " fact_kind = excluded.fact_kind, decision = excluded.decision,"
            " reason_code = excluded.reason_code, user_id = excluded.user_id,"
            " revision = excluded.revision, at = excluded.at",
            (
                resolution.draft_id,
                resolution.version,
                resolution.flag_id,
                resolution.fact_kind,
                resolution.decision.value,
                resolution.reason_code,
                resolution.user_id,
                resolution.revision,
                encode_time(resolution.at),
            ),
        )

    def mark_reviewed(self, draft_id: str, expected_revision: int) -> None:
        """Mark the open version reviewed; StaleRevision when the draft changed meanwhile."""
        with self._db.transaction() as cursor:
            version = _ensure_version(cursor, draft_id)
            cursor.execute(
                "UPDATE draft_versions SET status = ? WHERE draft_id = ? AND version = ?",
                (DraftStatus.REVIEWED.value, draft_id, version),
            )
            self._set_status(cursor, draft_id, expected_revision, DraftStatus.REVIEWED)

    def sign(
        self,
        draft_id: str,
        expected_revision: int,
        signed_by: str,
        attestation_id: str,
        *,
        signature_name: str,
    ) -> int:
        """Sign the open version as stored at `expected_revision`; returns its number.

        `signature_name` (name and credentials, "R. Lee, RN") is kept with the signature, so
        the note names its signer as they signed even after their credentials change."""
        with self._db.transaction() as cursor:
            version = _ensure_version(cursor, draft_id)
            self._set_status(cursor, draft_id, expected_revision, DraftStatus.SIGNED)
            cursor.execute(
                "UPDATE draft_versions SET status = ?,"
                " signed_text = (SELECT text FROM drafts WHERE id = ?)"
                " WHERE draft_id = ? AND version = ?",
                (DraftStatus.SIGNED.value, draft_id, draft_id, version),
            )
            cursor.execute(
                "INSERT INTO draft_signatures"
                " (draft_id, version, signed_by, signed_at, attestation_id, signature_name)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    draft_id,
                    version,
                    signed_by,
                    encode_time(self._clock()),
                    attestation_id,
                    signature_name,
                ),
            )
        return version

    def amend(self, draft_id: str, expected_revision: int, user_id: str) -> int:
        """Open a new version of a signed note, starting from its signed text; returns it."""
        with self._db.transaction() as cursor:
            signed = _ensure_version(cursor, draft_id)
            cursor.execute(
                "INSERT INTO draft_versions"
                " (draft_id, version, amends, status, created_by, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    draft_id,
                    signed + 1,
                    signed,
                    DraftStatus.DRAFT.value,
                    user_id,
                    encode_time(self._clock()),
                ),
            )
            self._set_status(cursor, draft_id, expected_revision, DraftStatus.DRAFT)
        return signed + 1

    def versions(self, draft_id: str) -> list[StoredVersion]:
        """Recorded versions, oldest first; empty until a draft is first reviewed or signed."""
        rows = self._db.query(
            "SELECT v.version, v.status, v.amends, v.created_by, v.created_at,"
            " s.signed_by, s.signed_at, s.signature_name, v.signed_text"
            " FROM draft_versions v LEFT JOIN draft_signatures s"
            " ON s.draft_id = v.draft_id AND s.version = v.version"
            " WHERE v.draft_id = ? ORDER BY v.version",
            (draft_id,),
        )
        return [_stored_version(row) for row in rows]

    def _set_status(
        self, cursor: Cursor, draft_id: str, expected_revision: int, status: DraftStatus
    ) -> None:
        changed = cursor.execute(
            "UPDATE drafts SET status = ?, revision = revision + 1, updated_at = ?"
            " WHERE id = ? AND revision = ?",
            (status.value, encode_time(self._clock()), draft_id, expected_revision),
        ).rowcount
        if not changed:
            row = cursor.execute("SELECT revision FROM drafts WHERE id = ?", (draft_id,)).fetchone()
            if row is None:
                raise _draft_not_found()
            raise StaleRevision(expected_revision, row[0])


def _ensure_version(cursor: Cursor, draft_id: str) -> int:
    """The open (or last signed) version's number, recording version 1 the first time."""
    cursor.execute(
        "INSERT INTO draft_versions (draft_id, version, status, created_by, created_at)"
        " SELECT id, 1, status, author_id, created_at FROM drafts"
        " WHERE id = ? AND NOT EXISTS (SELECT 1 FROM draft_versions WHERE draft_id = ?)",
        (draft_id, draft_id),
    )
    row = cursor.execute(
        "SELECT max(version) FROM draft_versions WHERE draft_id = ?", (draft_id,)
    ).fetchone()
    if row is None or row[0] is None:
        raise _draft_not_found()
    return int(row[0])


def _draft_not_found() -> NotFound:
    return NotFound("That draft does not exist; it may have been deleted.")


def _stored_version(row: Row) -> StoredVersion:
    (
        version,
        status,
        amends,
        created_by,
        created_at,
        signed_by,
        signed_at,
        signature_name,
        signed_text,
    ) = row
    summary = VersionSummary(
        version=version,
        status=status,
        amends=amends,
        created_by=created_by,
        created_at=decode_time(created_at),
        signed_by=signed_by,
        signed_at=None if signed_at is None else decode_time(signed_at),
        signature_name=signature_name,
    )
    return StoredVersion(summary, signed_text)
