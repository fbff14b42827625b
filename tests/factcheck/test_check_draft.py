"""check_draft as the editor sees it: faithful paraphrase passes, changed facts are flagged."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = """0800 VS: BP 142/88, HR 96, RR 18, SpO2 93% on 2 L NC, T 37.2 C.
Metoprolol 25 mg PO BID given. Allergies: PCN (hives). Code status: Full code.
PIV 20g L forearm. K 3.3, MD aware.
1400 VS: BP 130/80, HR 88, SpO2 95% on 2 L NC.
"""


def flags(report: FactCheckReport) -> list[tuple[str, str]]:
    found = [("unsupported", flag.text) for flag in report.unsupported]
    return found + [("contradicted", flag.text) for flag in report.contradicted]


@pytest.mark.parametrize(
    "restated",
    [
        "blood pressure 142/88 mmHg",
        "heart rate of 96",
        "sats 93% on 2 liters via nasal cannula",
        "Lopressor 25 milligrams by mouth twice daily",
        "a 20 gauge IV in the left forearm",
        "potassium of 3.3",
        "at 2 PM the heart rate was 88",
    ],
)
def test_a_faithful_paraphrase_is_not_flagged(restated: str) -> None:
    assert flags(check_draft(SOURCE, restated)) == []


def test_any_reading_of_a_measure_taken_several_times_supports_the_draft() -> None:
    assert flags(check_draft(SOURCE, "HR 88 this afternoon, 96 this morning.")) == []


def test_a_value_the_source_records_otherwise_is_contradicted() -> None:
    report = check_draft(SOURCE, "HR 112 at 0800.")
    assert [(flag.text, flag.source_text) for flag in report.contradicted] == [("HR 112", "HR 96")]


def test_a_measure_the_source_never_records_is_unsupported() -> None:
    report = check_draft(SOURCE, "MAP 71.")
    assert [(flag.kind, flag.text) for flag in report.unsupported] == [("vital.map", "MAP 71")]


def test_a_changed_dose_is_contradicted() -> None:
    report = check_draft(SOURCE, "metoprolol 50 mg PO BID")
    assert [flag.kind for flag in report.contradicted] == ["medication"]
    assert "dose" in report.contradicted[0].reason


def test_a_changed_route_is_contradicted() -> None:
    report = check_draft(SOURCE, "metoprolol 25 mg IV BID")
    assert "route" in report.contradicted[0].reason


def test_an_invented_drug_is_unsupported() -> None:
    report = check_draft(SOURCE, "Zofran 4 mg IV given.")
    assert [(flag.kind, flag.text) for flag in report.unsupported] == [
        ("medication", "Zofran 4 mg IV")
    ]


def test_a_drug_the_notes_name_only_as_an_allergy_is_flagged_as_that_allergy() -> None:
    notes = "0700 Received pt. Allergies: penicillin (hives). Ceftriaxone 1 g IV given."
    draft = "The patient has a history of penicillin hives. Ceftriaxone 1 g IV was given."
    [flag] = check_draft(notes, draft).unsupported
    assert (flag.kind, flag.text) == ("medication", "penicillin")
    assert flag.reason == "The source notes name penicillin only as an allergy."


def test_a_wrong_time_is_contradicted() -> None:
    assert [flag.kind for flag in check_draft(SOURCE, "Vitals at 0900.").contradicted] == ["time"]


def test_a_wrong_side_is_contradicted() -> None:
    report = check_draft(SOURCE, "20g PIV in the right forearm")
    assert [flag.kind for flag in report.contradicted] == ["laterality"]


def test_a_wrong_code_status_is_contradicted() -> None:
    assert [flag.kind for flag in check_draft(SOURCE, "DNR.").contradicted] == ["code_status"]


def test_an_invented_allergy_when_the_source_lists_others_is_unsupported() -> None:
    report = check_draft(SOURCE, "Allergies: penicillin, latex.")
    assert [flag.text for flag in report.unsupported] == ["latex"]


def test_a_dropped_allergy_is_listed_as_omitted() -> None:
    omitted = check_draft(SOURCE, "Full code. BP 142/88.").omitted
    assert ("allergy", "PCN") in [(omission.kind, omission.text) for omission in omitted]


def test_a_dropped_code_status_is_listed_as_omitted() -> None:
    omitted = check_draft(SOURCE, "Allergic to penicillin.").omitted
    assert "code_status" in [omission.kind for omission in omitted]


def test_an_abnormal_lab_left_out_is_listed_as_omitted() -> None:
    omitted = check_draft(SOURCE, "Full code, allergic to PCN.").omitted
    assert ("lab.potassium", "K 3.3") in [(omission.kind, omission.text) for omission in omitted]


def test_restating_one_abnormal_reading_of_a_measure_is_enough() -> None:
    omitted = check_draft(SOURCE, "BP 142/88.").omitted
    assert "vital.bp" not in [omission.kind for omission in omitted]


def test_a_new_medication_left_out_is_listed_as_omitted() -> None:
    source = "Furosemide 40 mg IV x1 given per new order."
    assert [omission.kind for omission in check_draft(source, "Diuresing well.").omitted] == [
        "medication"
    ]


def test_every_flag_slices_the_draft_to_its_text() -> None:
    draft = "BP 150/90 and HR 130; Zofran 4 mg IV; PIV right forearm; DNR."
    report = check_draft(SOURCE, draft)
    for flag in [*report.unsupported, *report.contradicted]:
        assert draft[flag.start : flag.end] == flag.text


def test_flag_ids_are_stable_across_checks() -> None:
    first = check_draft(SOURCE, "HR 130 and Zofran 4 mg IV")
    second = check_draft(SOURCE, "HR 130 and Zofran 4 mg IV")
    assert [flag.id for flag in first.contradicted + first.unsupported] == [
        flag.id for flag in second.contradicted + second.unsupported
    ]


def test_an_empty_draft_has_nothing_to_flag_but_lists_omissions() -> None:
    report = check_draft(SOURCE, "")
    assert flags(report) == [] and report.omitted
