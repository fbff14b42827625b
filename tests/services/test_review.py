"""Review and sign-off through the services, on real SQLCipher files: the nurse decides."""

import pytest

from app.domain.audit import AuditAction, Outcome
from app.domain.errors import AccessDenied
from app.domain.kept_evidence import summarise
from app.domain.notes import DraftStatus, NoteKind
from app.domain.review import Decision, ReviewRefused, SignedReadOnly
from app.domain.roles import Role
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.review import ReviewService, ensure_editable
from app.services.session import Session
from app.services.workstation import Workstation
from tests.fixtures.audit_log import audit_store

NOTES = "0800 BP 132/84, HR 88, SpO2 95% RA. Pain 2/10. Ambulating with walker.\n"
FAITHFUL = "S: Stable shift. BP 132/84, HR 88, SpO2 95% RA. Pain 2/10.\n"
INVENTED_TEMP = "S: Stable shift. BP 132/84, HR 88, SpO2 95% RA. Temp 39.4 C. Pain 2/10.\n"


@pytest.fixture
def review(demo_workstation: Workstation) -> ReviewService:
    return demo_workstation.review


@pytest.fixture
def nurse(demo_workstation: Workstation) -> Session:
    return demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)


def _draft(workstation: Workstation, session: Session, text: str) -> str:
    draft = workstation.drafts.create_draft(session, "DEMO-1001", NoteKind.SHIFT_SBAR, NOTES)
    return workstation.drafts.save_text(session, draft.id, text, draft.revision).id


def _sign_in_as(workstation: Workstation, username: str, role: Role) -> Session:
    password = "p" * 16
    workstation.accounts.add(username, username.title(), role, password)
    return workstation.auth.sign_in(username, password)


def _events(workstation: Workstation) -> list[tuple[AuditAction, Outcome, str | None]]:
    store = audit_store(workstation)
    return [(row.event.action, row.event.outcome, row.event.reason) for row in store.events()]


def test_a_check_flags_a_vital_sign_the_notes_never_recorded(
    demo_workstation: Workstation, review: ReviewService, nurse: Session
) -> None:
    draft_id = _draft(demo_workstation, nurse, INVENTED_TEMP)

    report = review.check(nurse, draft_id)

    assert [(flag.kind, flag.text) for flag in report.blocking] == [("vital.temp", "Temp 39.4 C")]
    checks = [
        reason
        for action, _, reason in _events(demo_workstation)
        if action is AuditAction.DRAFT_CHECK
    ]
    assert checks == [f"flags:1:{summarise(report.sentences).audit_code}"]


def test_accepting_a_flag_needs_a_reason_from_the_list(
    demo_workstation: Workstation, review: ReviewService, nurse: Session
) -> None:
    draft_id = _draft(demo_workstation, nurse, INVENTED_TEMP)
    flag = review.check(nurse, draft_id).blocking[0]

    for missing in (None, "", "because I said so"):
        with pytest.raises(ReviewRefused):
            review.resolve_flag(nurse, draft_id, flag.id, Decision.ACCEPTED, missing)
    review.resolve_flag(nurse, draft_id, flag.id, Decision.ACCEPTED, "verified_in_chart")

    rechecked = review.check(nurse, draft_id)
    assert rechecked.is_resolved(flag.id)
    assert rechecked.blocking == []
    assert (
        AuditAction.FLAG_RESOLVE,
        Outcome.SUCCESS,
        "accepted:vital.temp:verified_in_chart",
    ) in _events(demo_workstation)


def test_signing_is_refused_while_a_flag_is_unresolved(
    demo_workstation: Workstation, review: ReviewService, nurse: Session
) -> None:
    draft_id = _draft(demo_workstation, nurse, INVENTED_TEMP)

    with pytest.raises(ReviewRefused, match="unresolved"):
        review.sign(nurse, draft_id, attestation=True)

    assert demo_workstation.drafts.open_draft(nurse, draft_id).status is DraftStatus.DRAFT
    assert (AuditAction.DRAFT_SIGN, Outcome.FAILURE, "unresolved:1") in _events(demo_workstation)


def test_signing_rechecks_the_text_saved_after_the_last_check(
    demo_workstation: Workstation, review: ReviewService, nurse: Session
) -> None:
    draft_id = _draft(demo_workstation, nurse, FAITHFUL)
    assert review.check(nurse, draft_id).blocking == []
    draft = demo_workstation.drafts.open_draft(nurse, draft_id)
    demo_workstation.drafts.save_text(nurse, draft_id, INVENTED_TEMP, draft.revision)

    with pytest.raises(ReviewRefused, match="unresolved"):
        review.sign(nurse, draft_id, attestation=True)


def test_signing_needs_the_attestation(
    demo_workstation: Workstation, review: ReviewService, nurse: Session
) -> None:
    draft_id = _draft(demo_workstation, nurse, FAITHFUL)

    with pytest.raises(ReviewRefused, match="Confirm that you reviewed this"):
        review.sign(nurse, draft_id, attestation=False)

    signed = review.sign(nurse, draft_id, attestation=True)
    assert signed.status is DraftStatus.SIGNED
    [version] = review.history(nurse, draft_id)
    assert (version.signed_by, version.status) == (nurse.user_id, DraftStatus.SIGNED)
    assert version.signed_at is not None


def test_a_signed_note_is_read_only(
    demo_workstation: Workstation, review: ReviewService, nurse: Session
) -> None:
    draft_id = _draft(demo_workstation, nurse, FAITHFUL)
    signed = review.sign(nurse, draft_id, attestation=True)

    with pytest.raises(SignedReadOnly):
        ensure_editable(signed)
    with pytest.raises(SignedReadOnly):
        demo_workstation.drafts.save_text(nurse, draft_id, INVENTED_TEMP, signed.revision)
    with pytest.raises(SignedReadOnly):
        demo_workstation.drafts.delete_draft(nurse, draft_id)
    with pytest.raises(SignedReadOnly):
        review.mark_reviewed(nurse, draft_id)
    assert demo_workstation.drafts.open_draft(nurse, draft_id).text == FAITHFUL


def test_an_amendment_is_version_2_and_the_history_keeps_the_signed_text(
    demo_workstation: Workstation, review: ReviewService, nurse: Session
) -> None:
    draft_id = _draft(demo_workstation, nurse, FAITHFUL)
    review.sign(nurse, draft_id, attestation=True)

    amended = review.amend(nurse, draft_id)
    assert amended.status is DraftStatus.DRAFT
    corrected = FAITHFUL.replace("Pain 2/10.", "Pain 2/10. Ambulating with walker.")
    saved = demo_workstation.drafts.save_text(nurse, draft_id, corrected, amended.revision)
    review.sign(nurse, draft_id, attestation=True)

    history = review.history(nurse, draft_id)
    assert [(v.version, v.amends, v.status) for v in history] == [
        (1, None, DraftStatus.SIGNED),
        (2, 1, DraftStatus.SIGNED),
    ]
    diff = review.diff(nurse, draft_id, 1, 2)
    assert "-" + FAITHFUL in diff
    assert "+" + saved.text in diff
    assert (AuditAction.DRAFT_AMEND, Outcome.SUCCESS, "version:2") in _events(demo_workstation)


def test_every_review_step_is_audited_without_note_text(
    demo_workstation: Workstation, review: ReviewService, nurse: Session
) -> None:
    draft_id = _draft(demo_workstation, nurse, INVENTED_TEMP)
    flag = review.check(nurse, draft_id).blocking[0]
    review.resolve_flag(nurse, draft_id, flag.id, Decision.EDITED, "own_assessment")
    review.mark_reviewed(nurse, draft_id)
    review.sign(nurse, draft_id, attestation=True)
    review.amend(nurse, draft_id)

    actions = [action for action, outcome, _ in _events(demo_workstation)]
    for step in (
        AuditAction.DRAFT_CHECK,
        AuditAction.FLAG_RESOLVE,
        AuditAction.DRAFT_REVIEW,
        AuditAction.DRAFT_SIGN,
        AuditAction.DRAFT_AMEND,
    ):
        assert step in actions
    log = "\n".join(row.event.model_dump_json() for row in audit_store(demo_workstation).events())
    for phi in ("39.4", "Temp", "132/84", "Stable shift", flag.id):
        assert phi not in log
    assert demo_workstation.audit.verify().ok


def test_a_compliance_officer_cannot_sign_and_the_refusal_is_audited(
    demo_workstation: Workstation, review: ReviewService, nurse: Session
) -> None:
    draft_id = _draft(demo_workstation, nurse, FAITHFUL)
    officer = _sign_in_as(demo_workstation, "auditor", Role.COMPLIANCE_OFFICER)

    with pytest.raises(AccessDenied):
        review.sign(officer, draft_id, attestation=True)

    assert (AuditAction.ACCESS_DENIED, Outcome.DENIED, "draft.sign") in _events(demo_workstation)
    assert demo_workstation.drafts.open_draft(nurse, draft_id).status is DraftStatus.DRAFT


def test_a_charge_nurse_may_check_another_authors_draft_but_not_sign_it(
    demo_workstation: Workstation, review: ReviewService, nurse: Session
) -> None:
    draft_id = _draft(demo_workstation, nurse, INVENTED_TEMP)
    charge = _sign_in_as(demo_workstation, "charge", Role.CHARGE_NURSE)

    assert len(review.check(charge, draft_id).blocking) == 1
    assert review.mark_reviewed(charge, draft_id).status is DraftStatus.REVIEWED
    with pytest.raises(AccessDenied):
        review.sign(charge, draft_id, attestation=True)


def test_a_diff_keeps_a_changed_last_line_apart_from_its_replacement(
    demo_workstation: Workstation, review: ReviewService, nurse: Session
) -> None:
    draft_id = _draft(demo_workstation, nurse, "S: Stable.\nPain 2/10.")
    review.sign(nurse, draft_id, attestation=True)
    amended = review.amend(nurse, draft_id)
    demo_workstation.drafts.save_text(nurse, draft_id, "S: Stable.\nPain 3/10.", amended.revision)

    lines = review.diff(nurse, draft_id, 1, 2).splitlines()

    assert lines[-4:] == [
        "-Pain 2/10.",
        "\\ No newline at end of file",
        "+Pain 3/10.",
        "\\ No newline at end of file",
    ]


def test_an_amendment_with_a_reason_not_on_the_list_is_refused_and_audited(
    demo_workstation: Workstation, review: ReviewService, nurse: Session
) -> None:
    draft_id = _draft(demo_workstation, nurse, FAITHFUL)
    review.sign(nurse, draft_id, attestation=True)

    with pytest.raises(ReviewRefused, match="reason"):
        review.amend(nurse, draft_id, "because I said so")

    assert (AuditAction.DRAFT_AMEND, Outcome.FAILURE, "unknown_reason") in _events(demo_workstation)


def test_the_check_takes_the_patient_bars_name_as_given_but_not_another(
    demo_workstation: Workstation, review: ReviewService, nurse: Session
) -> None:
    named = _draft(demo_workstation, nurse, "S: Alex Demo, stable shift. BP 132/84, HR 88.\n")
    misnamed = _draft(demo_workstation, nurse, "S: Mr. Smith, stable shift. BP 132/84, HR 88.\n")

    assert review.check(nurse, named).unsupported == []
    [flag] = review.check(nurse, misnamed).unsupported
    assert flag.reason == "Not found in the notes: the source notes never name Smith."
