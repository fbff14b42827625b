"""Password hashing for local accounts: argon2id through argon2-cffi.

The parameters are argon2-cffi's defaults, RFC 9106's second recommended profile: 64 MiB of
memory, 3 passes, 4 lanes, 16-byte salt, 32-byte hash (about 0.1-0.3 s per hash on a
workstation). When the defaults move, `needs_rehash` says so at the next sign-in, while the
password is at hand.
"""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with other parameters (or cannot be read) and should be redone."""
    try:
        return _HASHER.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True
