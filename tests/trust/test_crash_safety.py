"""Crash safety: SIGKILL at random moments during saves and audit appends loses nothing promised.

A child saves drafts and appends audit events (group commit, signed checkpoints) and prints an
acknowledgement after each durable operation. It is killed at a random moment, RUNS times in
all, over the same data folder. After every kill both databases must open, pass integrity_check
and cipher_integrity_check, the audit chain must verify against its checkpoints, and every
acknowledged save and append must be there.

SIGKILL keeps the operating system's page cache, so this proves the application's commit
protocol, not the disk's behaviour on power loss.
"""

import hashlib
import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from app.keys.entries import KeyEntries
from app.keys.keystore import KeyStore
from app.storage.audit import AuditStore
from app.storage.audit_checkpoints import CheckpointKey, verify_audit_log
from app.storage.database import EncryptedDatabase
from app.storage.drafts import DraftStore
from tests.trust.events import integrity_problems
from tests.trust.insecure_file_keyring import KEYRING_FILE_ENV, InsecureFileKeyringForTests

REPO_ROOT = Path(__file__).resolve().parents[2]
RUNS = 100
LANES = 2
"""Independent data folders killed in parallel, one per core."""
LONGEST_LIFE_S = 0.4


@dataclass
class Promises:
    """What the children acknowledged: the latest revision of each draft, and audit rows."""

    drafts: dict[str, tuple[int, str]] = field(default_factory=dict)
    audit: dict[int, str] = field(default_factory=dict)

    def record(self, line: str) -> None:
        kind, *fields = line.split()
        if kind == "draft":
            draft_id, revision, digest = fields
            self.drafts[draft_id] = (int(revision), digest)
        elif kind == "audit":
            self.audit[int(fields[0])] = fields[1]


def kill_at_random(root: Path, keyring_file: Path, rng: random.Random, promises: Promises) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.trust.children.save_and_append_until_killed", str(root)],
        cwd=REPO_ROOT,
        env={**os.environ, KEYRING_FILE_ENV: str(keyring_file)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "ready\n"
    time.sleep(rng.uniform(0, LONGEST_LIFE_S))
    child.send_signal(signal.SIGKILL)
    for line in child.stdout:
        if line.endswith("\n"):  # a line cut off by the kill was never fully promised
            promises.record(line)
    child.wait()


def check_everything_promised_survived(root: Path, promises: Promises) -> list[str]:
    keys = KeyStore()
    problems: list[str] = []
    for name in ("drafts.db", "audit.db"):
        problems += [
            f"{name}: {p}" for p in integrity_problems(root / name, keys.database_key(root / name))
        ]
    with EncryptedDatabase(root / "audit.db", keys.database_key(root / "audit.db")) as db:
        store = AuditStore(db)
        result = verify_audit_log(store, root / "audit.db", KeyEntries())
        if not result.ok:
            problems.append(f"audit chain: {result.problem}")
        stored = {event.seq: event.hash for event in store.events()}
    lost = {seq for seq, digest in promises.audit.items() if stored.get(seq) != digest}
    if lost:
        problems.append(f"acknowledged audit rows lost or changed: {sorted(lost)[:5]}")
    with EncryptedDatabase(root / "drafts.db", keys.database_key(root / "drafts.db")) as db:
        drafts = DraftStore(db)
        for draft_id, (revision, digest) in promises.drafts.items():
            draft = drafts.get_draft(draft_id)
            same = hashlib.sha256(draft.text.encode()).hexdigest() == digest
            if draft.revision < revision or (draft.revision == revision and not same):
                problems.append(f"acknowledged save of draft {draft_id} r{revision} lost")
    return problems


def create_keys(root: Path) -> None:
    """Before the lanes start: children then only read the shared keyring file, never race."""
    root.mkdir()
    for name in ("drafts.db", "audit.db"):
        KeyStore().database_key(root / name)
    KeyEntries().read_or_create(CheckpointKey.entry(root / "audit.db"))


def run_lane(root: Path, keyring_file: Path, seed: int, runs: int, problems: list[str]) -> None:
    rng = random.Random(seed)
    promises = Promises()
    for run in range(runs):
        kill_at_random(root, keyring_file, rng, promises)
        problems += [
            f"lane {seed} run {run}: {p}"
            for p in check_everything_promised_survived(root, promises)
        ]
    if not promises.audit or not promises.drafts:
        problems.append(f"lane {seed}: the children never got to acknowledge anything")


def test_no_acknowledged_save_or_append_is_lost_to_sigkill(
    tmp_path: Path, file_keyring: InsecureFileKeyringForTests
) -> None:
    problems: list[str] = []
    for n in range(LANES):
        create_keys(tmp_path / f"lane-{n}")
    lanes = [
        threading.Thread(
            target=run_lane,
            args=(tmp_path / f"lane-{n}", file_keyring.path, n, RUNS // LANES, problems),
        )
        for n in range(LANES)
    ]
    for lane in lanes:
        lane.start()
    for lane in lanes:
        lane.join()

    assert problems == []
