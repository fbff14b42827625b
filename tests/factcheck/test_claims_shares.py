"""A share of the shift the notes never give: "for 40% of the shift" where 40% is the FiO2."""

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = "RESP: REMAINS INTUBATED, 40%/PS 20. SLEEPING 50% OF THE TIME.\n"


def _reasons(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if "share of time" in flag.reason]


def test_a_share_of_the_shift_the_notes_never_give_is_flagged() -> None:
    report = check_draft(SOURCE, "He has been in this position for 40% of the shift.")

    assert _reasons(report) == [
        "Not found in the notes: the notes give no share of time (“40% of the shift”)."
    ]


def test_a_share_of_time_the_notes_give_is_not_flagged() -> None:
    assert _reasons(check_draft(SOURCE, "He slept 50% of the time.")) == []
