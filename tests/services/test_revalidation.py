"""An open local-account session is checked again and locks when IT disables the account.

Entra ID sessions are revalidated against the identity provider in
tests/identity/test_revalidation.py.
"""

import pytest

from app.domain.audit import AuditAction
from app.domain.errors import AuthenticationFailed
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.session import Session
from app.services.workstation import Workstation
from tests.fixtures.audit_log import audit_store


@pytest.fixture
def nurse(demo_workstation: Workstation) -> Session:
    return demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)


def _disable(workstation: Workstation, session: Session) -> None:
    workstation.accounts._accounts.set_disabled(session.user_id, True)


def test_an_enabled_local_account_keeps_its_session_open(
    demo_workstation: Workstation, nurse: Session
) -> None:
    assert demo_workstation.auth.revalidate(nurse) is True
    assert not nurse.locked


def test_disabling_the_account_locks_its_open_session_with_the_reason_audited(
    demo_workstation: Workstation, nurse: Session
) -> None:
    _disable(demo_workstation, nurse)

    with pytest.raises(AuthenticationFailed, match="disabled"):
        demo_workstation.auth.revalidate(nurse)

    assert nurse.locked
    last = list(audit_store(demo_workstation).events())[-1].event
    assert (last.action, last.reason) == (AuditAction.SESSION_LOCK, "disabled")


def test_a_session_locked_for_a_disabled_account_cannot_be_unlocked(
    demo_workstation: Workstation, nurse: Session
) -> None:
    _disable(demo_workstation, nurse)
    with pytest.raises(AuthenticationFailed):
        demo_workstation.auth.revalidate(nurse)

    with pytest.raises(AuthenticationFailed, match="disabled"):
        demo_workstation.auth.unlock(nurse, DEMO_PASSWORD)
    assert nurse.locked
