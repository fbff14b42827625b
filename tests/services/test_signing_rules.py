"""Signing refuses a dangerous draft, re-checked at sign time, and audits why: a left-out
allergy, code status or new order not acknowledged by name, a part only an edit fixes, or
another person named as the patient."""

import pytest

from app.domain.audit import AuditAction, Outcome
from app.domain.notes import DraftStatus, NoteKind
from app.domain.review import Decision, ReviewRefused, omission_name
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.session import Session
from app.services.workstation import Workstation
from tests.fixtures.audit_log import audit_store

NOTES = (
    "0700 Full code. Allergies: penicillin (hives).\n"
    "0800 BP 132/84, HR 88, SpO2 95% RA.\n"
    "1500 KCl 20 mEq PO ordered and given at 1530.\n"
)
SILENT = "S: Stable shift. BP 132/84, HR 88, SpO2 95% RA.\n"
COMPLETE = SILENT + "Full code. Allergy: penicillin (hives). KCl 20 mEq PO given at 1530.\n"


@pytest.fixture
def nurse(demo_workstation: Workstation) -> Session:
    return demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)


def _draft(workstation: Workstation, session: Session, text: str, notes: str = NOTES) -> str:
    draft = workstation.drafts.create_draft(session, "DEMO-1001", NoteKind.SHIFT_SBAR, notes)
    return workstation.drafts.save_text(session, draft.id, text, draft.revision).id


def _sign_failures(workstation: Workstation) -> list[str | None]:
    return [
        row.event.reason
        for row in audit_store(workstation).events()
        if row.event.action is AuditAction.DRAFT_SIGN and row.event.outcome is Outcome.FAILURE
    ]


def test_a_draft_leaving_out_allergy_code_status_and_a_new_order_is_refused_and_audited(
    demo_workstation: Workstation, nurse: Session
) -> None:
    draft_id = _draft(demo_workstation, nurse, SILENT)

    with pytest.raises(ReviewRefused, match=r"3 left-out item\(s\)"):
        demo_workstation.review.sign(nurse, draft_id, attestation=True)

    assert _sign_failures(demo_workstation) == ["omitted:3"]
    assert demo_workstation.drafts.open_draft(nurse, draft_id).status is DraftStatus.DRAFT


def test_each_left_out_item_is_named_and_acknowledging_all_of_them_allows_signing(
    demo_workstation: Workstation, nurse: Session
) -> None:
    review = demo_workstation.review
    draft_id = _draft(demo_workstation, nurse, SILENT)
    left_out = review.check(nurse, draft_id).blocking_omissions
    assert [omission_name(item) for item in left_out] == [
        "allergy penicillin",
        "code status Full code",
        "medication KCl 20 mEq PO",
    ]
    for item in left_out:
        review.resolve_flag(nurse, draft_id, item.id, Decision.ACKNOWLEDGED, "recorded_in_chart")

    signed = review.sign(nurse, draft_id, attestation=True)

    assert signed.status is DraftStatus.SIGNED


def test_acknowledging_one_item_leaves_the_others_blocking(
    demo_workstation: Workstation, nurse: Session
) -> None:
    review = demo_workstation.review
    draft_id = _draft(demo_workstation, nurse, SILENT)
    allergy = review.check(nurse, draft_id).blocking_omissions[0]

    report = review.resolve_flag(
        nurse, draft_id, allergy.id, Decision.ACKNOWLEDGED, "recorded_in_chart"
    )

    assert [item.kind for item in report.blocking_omissions] == ["code_status", "medication"]
    with pytest.raises(ReviewRefused, match=r"2 left-out item\(s\)"):
        review.sign(nurse, draft_id, attestation=True)


def test_a_left_out_item_cannot_be_accepted_like_a_flagged_fact(
    demo_workstation: Workstation, nurse: Session
) -> None:
    review = demo_workstation.review
    draft_id = _draft(demo_workstation, nurse, SILENT)
    allergy = review.check(nurse, draft_id).blocking_omissions[0]

    with pytest.raises(ReviewRefused, match="acknowledged"):
        review.resolve_flag(nurse, draft_id, allergy.id, Decision.ACCEPTED, "verified_in_chart")


def test_a_draft_with_everything_critical_written_in_signs_without_acknowledgement(
    demo_workstation: Workstation, nurse: Session
) -> None:
    draft_id = _draft(demo_workstation, nurse, COMPLETE)
    signed = demo_workstation.review.sign(nurse, draft_id, attestation=True)
    assert signed.status is DraftStatus.SIGNED


@pytest.mark.parametrize(
    "text",
    [
        "Situation:\nBackground:\nAssessment:\nRecommendation:\n",
        "Situation: Stable shift with no events overnight. " * 7,
        "Situation: what the next shift should do, watch for or follow up, as stated.",
        "Situation: Maria Lopez, 72F, stable shift.",
    ],
    ids=["empty skeleton", "seven copies", "instruction echo", "daughter as the patient"],
)
def test_a_degenerate_or_misnamed_draft_is_refused_until_edited(
    demo_workstation: Workstation, nurse: Session, text: str
) -> None:
    notes = "0800 BP 132/84, HR 88. Resting, daughter Maria Lopez at bedside.\n"
    draft_id = _draft(demo_workstation, nurse, text, notes)

    with pytest.raises(ReviewRefused, match="must be edited"):
        demo_workstation.review.sign(nurse, draft_id, attestation=True)

    [reason] = _sign_failures(demo_workstation)
    assert reason is not None and reason.startswith("problems:")


def test_the_check_carries_an_attestation_naming_patient_kind_and_left_out_items(
    demo_workstation: Workstation, nurse: Session
) -> None:
    draft_id = _draft(demo_workstation, nurse, SILENT)
    statement = demo_workstation.review.check(nurse, draft_id).attestation
    assert "Shift note (SBAR) for Alex Demo (MRN DEMO-1001)" in statement
    assert "allergy penicillin" in statement


def test_refusals_keep_note_text_out_of_the_audit_log(
    demo_workstation: Workstation, nurse: Session
) -> None:
    draft_id = _draft(demo_workstation, nurse, SILENT)
    with pytest.raises(ReviewRefused):
        demo_workstation.review.sign(nurse, draft_id, attestation=True)
    logged = " ".join(row.event.model_dump_json() for row in audit_store(demo_workstation).events())
    assert "penicillin" not in logged and "KCl" not in logged
