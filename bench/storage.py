"""Storage benchmark: audit chain throughput and verification, draft saves, drafts lists.

    python -m bench.storage [--events 1000000] [--drafts 10000,100000] [--threads 1,8,32]

Everything runs on real SQLCipher files in a temporary folder with the production settings
(WAL, synchronous=FULL, memory security on). Only seeding (the million audit events to verify,
the drafts to list) switches synchronous off, so that seeding does not take a million fsyncs;
every timed operation runs with synchronous=FULL. The note text is synthetic.

Group commit: each appending thread waits for its own append to be durable before the next, so
with one fsync per commit the rate is at most threads / commit latency; `--window` keeps that
many appends in flight per thread (`AuditStore.submit`), as an importer would.
"""

import argparse
import contextlib
import os
import platform
import secrets
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import sqlcipher3

from app.domain.audit import AuditAction, AuditEvent, Outcome
from app.domain.notes import Draft, NoteKind, Patient
from app.storage.audit import AuditStore
from app.storage.database import EncryptedDatabase
from app.storage.drafts import DraftStore

SOURCE_TEXT = "Pt resting, vitals stable, pain 2/10, ambulated with assist. " * 50
DRAFT_TEXT = "S: stable overnight. B: admitted for CAP. A: afebrile. R: continue plan. " * 20
AUTHORS = [f"nurse-{n}" for n in range(20)]
ListQuery = Callable[[DraftStore], object]
LIST_QUERIES: list[tuple[str, ListQuery]] = [
    ("newest 200", lambda store: store.list_drafts()),
    ("one author", lambda store: store.list_drafts(author_id="nurse-3")),
    ("search patient name", lambda store: store.list_drafts(search="Patient 0042")),
]
PATIENTS = [Patient(mrn=f"MRN-{n:05d}", name=f"Patient {n:05d}", unit="4 West") for n in range(500)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="WardScribe storage benchmark")
    parser.add_argument("--events", type=int, default=1_000_000, help="audit events to verify")
    parser.add_argument(
        "--drafts", default="10000,100000", help="comma-separated draft counts to list at"
    )
    parser.add_argument(
        "--threads", default="1,8,32", help="comma-separated appending thread counts"
    )
    parser.add_argument("--window", type=int, default=32, help="appends in flight per thread")
    args = parser.parse_args(argv)
    draft_counts = sorted(int(n) for n in args.drafts.split(","))
    thread_counts = [int(n) for n in args.threads.split(",")]

    rows = list(machine())
    with tempfile.TemporaryDirectory(prefix="wardscribe-bench-") as folder:
        root = Path(folder)
        rows.append(("fsync of a 4 KiB write here, median", f"{fsync_latency(root) * 1e3:.2f} ms"))
        rows += bench_group_commit(root / "group.db", thread_counts, args.window)
        rows += bench_audit(root / "audit.db", args.events)
        rows += bench_drafts(root / "drafts.db", draft_counts)

    print_table(rows)


def bench_group_commit(path: Path, thread_counts: list[int], window: int) -> list[tuple[str, str]]:
    rows = []
    with EncryptedDatabase(path, secrets.token_bytes(32)) as db:
        audit = AuditStore(db)
        for threads in thread_counts:
            rate = appends_per_second(audit, threads, seconds=3.0, window=1)
            rows.append((f"audit append, {threads} threads, group commit", f"{rate:,.0f} events/s"))
        rate = appends_per_second(audit, 8, seconds=3.0, window=window)
        rows.append(
            (f"audit submit, 8 threads x {window} in flight, group commit", f"{rate:,.0f} events/s")
        )
        if not audit.verify().ok:
            raise SystemExit("group commit broke the chain")
        audit.close()
    return rows


def appends_per_second(audit: AuditStore, threads: int, seconds: float, window: int) -> float:
    """Acknowledged (durable) appends per second from `threads` threads for `seconds`."""
    events = [audit_event(n) for n in range(window)]
    deadline = time.perf_counter() + seconds
    counts = [0] * threads
    barrier = threading.Barrier(threads + 1)

    def work(slot: int) -> None:
        barrier.wait()
        while time.perf_counter() < deadline:
            if window == 1:
                audit.append(events[0])
            else:
                pending = [audit.submit([event]) for event in events]
                for future in pending:
                    future.result()
            counts[slot] += window

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    barrier.wait()
    started = time.perf_counter()
    for worker in workers:
        worker.join()
    return sum(counts) / (time.perf_counter() - started)


def bench_audit(path: Path, total_events: int) -> list[tuple[str, str]]:
    with EncryptedDatabase(path, secrets.token_bytes(32)) as db:
        audit = AuditStore(db)

        singles = 300
        started = time.perf_counter()
        for n in range(singles):
            audit.append(audit_event(n))
        single_rate = singles / (time.perf_counter() - started)

        batch = 1000
        events = [audit_event(n) for n in range(batch)]
        remaining = max(total_events - singles, 0)
        with unsynchronised(db):
            while remaining:
                size = min(batch, remaining)
                audit.append_many(events[:size])
                remaining -= size
        db.checkpoint()

        started, cpu_started = time.perf_counter(), time.process_time()
        result = audit.verify()
        verify_s, verify_cpu_s = time.perf_counter() - started, time.process_time() - cpu_started
        if not result.ok:
            raise SystemExit(f"benchmark chain failed to verify: {result}")
        audit.close()

    return [
        ("audit append, one thread, one event per commit", f"{single_rate:,.0f} events/s"),
        (
            f"audit verify, {result.events_checked:,} events",
            f"{verify_s:.2f} s wall, {verify_cpu_s:.2f} s CPU",
        ),
    ]


def bench_drafts(path: Path, draft_counts: list[int]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    with EncryptedDatabase(path, secrets.token_bytes(32)) as db:
        store = DraftStore(db)
        for patient in PATIENTS:
            store.upsert_patient(patient)

        draft = new_draft(store, 0)
        latencies = timed_each(
            lambda n: store.save_text(draft.id, f"{DRAFT_TEXT} edit {n}", expected_revision=n + 1),
            500,
        )
        rows.append(("save_text latency, median", f"{statistics.median(latencies) * 1e3:.2f} ms"))
        rows.append(("save_text latency, p95", f"{percentile(latencies, 95) * 1e3:.2f} ms"))

        stored = 1
        for count in draft_counts:
            with unsynchronised(db):
                for n in range(stored, count):
                    new_draft(store, n)
            stored = max(stored, count)
            db.checkpoint()
            for label, query in LIST_QUERIES:
                durations = timed_each(partial(run_query, query, store), 20)
                rows.append(
                    (
                        f"list_drafts at {count:,} drafts, {label}",
                        f"{statistics.median(durations) * 1e3:.2f} ms",
                    )
                )
    return rows


def run_query(query: ListQuery, store: DraftStore, _: int) -> object:
    return query(store)


def new_draft(store: DraftStore, n: int) -> Draft:
    return store.create_draft(
        patient_mrn=PATIENTS[n % len(PATIENTS)].mrn,
        author_id=AUTHORS[n % len(AUTHORS)],
        kind=NoteKind.SHIFT_SBAR,
        source_text=SOURCE_TEXT,
        text=DRAFT_TEXT,
        template_id="sbar",
        template_version=1,
    )


def audit_event(n: int) -> AuditEvent:
    return AuditEvent(
        occurred_at=datetime.now(UTC),
        user_id=AUTHORS[n % len(AUTHORS)],
        role="nurse",
        action=AuditAction.DRAFT_SAVE,
        object_type="draft",
        object_id=f"{n:032x}",
        patient_ref=PATIENTS[n % len(PATIENTS)].mrn,
        outcome=Outcome.SUCCESS,
        workstation="bench-ws",
        app_version="0.1.0",
    )


@contextlib.contextmanager
def unsynchronised(db: EncryptedDatabase) -> Iterator[None]:
    """Seeding only: no fsync per commit."""
    db.execute("PRAGMA synchronous = OFF")
    try:
        yield
    finally:
        db.execute("PRAGMA synchronous = FULL")


def fsync_latency(folder: Path) -> float:
    """What one durable commit costs at least: synchronous=FULL waits for this per COMMIT."""
    with (folder / "fsync-probe").open("wb") as probe:

        def write_and_sync(_: int) -> None:
            probe.write(bytes(4096))
            probe.flush()
            os.fsync(probe.fileno())

        return statistics.median(timed_each(write_and_sync, 50))


def timed_each(operation: Callable[[int], object], times: int) -> list[float]:
    durations = []
    for n in range(times):
        started = time.perf_counter()
        operation(n)
        durations.append(time.perf_counter() - started)
    return durations


def percentile(values: list[float], pct: int) -> float:
    return statistics.quantiles(values, n=100)[pct - 1]


def machine() -> Iterator[tuple[str, str]]:
    yield "cpu", cpu_model()
    yield "cores", str(os.cpu_count())
    if hasattr(os, "getloadavg"):
        yield "load average (1 min) at start", f"{os.getloadavg()[0]:.1f}"
    yield "python", platform.python_version()
    yield "sqlite", sqlcipher3.sqlite_version


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def print_table(rows: list[tuple[str, str]]) -> None:
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()
