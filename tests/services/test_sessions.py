"""Locking, unlocking and emergency access on a shared workstation."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from app.domain.audit import AuditAction, Outcome
from app.domain.errors import AccessDenied, AuthenticationFailed
from app.domain.identity import EmergencyReason
from app.domain.notes import NoteKind, Patient
from app.domain.roles import Role
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.session import Session
from app.services.workstation import Workstation
from tests.fixtures.audit_log import audit_store

NOTES = "0800 HR 80, BP 120/80.\n"


def _events(workstation: Workstation) -> list[tuple[AuditAction, Outcome, bool, str | None]]:
    store = audit_store(workstation)
    return [
        (row.event.action, row.event.outcome, row.event.break_glass, row.event.reason)
        for row in store.events()
    ]


@pytest.fixture
def nurse(demo_workstation: Workstation) -> Session:
    return demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)


def test_unlocking_with_the_right_password_restores_the_session(
    demo_workstation: Workstation, nurse: Session
) -> None:
    demo_workstation.auth.lock(nurse)
    demo_workstation.auth.unlock(nurse, DEMO_PASSWORD)
    assert demo_workstation.drafts.list_drafts(nurse) == []
    assert [event[0] for event in _events(demo_workstation)][-3:-1] == [
        AuditAction.SESSION_LOCK,
        AuditAction.SESSION_UNLOCK,
    ]


def test_unlocking_with_a_wrong_password_fails_and_is_audited(
    demo_workstation: Workstation, nurse: Session
) -> None:
    demo_workstation.auth.lock(nurse)
    with pytest.raises(AuthenticationFailed):
        demo_workstation.auth.unlock(nurse, "wrong")
    assert nurse.locked
    assert _events(demo_workstation)[-1][:2] == (AuditAction.SESSION_UNLOCK, Outcome.FAILURE)


def test_another_persons_password_does_not_unlock_my_session(
    demo_workstation: Workstation, nurse: Session
) -> None:
    demo_workstation.accounts.add("nurse2", "Second Nurse", Role.NURSE, "second-password")
    demo_workstation.auth.lock(nurse)
    with pytest.raises(AuthenticationFailed):
        demo_workstation.auth.unlock(nurse, "second-password")
    assert nurse.locked


@pytest.fixture
def glass_workstation(open_under_policy: Callable[[str], Workstation]) -> Workstation:
    workstation = open_under_policy("[break_glass]\nenabled = true\nmax_minutes = 30\n")
    workstation.accounts.add("er-glass-1", "Emergency 1", Role.NURSE, "staged-emergency-pw")
    return workstation


def test_emergency_access_needs_the_policy_to_enable_it(
    demo_workstation: Workstation,
) -> None:
    with pytest.raises(AuthenticationFailed, match="not enabled"):
        demo_workstation.auth.sign_in_emergency(
            DEMO_USERNAME, DEMO_PASSWORD, EmergencyReason.PATIENT_EMERGENCY
        )


def test_every_event_of_an_emergency_session_is_flagged_with_the_reason_at_sign_in(
    glass_workstation: Workstation,
) -> None:
    session = glass_workstation.auth.sign_in_emergency(
        "er-glass-1", "staged-emergency-pw", EmergencyReason.IDENTITY_PROVIDER_OUTAGE
    )
    glass_workstation.drafts.register_patient(session, Patient(mrn="ER-1", name="Unknown"))
    glass_workstation.drafts.create_draft(session, "ER-1", NoteKind.SHIFT_SBAR, NOTES)
    glass_workstation.auth.sign_out(session)
    events = _events(glass_workstation)
    start = [action for action, *_ in events].index(AuditAction.EMERGENCY_ACCESS)
    assert events[start][3] == "break_glass:identity_provider_outage"
    assert all(flagged for _, _, flagged, _ in events[start:])


def test_break_glass_is_audited_as_emergency_access_with_its_reason(
    glass_workstation: Workstation,
) -> None:
    glass_workstation.auth.sign_in_emergency(
        "er-glass-1", "staged-emergency-pw", EmergencyReason.PATIENT_EMERGENCY
    )
    assert _events(glass_workstation)[-1] == (
        AuditAction.EMERGENCY_ACCESS,
        Outcome.SUCCESS,
        True,
        "break_glass:patient_emergency",
    )


def test_an_it_account_cannot_break_the_glass_unless_the_policy_names_its_role(
    open_under_policy: Callable[[str], Workstation],
) -> None:
    workstation = open_under_policy("[break_glass]\nenabled = true\n")
    workstation.accounts.add("it.admin", "IT Admin", Role.IT_ADMIN, "it-admin-password")

    with pytest.raises(AuthenticationFailed, match="may not use emergency access"):
        workstation.auth.sign_in_emergency(
            "it.admin", "it-admin-password", EmergencyReason.PATIENT_EMERGENCY
        )
    assert _events(workstation)[-1] == (
        AuditAction.EMERGENCY_ACCESS,
        Outcome.FAILURE,
        False,
        "break_glass_role_not_allowed",
    )


def test_the_policy_may_name_which_roles_break_the_glass(
    open_under_policy: Callable[[str], Workstation],
) -> None:
    workstation = open_under_policy('[break_glass]\nenabled = true\nroles = ["clinician"]\n')
    workstation.accounts.add("er-nurse", "Emergency Nurse", Role.NURSE, "staged-emergency-pw")

    with pytest.raises(AuthenticationFailed, match="may not use emergency access"):
        workstation.auth.sign_in_emergency(
            "er-nurse", "staged-emergency-pw", EmergencyReason.PATIENT_EMERGENCY
        )


def test_an_emergency_session_ends_by_itself_after_its_time_limit(
    glass_workstation: Workstation,
) -> None:
    session = glass_workstation.auth.sign_in_emergency(
        "er-glass-1", "staged-emergency-pw", EmergencyReason.PATIENT_EMERGENCY
    )
    assert session.expires_at is not None
    assert session.expires_at - session.started_at == timedelta(minutes=30)
    session.expires_at = datetime.now(UTC) - timedelta(seconds=1)
    with pytest.raises(AccessDenied, match="ended"):
        glass_workstation.drafts.list_drafts(session)
    assert (AuditAction.SESSION_EXPIRE, Outcome.SUCCESS, True, None) in _events(glass_workstation)
