"""AuditStore: an append-only hash chain whose tampering `verify` finds and locates."""

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlcipher3

from app.domain.audit import (
    GENESIS_HASH,
    AuditAction,
    AuditEvent,
    AuditFilter,
    Outcome,
    canonical_json,
    chain_hash,
)
from app.storage.audit import AuditStore, AuditVerification
from app.storage.database import EncryptedDatabase


def make_event(n: int = 0, outcome: Outcome = Outcome.SUCCESS) -> AuditEvent:
    return AuditEvent(
        occurred_at=datetime(2025, 3, 1, 7, 0, n % 60, tzinfo=UTC),
        user_id=f"user-{n}",
        role="nurse",
        action=AuditAction.DRAFT_SAVE,
        object_type="draft",
        object_id=f"draft-{n}",
        outcome=outcome,
        workstation="ws-01",
        app_version="0.1.0",
    )


@pytest.fixture
def audit_path(tmp_path: Path) -> Path:
    return tmp_path / "audit.db"


@pytest.fixture
def audit(audit_path: Path, db_key: bytes) -> Iterator[AuditStore]:
    with EncryptedDatabase(audit_path, db_key) as db:
        yield AuditStore(db)


@pytest.fixture
def tamper(audit: AuditStore, audit_path: Path, db_key: bytes) -> Callable[..., None]:
    """Write ten events, then edit audit.db the way an attacker holding the key would.

    The attacker uses their own connection and first drops the append-only triggers.
    """
    audit.append_many(make_event(n) for n in range(1, 11))

    def run(*statements: tuple[str, tuple[object, ...]]) -> None:
        raw = sqlcipher3.connect(str(audit_path), isolation_level=None)
        raw.execute(f"PRAGMA key = \"x'{db_key.hex()}'\"")
        raw.execute("DROP TRIGGER audit_events_no_update")
        raw.execute("DROP TRIGGER audit_events_no_delete")
        for sql, parameters in statements:
            raw.execute(sql, parameters)
        raw.close()

    return run


def test_the_first_event_links_to_the_genesis_hash(audit: AuditStore) -> None:
    event = make_event()

    chained = audit.append(event)

    assert (chained.seq, chained.prev_hash) == (1, GENESIS_HASH)
    assert chained.hash == chain_hash(GENESIS_HASH, 1, event)


def test_each_event_links_to_the_one_before(audit: AuditStore) -> None:
    first = audit.append(make_event(1))

    second = audit.append(make_event(2))

    assert (second.seq, second.prev_hash) == (2, first.hash)
    assert second.hash == chain_hash(first.hash, 2, make_event(2))


def test_a_batch_chains_exactly_like_single_appends(
    tmp_path: Path, db_key: bytes, audit: AuditStore
) -> None:
    events = [make_event(n) for n in range(5)]
    batched = audit.append_many(events)

    with EncryptedDatabase(tmp_path / "single.db", db_key) as db:
        single = AuditStore(db)
        one_by_one = [single.append(event) for event in events]

    assert batched == one_by_one


def test_events_stream_back_in_order(audit: AuditStore) -> None:
    written = audit.append_many(make_event(n) for n in range(12))

    assert list(audit.events()) == written
    assert list(audit.events(after_seq=10)) == written[10:]


def test_the_stored_json_is_the_canonical_hashed_bytes(
    audit: AuditStore, audit_path: Path, db_key: bytes
) -> None:
    event = make_event()
    audit.append(event)

    raw = sqlcipher3.connect(str(audit_path))
    raw.execute(f"PRAGMA key = \"x'{db_key.hex()}'\"")
    (stored,) = raw.execute("SELECT event_json FROM audit_events").fetchone()
    raw.close()

    assert stored.encode() == canonical_json(1, event)


def test_the_program_cannot_rewrite_history(audit_path: Path, db_key: bytes) -> None:
    with EncryptedDatabase(audit_path, db_key) as db:
        AuditStore(db).append(make_event())

        with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
            db.execute("UPDATE audit_events SET event_json = '{}'")
        with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
            db.execute("DELETE FROM audit_events")


def test_an_empty_log_verifies(audit: AuditStore) -> None:
    assert audit.verify() == AuditVerification(ok=True, events_checked=0)


def test_an_intact_log_verifies(audit: AuditStore) -> None:
    audit.append_many(make_event(n) for n in range(10))
    audit.append(make_event(10))

    assert audit.verify() == AuditVerification(ok=True, events_checked=11)


def test_a_changed_row_is_found(audit: AuditStore, tamper: Callable[..., None]) -> None:
    forged = canonical_json(5, make_event(5, outcome=Outcome.FAILURE)).decode()
    tamper(("UPDATE audit_events SET event_json = ? WHERE seq = 5", (forged,)))

    result = audit.verify()

    assert (result.ok, result.first_bad_seq, result.events_checked) == (False, 5, 4)
    assert "changed" in (result.problem or "")


def test_a_deleted_row_is_found(audit: AuditStore, tamper: Callable[..., None]) -> None:
    tamper(("DELETE FROM audit_events WHERE seq = 5", ()))

    result = audit.verify()

    assert (result.ok, result.first_bad_seq) == (False, 5)
    assert "missing" in (result.problem or "")


def test_an_inserted_row_is_found(audit: AuditStore, tamper: Callable[..., None]) -> None:
    """The forger renumbers rows 5..10 up by one and chains a new row 5 onto row 4 correctly;
    the old row 5, now at 6, no longer links (its seq and prev_hash are its old ones)."""
    row_4_hash = next(e.hash for e in audit.events() if e.seq == 4)
    forged = make_event(99)
    tamper(
        ("UPDATE audit_events SET seq = seq + 1000 WHERE seq >= 5", ()),
        ("UPDATE audit_events SET seq = seq - 999 WHERE seq >= 1000", ()),
        (
            "INSERT INTO audit_events (seq, event_json, prev_hash, hash) VALUES (5, ?, ?, ?)",
            (canonical_json(5, forged).decode(), row_4_hash, chain_hash(row_4_hash, 5, forged)),
        ),
    )

    result = audit.verify()

    assert (result.ok, result.first_bad_seq, result.events_checked) == (False, 6, 5)


def test_reordered_rows_are_found(audit: AuditStore, tamper: Callable[..., None]) -> None:
    tamper(
        ("UPDATE audit_events SET seq = 1003 WHERE seq = 3", ()),
        ("UPDATE audit_events SET seq = 3 WHERE seq = 7", ()),
        ("UPDATE audit_events SET seq = 7 WHERE seq = 1003", ()),
    )

    result = audit.verify()

    assert (result.ok, result.first_bad_seq) == (False, 3)


def test_a_log_not_starting_at_one_is_found(audit: AuditStore, tamper: Callable[..., None]) -> None:
    tamper(("DELETE FROM audit_events WHERE seq = 1", ()))

    result = audit.verify()

    assert (result.ok, result.first_bad_seq, result.events_checked) == (False, 1, 0)


def test_unparseable_json_is_found(audit: AuditStore, tamper: Callable[..., None]) -> None:
    tamper(("UPDATE audit_events SET event_json = '{not json' WHERE seq = 8", ()))

    result = audit.verify()

    assert (result.ok, result.first_bad_seq) == (False, 8)
    assert "JSON" in (result.problem or "")


def test_a_changed_stored_hash_is_found(audit: AuditStore, tamper: Callable[..., None]) -> None:
    tamper(("UPDATE audit_events SET hash = ? WHERE seq = 10", ("f" * 64,)))

    assert audit.verify().first_bad_seq == 10


def test_concurrent_appends_from_four_threads_form_one_valid_chain(audit: AuditStore) -> None:
    barrier = threading.Barrier(4)

    def append_some(worker: int) -> None:
        barrier.wait()
        for n in range(25):
            audit.append(make_event(worker * 100 + n))

    threads = [threading.Thread(target=append_some, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert audit.verify() == AuditVerification(ok=True, events_checked=100)
    assert sorted(e.event.user_id for e in audit.events()) == sorted(
        f"user-{w * 100 + n}" for w in range(4) for n in range(25)
    )


def test_concurrent_appenders_on_separate_connections_form_one_chain(
    audit_path: Path, db_key: bytes
) -> None:
    """Two connections stand in for two WardScribe processes writing one audit.db."""
    with (
        EncryptedDatabase(audit_path, db_key) as first,
        EncryptedDatabase(audit_path, db_key) as second,
    ):
        stores = [AuditStore(first), AuditStore(second)]

        def append_some(store: AuditStore) -> None:
            for n in range(25):
                store.append(make_event(n))

        threads = [threading.Thread(target=append_some, args=(s,)) for s in stores]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert stores[0].verify() == AuditVerification(ok=True, events_checked=50)


def test_a_damaged_row_does_not_stop_a_filtered_search(
    audit: AuditStore, tamper: Callable[..., None]
) -> None:
    tamper(("UPDATE audit_events SET event_json = '{not json' WHERE seq = 8", ()))

    found = audit.search(AuditFilter(user_id="user-9"), limit=10)

    assert [chained.seq for chained in found] == [9]


def test_matching_streams_oldest_first(audit: AuditStore) -> None:
    audit.append_many(
        make_event(n, Outcome.DENIED if n % 3 == 0 else Outcome.SUCCESS) for n in range(1, 11)
    )

    found = list(audit.matching(AuditFilter(outcome=Outcome.DENIED)))

    assert [chained.seq for chained in found] == [3, 6, 9]
