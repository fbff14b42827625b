"""What the patient could or could not do, turned round: "able to answer simple questions"
against notes that say "unable to answer simple questions", or the reverse. An ability the
notes give both ways, or one they never mention, is not judged."""

from app.domain.factcheck import check_draft

SOURCE = (
    "NEURO: slurred speech. Follows simple commands inconsistently. Able to lift & hold both "
    "arms off bed. Unable to answer simple questions.\n"
    "GI: not able to swallow pills, meds crushed in applesauce.\n"
)


def _flips(source: str, draft: str) -> list[str]:
    """The reasons the check gives for an ability turned round."""
    return [
        flag.reason
        for flag in check_draft(source, draft).unsupported
        if "able to" in flag.reason.lower()
    ]


def test_an_ability_the_notes_deny_is_flagged_where_the_draft_gives_it() -> None:
    assert _flips(SOURCE, "The patient was able to answer simple questions.") == [
        "Contradicts the notes: the notes say “Unable to answer simple”."
    ]


def test_an_ability_the_notes_give_is_flagged_where_the_draft_denies_it() -> None:
    assert _flips(SOURCE, "He was unable to lift his arms off the bed.") == [
        "Contradicts the notes: the notes say “Able to lift”."
    ]


def test_a_negation_written_before_able_is_read() -> None:
    assert _flips(SOURCE, "She was able to swallow pills whole.") != []


def test_an_inability_is_read_as_unable() -> None:
    assert _flips(SOURCE, "The main issue is her inability to lift her arms.") == [
        "Contradicts the notes: the notes say “Able to lift”."
    ]


def test_a_difficulty_is_read_as_unable() -> None:
    assert _flips(SOURCE, "She has difficulty lifting her arms.") == [
        "Contradicts the notes: the notes say “Able to lift”."
    ]


def test_the_ability_as_the_notes_say_it_is_not_flagged() -> None:
    assert _flips(SOURCE, "The patient wasn't able to swallow pills; meds crushed.") == []


def test_an_ability_the_notes_give_both_ways_is_not_judged() -> None:
    source = "Able to follow commands this am. Unable to follow commands this pm."

    assert _flips(source, "Able to follow commands.") == []


def test_an_ability_with_another_object_is_not_judged() -> None:
    source = "Pt unable to get out of bed without help."

    assert _flips(source, "Able to get up to the chair with assistance.") == []


def test_an_ability_copied_with_its_verb_swapped_is_flagged() -> None:
    source = "RESP: INTUBATED AT 1700. UNABLE TO SUCTION ANYTHING VIA ETT. LUNGS CTA.\n"
    reasons = [
        flag.reason
        for flag in check_draft(
            source, "The patient was unable to sustain anything via ETT."
        ).unsupported
    ]

    assert reasons == ["Not found in the notes: the notes say “UNABLE TO SUCTION ANYTHING”."]


def test_an_ability_with_a_verb_the_notes_use_elsewhere_is_not_a_swap() -> None:
    source = "RESP: SUCTIONED Q2H. UNABLE TO CLEAR ANYTHING VIA ETT.\n"

    assert _flips(source, "The patient was unable to suction anything via ETT.") == []


def test_the_notes_own_misspelt_verb_is_no_swapped_verb() -> None:
    source = "When anxious RR up to 40s but able to clam down. unable to swollow pills.\n"
    draft = "She is able to calm down when anxious and unable to swallow pills."

    report = check_draft(source, draft)
    assert [flag.reason for flag in report.unsupported if "notes say" in flag.reason] == []
