"""Changing settings: who may, what the policy locks, and the audit of each attempt."""

from collections.abc import Callable
from pathlib import Path

import pytest

from app.domain.audit import AuditAction, ChainedEvent, Outcome
from app.domain.errors import AccessDenied
from app.domain.roles import Role
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.settings import SettingInvalid
from app.services.workstation import StartOptions, Workstation
from tests.fixtures.audit_log import audit_store


def _events(workstation: Workstation) -> list[ChainedEvent]:
    return list(audit_store(workstation).events())


def _last(workstation: Workstation) -> tuple[AuditAction, Outcome, str | None, str | None]:
    store = audit_store(workstation)
    event = list(store.events())[-1].event
    return event.action, event.outcome, event.object_id, event.reason


@pytest.fixture
def locked_workstation(open_under_policy: Callable[[str], Workstation]) -> Workstation:
    workstation = open_under_policy("[settings]\nidle_lock_minutes = 5\n")
    workstation.accounts.add("it.admin", "IT Admin", Role.IT_ADMIN, "it-admin-password")
    return workstation


def test_a_nurse_changes_her_font_size_and_the_change_is_audited(
    demo_workstation: Workstation,
) -> None:
    nurse = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    layered = demo_workstation.settings_service.change(nurse, "font_point_size", 14)
    assert layered.effective.font_point_size == 14
    action, outcome, name, _ = _last(demo_workstation)
    assert (action, outcome, name) == (
        AuditAction.PREFERENCE_CHANGE,
        Outcome.SUCCESS,
        "font_point_size",
    )


def test_a_preference_is_hers_alone_not_the_next_users_of_the_workstation(
    demo_workstation: Workstation,
) -> None:
    demo_workstation.accounts.add("rn.lee", "R. Lee", Role.NURSE, "rn-lee-password")
    service = demo_workstation.settings_service
    workstation_file = demo_workstation.locations.root / "settings.json"
    before = workstation_file.read_bytes()
    first = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    service.change(first, "high_contrast", True)
    service.change(first, "font_point_size", 16)

    second = demo_workstation.auth.sign_in("rn.lee", "rn-lee-password")

    assert service.for_user(first).effective.high_contrast is True
    assert service.for_user(second).effective.high_contrast is False
    assert service.for_user(second).effective.font_point_size == 11
    assert service.current.effective.high_contrast is False
    assert workstation_file.read_bytes() == before


def test_a_preference_survives_a_restart(data_dir: Path, demo_workstation: Workstation) -> None:
    nurse = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    demo_workstation.settings_service.change(nurse, "high_contrast", True)
    demo_workstation.close()
    reopened = Workstation.open(StartOptions(data_dir=data_dir, demo=True))
    try:
        again = reopened.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
        assert reopened.settings_service.for_user(again).effective.high_contrast is True
        assert reopened.settings.effective.high_contrast is False
        assert "changed_outside_app" not in [e.event.reason for e in _events(reopened)]
    finally:
        reopened.close()


def test_the_preferences_file_names_nobody(demo_workstation: Workstation) -> None:
    nurse = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    demo_workstation.settings_service.change(nurse, "font_point_size", 14)

    stored = (demo_workstation.locations.root / "preferences.json").read_text()
    assert nurse.user_id not in stored
    assert DEMO_USERNAME not in stored


def test_a_workstation_setting_changed_by_it_survives_a_restart(
    data_dir: Path, demo_workstation: Workstation
) -> None:
    demo_workstation.accounts.add("it.admin", "IT Admin", Role.IT_ADMIN, "it-admin-password")
    admin = demo_workstation.auth.sign_in("it.admin", "it-admin-password")
    demo_workstation.settings_service.change(admin, "clipboard_clear_seconds", 30)
    _, _, _, reason = _last(demo_workstation)
    assert reason is not None and reason.startswith("file:")
    demo_workstation.close()
    reopened = Workstation.open(StartOptions(data_dir=data_dir, demo=True))
    try:
        assert reopened.settings.effective.clipboard_clear_seconds == 30
        assert "changed_outside_app" not in [e.event.reason for e in _events(reopened)]
    finally:
        reopened.close()


def test_a_nurse_cannot_change_the_idle_lock(demo_workstation: Workstation) -> None:
    nurse = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    with pytest.raises(AccessDenied):
        demo_workstation.settings_service.change(nurse, "idle_lock_minutes", 60)
    assert _last(demo_workstation)[:2] == (AuditAction.ACCESS_DENIED, Outcome.DENIED)


def test_a_setting_locked_by_policy_is_refused_even_for_it(
    locked_workstation: Workstation,
) -> None:
    admin = locked_workstation.auth.sign_in("it.admin", "it-admin-password")
    with pytest.raises(AccessDenied, match="machine policy"):
        locked_workstation.settings_service.change(admin, "idle_lock_minutes", 60)
    assert _last(locked_workstation) == (
        AuditAction.SETTINGS_CHANGE,
        Outcome.DENIED,
        "idle_lock_minutes",
        "locked_by_policy",
    )
    assert locked_workstation.settings_service.current.effective.idle_lock_minutes == 5


def test_an_out_of_range_value_is_refused_and_nothing_is_written(
    locked_workstation: Workstation,
) -> None:
    admin = locked_workstation.auth.sign_in("it.admin", "it-admin-password")
    with pytest.raises(SettingInvalid, match="clipboard_clear_seconds"):
        locked_workstation.settings_service.change(admin, "clipboard_clear_seconds", 1)
    assert not (locked_workstation.locations.root / "settings.json").read_text().count("clipboard")


def test_the_export_folder_is_remembered_for_its_user_only(
    demo_workstation: Workstation, tmp_path: Path
) -> None:
    demo_workstation.accounts.add("rn.lee", "R. Lee", Role.NURSE, "rn-lee-password")
    service = demo_workstation.settings_service
    first = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    second = demo_workstation.auth.sign_in("rn.lee", "rn-lee-password")
    service.change(first, "font_point_size", 14)

    service.remember_export_folder(first, tmp_path)
    service.change(first, "high_contrast", True)

    assert service.export_folder(first) == tmp_path
    assert service.export_folder(second) is None
    assert service.for_user(first).effective.font_point_size == 14


def test_a_remembered_folder_that_is_gone_is_forgotten(
    demo_workstation: Workstation, tmp_path: Path
) -> None:
    nurse = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    gone = tmp_path / "gone"
    gone.mkdir()
    demo_workstation.settings_service.remember_export_folder(nurse, gone)
    gone.rmdir()

    assert demo_workstation.settings_service.export_folder(nurse) is None


def test_a_hand_edited_preference_beyond_the_limits_is_ignored(
    demo_workstation: Workstation,
) -> None:
    nurse = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    demo_workstation.settings_service.change(nurse, "font_point_size", 14)
    stored = demo_workstation.locations.root / "preferences.json"
    stored.write_text(stored.read_text().replace("14", "999"))

    effective = demo_workstation.settings_service.for_user(nurse).effective

    assert effective.font_point_size == demo_workstation.settings.effective.font_point_size
