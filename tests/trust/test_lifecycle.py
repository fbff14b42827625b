"""Retention, legal holds, backups and key rotation through the services: role-checked, audited."""

from pathlib import Path

import pytest

from app.domain.audit import AuditAction, Outcome
from app.domain.errors import AccessDenied
from app.domain.legal_hold import HoldKind
from app.domain.notes import NoteKind
from app.domain.roles import Role
from app.keys.keystore import KeyStore
from app.security.policy import PolicyInvalid, load_policy
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.session import Session
from app.services.workstation import StartOptions, Workstation
from tests.fixtures.audit_log import audit_store
from tests.trust.events import tamper_audit

pytestmark = pytest.mark.skipif(
    not hasattr(AuditAction, "RETENTION_PURGE"),
    reason="needs the lifecycle wiring (new AuditAction values, Workstation.lifecycle)",
)
NOTES = "Canary-lifecycle: Oluwaseun Brightwater-Kaur slept well, obs stable.\n"


def sign_in_as(workstation: Workstation, role: Role) -> Session:
    username = f"{role.value}-user"
    workstation.accounts.add(username, role.value, role, "p" * 16)
    return workstation.auth.sign_in(username, "p" * 16)


def events(workstation: Workstation) -> list[tuple[AuditAction, Outcome, str | None]]:
    store = audit_store(workstation)
    return [(e.event.action, e.event.outcome, e.event.object_id) for e in store.events()]


def audit_json(workstation: Workstation) -> str:
    store = audit_store(workstation)
    return "".join(e.event.model_dump_json() for e in store.events())


@pytest.fixture
def nurse(demo_workstation: Workstation) -> Session:
    return demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)


def test_a_nurse_cannot_purge_and_the_refusal_is_audited(
    demo_workstation: Workstation, nurse: Session
) -> None:
    with pytest.raises(AccessDenied):
        demo_workstation.lifecycle.purge_expired(nurse)

    assert (AuditAction.ACCESS_DENIED, Outcome.DENIED, None) in events(demo_workstation)


def test_a_purge_is_audited_by_count_and_never_by_content(
    demo_workstation: Workstation, nurse: Session
) -> None:
    demo_workstation.drafts.create_draft(nurse, "DEMO-1001", NoteKind.SHIFT_SBAR, NOTES)
    admin = sign_in_as(demo_workstation, Role.IT_ADMIN)

    report = demo_workstation.lifecycle.purge_expired(admin, dry_run=True)

    assert report.held_back == 0
    summary = [e for e in events(demo_workstation) if e[0] is AuditAction.RETENTION_PURGE]
    assert summary == [
        (AuditAction.RETENTION_PURGE, Outcome.SUCCESS, "drafts=0;signed=0;patients=0;held=0")
    ]
    assert "Brightwater" not in audit_json(demo_workstation)


def test_legal_holds_are_the_compliance_officers_and_audited(
    demo_workstation: Workstation, nurse: Session
) -> None:
    officer = sign_in_as(demo_workstation, Role.COMPLIANCE_OFFICER)
    with pytest.raises(AccessDenied):
        demo_workstation.lifecycle.place_legal_hold(nurse, HoldKind.PATIENT, "DEMO-1001")

    demo_workstation.lifecycle.place_legal_hold(officer, HoldKind.PATIENT, "DEMO-1001")
    released = demo_workstation.lifecycle.release_legal_hold(officer, HoldKind.PATIENT, "DEMO-1001")

    assert released
    actions = [(a, o) for a, o, _ in events(demo_workstation)]
    assert (AuditAction.LEGAL_HOLD_PLACE, Outcome.SUCCESS) in actions
    assert (AuditAction.LEGAL_HOLD_RELEASE, Outcome.SUCCESS) in actions


def test_a_backup_is_audited_with_the_key_id_never_the_key(
    demo_workstation: Workstation, tmp_path: Path
) -> None:
    admin = sign_in_as(demo_workstation, Role.IT_ADMIN)

    escrowed = demo_workstation.lifecycle.export_backup_key(admin)
    summary = demo_workstation.lifecycle.back_up(admin, tmp_path / "share")

    assert summary.folder.is_dir()
    logged = audit_json(demo_workstation)
    assert escrowed not in logged
    assert '"action":"backup_create"' in logged and '"action":"backup_key_export"' in logged


def test_rotating_keys_keeps_the_workstation_working_and_is_audited(
    data_dir: Path, demo_workstation: Workstation, nurse: Session
) -> None:
    draft = demo_workstation.drafts.create_draft(nurse, "DEMO-1001", NoteKind.SHIFT_SBAR, NOTES)
    admin = sign_in_as(demo_workstation, Role.IT_ADMIN)

    demo_workstation.lifecycle.rotate_keys(admin)
    demo_workstation.drafts.save_text(nurse, draft.id, "After rotation.", draft.revision)
    demo_workstation.close()

    reopened = Workstation.open(StartOptions(data_dir=data_dir, demo=True))
    try:
        session = reopened.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
        assert reopened.drafts.open_draft(session, draft.id).text == "After rotation."
        assert (AuditAction.KEY_ROTATE, Outcome.SUCCESS, None) in events(reopened)
        assert reopened.audit.verify().ok
    finally:
        reopened.close()


def test_audit_verify_checks_the_signed_checkpoints(
    data_dir: Path, demo_workstation: Workstation, nurse: Session
) -> None:
    """Closing signs a checkpoint; cutting rows off after it is then reported with the range."""
    for _ in range(3):
        demo_workstation.drafts.list_drafts(nurse)
    demo_workstation.close()
    audit_db = data_dir / "demo" / "audit.db"
    tamper_audit(
        audit_db,
        KeyStore().database_key(audit_db),
        ("DELETE FROM audit_events WHERE seq > 2", ()),
    )

    reopened = Workstation.open(StartOptions(data_dir=data_dir, demo=True))
    try:
        result = reopened.audit.verify()
    finally:
        reopened.close()
    assert not result.ok and result.missing_range is not None
    assert result.missing_range[0] == 3


def test_a_policy_keeping_audit_events_under_six_years_is_refused(tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text("[retention]\naudit_days = 2000\ndraft_days = 30\n")

    with pytest.raises(PolicyInvalid, match="at least 2190 days"):
        load_policy(policy, registry_tables=dict)


def test_the_trust_sections_of_a_policy_are_read(tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text(
        "[retention]\ndraft_days = 30\nsigned_days = 3650\n"
        '[log_forwarding]\nhost = "siem.hospital.test"\nca_file = "/etc/ssl/siem-ca.pem"\n'
        '[network]\nallowed_hosts = ["proxy.hospital.test"]\n'
    )

    loaded = load_policy(policy, registry_tables=dict)

    assert loaded is not None and loaded.log_forwarding is not None
    assert (loaded.retention.audit_days, loaded.retention.signed_days) == (2190, 3650)
    assert loaded.log_forwarding.port == 6514
    assert loaded.network.allowed_hosts == ("proxy.hospital.test",)
