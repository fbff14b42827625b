"""A drug given for a purpose the notes give only to another treatment."""

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "CV: SBP 80S. NEO STARTED FOR GOAL SBP > 90.\n"
    "\n"
    "RESP: INTUBATED, PROPOFOL GTT AT 20 MCG.\n"
    "GU: PT GIVEN 20 MG LASIX IV, DIURESED WELL.\n"
    "\n"
    "PAIN: PT RECEIVED PERCOCET FOR PAIN CONTROL.\n"
    "NEURO: AGITATED, PLACED ON PRECEDEX GTT \n"
    "FOR AGITATION.\n"
)


def _reasons(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if "as the reason for" in flag.reason]


def test_a_purpose_the_notes_give_to_another_drug_is_flagged() -> None:
    report = check_draft(SOURCE, "The patient has been receiving Lasix IV for pain control.")
    assert _reasons(report) == [
        "Not found in the notes: the notes give “pain control” as the reason for something "
        "else, not for Lasix."
    ]


def test_a_goal_moved_to_another_drip_is_flagged() -> None:
    report = check_draft(SOURCE, "The propofol gtt was started for goal SBP > 90.")
    assert len(_reasons(report)) == 1


def test_the_purpose_the_notes_give_the_drug_is_not_flagged() -> None:
    report = check_draft(SOURCE, "Percocet was given for pain control; neo for goal SBP > 90.")
    assert _reasons(report) == []


def test_a_purpose_on_the_next_line_of_a_wrapped_sentence_is_the_drugs() -> None:
    assert _reasons(check_draft(SOURCE, "Started on a Precedex drip for agitation.")) == []


def test_a_span_of_time_after_for_is_no_purpose() -> None:
    assert _reasons(check_draft(SOURCE, "Lasix 20 mg IV given for the first time.")) == []


def test_a_purpose_the_notes_never_give_is_left_to_the_sentence_measure() -> None:
    assert _reasons(check_draft(SOURCE, "Lasix was given for ascites.")) == []
