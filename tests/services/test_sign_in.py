from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from app.domain.audit import AuditAction, Outcome
from app.domain.errors import AuthenticationFailed
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.workstation import DemoRefused, StartOptions, Workstation
from tests.fixtures.audit_log import audit_store


def _last_event(workstation: Workstation) -> tuple[str, AuditAction, Outcome, str | None]:
    store = audit_store(workstation)
    event = list(store.events())[-1].event
    return event.user_id, event.action, event.outcome, event.reason


def test_the_demo_account_signs_in_as_a_nurse(demo_workstation: Workstation) -> None:
    session = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    assert session.principal.role == "nurse"
    assert _last_event(demo_workstation)[1:3] == (AuditAction.SIGN_IN, Outcome.SUCCESS)


def test_a_wrong_password_is_refused_and_the_failure_audited(
    demo_workstation: Workstation,
) -> None:
    with pytest.raises(AuthenticationFailed):
        demo_workstation.auth.sign_in(DEMO_USERNAME, "not-the-password")
    assert _last_event(demo_workstation) == (
        DEMO_USERNAME,
        AuditAction.SIGN_IN,
        Outcome.FAILURE,
        "bad_credentials",
    )


def test_repeated_wrong_passwords_throttle_even_the_right_one(
    demo_workstation: Workstation,
) -> None:
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            demo_workstation.auth.sign_in(DEMO_USERNAME, "guess")
    with pytest.raises(AuthenticationFailed):
        demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    assert _last_event(demo_workstation)[1:] == (
        AuditAction.SIGN_IN,
        Outcome.FAILURE,
        "throttled",
    )


def test_a_paused_account_and_an_unknown_name_get_the_same_answer(
    demo_workstation: Workstation,
) -> None:
    """Issue 17, item 10: trying names must not reveal which accounts exist."""
    answers = []
    for username in (DEMO_USERNAME, "no.such.user"):
        for _ in range(6):
            with pytest.raises(AuthenticationFailed) as refused:
                demo_workstation.auth.sign_in(username, "guess")
        answers.append(str(refused.value))

    assert answers[0] == answers[1]


def test_an_unknown_username_is_not_stored_as_typed(demo_workstation: Workstation) -> None:
    """Someone may type a password or a patient's name into the username field."""
    typed = "Oluwaseun Brightwater-Kaur"
    for _ in range(2):
        with pytest.raises(AuthenticationFailed):
            demo_workstation.auth.sign_in(typed, "guess")

    first, second = (
        row.event
        for row in audit_store(demo_workstation).events()
        if row.event.reason == "unknown_user"
    )
    assert "Brightwater" not in first.model_dump_json()
    assert first.user_id.startswith("unknown:")
    assert first.user_id == second.user_id


def test_demo_mode_never_starts_under_a_machine_policy(
    data_dir: Path, memory_keyring: KeyringBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = data_dir / "policy.toml"
    policy.write_text("[settings]\nidle_lock_minutes = 5\n")
    monkeypatch.setenv("WARDSCRIBE_POLICY_FILE", str(policy))
    with pytest.raises(DemoRefused, match="policy"):
        Workstation.open(StartOptions(data_dir=data_dir, demo=True))
