"""`wardscribe backup | restore | rekey | purge | audit verify`, run as IT would run them.

Each call is a child process; keys live in the test's file keyring, handed over with
PYTHON_KEYRING_BACKEND, so the children share them.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.domain.audit import AuditAction, AuditEvent
from app.keys.keystore import KeyStore
from app.storage.audit import AuditStore
from app.storage.backup import backup_key_id
from app.storage.database import EncryptedDatabase
from tests.trust.insecure_file_keyring import KEYRING_FILE_ENV, InsecureFileKeyringForTests

pytestmark = pytest.mark.skipif(
    not hasattr(AuditAction, "BACKUP_CREATE"),
    reason="needs the lifecycle wiring (new AuditAction values, the commands in cli/main.py)",
)
REPO_ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "it-admin-password-1"


class Wardscribe:
    def __init__(self, data_dir: Path, keyring_file: Path, policy: Path) -> None:
        self.environment = {
            **os.environ,
            "PYTHON_KEYRING_BACKEND": (
                "tests.trust.insecure_file_keyring.InsecureFileKeyringForTests"
            ),
            KEYRING_FILE_ENV: str(keyring_file),
            "WARDSCRIBE_DATA_DIR": str(data_dir),
            "WARDSCRIBE_POLICY_FILE": str(policy),
            "WARDSCRIBE_USER": "it",
            "WARDSCRIBE_PASSWORD": PASSWORD,
            "PYTHONPATH": str(REPO_ROOT),
        }

    def __call__(self, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app", *args],
            cwd=REPO_ROOT,
            env={**self.environment, **env},
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )


def _events(audit_db: Path, live_audit_db: Path) -> list[AuditEvent]:
    """The events of a set-aside log, which keeps the live log's key entry."""
    with EncryptedDatabase(audit_db, KeyStore().database_key(live_audit_db)) as db:
        return [chained.event for chained in AuditStore(db).events()]


def _event(event_json: bytes) -> AuditEvent:
    """An archived row's event: its stored JSON holds the seq beside the event's fields."""
    body = json.loads(event_json)
    del body["seq"]
    return AuditEvent.model_validate(body)


@pytest.fixture
def wardscribe(tmp_path: Path, file_keyring: InsecureFileKeyringForTests) -> Wardscribe:
    run = Wardscribe(tmp_path / "data", file_keyring.path, tmp_path / "no-policy.toml")
    created = run(
        "account", "add", "--username", "it", "--display-name", "IT", "--role", "it_admin"
    )
    assert created.returncode == 0, created.stderr
    return run


def test_backup_restore_rekey_purge_and_verify_from_the_command_line(
    wardscribe: Wardscribe, tmp_path: Path
) -> None:
    key = wardscribe("backup", "--export-key")
    assert key.returncode == 0, key.stderr
    escrowed = key.stdout.strip()
    assert len(escrowed) == 64

    backup = wardscribe("backup", "--to", str(tmp_path / "share"))
    assert backup.returncode == 0, backup.stderr
    (folder,) = (tmp_path / "share").iterdir()

    rekey = wardscribe("rekey")
    assert rekey.returncode == 0, rekey.stderr

    restore = wardscribe("restore", "--from", str(folder), WARDSCRIBE_BACKUP_KEY=escrowed)
    assert restore.returncode == 0, restore.stderr
    assert "kept, still encrypted" in restore.stdout

    purge = wardscribe("purge", "--dry-run")
    assert purge.returncode == 0, purge.stderr
    assert purge.stdout.startswith("Would purge 0 drafts")

    verify = wardscribe("audit", "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert verify.stdout.startswith("Audit log intact")


def test_a_restore_with_the_wrong_key_is_refused_and_audited(
    wardscribe: Wardscribe, tmp_path: Path
) -> None:
    assert wardscribe("backup", "--to", str(tmp_path / "share")).returncode == 0
    (folder,) = (tmp_path / "share").iterdir()

    refused = wardscribe("restore", "--from", str(folder), WARDSCRIBE_BACKUP_KEY="ab" * 32)

    assert refused.returncode == 1
    assert "does not match the backup key" in refused.stderr
    assert wardscribe("audit", "verify").returncode == 0


def test_a_nurse_cannot_take_a_backup(wardscribe: Wardscribe, tmp_path: Path) -> None:
    created = wardscribe(
        "account",
        "add",
        "--username",
        "n1",
        "--display-name",
        "N",
        "--role",
        "nurse",
        WARDSCRIBE_NEW_PASSWORD=PASSWORD,
    )
    assert created.returncode == 0

    refused = wardscribe("backup", "--to", str(tmp_path / "share"), WARDSCRIBE_USER="n1")

    assert refused.returncode == 1
    assert "does not allow this" in refused.stderr
    assert not (tmp_path / "share").exists()


def _restore_own_backup(wardscribe: Wardscribe, tmp_path: Path) -> Path:
    """Back up, restore that backup, and return the `replaced-…` folder the restore left."""
    assert wardscribe("backup", "--to", str(tmp_path / "share")).returncode == 0
    (folder,) = (tmp_path / "share").iterdir()
    key = wardscribe("backup", "--export-key").stdout.strip()
    restored = wardscribe("restore", "--from", str(folder), WARDSCRIBE_BACKUP_KEY=key)
    assert restored.returncode == 0, restored.stderr
    (replaced,) = (tmp_path / "data").glob("replaced-*")
    return replaced


def test_deleting_the_replaced_folder_loses_nothing_the_restored_log_carries_it(
    wardscribe: Wardscribe, tmp_path: Path
) -> None:
    """Issue 17, item 3: restore, then remove the `replaced-…` folder to hide the old log."""
    replaced = _restore_own_backup(wardscribe, tmp_path)
    replaced_events = _events(replaced / "audit.db", tmp_path / "data" / "audit.db")
    shutil.rmtree(replaced)

    verify = wardscribe("audit", "verify")

    assert verify.returncode == 0, verify.stdout + verify.stderr
    live = tmp_path / "data" / "audit.db"
    with EncryptedDatabase(live, KeyStore().database_key(live)) as db:
        archived = list(AuditStore(db).archived_rows(replaced.name))
    assert [_event(row[1]) for row in archived] == replaced_events


def test_a_second_restore_carries_the_log_the_first_one_replaced_along(
    wardscribe: Wardscribe, tmp_path: Path
) -> None:
    first = _restore_own_backup(wardscribe, tmp_path)
    (folder,) = (tmp_path / "share").iterdir()
    key = wardscribe("backup", "--export-key").stdout.strip()
    again = wardscribe("restore", "--from", str(folder), WARDSCRIBE_BACKUP_KEY=key)
    assert again.returncode == 0, again.stderr
    for replaced in (tmp_path / "data").glob("replaced-*"):
        shutil.rmtree(replaced)

    verify = wardscribe("audit", "verify")

    assert verify.returncode == 0, verify.stdout + verify.stderr
    live = tmp_path / "data" / "audit.db"
    with EncryptedDatabase(live, KeyStore().database_key(live)) as db:
        carried = list(AuditStore(db).archived_rows(first.name))
    assert _event(carried[-1][1]).reason == "replacing_this_log"


def test_deleting_the_archived_replaced_log_with_the_database_key_fails_verification(
    wardscribe: Wardscribe, tmp_path: Path
) -> None:
    replaced = _restore_own_backup(wardscribe, tmp_path)
    shutil.rmtree(replaced)
    live = tmp_path / "data" / "audit.db"
    with EncryptedDatabase(live, KeyStore().database_key(live)) as db:
        db.execute("DROP TRIGGER replaced_audit_events_no_delete")
        db.execute(
            "DELETE FROM replaced_audit_events WHERE seq > 1 AND replaced_log = ?",
            (replaced.name,),
        )

    verify = wardscribe("audit", "verify")

    assert verify.returncode == 1
    assert "replaced, kept in this log, ends before row" in verify.stdout


def test_the_replaced_log_ends_with_the_restore_that_replaced_it(
    wardscribe: Wardscribe, tmp_path: Path
) -> None:
    assert wardscribe("backup", "--to", str(tmp_path / "share")).returncode == 0
    (folder,) = (tmp_path / "share").iterdir()
    key = wardscribe("backup", "--export-key").stdout.strip()
    assert wardscribe("restore", "--from", str(folder), WARDSCRIBE_BACKUP_KEY=key).returncode == 0
    (replaced,) = (tmp_path / "data").glob("replaced-*")

    restore_events = [
        event
        for event in _events(replaced / "audit.db", tmp_path / "data" / "audit.db")
        if event.action is AuditAction.BACKUP_RESTORE
    ]

    assert [(event.object_id, event.reason) for event in restore_events] == [
        (folder.name, "replacing_this_log")
    ]


def test_a_backup_under_a_key_other_than_the_policys_is_not_restored(
    wardscribe: Wardscribe, tmp_path: Path
) -> None:
    """Issue 17, item 3: a made-up data folder, backed up under the attacker's own key."""
    hospital = wardscribe("backup", "--export-key").stdout.strip()
    mine = "cd" * 32
    made_up = wardscribe("backup", "--to", str(tmp_path / "mine"), WARDSCRIBE_BACKUP_KEY=mine)
    assert made_up.returncode == 0, made_up.stderr
    (folder,) = (tmp_path / "mine").iterdir()
    (tmp_path / "no-policy.toml").write_text(
        f'[backup]\nkey_id = "{backup_key_id(bytes.fromhex(hospital))}"\n'
    )

    refused = wardscribe("restore", "--from", str(folder), WARDSCRIBE_BACKUP_KEY=mine)

    assert refused.returncode == 1
    assert "not the one the machine policy names" in refused.stderr
    assert not list((tmp_path / "data").glob("replaced-*"))
