"""A drug the notes give, made the patient: in the patient's field, with a person's things,
or doing what only a patient does."""

import pytest

from app.domain.factcheck import check_draft

SOURCE = (
    "Neo weaned to off prior to transfer at 0930. Ready to transfer at 1605 and went into SVT "
    "at rate 140's. BP dropped to 79/41. Lasix 40 mg IV given.\n"
)


def _reasons(draft: str) -> list[str]:
    return [
        flag.reason for flag in check_draft(SOURCE, draft).unsupported if "drug's" in flag.reason
    ]


@pytest.mark.parametrize(
    "draft",
    [
        "Patient: Neo, 0930, off at quartermain 5",
        "Neo's BP dropped to 79/41.",
        "Neo was admitted to quartermain 5 for SVT.",
    ],
)
def test_a_drug_given_as_the_patient_is_flagged(draft: str) -> None:
    assert _reasons(draft) == ["Not found in the notes: “Neo” is a drug's name, not the patient's."]


@pytest.mark.parametrize(
    "draft",
    [
        "Neo was weaned to off before the transfer.",
        "Lasix should continue at 40 mg IV.",
        "The patient's BP dropped to 79/41 after the neo was weaned.",
    ],
)
def test_a_drug_told_of_as_a_drug_is_not_flagged(draft: str) -> None:
    assert _reasons(draft) == []
