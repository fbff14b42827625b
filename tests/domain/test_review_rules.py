"""What blocks signing, and what the signer attests to, as pure rules over a review report."""

from app.domain.draft_problems import DraftProblem, ProblemKind
from app.domain.factcheck import check_draft
from app.domain.factcheck.check import SENTENCE_KIND
from app.domain.review import ReviewReport, attestation_statement, omission_name

SOURCE = (
    "0700 Full code. Allergies: penicillin (hives).\n"
    "0800 BP 142/88, HR 96.\n"
    "1500 K 3.4; KCl 20 mEq PO ordered and given at 1530.\n"
)
SILENT_DRAFT = "S: Stable shift. BP 142/88, HR 96."


def _report(draft: str = SILENT_DRAFT, **update: object) -> ReviewReport:
    checked = check_draft(SOURCE, draft)
    report = ReviewReport(
        unsupported=checked.unsupported,
        contradicted=checked.contradicted,
        omitted=checked.omitted,
        draft_id="d1",
        version=1,
        revision=1,
    )
    return report.model_copy(update=update)


def test_left_out_allergy_code_status_and_new_order_each_block_signing_by_name() -> None:
    report = _report()
    names = [omission_name(item) for item in report.blocking_omissions]
    assert names == ["allergy penicillin", "code status Full code", "medication KCl 20 mEq PO"]
    assert not report.may_sign


def test_a_left_out_abnormal_lab_is_shown_but_does_not_block() -> None:
    report = _report()
    assert "lab.potassium" in {item.kind for item in report.omitted}
    assert "lab.potassium" not in {item.kind for item in report.blocking_omissions}


def test_acknowledging_each_critical_omission_lets_the_draft_be_signed() -> None:
    report = _report()
    acknowledged = _report(resolved=frozenset(item.id for item in report.blocking_omissions))
    assert acknowledged.blocking_omissions == []
    assert acknowledged.may_sign


def test_adding_the_left_out_facts_to_the_draft_removes_them() -> None:
    draft = SILENT_DRAFT + " Full code. Allergy: penicillin. KCl 20 mEq PO given 1530."
    assert _report(draft).blocking_omissions == []


def test_a_problem_to_edit_blocks_signing_even_with_every_flag_resolved() -> None:
    problem = DraftProblem(
        id="p1",
        kind=ProblemKind.EMPTY_SECTION,
        section="Background",
        start=0,
        end=11,
        text="Background:",
        reason="Background is empty.",
    )
    report = _report("Full code. Allergy: penicillin. KCl 20 mEq PO.", problems=[problem])
    assert report.blocking == [] and report.blocking_omissions == []
    assert not report.may_sign


def test_the_attestation_names_the_note_the_patient_and_each_left_out_item() -> None:
    statement = attestation_statement(
        kind_label="Shift note (SBAR)",
        patient_name="Alex Demo",
        patient_mrn="DEMO-1001",
        report=check_draft(SOURCE, SILENT_DRAFT + " Temp 39.4 C."),
    )
    assert statement.startswith(
        "I reviewed this AI-assisted Shift note (SBAR) for Alex Demo (MRN DEMO-1001)"
    )
    assert "1 flagged fact(s)" in statement
    assert "allergy penicillin" in statement
    assert "code status Full code" in statement
    assert "medication KCl 20 mEq PO" in statement


def test_the_attestation_names_every_sentence_flagged_as_not_found_in_the_notes() -> None:
    invented = " Seen in the cardiology clinic last week by her brother, a pharmacist."
    report = check_draft(SOURCE, SILENT_DRAFT + invented)
    sentences = [flag for flag in report.unsupported if flag.kind == SENTENCE_KIND]

    statement = attestation_statement(
        kind_label="Shift note (SBAR)",
        patient_name="Alex Demo",
        patient_mrn="DEMO-1001",
        report=report,
    )

    assert len(sentences) == 1
    assert "every one of the 1 sentence(s) flagged as not found in the notes" in statement
    assert "flagged fact(s)" not in statement
