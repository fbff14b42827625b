"""A measure said to have risen or fallen to a value the notes' readings do not move to:
"blood pressure increased to 189" where 189 is the notes' first reading, or "heart rate
dropped to 110" where the notes' heart rate rose to 110."""

from app.domain.factcheck import check_draft

SOURCE = (
    "CARDIAC: SBP 189-190 ON ARRIVAL. STARTED ON IV NTG. BP 117-161/63-78.\n"
    "HR 80S, THEN 110S AFTER PROPOFOL BOLUS.\n"
    "RESP: RR 20, DOWN TO 14 AFTER MSO4.\n"
)


def _trends(draft: str) -> list[str]:
    """The reasons the check gives for a change the readings do not make."""
    return [
        flag.reason
        for flag in check_draft(SOURCE, draft).unsupported
        if "risen" in flag.reason or "fallen" in flag.reason or "notes'" in flag.reason
    ]


def test_a_rise_to_the_first_reading_is_flagged() -> None:
    assert _trends("Blood pressure increased to 189 systolic.") == [
        "Not found in the notes: the notes give no earlier blood pressure for it to have "
        "risen from."
    ]


def test_a_fall_where_the_readings_rise_is_flagged() -> None:
    assert _trends("The heart rate dropped to 110.") == [
        "Contradicts the notes: the notes' heart rate rose to “110S”."
    ]


def test_a_rise_the_readings_make_is_not_flagged() -> None:
    assert _trends("The heart rate increased to 110 after the propofol bolus.") == []


def test_a_change_the_notes_write_themselves_is_not_flagged() -> None:
    assert _trends("The respiratory rate decreased to 14 after morphine.") == []


def test_the_top_of_a_range_is_no_rise_from_its_bottom() -> None:
    assert _trends("The systolic pressure rose to 190.") != []


def test_an_arrow_between_readings_is_the_notes_own_change() -> None:
    source = "RESP: RR 28->18 AFTER MSO4.\n"
    reasons = [
        flag.reason for flag in check_draft(source, "The respiratory rate fell to 18.").unsupported
    ]
    assert reasons == []


def test_an_arrow_after_a_label_is_no_change() -> None:
    source = "RESP: BS CLEAR. O2 SATS-> 94-96% ON 2L NP.\n"
    reasons = [
        flag.reason
        for flag in check_draft(
            source, "The oxygen saturation has been reduced to 96%."
        ).unsupported
    ]
    assert reasons == [
        "Not found in the notes: the notes give no earlier oxygen saturation for it to have "
        "fallen from."
    ]
