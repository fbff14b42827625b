"""Retention: how long drafts and signed notes are kept, legal holds, and purges leaving no trace.

A purge must really remove the text. SQLCipher pages are encrypted, but anyone with the key could
read a deleted row back from a free page or an old page image in the -wal; so deletion runs with
secure_delete (freed space is zeroed before it is encrypted), then VACUUM rebuilds the file
without free pages and a TRUNCATE checkpoint empties the -wal.

Audit events are never purged here: the policy only sets how long they must be kept, and
refuses anything shorter than six years (HIPAA 164.316(b)(2)).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.domain.legal_hold import HoldKind
from app.domain.notes import DraftStatus
from app.storage.database import Cursor, EncryptedDatabase, decode_time, encode_time
from app.storage.migrations import DRAFTS_DB_MIGRATIONS, migrate

MIN_AUDIT_RETENTION_DAYS = 2190
"""Six years of 365 days."""
_LONGEST_DAYS = 36_500


class RetentionPolicy(BaseModel):
    """The machine policy's `[retention]` section."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    audit_days: int = Field(
        default=MIN_AUDIT_RETENTION_DAYS, ge=MIN_AUDIT_RETENTION_DAYS, le=_LONGEST_DAYS
    )
    draft_days: int | None = Field(default=None, ge=1, le=_LONGEST_DAYS)
    """Unsigned drafts not saved for this many days are purged; None keeps them."""
    signed_days: int | None = Field(default=None, ge=1, le=_LONGEST_DAYS)
    """Notes with a signed version, not changed for this many days, are purged; None keeps them."""

    @field_validator("audit_days", mode="before")
    @classmethod
    def _six_years_at_least(cls, days: object) -> object:
        """Runs before the bound check so IT reads the rule behind the number, not only it."""
        if isinstance(days, int) and days < MIN_AUDIT_RETENTION_DAYS:
            raise ValueError(
                f"audit events must be kept at least {MIN_AUDIT_RETENTION_DAYS} days "
                "(six years, HIPAA 164.316(b)(2))"
            )
        return days


@dataclass(frozen=True, slots=True)
class LegalHold:
    """A hold that keeps a patient's drafts, or one draft, past its retention."""

    kind: HoldKind
    ref: str
    placed_by: str
    placed_at: datetime


@dataclass(frozen=True, slots=True)
class PurgedDraft:
    """What the audit log may say about a purged draft: ids, never content."""

    draft_id: str
    patient_mrn: str
    signed: bool


@dataclass(frozen=True, slots=True)
class PurgeReport:
    """What a retention purge removed and what legal holds kept."""

    purged: tuple[PurgedDraft, ...]
    held_back: int
    """Drafts past their retention that a legal hold kept."""
    patients_removed: tuple[str, ...]
    """MRNs whose last draft was purged; the patient record went with it."""

    @property
    def drafts(self) -> int:
        """How many unsigned drafts were purged."""
        return sum(not draft.signed for draft in self.purged)

    @property
    def signed(self) -> int:
        """How many signed notes were purged; these reached the end of their retention."""
        return sum(draft.signed for draft in self.purged)


_EXPIRED = """
    WITH notes AS (
        SELECT id, patient_mrn, updated_at,
            status = :signed OR EXISTS (
                SELECT 1 FROM draft_versions WHERE draft_id = id AND status = :signed
            ) AS signed
        FROM drafts
    )
    SELECT id, patient_mrn, signed,
        id IN (SELECT ref FROM legal_holds WHERE kind = 'draft')
        OR patient_mrn IN (SELECT ref FROM legal_holds WHERE kind = 'patient')
    FROM notes
    WHERE (NOT signed AND updated_at < :draft_cutoff)
       OR (signed AND updated_at < :signed_cutoff)
    ORDER BY updated_at, id
"""
_DRAFT_ROWS = (
    # Signatures before versions before the draft: the review triggers keep a draft that still
    # has a signed version.
    "DELETE FROM draft_signatures WHERE draft_id = ?",
    "DELETE FROM flag_resolutions WHERE draft_id = ?",
    "DELETE FROM draft_versions WHERE draft_id = ?",
    "DELETE FROM drafts WHERE id = ?",
)


class RetentionStore:
    """Legal holds and the retention purge over drafts.db: what is kept, and what is deleted
    once the policy's retention period has passed."""

    def __init__(self, db: EncryptedDatabase) -> None:
        """Bring `db` up to the drafts schema: holds and drafts share drafts.db."""
        migrate(db, DRAFTS_DB_MIGRATIONS)
        self._db = db

    def place_hold(self, kind: HoldKind, ref: str, placed_by: str, now: datetime) -> None:
        """Keep what `ref` names from any purge; placing the same hold twice changes nothing."""
        self._db.execute(
            "INSERT INTO legal_holds (kind, ref, placed_by, placed_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (kind, ref) DO NOTHING",
            (kind.value, ref, placed_by, encode_time(now)),
        )

    def release_hold(self, kind: HoldKind, ref: str) -> bool:
        """Lift a hold; False when there was none to lift."""
        return bool(
            self._db.execute(
                "DELETE FROM legal_holds WHERE kind = ? AND ref = ?", (kind.value, ref)
            )
        )

    def holds(self) -> list[LegalHold]:
        """Every hold in force, oldest first, for the records officer's list."""
        rows = self._db.query(
            "SELECT kind, ref, placed_by, placed_at FROM legal_holds ORDER BY placed_at"
        )
        return [LegalHold(HoldKind(kind), ref, by, decode_time(at)) for kind, ref, by, at in rows]

    def preview(self, policy: RetentionPolicy, now: datetime) -> PurgeReport:
        """What `purge` would remove now, without removing it."""
        with self._db.transaction() as cursor:
            return _expired(cursor, policy, now)

    def purge(self, policy: RetentionPolicy, now: datetime) -> PurgeReport:
        """Delete what the policy no longer keeps, then scrub it from the file and the -wal."""
        with self._db.transaction() as cursor:
            report = _expired(cursor, policy, now)
            ids = [(draft.draft_id,) for draft in report.purged]
            for statement in _DRAFT_ROWS:
                cursor.executemany(statement, ids)
            removed = [
                mrn
                for mrn in sorted({draft.patient_mrn for draft in report.purged})
                if _orphaned(cursor, mrn)
            ]
            cursor.executemany("DELETE FROM patients WHERE mrn = ?", [(mrn,) for mrn in removed])
        if report.purged:
            self._db.execute("VACUUM")
            self._db.checkpoint()
        return PurgeReport(report.purged, report.held_back, tuple(removed))


def _expired(cursor: Cursor, policy: RetentionPolicy, now: datetime) -> PurgeReport:
    rows = cursor.execute(
        _EXPIRED,
        {
            "signed": DraftStatus.SIGNED.value,
            "draft_cutoff": _cutoff(now, policy.draft_days),
            "signed_cutoff": _cutoff(now, policy.signed_days),
        },
    ).fetchall()
    purged = tuple(
        PurgedDraft(id_, mrn, bool(signed)) for id_, mrn, signed, held in rows if not held
    )
    return PurgeReport(purged, sum(1 for *_, held in rows if held), ())


def _cutoff(now: datetime, days: int | None) -> str:
    """Times before this are expired; with no limit, a time no stored row can precede."""
    return "" if days is None else encode_time(now - timedelta(days=days))


def _orphaned(cursor: Cursor, mrn: str) -> bool:
    remaining = cursor.execute("SELECT 1 FROM drafts WHERE patient_mrn = ? LIMIT 1", (mrn,))
    if remaining.fetchone() is not None:
        return False
    held = cursor.execute(
        "SELECT 1 FROM legal_holds WHERE kind = 'patient' AND ref = ?", (mrn,)
    ).fetchone()
    return held is None
