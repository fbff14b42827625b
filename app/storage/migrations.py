"""Schema versions, kept in each file's `PRAGMA user_version`.

Every change to a schema is a new numbered migration appended to its list; a released migration
is never edited. Upgrades run one migration per transaction, so a failure leaves the file at the
last good version. A file from a newer WardScribe is refused, not guessed at: an older program
could silently drop what it does not understand.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from app.storage.database import EncryptedDatabase, StorageError


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: the version it brings a database to and the SQL that does it."""

    version: int
    script: str


class SchemaTooNew(StorageError):
    """The database was written by a newer WardScribe; this one must not touch it."""

    def __init__(self, path: Path, found: int, newest: int) -> None:
        """Keep both schema versions, so the message can tell the user to upgrade."""
        super().__init__(
            f"{path} was written by a newer WardScribe (schema {found}); this version "
            f"understands up to {newest}; install the newer version."
        )
        self.found = found
        self.newest = newest


def schema_version(db: EncryptedDatabase) -> int:
    """The schema version the database was last migrated to (0 when new)."""
    row = db.query_one("PRAGMA user_version")
    return int(row[0]) if row else 0


def migrate(db: EncryptedDatabase, migrations: Sequence[Migration]) -> int:
    """Bring `db` up to the newest migration and return that version."""
    _require_consecutive(migrations)
    newest = migrations[-1].version if migrations else 0
    found = schema_version(db)
    if found > newest:
        raise SchemaTooNew(db.path, found, newest)
    for migration in migrations[found:]:
        with db.transaction() as cursor:
            row = cursor.execute("PRAGMA user_version").fetchone()
            if row is not None and row[0] >= migration.version:
                continue  # another process upgraded the file while this one waited
            for statement in split_statements(migration.script):
                cursor.execute(statement)
            cursor.execute(f"PRAGMA user_version = {migration.version:d}")
    return newest


def split_statements(script: str) -> Iterator[str]:
    """Cut a script into statements, keeping trigger bodies whole.

    `executescript` would commit the open transaction first, so each statement runs on its own
    inside the migration's transaction instead.
    """
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlcipher3.complete_statement(pending):
            if pending.strip(" \t\r\n;"):
                yield pending.strip()
            pending = ""
    if pending.strip(" \t\r\n;"):
        raise ValueError("the script ends inside an unfinished statement")


def _require_consecutive(migrations: Sequence[Migration]) -> None:
    versions = [migration.version for migration in migrations]
    if versions != list(range(1, len(versions) + 1)):
        raise ValueError(f"migrations must be numbered 1, 2, 3… without gaps; got {versions}")


DRAFTS_DB_MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        """
        CREATE TABLE patients (
            mrn TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            unit TEXT NOT NULL,
            bed TEXT NOT NULL,
            encounter_date TEXT NOT NULL
        );

        -- Note texts come last: list queries read only the leading columns of each row.
        CREATE TABLE drafts (
            id TEXT PRIMARY KEY NOT NULL,
            patient_mrn TEXT NOT NULL REFERENCES patients (mrn),
            author_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            created_at TEXT NOT NULL,
            revision INTEGER NOT NULL CHECK (revision >= 1),
            template_id TEXT NOT NULL,
            template_version INTEGER NOT NULL,
            model_sha256 TEXT,
            source_text TEXT NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX drafts_by_author ON drafts (author_id, updated_at);
        CREATE INDEX drafts_by_patient ON drafts (patient_mrn, updated_at);
        CREATE INDEX drafts_by_updated ON drafts (updated_at);

        CREATE TABLE accounts (
            user_id TEXT PRIMARY KEY NOT NULL,
            username TEXT NOT NULL,
            username_key TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT
        );
        """,
    ),
    Migration(
        2,
        """
        -- A legal hold on a patient (ref = MRN) or one draft (ref = draft id) stops retention
        -- purges from touching it until the hold is released.
        CREATE TABLE legal_holds (
            kind TEXT NOT NULL CHECK (kind IN ('patient', 'draft')),
            ref TEXT NOT NULL,
            placed_by TEXT NOT NULL,
            placed_at TEXT NOT NULL,
            PRIMARY KEY (kind, ref)
        ) WITHOUT ROWID;
        """,
    ),
    Migration(
        3,
        """
        -- Review and sign-off. The drafts row holds the open version's text; a version's text
        -- is copied here when it is signed and never rewritten: a change is a new version
        -- (an amendment). The triggers refuse rewriting signed text and deleting a draft that
        -- has a signed version; a retention purge must delete signatures, then versions, first.
        CREATE TABLE draft_versions (
            draft_id TEXT NOT NULL,
            version INTEGER NOT NULL CHECK (version >= 1),
            amends INTEGER CHECK (amends IS NULL OR amends = version - 1),
            status TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            signed_text TEXT,
            CHECK ((status = 'signed') = (signed_text IS NOT NULL)),
            PRIMARY KEY (draft_id, version)
        ) WITHOUT ROWID;

        CREATE TABLE draft_signatures (
            draft_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            signed_by TEXT NOT NULL,
            signed_at TEXT NOT NULL,
            attestation_id TEXT NOT NULL,
            PRIMARY KEY (draft_id, version),
            FOREIGN KEY (draft_id, version) REFERENCES draft_versions (draft_id, version)
        ) WITHOUT ROWID;

        CREATE TABLE flag_resolutions (
            draft_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            flag_id TEXT NOT NULL,
            fact_kind TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('accepted', 'edited')),
            reason_code TEXT NOT NULL,
            user_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (draft_id, version, flag_id)
        ) WITHOUT ROWID;

        CREATE TRIGGER draft_versions_signed_are_final BEFORE UPDATE ON draft_versions
        WHEN OLD.status = 'signed'
        BEGIN
            SELECT RAISE (ABORT, 'a signed version cannot be changed');
        END;
        CREATE TRIGGER draft_signatures_no_update BEFORE UPDATE ON draft_signatures
        BEGIN
            SELECT RAISE (ABORT, 'a signature cannot be changed');
        END;
        CREATE TRIGGER drafts_signed_text_is_final BEFORE UPDATE OF text ON drafts
        WHEN OLD.status = 'signed' AND NEW.text IS NOT OLD.text
        BEGIN
            SELECT RAISE (ABORT, 'a signed draft is read-only');
        END;
        CREATE TRIGGER drafts_reopen_only_by_amendment BEFORE UPDATE OF status ON drafts
        WHEN OLD.status = 'signed' AND NEW.status IS NOT 'signed' AND NOT EXISTS (
            SELECT 1 FROM draft_versions WHERE draft_id = OLD.id AND status <> 'signed'
        )
        BEGIN
            SELECT RAISE (ABORT, 'a signed draft is reopened only by an amendment');
        END;
        CREATE TRIGGER drafts_with_signed_versions_are_kept BEFORE DELETE ON drafts
        WHEN EXISTS (SELECT 1 FROM draft_versions WHERE draft_id = OLD.id AND status = 'signed')
        BEGIN
            SELECT RAISE (ABORT, 'a signed note cannot be deleted');
        END;
        """,
    ),
    Migration(
        4,
        """
        -- The drafts list reads only these indexes, never the table: a row of the table holds the
        -- notes, so listing ten thousand drafts from it decrypts ten thousand pages.
        DROP INDEX drafts_by_author;
        DROP INDEX drafts_by_patient;
        DROP INDEX drafts_by_updated;
        CREATE INDEX drafts_by_author
            ON drafts (author_id, updated_at, id, patient_mrn, kind, status);
        CREATE INDEX drafts_by_patient
            ON drafts (patient_mrn, updated_at, id, author_id, kind, status);
        CREATE INDEX drafts_by_updated
            ON drafts (updated_at, id, author_id, patient_mrn, kind, status);
        """,
    ),
    Migration(
        5,
        """
        -- How much of a long source each generated draft was written from (JSON of
        -- app.domain.coverage.Coverage). NULL for drafts generated before this column existed.
        ALTER TABLE drafts ADD COLUMN coverage_json TEXT;
        """,
    ),
    Migration(
        6,
        """
        -- What a nurse checks to tell one patient from another at a glance.
        ALTER TABLE patients ADD COLUMN birth_date TEXT NOT NULL DEFAULT '';
        ALTER TABLE patients ADD COLUMN sex TEXT NOT NULL DEFAULT '';
        ALTER TABLE patients ADD COLUMN allergies TEXT NOT NULL DEFAULT '';
        ALTER TABLE patients ADD COLUMN code_status TEXT NOT NULL DEFAULT '';
        -- SHA-256 of a draft's source notes, so notes already drafted for one patient cannot
        -- start a draft for another. NULL for drafts created before this column existed.
        ALTER TABLE drafts ADD COLUMN source_sha256 TEXT;
        CREATE INDEX drafts_by_source ON drafts (source_sha256, patient_mrn);

        -- A critical fact left out of a note is acknowledged by name, a third decision.
        -- SQLite cannot widen a CHECK in place: the table is rebuilt with its rows.
        CREATE TABLE flag_resolutions_v6 (
            draft_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            flag_id TEXT NOT NULL,
            fact_kind TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('accepted', 'edited', 'acknowledged')),
            reason_code TEXT NOT NULL,
            user_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (draft_id, version, flag_id)
        ) WITHOUT ROWID;
        INSERT INTO flag_resolutions_v6 SELECT * FROM flag_resolutions;
        DROP TABLE flag_resolutions;
        ALTER TABLE flag_resolutions_v6 RENAME TO flag_resolutions;
        """,
    ),
    Migration(
        7,
        """
        -- The fact check's evidence map of each checked revision of a draft: every sentence's
        -- offsets, its support and the source sentences backing it, as JSON of offsets (the
        -- texts are the draft's and its notes'). Kept in this encrypted file with the draft,
        -- and deleted with it.
        CREATE TABLE draft_evidence (
            draft_id TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
            revision INTEGER NOT NULL CHECK (revision >= 1),
            checked_at TEXT NOT NULL,
            sentences_json TEXT NOT NULL,
            PRIMARY KEY (draft_id, revision)
        ) WITHOUT ROWID;
        """,
    ),
    Migration(
        8,
        """
        -- The signer's professional credentials ("RN", "RN, BSN"), printed after their name
        -- wherever a signed note leaves the app.
        ALTER TABLE accounts ADD COLUMN credentials TEXT NOT NULL DEFAULT '';
        """,
    ),
    Migration(
        9,
        """
        -- Where the text was drafted, in words: this computer's model and its SHA-256, or the
        -- hospital server, the model id it listed and what else it reported (no server
        -- reports a file hash). NULL for drafts generated before it was recorded.
        ALTER TABLE drafts ADD COLUMN model_source TEXT;
        """,
    ),
    Migration(
        10,
        """
        -- The layout a grounded or facts-only draft was laid out by (which fact sections under
        -- which heading, where the prose goes), as the template is recorded: its id and
        -- version. NULL for a whole-note draft and for drafts generated before this column.
        ALTER TABLE drafts ADD COLUMN layout_id TEXT;
        ALTER TABLE drafts ADD COLUMN layout_version INTEGER;
        """,
    ),
    Migration(
        11,
        """
        -- Professional credentials ("RN, BSN") each signer set for themselves, printed after
        -- their name on what they sign. Keyed by the principal's user_id, so directory and
        -- Entra users, who have no row in accounts, have one too; it overrides what the
        -- account or the directory says.
        CREATE TABLE signer_credentials (
            user_id TEXT PRIMARY KEY,
            credentials TEXT NOT NULL,
            set_at TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
    ),
    Migration(
        12,
        """
        -- The signer's name with their credentials as they were when they signed ("R. Lee,
        -- RN"), so a note prints what its signer attested then, not credentials set since.
        -- NULL for signatures made before it was recorded.
        ALTER TABLE draft_signatures ADD COLUMN signature_name TEXT;
        """,
    ),
)

AUDIT_DB_MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        """
        CREATE TABLE audit_events (
            seq INTEGER PRIMARY KEY,
            event_json TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );

        -- The chain detects tampering; these stop the program itself from ever rewriting history.
        CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN
            SELECT RAISE (ABORT, 'the audit log is append-only');
        END;
        CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN
            SELECT RAISE (ABORT, 'the audit log is append-only');
        END;
        """,
    ),
    Migration(
        2,
        """
        -- Audit review asks who touched a patient, what a user did, and what happened when.
        -- The indexes read the stored JSON; the rows, and so the hash chain, stay as they are.
        -- A row whose JSON is damaged indexes as NULL, so it still reaches verification,
        -- which names it, instead of making every write and search fail.
        CREATE INDEX audit_events_by_user ON audit_events (
            iif(json_valid(event_json), json_extract(event_json, '$.user_id'), NULL)
        );
        CREATE INDEX audit_events_by_patient ON audit_events (
            iif(json_valid(event_json), json_extract(event_json, '$.patient_ref'), NULL)
        );
        CREATE INDEX audit_events_by_time ON audit_events (
            iif(json_valid(event_json), json_extract(event_json, '$.occurred_at'), NULL)
        );
        """,
    ),
    Migration(
        3,
        """
        -- Audit logs a restore replaced, row for row as they were chained, inside the log that
        -- replaced them: deleting the replaced-... folder loses nothing, and the restore event
        -- in this log's own chain names each archived log's head.
        CREATE TABLE replaced_audit_events (
            replaced_log TEXT NOT NULL,
            seq INTEGER NOT NULL,
            event_json BLOB NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            PRIMARY KEY (replaced_log, seq)
        );
        CREATE TRIGGER replaced_audit_events_no_update BEFORE UPDATE ON replaced_audit_events
        BEGIN
            SELECT RAISE (ABORT, 'archived audit logs are append-only');
        END;
        CREATE TRIGGER replaced_audit_events_no_delete BEFORE DELETE ON replaced_audit_events
        BEGIN
            SELECT RAISE (ABORT, 'archived audit logs are append-only');
        END;
        """,
    ),
)


FORWARD_QUEUE_MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        """
        -- Syslog frames waiting for the collector, oldest first; removed once sent.
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            frame BLOB NOT NULL
        );
        -- How far each source has been queued, so a restart re-queues what a crash dropped.
        CREATE TABLE progress (
            source TEXT PRIMARY KEY NOT NULL,
            queued_through INTEGER NOT NULL
        ) WITHOUT ROWID;
        """,
    ),
)
