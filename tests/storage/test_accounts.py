"""AccountStore: local accounts persist exactly what the identity layer decides."""

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.domain.errors import NotFound
from app.domain.roles import Role
from app.identity.passwords import hash_password
from app.storage.accounts import Account, AccountExists, AccountStore
from app.storage.database import EncryptedDatabase

ARGON2ID_HASH = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$aGFzaGhhc2hoYXNoaGFzaGhhc2g"


@pytest.fixture
def accounts(tmp_path: Path, db_key: bytes) -> Iterator[AccountStore]:
    with EncryptedDatabase(tmp_path / "drafts.db", db_key) as db:
        yield AccountStore(db)


def create_grace(accounts: AccountStore) -> Account:
    return accounts.create_account(
        username="GHopper",
        display_name="Grace Hopper",
        role=Role.NURSE,
        password_hash=ARGON2ID_HASH,
    )


def test_a_new_account_reads_back_by_username(accounts: AccountStore) -> None:
    created = create_grace(accounts)

    assert accounts.get_by_username("GHopper") == created
    assert (created.failed_attempts, created.locked_until, created.disabled) == (0, None, False)


def test_usernames_match_without_regard_to_case(accounts: AccountStore) -> None:
    created = create_grace(accounts)

    assert accounts.get_by_username("ghopper") == created


def test_a_username_differing_only_in_case_is_taken(accounts: AccountStore) -> None:
    create_grace(accounts)

    with pytest.raises(AccountExists):
        accounts.create_account(
            username="ghopper",
            display_name="Impostor",
            role=Role.IT_ADMIN,
            password_hash=ARGON2ID_HASH,
        )


def test_an_unknown_username_gives_none(accounts: AccountStore) -> None:
    assert accounts.get_by_username("nobody") is None


def test_only_argon2id_hashes_are_stored(accounts: AccountStore) -> None:
    with pytest.raises(ValueError, match="argon2id"):
        accounts.create_account(
            username="plain", display_name="Plain", role=Role.NURSE, password_hash="hunter2"
        )


def test_the_password_hash_is_kept_out_of_repr(accounts: AccountStore) -> None:
    assert ARGON2ID_HASH not in repr(create_grace(accounts))


def test_failures_are_counted_and_the_lock_is_stored(accounts: AccountStore) -> None:
    grace = create_grace(accounts)
    lock = datetime(2025, 3, 1, 8, 15, tzinfo=UTC)

    accounts.record_failure(grace.user_id)
    after = accounts.record_failure(grace.user_id, locked_until=lock)

    assert (after.failed_attempts, after.locked_until) == (2, lock)
    assert accounts.get(grace.user_id) == after


def test_a_success_clears_failures_and_lock(accounts: AccountStore) -> None:
    grace = create_grace(accounts)
    accounts.record_failure(grace.user_id, locked_until=datetime(2025, 3, 1, tzinfo=UTC))

    cleared = accounts.record_success(grace.user_id)

    assert (cleared.failed_attempts, cleared.locked_until) == (0, None)


def test_a_new_password_hash_replaces_the_old(accounts: AccountStore) -> None:
    grace = create_grace(accounts)
    new_hash = hash_password("correct horse battery staple")

    accounts.set_password(grace.user_id, new_hash)

    found = accounts.get_by_username("ghopper")
    assert found is not None and found.password_hash == new_hash


def test_an_account_can_be_disabled(accounts: AccountStore) -> None:
    grace = create_grace(accounts)

    assert accounts.set_disabled(grace.user_id, True).disabled is True


def test_updating_an_unknown_account_is_not_found(accounts: AccountStore) -> None:
    with pytest.raises(NotFound):
        accounts.record_failure("no-such-user")
