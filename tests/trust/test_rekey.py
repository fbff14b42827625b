"""Key rotation: both databases move to new keys, audited, and a kill at any point loses nothing."""

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain.notes import NoteKind
from app.keys.entries import KeyEntries, database_entry
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.session import Session
from app.services.workstation import StartOptions, Workstation
from app.storage.database import DatabaseKeyError, EncryptedDatabase
from app.storage.rekey import (
    JOURNAL_NAME,
    RotationUnrecoverable,
    pending_entry,
    recover_interrupted_rotation,
    rotate_keys,
)
from tests.trust.events import integrity_problems
from tests.trust.insecure_file_keyring import KEYRING_FILE_ENV, InsecureFileKeyringForTests
from tests.trust.site import Site

REPO_ROOT = Path(__file__).resolve().parents[2]
KILLS = 20


@pytest.fixture
def site(tmp_path: Path, file_keyring: InsecureFileKeyringForTests) -> Iterator[Site]:
    site = Site(tmp_path / "ward")
    for n in range(40):
        site.write_draft(f"Patient {n}", f"Night {n}: slept well, obs stable. " * 60)
    yield site
    site.close()


def live_key(path: Path) -> bytes:
    key = KeyEntries().read(database_entry(path))
    assert key is not None
    return key


def test_rotation_gives_both_databases_new_keys_and_keeps_their_data(site: Site) -> None:
    databases = (site.drafts_db, site.audit_db)
    old_keys = [live_key(db.path) for db in databases]
    texts = site.texts()

    rotate_keys(databases, KeyEntries())

    assert site.texts() == texts
    site.close()
    for db, old in zip(databases, old_keys, strict=True):
        assert live_key(db.path) != old
        with pytest.raises(DatabaseKeyError):
            EncryptedDatabase(db.path, old)
        assert integrity_problems(db.path, live_key(db.path)) == []


def test_rotation_leaves_no_pending_key_and_no_journal(site: Site) -> None:
    rotate_keys((site.drafts_db, site.audit_db), KeyEntries())

    assert KeyEntries().read(pending_entry(site.drafts_db.path)) is None
    assert not (site.locations.root / JOURNAL_NAME).exists()
    assert recover_interrupted_rotation(site.locations.root, KeyEntries()) is None


def test_recovery_promotes_a_key_whose_file_was_already_rekeyed(site: Site) -> None:
    path = site.drafts_db.path
    new_key = os.urandom(32)
    (site.locations.root / JOURNAL_NAME).write_text(f'{{"databases": ["{path}"]}}')
    KeyEntries().write(pending_entry(path), new_key)
    site.drafts_db.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
    site.close()

    recovered = recover_interrupted_rotation(site.locations.root, KeyEntries())

    assert recovered is not None and recovered.completed == (path,)
    assert live_key(path) == new_key


def test_recovery_discards_a_key_the_file_never_received(site: Site) -> None:
    path = site.drafts_db.path
    old_key = live_key(path)
    (site.locations.root / JOURNAL_NAME).write_text(f'{{"databases": ["{path}"]}}')
    KeyEntries().write(pending_entry(path), os.urandom(32))
    site.close()

    recovered = recover_interrupted_rotation(site.locations.root, KeyEntries())

    assert recovered is not None and recovered.rolled_back == (path,)
    assert live_key(path) == old_key
    assert KeyEntries().read(pending_entry(path)) is None


def test_recovery_refuses_to_guess_when_no_key_opens_the_file(site: Site) -> None:
    path = site.drafts_db.path
    (site.locations.root / JOURNAL_NAME).write_text(f'{{"databases": ["{path}"]}}')
    KeyEntries().write(pending_entry(path), os.urandom(32))
    KeyEntries().write(database_entry(path), os.urandom(32))
    site.close()

    with pytest.raises(RotationUnrecoverable):
        recover_interrupted_rotation(site.locations.root, KeyEntries())
    assert (site.locations.root / JOURNAL_NAME).exists()


def test_a_kill_at_any_point_of_a_rotation_loses_nothing(
    site: Site, file_keyring: InsecureFileKeyringForTests
) -> None:
    """SIGKILL a process rotating keys in a loop, at random moments, KILLS times; after each,
    recovery must leave both files clean, openable with the live keys, and complete."""
    texts = site.texts()
    events = site.audit.head()[0]
    root = site.locations.root
    site.close()
    rng = random.Random(5)
    rotations = 0
    finished, undone = 0, 0
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.trust.children.rotate_keys_forever", str(root)],
            cwd=REPO_ROOT,
            env={**os.environ, KEYRING_FILE_ENV: str(file_keyring.path)},
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0, 0.6))
        child.send_signal(signal.SIGKILL)
        rotations += child.stdout.read().count("rotated")
        child.wait()

        recovered = recover_interrupted_rotation(root, KeyEntries())
        if recovered is not None:
            finished += len(recovered.completed)
            undone += len(recovered.rolled_back)

        reopened = Site(root)
        try:
            assert reopened.texts() == texts
            assert reopened.audit.verify().events_checked == events
        finally:
            reopened.close()
        for name in ("drafts.db", "audit.db"):
            assert integrity_problems(root / name, live_key(root / name)) == []
            assert KeyEntries().read(pending_entry(root / name)) is None
    assert rotations > KILLS, "the kills should land after some rotations completed, too"
    assert finished and undone, "kills should land both before and after a file's COMMIT"


def test_an_ordinary_start_after_a_rotation_killed_mid_way_opens_with_all_data(
    data_dir: Path, file_keyring: InsecureFileKeyringForTests
) -> None:
    """SIGKILL a rotation until one dies with its journal on disk; then the app simply starts."""
    workstation = Workstation.open(StartOptions(data_dir=data_dir, demo=True))
    session = workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    mrn = workstation.drafts.list_patients(session)[0].mrn
    for n in range(5):
        workstation.drafts.create_draft(session, mrn, NoteKind.SHIFT_SBAR, f"Night {n}: slept.")
    sources = draft_sources(workstation, session)
    workstation.close()
    root = data_dir / "demo"
    rng = random.Random(11)
    for _ in range(KILLS):
        kill_a_rotation(root, file_keyring, rng.uniform(0.05, 0.4))
        if (root / JOURNAL_NAME).exists():
            break
    assert (root / JOURNAL_NAME).exists(), "no kill landed inside a rotation"

    reopened = Workstation.open(StartOptions(data_dir=data_dir, demo=True))
    try:
        session = reopened.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
        assert draft_sources(reopened, session) == sources
        assert reopened.audit.verify().ok
    finally:
        reopened.close()
    assert not (root / JOURNAL_NAME).exists()
    for name in ("drafts.db", "audit.db"):
        assert KeyEntries().read(pending_entry(root / name)) is None


def kill_a_rotation(root: Path, file_keyring: InsecureFileKeyringForTests, after: float) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.trust.children.rotate_keys_forever", str(root)],
        cwd=REPO_ROOT,
        env={**os.environ, KEYRING_FILE_ENV: str(file_keyring.path)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "ready\n"
    time.sleep(after)
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()


def draft_sources(workstation: Workstation, session: Session) -> dict[str, str]:
    return {
        summary.id: workstation.drafts.open_draft(session, summary.id).source_text
        for summary in workstation.drafts.list_drafts(session)
    }
