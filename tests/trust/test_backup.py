"""Encrypted backups: taken online, restorable elsewhere with the escrowed key, never trusted."""

import hashlib
import json
import secrets
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from app.keys.entries import KeyEntries
from app.keys.keystore import KeyStore
from app.storage import backup
from app.storage.audit import AuditStore
from app.storage.audit_checkpoints import verify_audit_log
from app.storage.backup import (
    BackupRejected,
    DataInUse,
    backup_key_id,
    create_backup,
    restore_backup,
)
from app.storage.database import DatabaseKeyError, EncryptedDatabase
from app.storage.locations import DataLocations
from tests.trust.events import make_event, tamper_audit
from tests.trust.site import Site

NOW = datetime(2031, 6, 1, 12, 0, tzinfo=UTC)
CANARY = "Philippa Dunsworth-Ngata"


@pytest.fixture
def backup_key() -> bytes:
    return secrets.token_bytes(32)


@pytest.fixture
def site(tmp_path: Path, memory_keyring: KeyringBackend) -> Iterator[Site]:
    site = Site(tmp_path / "ward")
    for n in range(5):
        site.write_draft(f"{CANARY} {n}", f"{CANARY} slept well, night {n}.")
    yield site
    site.close()


def back_up(site: Site, backup_key: bytes, into: Path) -> Path:
    return create_backup(
        site.locations,
        site.keys.database_key,
        site.entries,
        backup_key=backup_key,
        into=into,
        now=NOW,
    ).folder


def restore(site_root: Path, folder: Path, backup_key: bytes) -> Path | None:
    locations = DataLocations.under(site_root)
    site_root.mkdir(parents=True, exist_ok=True)
    return restore_backup(
        folder, locations, KeyStore().database_key, KeyEntries(), backup_key=backup_key, now=NOW
    ).set_aside


def remac(folder: Path, backup_key: bytes) -> None:
    """What an attacker holding the backup key does after editing files: fix the manifest."""
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest.pop("mac")
    for name in manifest["files"]:
        manifest["files"][name] = hashlib.sha256((folder / name).read_bytes()).hexdigest()
    manifest["mac"] = backup._mac(backup_key, manifest)
    (folder / "manifest.json").write_text(json.dumps(manifest))


def test_a_backup_restores_on_a_new_computer_with_the_escrowed_key(
    site: Site, backup_key: bytes, tmp_path: Path
) -> None:
    expected = site.texts()
    folder = back_up(site, backup_key, tmp_path / "share")
    keyring.set_keyring(InMemoryKeyringForNewMachine())

    restore(tmp_path / "new-laptop", folder, backup_key)

    restored = Site(tmp_path / "new-laptop")
    try:
        assert restored.texts() == expected
        result = verify_audit_log(restored.audit, restored.locations.audit_db, restored.entries)
        assert (result.ok, result.events_checked) == (True, 5)
    finally:
        restored.close()


def test_a_backup_is_taken_while_the_app_keeps_writing(
    site: Site, backup_key: bytes, tmp_path: Path
) -> None:
    stop = threading.Event()

    def keep_working() -> None:
        n = 0
        while not stop.is_set():
            site.write_draft(f"Busy Patient {n}", "Obs stable.")
            n += 1

    worker = threading.Thread(target=keep_working)
    worker.start()
    try:
        folders = [back_up(site, backup_key, tmp_path / f"share-{n}") for n in range(3)]
    finally:
        stop.set()
        worker.join()

    for n, folder in enumerate(folders):
        assert restore(tmp_path / f"restored-{n}", folder, backup_key) is None


def test_backup_files_open_only_with_the_backup_key(
    site: Site, backup_key: bytes, tmp_path: Path
) -> None:
    folder = back_up(site, backup_key, tmp_path / "share")

    with pytest.raises(DatabaseKeyError):
        EncryptedDatabase(folder / "drafts.db", site.keys.database_key(site.locations.drafts_db))
    with EncryptedDatabase(folder / "drafts.db", backup_key) as db:
        assert db.query_one("SELECT count(*) FROM drafts") == (5,)
    for path in folder.iterdir():
        assert CANARY.encode() not in path.read_bytes()


def test_the_manifest_names_the_key_without_revealing_it(
    site: Site, backup_key: bytes, tmp_path: Path
) -> None:
    folder = back_up(site, backup_key, tmp_path / "share")

    manifest = (folder / "manifest.json").read_text()

    assert json.loads(manifest)["backup_key_id"] == backup_key_id(backup_key)
    assert backup_key.hex() not in manifest


def test_a_restore_with_the_wrong_key_is_refused(
    site: Site, backup_key: bytes, tmp_path: Path
) -> None:
    folder = back_up(site, backup_key, tmp_path / "share")

    with pytest.raises(BackupRejected, match="wrong key"):
        restore(tmp_path / "elsewhere", folder, secrets.token_bytes(32))
    assert not (tmp_path / "elsewhere" / "drafts.db").exists()


def test_a_file_changed_after_the_backup_is_refused(
    site: Site, backup_key: bytes, tmp_path: Path
) -> None:
    folder = back_up(site, backup_key, tmp_path / "share")
    tamper_audit(folder / "audit.db", backup_key, ("DELETE FROM audit_events WHERE seq = 5", ()))

    with pytest.raises(BackupRejected, match="changed since the backup"):
        restore(tmp_path / "elsewhere", folder, backup_key)


def test_a_backup_whose_audit_chain_does_not_verify_is_refused(
    site: Site, backup_key: bytes, tmp_path: Path
) -> None:
    folder = back_up(site, backup_key, tmp_path / "share")
    tamper_audit(folder / "audit.db", backup_key, ("DELETE FROM audit_events WHERE seq > 3", ()))
    remac(folder, backup_key)

    with pytest.raises(BackupRejected, match=r"audit log does not verify.*cut off"):
        restore(tmp_path / "elsewhere", folder, backup_key)
    assert not (tmp_path / "elsewhere" / "drafts.db").exists()


def test_a_restore_keeps_the_live_files_aside_and_openable(
    site: Site, backup_key: bytes, tmp_path: Path
) -> None:
    folder = back_up(site, backup_key, tmp_path / "share")
    newer = site.write_draft("After Backup", "Written after the backup was taken.")
    site.close()

    aside = restore(site.locations.root, folder, backup_key)

    assert aside is not None
    assert {"drafts.db", "audit.db", "audit-checkpoints.jsonl"} <= {p.name for p in aside.iterdir()}
    live_key = site.keys.database_key(site.locations.drafts_db)
    with EncryptedDatabase(aside / "drafts.db", live_key) as old:
        assert old.query_one("SELECT count(*) FROM drafts WHERE id = ?", (newer,)) == (1,)
    reopened = Site(site.locations.root)
    try:
        assert newer not in reopened.texts()
        assert len(reopened.texts()) == 5
    finally:
        reopened.close()


def test_a_restore_is_refused_while_the_data_is_in_use(
    site: Site, backup_key: bytes, tmp_path: Path
) -> None:
    folder = back_up(site, backup_key, tmp_path / "share")

    with pytest.raises(DataInUse):
        restore(site.locations.root, folder, backup_key)
    assert len(site.texts()) == 5


def test_the_restored_log_keeps_growing_under_the_same_checkpoint_series(
    site: Site, backup_key: bytes, tmp_path: Path
) -> None:
    folder = back_up(site, backup_key, tmp_path / "share")
    keyring.set_keyring(InMemoryKeyringForNewMachine())
    restore(tmp_path / "new-laptop", folder, backup_key)

    restored = Site(tmp_path / "new-laptop")
    restored.audit.append_many(make_event(n) for n in range(20))
    restored.close()

    with EncryptedDatabase(
        restored.locations.audit_db, restored.keys.database_key(restored.locations.audit_db)
    ) as db:
        result = verify_audit_log(AuditStore(db), restored.locations.audit_db, restored.entries)
    assert (result.ok, result.events_checked) == (True, 25)


def test_an_interrupted_backup_leaves_no_partial_folder(
    site: Site, backup_key: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_: object, **__: object) -> bytes:
        raise OSError("the share went away")

    monkeypatch.setattr(backup, "_manifest", fail)

    with pytest.raises(OSError, match="share went away"):
        back_up(site, backup_key, tmp_path / "share")
    assert list((tmp_path / "share").iterdir()) == []


class InMemoryKeyringForNewMachine(KeyringBackend):
    """The new laptop's credential store: empty, and nothing shared with the old one."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)
