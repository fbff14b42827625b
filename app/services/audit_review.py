"""Reviewing the audit log: checking its integrity, and searching and exporting its events.

Verification reveals nothing but whether the chain is intact, so IT may run it on a locked
workstation without signing in; it is still audited, under the operating-system account.

Searching and exporting reveal who did what to which patient, so they need the compliance
officer's permissions (`audit.read`, `audit.export`); a refusal is audited, and so is every
search and every export, naming the patient and the user looked for. Events hold metadata only
(`AuditEvent` has no field for note text), so an export cannot carry a note.
"""

import csv
import getpass
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO

from app.domain.audit import AuditAction, AuditFilter, ChainedEvent, Outcome
from app.domain.roles import Permission
from app.keys.entries import KeyEntries
from app.services.access import require
from app.services.audit_trail import AuditTrail
from app.services.session import Session
from app.storage.audit import AuditVerification
from app.storage.audit_checkpoints import verify_audit_log
from app.storage.replaced_logs import missing_replaced_log

MAX_PAGE = 1000
EXPORT_COLUMNS = (
    "seq",
    "occurred_at",
    "user_id",
    "role",
    "action",
    "object_type",
    "object_id",
    "patient_ref",
    "outcome",
    "reason",
    "workstation",
    "app_version",
    "break_glass",
    "hash",
    "prev_hash",
)
_SPREADSHEET_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class AuditExportFormat(StrEnum):
    """The file formats a compliance officer's audit export is written in."""

    CSV = "csv"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class AuditPage:
    """One page of an audit search, newest first, with where the next page starts."""

    events: tuple[ChainedEvent, ...]
    """Newest first."""
    next_before_seq: int | None
    """Pass as `before_seq` for the next page; None when this page was the last."""


class AuditReview:
    """Reading the audit log: verifying its chain and checkpoints for anyone, searching and
    exporting it for the roles allowed to, each search and export itself audited."""

    def __init__(self, trail: AuditTrail, audit_db: Path, entries: KeyEntries) -> None:
        """`entries` is the credential store holding the chain anchor and checkpoint key of
        `audit_db`."""
        self._trail = trail
        self._audit_db = audit_db
        self._entries = entries

    def verify(self) -> AuditVerification:
        """The hash chain, checked against this workstation's signed checkpoints too, so a log
        cut short or replaced whole is caught, not only one edited in place."""
        result = verify_audit_log(self._trail.store, self._audit_db, self._entries)
        if result.ok:
            missing = missing_replaced_log(self._trail.store, self._audit_db.parent)
            if missing is not None:
                result = AuditVerification(
                    ok=False, events_checked=result.events_checked, problem=missing
                )
        self._trail.record_unauthenticated(
            f"os:{getpass.getuser()}",
            AuditAction.AUDIT_VERIFY,
            Outcome.SUCCESS if result.ok else Outcome.FAILURE,
            None if result.ok else "chain_broken",
        )
        return result

    def search(
        self,
        session: Session,
        query: AuditFilter,
        *,
        limit: int = 200,
        before_seq: int | None = None,
    ) -> AuditPage:
        """One page of matching events, newest first; the search itself is then audited, so
        it shows in the next page asked for, not in this one."""
        if not 1 <= limit <= MAX_PAGE:
            raise ValueError(f"a page holds 1 to {MAX_PAGE} events, not {limit}")
        self._require(session, Permission.AUDIT_READ, query)
        events = self._trail.store.search(query, limit=limit + 1, before_seq=before_seq)
        self._record(session, AuditAction.AUDIT_SEARCH, query)
        page = tuple(events[:limit])
        more = len(events) > limit
        return AuditPage(page, page[-1].seq if more else None)

    def export(
        self, session: Session, query: AuditFilter, format: AuditExportFormat, out: TextIO
    ) -> int:
        """Write every matching event to `out`, oldest first; returns how many were written.

        CSV cells that a spreadsheet would run as a formula (a user name typed at sign-in
        starting with `=`) are written with a leading apostrophe.
        """
        self._require(session, Permission.AUDIT_EXPORT, query)
        events = self._trail.store.matching(query)
        if format is AuditExportFormat.CSV:
            written = _write_csv(events, out)
        else:
            written = _write_json(events, query, out)
        self._record(session, AuditAction.AUDIT_EXPORT, query, reason=format.value)
        return written

    def _require(self, session: Session, permission: Permission, query: AuditFilter) -> None:
        require(
            self._trail,
            session,
            permission,
            object_type="audit_log",
            object_id=query.user_id,
            patient_ref=query.patient_ref,
        )

    def _record(
        self,
        session: Session,
        action: AuditAction,
        query: AuditFilter,
        reason: str | None = None,
    ) -> None:
        self._trail.record(
            session,
            action,
            object_type="audit_log",
            object_id=query.user_id,
            patient_ref=query.patient_ref,
            reason=reason,
        )


def export_row(chained: ChainedEvent) -> dict[str, Any]:
    """One event as the flat record both export formats write."""
    row = {
        "seq": chained.seq,
        **chained.event.model_dump(mode="json"),
        "hash": chained.hash,
        "prev_hash": chained.prev_hash,
    }
    return {column: row[column] for column in EXPORT_COLUMNS}


def _write_csv(events: Iterator[ChainedEvent], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    written = 0
    for chained in events:
        writer.writerow([_cell(value) for value in export_row(chained).values()])
        written += 1
    return written


def _cell(value: object) -> str:
    text = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    return f"'{text}" if text.startswith(_SPREADSHEET_FORMULA_START) else text


def _write_json(events: Iterator[ChainedEvent], query: AuditFilter, out: TextIO) -> int:
    """One JSON object; events are written as they are read, so a large export stays small in
    memory."""
    exported_at = datetime.now(UTC).isoformat(timespec="seconds")
    header = {"exported_at": exported_at, "filter": query.model_dump(mode="json")}
    out.write(json.dumps(header)[:-1] + ', "events": [')
    written = 0
    for chained in events:
        out.write(("\n" if written == 0 else ",\n") + json.dumps(export_row(chained)))
        written += 1
    out.write("\n]}\n")
    return written
