"""Checking the audit log's integrity.

Verification reveals nothing but whether the chain is intact, so IT may run it on a locked
workstation without signing in; it is still audited, under the operating-system account.
"""

import getpass

from app.domain.audit import AuditAction, Outcome
from app.services.audit_trail import AuditTrail
from app.storage.audit import AuditVerification


class AuditReview:
    def __init__(self, trail: AuditTrail) -> None:
        self._trail = trail

    def verify(self) -> AuditVerification:
        result = self._trail.store.verify()
        self._trail.record_unauthenticated(
            f"os:{getpass.getuser()}",
            AuditAction.AUDIT_VERIFY,
            Outcome.SUCCESS if result.ok else Outcome.FAILURE,
            None if result.ok else "chain_broken",
        )
        return result
