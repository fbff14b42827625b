"""Encrypted persistence: drafts, patients and accounts in drafts.db, the audit chain in audit.db.

Every file is SQLCipher-encrypted with a key from `app.keys.keystore`; nothing here writes
readable note text, patient data or keys to disk.
"""

from app.storage.accounts import Account, AccountExists, AccountStore
from app.storage.audit import AuditStore, AuditVerification
from app.storage.database import (
    DatabaseCorrupt,
    DatabaseKeyError,
    EncryptedDatabase,
    EncryptionUnavailable,
    StorageError,
)
from app.storage.drafts import DraftStore, StaleRevision
from app.storage.locations import DataLocations
from app.storage.migrations import SchemaTooNew

__all__ = [
    "Account",
    "AccountExists",
    "AccountStore",
    "AuditStore",
    "AuditVerification",
    "DataLocations",
    "DatabaseCorrupt",
    "DatabaseKeyError",
    "DraftStore",
    "EncryptedDatabase",
    "EncryptionUnavailable",
    "SchemaTooNew",
    "StaleRevision",
    "StorageError",
]
