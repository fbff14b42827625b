"""Password hashing: argon2id, verified in constant time by argon2-cffi."""

from argon2 import PasswordHasher

from app.identity.passwords import hash_password, needs_rehash, verify_password


def test_hashes_are_argon2id_with_a_random_salt() -> None:
    first, second = hash_password("correct horse"), hash_password("correct horse")

    assert first.startswith("$argon2id$")
    assert first != second


def test_the_right_password_verifies() -> None:
    assert verify_password(hash_password("correct horse"), "correct horse")


def test_a_wrong_password_does_not_verify() -> None:
    assert not verify_password(hash_password("correct horse"), "Correct horse")


def test_an_unreadable_hash_does_not_verify() -> None:
    assert not verify_password("not a hash", "correct horse")


def test_a_fresh_hash_needs_no_rehash() -> None:
    assert not needs_rehash(hash_password("correct horse"))


def test_a_hash_with_weaker_parameters_needs_rehash() -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("correct horse")

    assert needs_rehash(weak)


def test_an_unreadable_hash_needs_rehash() -> None:
    assert needs_rehash("not a hash")
