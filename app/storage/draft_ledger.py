"""Drafts and the audit log vouch for each other: a draft the log saw created must still exist.

`drafts.db` is a file in the user's folder: it can be deleted, emptied with its key, or replaced
by an older copy, and a fresh empty one would open without complaint. The audit log records
every draft created (`draft_create`), deleted (`draft_delete`) and purged (`retention_purge`)
by id, so the drafts it expects are known; a drafts database lacking any of them was emptied,
replaced or rolled back, and WardScribe refuses to start on it rather than carry on as if
nothing were lost.

Each draft event also carries the revision it left the draft at and a keyed digest of that
revision (`app.domain.draft_digest`), so a drafts database whose drafts all exist but some at
an older revision (an older copy put back), or changed in place at the same revision, is
refused too. A draft at a newer revision than the log knows is accepted: a crash between the
save's commit and its audit event leaves exactly that.
"""

from pathlib import Path

from app.domain.audit import AuditAction, AuditFilter, Outcome
from app.domain.draft_digest import draft_digest
from app.domain.errors import NotFound, WardScribeError
from app.storage.audit import AuditStore
from app.storage.database import EncryptedDatabase
from app.storage.drafts import DraftStore

_RECOVERY = (
    "Do not work on it: put the right drafts.db back, or restore the last backup into a new data "
    "folder (wardscribe restore --data-dir NEW_FOLDER), and tell IT."
)


DRAFT_DIGEST_PURPOSE = "wardscribe draft digest"
"""What the draft digest key is derived for, from the checkpoint signing key."""


class DraftsMissing(WardScribeError):
    """drafts.db is gone or lacks drafts the audit log says exist."""


def refuse_missing_drafts_file(drafts_db: Path, audit_db: Path) -> None:
    """Refuse, before an empty drafts.db could be created, a folder whose log outlived it."""
    if audit_db.exists() and not drafts_db.exists():
        raise DraftsMissing(
            f"{drafts_db} is missing, but the audit log beside it records this workstation's "
            f"work: the drafts database was deleted or moved. {_RECOVERY}"
        )


def expected_draft_ids(store: AuditStore) -> set[str]:
    """Drafts the audit log saw created and never saw deleted or purged."""
    created = _draft_ids(store, AuditAction.DRAFT_CREATE)
    gone = _draft_ids(store, AuditAction.DRAFT_DELETE) | _draft_ids(
        store, AuditAction.RETENTION_PURGE
    )
    return created - gone


def refuse_lost_drafts(drafts: EncryptedDatabase, store: AuditStore) -> None:
    """Refuse a drafts database that lacks drafts the audit log expects."""
    present = {str(row[0]) for row in drafts.query("SELECT id FROM drafts")}
    lost = expected_draft_ids(store) - present
    if lost:
        raise DraftsMissing(
            f"{drafts.path} lacks {len(lost)} draft(s) that the audit log records as created and "
            f"never deleted: it was emptied or replaced by an older copy. {_RECOVERY}"
        )


def refuse_rolled_back_drafts(
    drafts: DraftStore, path: Path, store: AuditStore, key: bytes
) -> None:
    """Refuse drafts older than, or different from, the latest revision the audit log records."""
    older = changed = 0
    for draft_id, (revision, digest) in store.draft_states().items():
        try:
            draft = drafts.get_draft(draft_id)
        except NotFound:
            continue  # deleted or purged; refuse_lost_drafts judges a missing one
        if draft.revision > revision:
            continue  # saved since: a crash between the commit and its audit event
        if draft.revision < revision:
            older += 1
        elif digest is not None and draft_digest(key, draft) != digest:
            changed += 1
    if older:
        raise DraftsMissing(
            f"{path} holds {older} draft(s) at an older revision than the audit log "
            f"records: it was replaced by an older copy. {_RECOVERY}"
        )
    if changed:
        raise DraftsMissing(
            f"{path} holds {changed} draft(s) that differ from the revision the audit log "
            f"records: they were changed outside WardScribe. {_RECOVERY}"
        )


def _draft_ids(store: AuditStore, action: AuditAction) -> set[str]:
    query = AuditFilter(action=action, outcome=Outcome.SUCCESS)
    return {
        chained.event.object_id
        for chained in store.matching(query)
        if chained.event.object_type == "draft" and chained.event.object_id is not None
    }
