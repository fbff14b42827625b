"""Log forwarding to a real rsyslogd over TLS: in order, once each, queued encrypted meanwhile."""

import re
import socket
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.domain.audit import ChainedEvent, canonical_json
from app.keys.entries import KeyEntries
from app.security.log_forwarding import (
    ForwardingPolicy,
    LogForwarder,
    Rfc5424Formatter,
    SyslogTlsTransport,
)
from app.services.workstation import Workstation as AppWorkstation
from app.storage.audit import AuditStore
from app.storage.audit_checkpoints import Checkpointer, CheckpointKey, CheckpointLog
from app.storage.database import EncryptedDatabase
from app.storage.forward_queue import ForwardQueue
from tests.trust.collector import RSYSLOGD, RsyslogCollector
from tests.trust.events import make_event
from tests.trust.sqlcipher_pages import holds_plaintext

pytestmark = pytest.mark.skipif(
    RSYSLOGD is None, reason="rsyslogd is not installed (apt-get install rsyslog rsyslog-gnutls)"
)
RFC5424 = (
    r'^<110>1 \S+ {host} wardscribe - (audit|checkpoint) \[wardscribe@32473 seq="(\d+)"[^\]]*\] '
)


@pytest.fixture
def collector(tmp_path: Path) -> Iterator[RsyslogCollector]:
    folder = tmp_path / "collector"
    folder.mkdir()
    collector = RsyslogCollector(folder)
    collector.start()
    yield collector
    collector.stop()


class Workstation:
    """audit.db with checkpoints, forwarding through an encrypted outbox, as wired in the app."""

    def __init__(self, root: Path, collector: RsyslogCollector, db_key: bytes) -> None:
        self.audit_db = EncryptedDatabase(root / "audit.db", db_key)
        self.audit = AuditStore(self.audit_db)
        self.queue_key = bytes(reversed(db_key))
        self.queue_path = root / "forward-queue.db"
        self.queue_db = EncryptedDatabase(self.queue_path, self.queue_key)
        self.queue = ForwardQueue(self.queue_db)
        policy = ForwardingPolicy(host="127.0.0.1", port=collector.port, ca_file=collector.ca)
        self.forwarder = LogForwarder(
            self.queue,
            SyslogTlsTransport.from_policy(policy),
            workstation="ws-01",
            retry_seconds=0.1,
        )
        self.forwarder.catch_up(self.audit)
        self.audit.subscribe(self.forwarder.offer_events)
        log = CheckpointLog.beside(root / "audit.db")
        key = CheckpointKey.load(KeyEntries(), root / "audit.db", log)
        self.checkpointer = Checkpointer(
            self.audit, key, log, every=1000, forward=self.forwarder.offer_checkpoint
        )
        self.forwarder.start()
        self.next = 0

    def record(self, count: int) -> list[ChainedEvent]:
        events = [self.audit.append(make_event(self.next + n)) for n in range(count)]
        self.next += count
        return events

    def close(self) -> None:
        self.audit.close()
        self.checkpointer.close()
        self.forwarder.close()
        self.queue_db.close()
        self.audit_db.close()


@pytest.fixture
def workstation(
    tmp_path: Path, collector: RsyslogCollector, db_key: bytes, memory_keyring: object
) -> Iterator[Workstation]:
    workstation = Workstation(tmp_path, collector, db_key)
    yield workstation
    workstation.close()


def kinds_and_seqs(lines: list[str], host: str = "ws-01") -> list[tuple[str, int]]:
    frame = re.compile(RFC5424.format(host=re.escape(host)))
    parsed = []
    for line in lines:
        match = frame.match(line)
        assert match, line
        parsed.append((match.group(1), int(match.group(2))))
    return parsed


def test_events_arrive_as_rfc5424_with_the_stored_json(
    workstation: Workstation, collector: RsyslogCollector
) -> None:
    sent = workstation.record(3)

    lines = collector.wait_for_lines(3)

    assert kinds_and_seqs(lines) == [("audit", 1), ("audit", 2), ("audit", 3)]
    for line, event in zip(lines, sent, strict=True):
        assert line.endswith("] " + canonical_json(event.seq, event.event).decode())
        assert f'hash="{event.hash}" prev="{event.prev_hash}"' in line


def test_a_collector_outage_queues_encrypted_and_delivers_once_in_order(
    workstation: Workstation, collector: RsyslogCollector
) -> None:
    workstation.record(5)
    assert len(collector.wait_for_lines(5)) == 5
    collector.stop()

    workstation.record(5)
    workstation.checkpointer.close()
    assert not workstation.forwarder.wait_until_sent(timeout=1.0)
    assert workstation.queue.pending() == 6
    workstation.queue_db.checkpoint()
    assert not holds_plaintext(workstation.queue_path, bytes(32), b"user-7")
    assert holds_plaintext(workstation.queue_path, workstation.queue_key, b"user-7")
    collector.start()

    assert workstation.forwarder.wait_until_sent(timeout=20)
    lines = collector.wait_for_lines(11)
    assert kinds_and_seqs(lines) == [("audit", n) for n in range(1, 11)] + [("checkpoint", 10)]
    assert workstation.queue.pending() == 0


def test_events_committed_but_never_queued_are_sent_after_a_restart(
    tmp_path: Path, collector: RsyslogCollector, db_key: bytes, memory_keyring: object
) -> None:
    """A crash between the audit commit and the outbox: the next start queues the gap.

    Closing checkpoints the newest event and sends that checkpoint too, before stopping.
    """
    with EncryptedDatabase(tmp_path / "audit.db", db_key) as db:
        store = AuditStore(db)
        store.append_many(make_event(n) for n in range(4))
        store.close()

    workstation = Workstation(tmp_path, collector, db_key)
    try:
        workstation.record(1)
        assert workstation.forwarder.wait_until_sent(timeout=20)
    finally:
        workstation.close()

    expected = [("audit", n) for n in range(1, 6)] + [("checkpoint", 5)]
    assert kinds_and_seqs(collector.wait_for_lines(6)) == expected


def test_a_header_field_keeps_to_printable_ascii() -> None:
    event = make_event(1).model_copy(update={"workstation": "Ward 4 Wést"})
    frame = Rfc5424Formatter().audit_event(
        ChainedEvent(seq=1, event=event, prev_hash="0" * 64, hash="1" * 64)
    )

    length, _, message = frame.partition(b" ")
    assert int(length) == len(message)
    assert message.split(b" ")[2] == b"Ward4Wst"
    assert datetime.fromisoformat(message.split(b" ")[1].decode()).tzinfo == UTC


def test_a_workstation_under_a_forwarding_policy_sends_its_events_and_last_checkpoint(
    open_under_policy: Callable[[str], AppWorkstation], collector: RsyslogCollector
) -> None:
    """Through `Workstation.open`: the forwarder starts with the policy and is closed with it."""
    workstation = open_under_policy(
        f"""
        [log_forwarding]
        host = "127.0.0.1"
        port = {collector.port}
        ca_file = "{collector.ca}"
        retry_seconds = 0.1
        """
    )
    for _ in range(3):
        workstation.audit.verify()
    workstation.close()

    lines = collector.wait_for_lines(5)
    assert kinds_and_seqs(lines, socket.gethostname()) == [
        ("audit", 1),
        ("audit", 2),
        ("audit", 3),
        ("audit", 4),
        ("checkpoint", 4),
    ]
    assert '"reason":"file_adopted"' in lines[0]  # the settings.json the data folder started with
    assert all('"action":"audit_verify"' in line for line in lines[1:4])


def test_events_recorded_before_forwarding_was_configured_are_sent_at_the_next_start(
    open_under_policy: Callable[[str], AppWorkstation], collector: RsyslogCollector
) -> None:
    before = open_under_policy("")
    before.audit.verify()
    before.close()

    after = open_under_policy(
        f"""
        [log_forwarding]
        host = "127.0.0.1"
        port = {collector.port}
        ca_file = "{collector.ca}"
        retry_seconds = 0.1
        """
    )
    after.audit.verify()
    after.close()

    lines = collector.wait_for_lines(4)
    assert kinds_and_seqs(lines, socket.gethostname()) == [
        ("audit", 1),  # the settings.json the data folder started with, adopted
        ("audit", 2),
        ("audit", 3),
        ("checkpoint", 3),
    ]
