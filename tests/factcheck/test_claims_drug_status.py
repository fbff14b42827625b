"""A drug said to be running where the notes only say it was stopped, or said to be stopped
where the notes only give it. A drug the notes stop and restart, or plan to stop, is not
judged."""

from app.domain.factcheck import check_draft

SOURCE = (
    "CV: HEPARIN GTT D/C'D AT 0300 FOR BLEEDING AT GROIN SITE. BP 120/70.\n"
    "RENAL: LASIX 40MG IV GIVEN WITH GOOD EFFECT.\n"
    "ID: ON FLAGYL AND CEFTAZIDIME. WILL D/C CEFTAZIDIME AND START CEFTRIAXONE.\n"
)


def _turned(draft: str, source: str = SOURCE) -> list[str]:
    """The reasons the check gives for a drug's status turned round."""
    return [
        flag.reason
        for flag in check_draft(source, draft).unsupported
        if "stopped or held" in flag.reason
    ]


def test_a_drug_the_notes_only_stop_said_to_run_on_is_flagged() -> None:
    assert _turned("The patient remains on a heparin drip.") == [
        "Contradicts the notes: the notes only say heparin was stopped or held."
    ]


def test_a_drug_the_notes_only_stop_said_to_be_started_is_flagged() -> None:
    assert _turned("Heparin gtt was started at 0300.") != []


def test_a_drug_the_notes_only_give_said_to_be_held_is_flagged() -> None:
    assert _turned("Lasix was held this shift.") == [
        "Not found in the notes: the notes never say Lasix was stopped or held."
    ]


def test_a_stop_as_the_notes_say_it_is_not_flagged() -> None:
    assert _turned("Heparin was stopped at 0300 for groin bleeding.") == []


def test_a_negated_status_says_nothing() -> None:
    assert _turned("Heparin was not restarted.") == []


def test_a_planned_stop_in_the_notes_leaves_the_drug_to_the_nurse() -> None:
    assert _turned("Ceftazidime was discontinued and ceftriaxone started.") == []


def test_a_stop_word_before_another_drug_is_not_about_this_one() -> None:
    source = "PAIN: PCA D/C'D AT 1700. OXYCODONE 5MG PO Q4H PRN.\n"

    assert _turned("PCA discontinued at 1700 and oxycodone started.", source) == []


def test_a_stop_after_another_drug_name_is_that_drugs() -> None:
    source = "HEPARIN STARTED AT 1800 AT 700U UNTIL INTEGRILIN IS STOPPED.\n"

    assert _turned("Heparin continues at 700 units an hour.", source) == []


def test_a_drug_the_notes_keep_off_said_to_have_been_on_is_flagged() -> None:
    source = "CV: MIXED VENOUS SAT 53 OFF DOBUTAMINE GTT. REMAINS OFF DOBUT, HO AWARE.\n"
    assert _turned("The patient has been on dobut since the last shift.", source) == [
        "Contradicts the notes: the notes only say dobut was stopped or held."
    ]


def test_remaining_off_a_drug_is_no_running_of_it() -> None:
    source = "CV: REMAINS OFF DOBUTAMINE, BP STABLE.\n"
    assert _turned("Dobutamine is off.", source) == []
