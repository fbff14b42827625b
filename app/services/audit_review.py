"""Checking the audit log's integrity.

Verification reveals nothing but whether the chain is intact, so IT may run it on a locked
workstation without signing in; it is still audited, under the operating-system account.
"""

import getpass
from pathlib import Path

from app.domain.audit import AuditAction, Outcome
from app.security.checkpoints import verify_audit_log
from app.security.key_entries import KeyEntries
from app.services.audit_trail import AuditTrail
from app.storage.audit import AuditVerification


class AuditReview:
    def __init__(self, trail: AuditTrail, audit_db: Path, entries: KeyEntries) -> None:
        self._trail = trail
        self._audit_db = audit_db
        self._entries = entries

    def verify(self) -> AuditVerification:
        """The hash chain, checked against this workstation's signed checkpoints too, so a log
        cut short or replaced whole is caught, not only one edited in place."""
        result = verify_audit_log(self._trail.store, self._audit_db, self._entries)
        self._trail.record_unauthenticated(
            f"os:{getpass.getuser()}",
            AuditAction.AUDIT_VERIFY,
            Outcome.SUCCESS if result.ok else Outcome.FAILURE,
            None if result.ok else "chain_broken",
        )
        return result
