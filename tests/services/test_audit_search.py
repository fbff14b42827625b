"""Audit review for the compliance officer: filtered, paged, permission-checked, audited, and
exported as CSV or JSON holding metadata only."""

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest

from app.domain.audit import AuditAction, AuditFilter, ChainedEvent, Outcome
from app.domain.errors import AccessDenied, AuthenticationFailed
from app.domain.notes import NoteKind
from app.domain.roles import Role
from app.services.audit_review import EXPORT_COLUMNS, AuditExportFormat
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.session import Session
from app.services.workstation import Workstation

NOTES = "0800 BP 128/82, HR 76. Imelda Vasquez-Thornbury slept well, no pain overnight.\n"
NOTE_WORDS = ("Imelda", "Vasquez", "slept well", "128/82")


@pytest.fixture
def nurse(demo_workstation: Workstation) -> Session:
    return demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)


@pytest.fixture
def officer(demo_workstation: Workstation) -> Session:
    demo_workstation.accounts.add("auditor", "A. Auditor", Role.COMPLIANCE_OFFICER, "x" * 16)
    return demo_workstation.auth.sign_in("auditor", "x" * 16)


@pytest.fixture
def two_patients(demo_workstation: Workstation, nurse: Session) -> tuple[str, str]:
    """The nurse drafts twice for the first demo patient and once for the second."""
    first, second = (p.mrn for p in demo_workstation.drafts.list_patients(nurse)[:2])
    for mrn in (first, first, second):
        # Each patient has notes of their own: one patient's notes are refused for another.
        notes = f"{NOTES}\nChart {mrn}."
        demo_workstation.drafts.create_draft(nurse, mrn, NoteKind.SHIFT_SBAR, notes)
    return first, second


def everything(
    workstation: Workstation, officer: Session, query: AuditFilter
) -> list[ChainedEvent]:
    return list(workstation.audit.search(officer, query, limit=1000).events)


def test_a_patient_filter_finds_only_that_patients_events(
    demo_workstation: Workstation, officer: Session, two_patients: tuple[str, str]
) -> None:
    first, _ = two_patients
    found = everything(demo_workstation, officer, AuditFilter(patient_ref=first))

    assert [e.event.action for e in found] == [AuditAction.DRAFT_CREATE] * 2
    assert {e.event.patient_ref for e in found} == {first}


def test_user_action_and_outcome_filters_combine(
    demo_workstation: Workstation, officer: Session, nurse: Session, two_patients: tuple[str, str]
) -> None:
    query = AuditFilter(
        user_id=nurse.user_id, action=AuditAction.DRAFT_CREATE, outcome=Outcome.SUCCESS
    )
    found = everything(demo_workstation, officer, query)

    assert len(found) == 3
    assert {(e.event.user_id, e.event.action) for e in found} == {
        (nurse.user_id, AuditAction.DRAFT_CREATE)
    }


def test_a_date_range_includes_since_and_excludes_until(
    demo_workstation: Workstation, officer: Session, two_patients: tuple[str, str]
) -> None:
    creates = everything(demo_workstation, officer, AuditFilter(action=AuditAction.DRAFT_CREATE))
    oldest = min(e.event.occurred_at for e in creates).replace(microsecond=0)
    query = AuditFilter(action=AuditAction.DRAFT_CREATE)

    from_oldest = AuditFilter(**{**query.model_dump(), "since": oldest})
    before_oldest = AuditFilter(**{**query.model_dump(), "until": oldest})
    far_future = datetime.now(UTC) + timedelta(days=1)

    assert len(everything(demo_workstation, officer, from_oldest)) == 3
    assert everything(demo_workstation, officer, before_oldest) == []
    assert everything(demo_workstation, officer, AuditFilter(since=far_future)) == []


def test_pages_run_newest_first_without_overlap_until_the_last(
    demo_workstation: Workstation, officer: Session, nurse: Session, two_patients: tuple[str, str]
) -> None:
    query = AuditFilter(user_id=nurse.user_id)
    seen: list[int] = []
    before: int | None = None
    while True:
        page = demo_workstation.audit.search(officer, query, limit=2, before_seq=before)
        seen += [e.seq for e in page.events]
        before = page.next_before_seq
        if before is None:
            break

    assert seen == sorted(seen, reverse=True)
    assert len(seen) == len(set(seen)) == len(everything(demo_workstation, officer, query))


def test_a_nurse_is_refused_the_audit_log_and_the_refusal_is_audited(
    demo_workstation: Workstation, nurse: Session, officer: Session
) -> None:
    with pytest.raises(AccessDenied):
        demo_workstation.audit.search(nurse, AuditFilter())

    denied = everything(
        demo_workstation, officer, AuditFilter(user_id=nurse.user_id, outcome=Outcome.DENIED)
    )
    assert [(e.event.action, e.event.reason) for e in denied] == [
        (AuditAction.ACCESS_DENIED, "audit.read")
    ]


def test_a_nurse_is_refused_an_export_and_nothing_is_written(
    demo_workstation: Workstation, nurse: Session
) -> None:
    out = io.StringIO()
    with pytest.raises(AccessDenied):
        demo_workstation.audit.export(nurse, AuditFilter(), AuditExportFormat.CSV, out)
    assert out.getvalue() == ""


def test_each_search_and_export_is_itself_audited_with_whom_it_looked_for(
    demo_workstation: Workstation, officer: Session, two_patients: tuple[str, str]
) -> None:
    first, _ = two_patients
    demo_workstation.audit.search(officer, AuditFilter(patient_ref=first))
    demo_workstation.audit.export(
        officer, AuditFilter(patient_ref=first), AuditExportFormat.JSON, io.StringIO()
    )

    own = everything(demo_workstation, officer, AuditFilter(user_id=officer.user_id))
    assert [(e.event.action, e.event.patient_ref, e.event.reason) for e in own[:2]] == [
        (AuditAction.AUDIT_EXPORT, first, "json"),
        (AuditAction.AUDIT_SEARCH, first, None),
    ]


def test_a_csv_export_parses_back_to_the_matching_rows_without_note_text(
    demo_workstation: Workstation, officer: Session, two_patients: tuple[str, str]
) -> None:
    first, _ = two_patients
    out = io.StringIO()

    written = demo_workstation.audit.export(
        officer, AuditFilter(patient_ref=first), AuditExportFormat.CSV, out
    )

    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert written == len(rows) == 2
    assert tuple(rows[0]) == EXPORT_COLUMNS
    assert [row["action"] for row in rows] == ["draft_create", "draft_create"]
    assert {row["patient_ref"] for row in rows} == {first}
    assert int(rows[0]["seq"]) < int(rows[1]["seq"])
    assert not any(word in out.getvalue() for word in NOTE_WORDS)


def test_a_json_export_parses_back_with_its_filter_and_hashes_without_note_text(
    demo_workstation: Workstation, officer: Session, two_patients: tuple[str, str]
) -> None:
    _, second = two_patients
    out = io.StringIO()

    demo_workstation.audit.export(
        officer, AuditFilter(patient_ref=second), AuditExportFormat.JSON, out
    )

    exported = json.loads(out.getvalue())
    assert exported["filter"]["patient_ref"] == second
    [event] = exported["events"]
    assert (event["action"], event["patient_ref"]) == ("draft_create", second)
    assert len(event["hash"]) == len(event["prev_hash"]) == 64
    assert not any(word in out.getvalue() for word in NOTE_WORDS)


def test_a_csv_cell_a_spreadsheet_would_run_as_a_formula_is_defused(
    demo_workstation: Workstation, officer: Session
) -> None:
    # An account's own name is audited as typed; an unknown one would be a digest.
    demo_workstation.accounts.add("=HYPERLINK(1)", "Formula", Role.NURSE, "f" * 16)
    with pytest.raises(AuthenticationFailed):
        demo_workstation.auth.sign_in("=HYPERLINK(1)", "wrong-password")
    out = io.StringIO()

    demo_workstation.audit.export(
        officer, AuditFilter(user_id="=HYPERLINK(1)"), AuditExportFormat.CSV, out
    )

    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["user_id"] == "'=HYPERLINK(1)"
