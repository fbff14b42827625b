"""A passage line that copies a fact line under a label of its own ("Main issue: …") is a
repeat, not the notes' statement of the problem, and is dropped."""

from app.domain.grounded.prose import without_listed

LISTING = (
    "Medications:\n- Given: Lasix 40 mg IV given at 1400\n"
    "Plan as written:\n- wean off IV gtts, control with po meds."
)


def test_a_main_issue_copying_a_plan_line_is_dropped() -> None:
    passage = (
        "Patient: 62 yo M, s/p cath today, HTN on nitro gtt.\n"
        "Main issue: Wean off IV gtts, control with po meds."
    )
    assert without_listed(passage, LISTING) == "Patient: 62 yo M, s/p cath today, HTN on nitro gtt."


def test_a_main_issue_copying_a_medication_line_is_dropped() -> None:
    passage = "Main issue: Lasix 40 mg IV given at 1400.\nAdmitted with CHF, diuresing."
    assert without_listed(passage, LISTING) == "Admitted with CHF, diuresing."


def test_a_main_issue_stating_the_problem_is_kept() -> None:
    passage = "Main issue: hypertensive urgency after cath, BP 180-200."
    assert without_listed(passage, LISTING) == passage
