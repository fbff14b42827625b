"""An open Entra ID session is checked against the identity provider and locks when refused.

`AuthService.revalidate` runs here against the real HTTPS OpenID Connect server on loopback:
MSAL redeems the session's refresh token, and the server answers the way Entra ID does when
the token ran out (AADSTS700082) or the person's sessions were revoked (AADSTS50173).
"""

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain.audit import AuditAction
from app.domain.errors import AuthenticationFailed
from app.identity.entra import EntraIdProvider
from app.services.audit_trail import AuditTrail
from app.services.auth import AuthService
from app.services.session import Session
from app.storage.audit import AuditStore
from app.storage.database import EncryptedDatabase

from .fake_entra import FakeEntra, Person

NURSE = Person(name="Nia Okafor", preferred_username="nia.okafor@hospital.example")


@pytest.fixture
def trail(tmp_path: Path, db_key: bytes) -> Iterator[AuditTrail]:
    with EncryptedDatabase(tmp_path / "audit.db", db_key) as db:
        store = AuditStore(db)
        yield AuditTrail(store)
        store.close()


@pytest.fixture
def auth(trail: AuditTrail, entra_provider: EntraIdProvider) -> AuthService:
    return AuthService(trail, {}, entra_provider)


@pytest.fixture
def session(entra: FakeEntra, auth: AuthService) -> Session:
    entra.person = Person(NURSE.name, NURSE.preferred_username, oid=NURSE.oid, roles=["nurse"])
    return auth.sign_in_interactive()


def _lock_reasons(trail: AuditTrail) -> list[str | None]:
    return [
        row.event.reason
        for row in trail.store.events()
        if row.event.action is AuditAction.SESSION_LOCK
    ]


def _refusal_reason(auth: AuthService, session: Session) -> str:
    with pytest.raises(AuthenticationFailed) as refused:
        auth.revalidate(session)
    return str(refused.value.reason)


def test_a_sign_in_entra_still_honours_keeps_the_session_open(
    auth: AuthService, session: Session, trail: AuditTrail
) -> None:
    assert auth.revalidate(session) is True
    assert not session.locked
    assert _lock_reasons(trail) == []


def test_an_expired_refresh_token_locks_the_session(
    entra: FakeEntra, auth: AuthService, session: Session, trail: AuditTrail
) -> None:
    entra.refresh_token_lifetime_seconds = 0.2
    time.sleep(0.3)

    assert _refusal_reason(auth, session) == "token_expired"
    assert session.locked
    assert _lock_reasons(trail) == ["token_expired"]


def test_revoked_sessions_lock_the_session_as_revoked(
    entra: FakeEntra, auth: AuthService, session: Session, trail: AuditTrail
) -> None:
    assert entra.person is not None
    entra.revoke_sessions(entra.person)

    assert _refusal_reason(auth, session) == "token_revoked"
    assert session.locked
    assert _lock_reasons(trail) == ["token_revoked"]


def test_a_role_removed_in_entra_locks_the_session(
    entra: FakeEntra, auth: AuthService, session: Session
) -> None:
    assert entra.person is not None
    entra.person.roles.clear()

    assert _refusal_reason(auth, session) == "no_role"
    assert session.locked


def test_a_role_changed_in_entra_locks_the_session_until_signed_in_again(
    entra: FakeEntra, auth: AuthService, session: Session
) -> None:
    assert entra.person is not None
    entra.person.roles[:] = ["charge_nurse"]

    assert _refusal_reason(auth, session) == "role_changed"
    assert session.locked


def test_a_locked_session_is_not_sent_to_entra(
    entra: FakeEntra, auth: AuthService, session: Session
) -> None:
    auth.lock(session)
    token_requests = entra.paths_requested().count(f"/{entra.tenant_id}/oauth2/v2.0/token")

    assert auth.revalidate(session) is False
    assert entra.paths_requested().count(f"/{entra.tenant_id}/oauth2/v2.0/token") == (
        token_requests
    )
