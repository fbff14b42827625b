"""Read every page of a SQLCipher 4 file (and its -wal) decrypted, as a forensic tool would.

A free page, or an old page image left in the -wal, is invisible to SQL but decrypts fine with
the key. Searching the decrypted pages directly proves deleted text cannot be recovered by
someone holding the key, not merely that SQL no longer returns it.

SQLCipher 4 defaults, raw key: 4096-byte pages; each page ends with a reserve of a 16-byte IV
and a 64-byte HMAC; page 1 starts with the 16-byte salt; AES-256-CBC over the rest.
"""

from collections.abc import Iterator
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE_SIZE = 4096
_SALT = 16
_IV = 16
_HMAC = 64
_RESERVE = _IV + _HMAC
_WAL_HEADER = 32
_WAL_FRAME_HEADER = 24


def decrypted_pages(database: Path, key: bytes) -> Iterator[bytes]:
    """Every page of the file and of its -wal, decrypted (HMACs are not checked)."""
    data = database.read_bytes()
    for offset in range(0, len(data) - PAGE_SIZE + 1, PAGE_SIZE):
        yield _decrypt(data[offset : offset + PAGE_SIZE], offset // PAGE_SIZE + 1, key)
    wal = Path(f"{database}-wal")
    if wal.exists():
        frames = wal.read_bytes()[_WAL_HEADER:]
        frame_size = _WAL_FRAME_HEADER + PAGE_SIZE
        for offset in range(0, len(frames) - frame_size + 1, frame_size):
            number = int.from_bytes(frames[offset : offset + 4], "big")
            page = frames[offset + _WAL_FRAME_HEADER : offset + frame_size]
            yield _decrypt(page, number, key)


def holds_plaintext(database: Path, key: bytes, needle: bytes) -> bool:
    return any(needle in page for page in decrypted_pages(database, key))


def _decrypt(page: bytes, number: int, key: bytes) -> bytes:
    start = _SALT if number == 1 else 0
    body = page[start : PAGE_SIZE - _RESERVE]
    iv = page[PAGE_SIZE - _RESERVE : PAGE_SIZE - _HMAC]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()
