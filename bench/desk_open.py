"""How long the desk's drafts list takes to open on a store of 10,000 drafts, asking to painting.

Run: `python -m bench.desk_open [--drafts 10000] [--runs 10]` (offscreen Qt; no display needed).
The window, services and SQLCipher files are the real ones; the drafts are seeded through the
real store into the demo workstation's drafts.db; only the keyring is an in-memory stand-in. Each
timing starts when the list is asked for (the service call goes to the task runner) and stops
once the rows' model is reset and the list's viewport has painted.
"""

import argparse
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from app.domain.notes import DraftStatus, NoteKind, Patient
from app.keys.keystore import KeyStore
from app.keys.memory_keyring import use_memory_keyring
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.workstation import StartOptions, Workstation
from app.storage.database import EncryptedDatabase
from app.storage.drafts import DraftStore
from app.ui.drafts_list import DraftsList
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner

SOURCE_TEXT = "Pt resting, vitals stable, pain 2/10, ambulated with assist. " * 25
DRAFT_TEXT = "S: stable overnight. B: admitted for CAP. A: afebrile. R: continue plan. " * 10
PATIENTS = [Patient(mrn=f"MRN-{n:05d}", name=f"Patient {n:05d}", unit="4 West") for n in range(500)]
KINDS = list(NoteKind)


def seed_drafts(drafts_db: Path, author_id: str, count: int) -> None:
    """Write `count` drafts by `author_id` across 500 patients, without an fsync per draft."""
    with EncryptedDatabase(drafts_db, KeyStore().database_key(drafts_db)) as db:
        store = DraftStore(db)
        for patient in PATIENTS:
            store.upsert_patient(patient)
        db.execute("PRAGMA synchronous = OFF")
        for n in range(count):
            store.create_draft(
                patient_mrn=PATIENTS[n % len(PATIENTS)].mrn,
                author_id=author_id,
                kind=KINDS[n % len(KINDS)],
                source_text=SOURCE_TEXT,
                text=DRAFT_TEXT,
                template_id="bench",
                template_version=1,
            )
        db.execute("PRAGMA synchronous = FULL")
        db.checkpoint()


def wait_for(condition: Callable[[], bool], seconds: float) -> None:
    loop = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(lambda: loop.quit() if condition() else None)
    poll.start(1)
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    if not condition():
        raise TimeoutError("the drafts list was not shown in time")


def time_list(drafts_list: DraftsList, ask: Callable[[], None]) -> tuple[float, int]:
    """Seconds from `ask` until the answer's rows are painted, and how many rows were shown."""
    shown: list[int] = []

    def painted(count: int) -> None:
        drafts_list.view.viewport().repaint()
        shown.append(count)

    drafts_list.shown.connect(painted)
    started = time.perf_counter()
    ask()
    wait_for(lambda: bool(shown), 60)
    elapsed = time.perf_counter() - started
    drafts_list.shown.disconnect(painted)
    return elapsed, shown[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--drafts", type=int, default=10_000, help="drafts to seed")
    parser.add_argument("--runs", type=int, default=10, help="timed refreshes after the first")
    args = parser.parse_args()
    use_memory_keyring()
    app = QApplication([])
    tasks = TaskRunner(app)
    with tempfile.TemporaryDirectory() as data:
        workstation = Workstation.open(StartOptions(data_dir=Path(data), demo=True))
        session = workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
        seeding = time.perf_counter()
        seed_drafts(workstation.locations.drafts_db, session.user_id, args.drafts)
        seeded_s = time.perf_counter() - seeding

        started = time.perf_counter()
        window = MainWindow(workstation, session, tasks)
        window.resize(1400, 820)
        window.show()
        drafts_list = window.drafts_list
        wait_for(lambda: drafts_list.count() > 0, 60)
        drafts_list.view.viewport().repaint()
        first_s = time.perf_counter() - started
        first_rows = drafts_list.count()

        timings = [time_list(drafts_list, drafts_list.refresh) for _ in range(args.runs)]
        search_s, found = time_list(drafts_list, lambda: drafts_list.search("Patient 00042"))
        signed_s, signed = time_list(
            drafts_list, lambda: drafts_list.set_status(DraftStatus.SIGNED)
        )
        window.confirm_discard = lambda: True
        window.close()
        tasks.wait(30_000)
        workstation.close()
    app.quit()
    seconds = [elapsed for elapsed, _ in timings]
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores")
    print(f"seeded {args.drafts:,} drafts in {seeded_s:.1f} s")
    print(f"desk built and first list painted: {first_s * 1000:.0f} ms ({first_rows:,} rows)")
    median_ms, max_ms = statistics.median(seconds) * 1000, max(seconds) * 1000
    print(
        f"list asked → {timings[0][1]:,} rows painted: median {median_ms:.0f} ms,"
        f" max {max_ms:.0f} ms over {len(seconds)} runs (target: under 200 ms)"
    )
    print(f"search by patient name → {found:,} rows: {search_s * 1000:.0f} ms")
    print(f"status filter → {signed:,} rows: {signed_s * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
