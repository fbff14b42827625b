"""The evidence map of every check and signature is kept with the draft, encrypted; the audit
log gets its counts, never its text."""

import pytest

from app.domain.audit import AuditAction
from app.domain.factcheck import check_draft
from app.domain.notes import NoteKind
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.review import ReviewService
from app.services.session import Session
from app.services.workstation import Workstation
from tests.fixtures.audit_log import audit_store

NOTES = (
    "0800 BP 132/84, HR 88, SpO2 95% RA. Pain 2/10. Ambulating with walker.\n"
    "1000 Morphine 2 mg IV given for pain 6/10; pain 2/10 at 1030.\n"
)
FAITHFUL = (
    "BP 132/84, HR 88, SpO2 95% RA. Ambulating with a walker. "
    "Morphine 2 mg IV given at 1000 for pain 6/10, down to 2/10 by 1030.\n"
)
INVENTED = FAITHFUL + "Seen in the cardiology clinic last week by her brother, a pharmacist.\n"


@pytest.fixture
def review(demo_workstation: Workstation) -> ReviewService:
    return demo_workstation.review


@pytest.fixture
def nurse(demo_workstation: Workstation) -> Session:
    return demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)


def _draft(workstation: Workstation, session: Session, text: str) -> str:
    draft = workstation.drafts.create_draft(session, "DEMO-1001", NoteKind.SHIFT_NARRATIVE, NOTES)
    return workstation.drafts.save_text(session, draft.id, text, draft.revision).id


def _reasons(workstation: Workstation, action: AuditAction) -> list[str | None]:
    store = audit_store(workstation)
    return [row.event.reason for row in store.events() if row.event.action is action]


def test_a_check_keeps_the_evidence_map_of_the_revision_it_checked(
    demo_workstation: Workstation, review: ReviewService, nurse: Session
) -> None:
    draft_id = _draft(demo_workstation, nurse, INVENTED)

    report = review.check(nurse, draft_id)

    [kept] = review.kept_evidence(nurse, draft_id)
    assert kept.revision == demo_workstation.drafts.open_draft(nurse, draft_id).revision
    assert kept.sentences == report.sentences == check_draft(NOTES, INVENTED).sentences


def test_the_check_event_carries_the_evidence_counts_and_no_text(
    demo_workstation: Workstation, review: ReviewService, nurse: Session
) -> None:
    draft_id = _draft(demo_workstation, nurse, INVENTED)

    report = review.check(nurse, draft_id)

    supported = sum(sentence.supported for sentence in report.sentences)
    total = len(report.sentences)
    assert _reasons(demo_workstation, AuditAction.DRAFT_CHECK) == [
        f"flags:{len(report.flags)}:sentences:{total}:supported:{supported}"
        f":unsupported:{total - supported}"
    ]
    assert total - supported == 1


def test_signing_keeps_the_signed_revisions_map_and_audits_its_counts(
    demo_workstation: Workstation, review: ReviewService, nurse: Session
) -> None:
    draft_id = _draft(demo_workstation, nurse, FAITHFUL)
    checked = demo_workstation.drafts.open_draft(nurse, draft_id)

    review.sign(nurse, draft_id, attestation=True)

    [kept] = review.kept_evidence(nurse, draft_id)
    summary = kept.summary
    assert kept.revision == checked.revision
    assert summary.unsupported == 0 and summary.supported == summary.sentences > 0
    assert _reasons(demo_workstation, AuditAction.DRAFT_SIGN) == [
        f"version:1:sentences:{summary.sentences}:supported:{summary.sentences}:unsupported:0"
    ]


def test_each_checked_revision_keeps_its_own_map(
    demo_workstation: Workstation, review: ReviewService, nurse: Session
) -> None:
    draft_id = _draft(demo_workstation, nurse, INVENTED)
    review.check(nurse, draft_id)
    edited = demo_workstation.drafts.open_draft(nurse, draft_id)
    demo_workstation.drafts.save_text(nurse, draft_id, FAITHFUL, edited.revision)

    review.check(nurse, draft_id)

    first, second = review.kept_evidence(nurse, draft_id)
    assert (first.summary.unsupported, second.summary.unsupported) == (1, 0)
    assert second.revision == first.revision + 1
