"""A page damaged after the file opened is reported by file and remedy (issue 17, item 10)."""

from pathlib import Path

import pytest

from app.storage.database import PAGE_SIZE, DatabaseCorrupt, EncryptedDatabase


@pytest.fixture
def damaged(tmp_path: Path, db_key: bytes) -> Path:
    """A database whose first page is intact and a later one has bytes flipped."""
    path = tmp_path / "drafts.db"
    with EncryptedDatabase(path, db_key) as db:
        db.execute("CREATE TABLE notes (body TEXT)")
        for number in range(200):
            db.execute("INSERT INTO notes VALUES (?)", (f"note {number} " * 40,))
    data = bytearray(path.read_bytes())
    assert len(data) > 10 * PAGE_SIZE
    for offset in range(5 * PAGE_SIZE + 100, 5 * PAGE_SIZE + 164):
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


def test_reading_a_damaged_page_names_the_file_and_the_remedy(damaged: Path, db_key: bytes) -> None:
    db = EncryptedDatabase(damaged, db_key)
    try:
        with pytest.raises(DatabaseCorrupt, match="Restore it from a backup") as refused:
            db.query("SELECT body FROM notes")
    finally:
        db.close()

    assert str(damaged) in str(refused.value)
