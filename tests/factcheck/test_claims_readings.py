"""A value no living patient shows, or in another thing's unit, given a rate, a saturation or
a temperature: another measure's number under the measure's name."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "CV: HR 80S SR. GOAL SBP <130, ON NIPRIDE. HEPARIN AT 900 UNITS/HR.\n"
    "RESP: 4L NC, RR 18, SATS 97%. MIXED VENOUS SAT 32.\n"
    "ID: TMAX 101.2, PO TEMP 2 PT LOWER THAN RECTAL.\n"
)


def _reasons(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if "cannot be" in flag.reason]


@pytest.mark.parametrize(
    ("draft", "reason"),
    [
        (
            "respiratory rate: 900 UNITS/HR",
            "Not found in the notes: 900 UNITS/HR cannot be a respiratory rate.",
        ),
        (
            "The patient's breathing rate is currently <130 on nipride.",
            "Not found in the notes: 130 cannot be a respiratory rate.",
        ),
        (
            "The patient has a normal respiratory rate of 120-140 times per minute.",
            "Not found in the notes: 120-140 cannot be a respiratory rate.",
        ),
        (
            "Oxygen saturation is 130 on nipride.",
            "Not found in the notes: 130 cannot be an oxygen saturation.",
        ),
        (
            "Heart rate 900 units/hr overnight.",
            "Not found in the notes: 900 units/hr cannot be a heart rate.",
        ),
        (
            "The blood pressure was stable at 26.5.",
            "Not found in the notes: 26.5 cannot be a blood pressure.",
        ),
        (
            "The patient's WBC is still at 100%.",
            "Not found in the notes: 100% cannot be a white blood cell count.",
        ),
        ("- hemoglobin: 120 g/dL", "Not found in the notes: 120 g/dL cannot be a hemoglobin."),
    ],
)
def test_a_value_a_measure_cannot_take_is_flagged(draft: str, reason: str) -> None:
    assert _reasons(check_draft(SOURCE, draft)) == [reason]


@pytest.mark.parametrize(
    "draft",
    [
        "Heart rate in the 80s, respiratory rate 18, sats 97% on 4 L nasal cannula.",
        "Respiratory: 4L nasal cannula, respiratory rate 18.",
        "Pedal pulses 2+ palpable bilaterally.",
        "The mixed venous saturation was 32.",
        "The oral temperature was 2 points lower than the rectal one.",
        "Temperature max 101.2 F.",
        "Heart rate checked at 0400 and at 6pm.",
        "The heart rate was 2nd to agitation.",
        "Receiving albumin 25% x4 bottles.",
        "Hematocrit 30%.",
        "Potassium 40 mEq given by mouth.",
        "Hemoglobin 12.0 g/dL this morning.",
    ],
)
def test_a_value_the_measure_can_take_is_not_flagged(draft: str) -> None:
    assert _reasons(check_draft(SOURCE, draft)) == []


def test_an_impossible_value_the_notes_give_the_measure_themselves_is_theirs() -> None:
    source = "VS: HR 300 PER MONITOR, ARTIFACT, PT ASLEEP."
    assert _reasons(check_draft(source, "Heart rate 300 per the monitor, artifact.")) == []


def test_an_oxygen_flow_run_into_a_heart_rate_is_flagged() -> None:
    assert _reasons(check_draft(SOURCE, "The patient's heart rate is 4l NC, RR 18.")) == [
        "Not found in the notes: 4l cannot be a heart rate."
    ]


def test_a_side_written_apart_after_a_heart_rate_is_no_unit() -> None:
    assert _reasons(check_draft(SOURCE, "HR 80-90 L radial arterial line.")) == []


@pytest.mark.parametrize(
    ("draft", "reason"),
    [
        (
            "The patient's heart rate is 95% on 50% face tent.",
            "Not found in the notes: 95% cannot be a heart rate.",
        ),
        (
            "The patient's blood pressure is 2g calcium gluconate.",
            "Not found in the notes: 2g cannot be a blood pressure.",
        ),
    ],
)
def test_a_percentage_or_a_dose_given_a_rate_or_a_pressure_is_flagged(
    draft: str, reason: str
) -> None:
    assert _reasons(check_draft(SOURCE, draft)) == [reason]


def test_a_saturation_in_percent_is_its_own_unit() -> None:
    assert _reasons(check_draft(SOURCE, "Sats 97% on 4 L nasal cannula.")) == []


def test_a_heading_of_the_notes_gives_no_value_to_its_measure() -> None:
    notes = "resp: lungs cta, sats 92-95% on RA\n"

    assert _reasons(check_draft(notes, "- Respiratory rate: 92-95%")) == [
        "Not found in the notes: 92-95% cannot be a respiratory rate."
    ]
