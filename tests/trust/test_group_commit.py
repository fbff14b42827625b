"""Group commit: concurrent appends share fsyncs, and an acknowledged append is durable."""

import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
import sqlcipher3

from app.domain.audit import ChainedEvent
from app.storage.audit import AuditLogClosed, AuditStore, AuditVerification
from app.storage.database import EncryptedDatabase
from tests.trust.events import make_event, raw_connection


@pytest.fixture
def audit_path(tmp_path: Path) -> Path:
    return tmp_path / "audit.db"


@pytest.fixture
def db(audit_path: Path, db_key: bytes) -> Iterator[EncryptedDatabase]:
    with EncryptedDatabase(audit_path, db_key) as database:
        yield database


@pytest.fixture
def store(db: EncryptedDatabase) -> Iterator[AuditStore]:
    audit = AuditStore(db)
    yield audit
    audit.close()


def append_from_threads(store: AuditStore, threads: int, each: int) -> None:
    barrier = threading.Barrier(threads)

    def work(worker: int) -> None:
        barrier.wait()
        for n in range(each):
            store.append(make_event(worker * 1000 + n))

    workers = [threading.Thread(target=work, args=(w,)) for w in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


def test_concurrent_appenders_share_commits_and_form_one_chain(store: AuditStore) -> None:
    commits: list[int] = []
    store.subscribe(lambda events: commits.append(len(events)))

    append_from_threads(store, threads=8, each=40)

    assert store.verify() == AuditVerification(ok=True, events_checked=320)
    assert sum(commits) == 320
    assert len(commits) < 320, "every append paid for its own fsync"


def test_an_append_is_on_disk_when_it_returns(
    store: AuditStore, audit_path: Path, db_key: bytes
) -> None:
    chained = store.append(make_event(1))

    other = raw_connection(audit_path, db_key)
    stored = other.execute("SELECT seq, hash FROM audit_events").fetchall()
    other.close()

    assert stored == [(chained.seq, chained.hash)]


def test_submitted_batches_commit_in_order_of_submission(store: AuditStore) -> None:
    futures = [store.submit([make_event(n), make_event(n + 1)]) for n in range(0, 200, 2)]

    seqs = [event.seq for future in futures for event in future.result()]

    assert seqs == list(range(1, 201))


def test_listeners_see_every_commit_in_chain_order(store: AuditStore) -> None:
    seen: list[int] = []
    store.subscribe(lambda events: seen.extend(event.seq for event in events))

    append_from_threads(store, threads=4, each=25)
    store.close()

    assert seen == list(range(1, 101))


def test_close_commits_what_was_queued_before_it(store: AuditStore) -> None:
    futures = [store.submit([make_event(n)]) for n in range(50)]

    store.close()

    assert all(future.done() for future in futures)
    assert store.head()[0] == 50


def test_an_append_after_close_is_refused(store: AuditStore) -> None:
    store.close()

    with pytest.raises(AuditLogClosed):
        store.append(make_event())


def test_a_failed_commit_fails_its_appends_and_the_writer_carries_on(
    store: AuditStore, db: EncryptedDatabase
) -> None:
    store.append(make_event(1))
    db.execute(
        "CREATE TRIGGER refuse_next BEFORE INSERT ON audit_events"
        " BEGIN SELECT RAISE (ABORT, 'refused'); END"
    )
    with pytest.raises(sqlcipher3.IntegrityError, match="refused"):
        store.append(make_event(2))
    db.execute("DROP TRIGGER refuse_next")

    assert store.append(make_event(3)).seq == 2
    assert store.verify().ok


def test_a_failing_listener_does_not_stop_the_log(store: AuditStore) -> None:
    def broken(_: Sequence[ChainedEvent]) -> None:
        raise OSError("disk of the listener is gone")

    store.subscribe(broken)

    store.append(make_event(1))

    assert store.append(make_event(2)).seq == 2


def test_a_listener_cannot_append_to_the_log_it_listens_to(store: AuditStore) -> None:
    errors: list[Exception] = []

    def reentrant(_: Sequence[ChainedEvent]) -> None:
        try:
            store.append(make_event(99))
        except RuntimeError as error:
            errors.append(error)

    store.subscribe(reentrant)
    store.append(make_event(1))
    store.close()

    assert len(errors) == 1
    assert store.head()[0] == 1
