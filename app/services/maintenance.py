"""Use cases IT runs with WardScribe closed: re-keying the databases and restoring a backup.

Both replace files a running WardScribe would still be writing, so both refuse while any
connection holds the data folder's databases. A restore is authorised and audited in the log
that is live before it, then audited again in the log that is live after it: the restored one,
or the untouched one when the restore was refused.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.domain.errors import InputRejected
from app.keys.entries import KeyEntries
from app.keys.keystore import KeyStore
from app.security.environment import Environment
from app.services.session import Session
from app.services.workstation import StartOptions, Workstation
from app.storage.backup import (
    BACKUP_KEY_ENTRY,
    RestoreSummary,
    backup_key_id,
    ensure_not_in_use,
    restore_backup,
)
from app.storage.database import StorageError
from app.storage.locations import DataLocations

BACKUP_KEY_ENV = "WARDSCRIBE_BACKUP_KEY"
"""Where IT supplies an escrowed backup key for a restore, as 64 hex digits."""

SignIn = Callable[[Workstation], Session]
"""How the caller signs in to an open workstation (the CLI: environment or prompt)."""


@dataclass(frozen=True)
class Restored:
    """A finished restore: what it brought back, and the backup key's public id."""

    summary: RestoreSummary
    key_id: str


def refuse_if_in_use(options: StartOptions) -> None:
    """StorageError while another connection holds drafts.db or audit.db of that folder."""
    locations = DataLocations.resolve(options.data_dir or Environment().data_dir, options.demo)
    ensure_not_in_use(locations, KeyStore().database_key)


def restore(
    options: StartOptions, sign_in: SignIn, source: Path, supplied_key: bytes | None
) -> Restored:
    """Replace the data folder's databases with the verified backup in `source`.

    `supplied_key` is the escrowed backup key IT gives (WARDSCRIBE_BACKUP_KEY); without it the
    key in this computer's credential store is used. The person must hold the restore permission.
    """
    workstation = Workstation.open(options)
    try:
        session = sign_in(workstation)
        workstation.lifecycle.authorize_restore(session)
        locations = workstation.locations
        policy = workstation.policy
        key = supplied_key or KeyEntries().read(BACKUP_KEY_ENTRY)
        if key is None:
            raise InputRejected(
                f"No backup key: set {BACKUP_KEY_ENV} to the escrowed key (64 hex digits)."
            )
        workstation.lifecycle.record_restore_start(session, source)
    finally:
        workstation.close()
    try:
        outcome = restore_backup(
            source,
            locations,
            KeyStore().database_key,
            KeyEntries(),
            backup_key=key,
            now=datetime.now(UTC),
            hospital_key_id=None
            if policy is None or policy.backup is None
            else policy.backup.key_id,
        )
    except StorageError as refusal:
        _record_restore(options, session, source, refusal)
        raise
    _record_restore(options, session, source, outcome)
    return Restored(outcome, backup_key_id(key))


def _record_restore(
    options: StartOptions, session: Session, folder: Path, result: RestoreSummary | Exception
) -> None:
    """Audit into the log that is live now: the restored one, or the untouched one."""
    workstation = Workstation.open(options)
    try:
        workstation.lifecycle.record_restore(session, folder, result)
    finally:
        workstation.close()
