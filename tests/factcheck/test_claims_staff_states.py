"""The patient's state told of the staff: "The nurse has remained calm today"."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "NEURO: PT. HAS REMAINED CALM TODAY, NO NEED FOR ANTI-ANXIETY MEDS. APPEARS NEUROLOGICALLY "
    "INTACT.\n"
    "RESP: HAS REMAINED ON PSV 10/5 PEEP 40% FIO2. RN AT BEDSIDE, HO AWARE.\n"
)


def _reasons(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if flag.kind == "sentence"]


@pytest.mark.parametrize(
    "draft",
    [
        "The nurse has remained calm today, no need for anti-anxiety meds today.",
        "The nurse appears neurologically intact.",
        "The nurse has remained on PSV 10/5 PEEP 40% FiO2.",
        "The night nurse on the 40% trach mask was comfortable.",
        "The nurse has been given a medication and an IV.",
    ],
)
def test_the_patients_state_told_of_the_staff_is_flagged(draft: str) -> None:
    assert any(
        "the patient's state to the staff" in reason
        for reason in _reasons(check_draft(SOURCE, draft))
    )


@pytest.mark.parametrize(
    "draft",
    [
        "The patient has remained calm today, no need for anti-anxiety meds.",
        "The nurse was at the bedside; the house officer is aware.",
        "The nurse is concerned that the patient appears sedated.",
        "The night nurse was given report at the bedside.",
    ],
)
def test_staff_doing_their_work_beside_the_patients_state_is_not_flagged(draft: str) -> None:
    assert not any(
        "state to the staff" in reason for reason in _reasons(check_draft(SOURCE, draft))
    )
