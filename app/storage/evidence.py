"""The evidence map of each checked revision of a draft, in drafts.db.

Kept beside the draft in the same encrypted file and deleted with it (the table's foreign key
cascades), so a purge or a deleted draft leaves no map behind. A revision checked again keeps
its latest map: the text is the same, only the checker may have changed.
"""

from pydantic import TypeAdapter

from app.domain.factcheck.report import SentenceEvidence
from app.domain.kept_evidence import KeptEvidence
from app.storage.database import EncryptedDatabase, decode_time, encode_time
from app.storage.migrations import DRAFTS_DB_MIGRATIONS, migrate

_SENTENCES = TypeAdapter(list[SentenceEvidence])


class EvidenceStore:
    """The sentence evidence maps a check or a signature kept, per draft revision, in drafts.db."""

    def __init__(self, db: EncryptedDatabase) -> None:
        """Bring `db` up to the drafts schema: evidence lives beside its drafts."""
        migrate(db, DRAFTS_DB_MIGRATIONS)
        self._db = db

    def keep(self, evidence: KeptEvidence) -> None:
        """Store the map of `evidence.revision`, replacing an earlier check of that revision."""
        self._db.execute(
            "INSERT INTO draft_evidence (draft_id, revision, checked_at, sentences_json)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (draft_id, revision) DO UPDATE SET"
            " checked_at = excluded.checked_at, sentences_json = excluded.sentences_json",
            (
                evidence.draft_id,
                evidence.revision,
                encode_time(evidence.checked_at),
                _SENTENCES.dump_json(evidence.sentences).decode("utf-8"),
            ),
        )

    def get(self, draft_id: str, revision: int) -> KeptEvidence | None:
        """The map kept for that revision of the draft, or None if it was never checked."""
        row = self._db.query_one(
            "SELECT checked_at, sentences_json FROM draft_evidence"
            " WHERE draft_id = ? AND revision = ?",
            (draft_id, revision),
        )
        if row is None:
            return None
        return KeptEvidence(
            draft_id=draft_id,
            revision=revision,
            checked_at=decode_time(row[0]),
            sentences=_SENTENCES.validate_json(row[1]),
        )

    def revisions(self, draft_id: str) -> list[int]:
        """The revisions of the draft whose evidence is kept, oldest first."""
        rows = self._db.query(
            "SELECT revision FROM draft_evidence WHERE draft_id = ? ORDER BY revision",
            (draft_id,),
        )
        return [int(row[0]) for row in rows]
