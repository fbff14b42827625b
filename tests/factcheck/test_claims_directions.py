"""A place the patient came from written as the place the patient went to, or the reverse:
"admitted to Union Hospital" against notes that say "ADMITTED FROM UNION HOSP."."""

from app.domain.factcheck import check_draft

SOURCE = (
    "80 Y/O MALE ADMITTED FROM UNION HOSP. FOR UNSTABLE ANGINA, TRANSFERED TO GH FOR CATH.\n"
    "CV: ON NTG AND HEPARIN GTT.\n"
)


def _swaps(source: str, draft: str) -> list[str]:
    """The reasons the check gives for a direction turned round."""
    return [
        flag.reason
        for flag in check_draft(source, draft).unsupported
        if flag.reason.startswith("Contradicts the notes: the notes say “")
    ]


def test_a_place_the_patient_came_from_written_as_where_he_went_is_flagged() -> None:
    assert _swaps(SOURCE, "He was admitted to Union Hospital for unstable angina.") == [
        "Contradicts the notes: the notes say “ADMITTED FROM UNION HOSP.”."
    ]


def test_a_place_the_patient_went_to_written_as_where_he_came_from_is_flagged() -> None:
    assert _swaps(SOURCE, "He was transferred from GH for cath.") != []


def test_the_direction_the_notes_give_is_not_flagged() -> None:
    assert _swaps(SOURCE, "Transferred from Union Hospital to GH for a cath.") == []


def test_a_place_the_notes_give_both_ways_is_not_judged() -> None:
    source = SOURCE + "SON BROUGHT HIM TO UNION HOSP. BY CAR.\n"

    assert _swaps(source, "He was admitted to Union Hospital for unstable angina.") == []
