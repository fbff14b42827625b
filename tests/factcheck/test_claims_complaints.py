"""A chief complaint moved: a draft that makes another finding the patient's chief complaint,
main issue or reason for admission than the one the notes name."""

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "Pt admit to micu with LLL ab pain, metabolic acidosis, tachypnea.\n"
    "GI: ab CT shows improving colitis. LLquadrant pain is pt's chief c/o at this point.\n"
    "CV: hr 130's, bp 140/90.\n"
)


def _sentence_flags(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if flag.kind == "sentence"]


def test_another_finding_made_the_chief_complaint_is_flagged() -> None:
    draft = "The patient's tachypnea is described as pt's chief c/o at this point"
    [reason] = _sentence_flags(check_draft(SOURCE, draft))
    assert "another chief complaint" in reason


def test_the_chief_complaint_the_notes_name_is_supported() -> None:
    draft = "The patient's chief complaint is LLquadrant pain"
    assert _sentence_flags(check_draft(SOURCE, draft)) == []


def test_another_finding_made_the_main_issue_is_flagged() -> None:
    [reason] = _sentence_flags(check_draft(SOURCE, "The patient's main issue is the heart rate"))
    assert "another chief complaint" in reason


def test_a_reason_for_admission_the_notes_admit_the_patient_with_is_supported() -> None:
    assert _sentence_flags(check_draft(SOURCE, "His main issue is tachypnea")) == []


def test_notes_that_name_no_chief_complaint_leave_the_main_issue_unjudged() -> None:
    source = "CV: hr 130's, bp 140/90.\nRESP: tachypnea to 30s.\n"
    assert _sentence_flags(check_draft(source, "The chief complaint is the heart rate")) == []
