from app.domain.roles import PERMISSIONS, Permission, Role, is_allowed


def test_every_role_has_an_entry_in_the_permission_table() -> None:
    assert set(PERMISSIONS) == set(Role)


def test_compliance_officer_reads_the_audit_log_but_no_note_text() -> None:
    assert is_allowed(Role.COMPLIANCE_OFFICER, Permission.AUDIT_READ)
    assert not is_allowed(Role.COMPLIANCE_OFFICER, Permission.DRAFT_READ_OWN)
    assert not is_allowed(Role.COMPLIANCE_OFFICER, Permission.DRAFT_READ_UNIT)


def test_it_administrator_changes_settings_but_reads_no_note_text() -> None:
    assert is_allowed(Role.IT_ADMIN, Permission.SETTINGS_CHANGE)
    assert not is_allowed(Role.IT_ADMIN, Permission.DRAFT_READ_OWN)


def test_only_the_charge_nurse_reads_other_authors_drafts() -> None:
    readers = {role for role in Role if is_allowed(role, Permission.DRAFT_READ_UNIT)}
    assert readers == {Role.CHARGE_NURSE}


def test_nurses_draft_but_cannot_change_settings() -> None:
    assert is_allowed(Role.NURSE, Permission.DRAFT_WRITE)
    assert not is_allowed(Role.NURSE, Permission.SETTINGS_CHANGE)
