"""A change or level claimed for a measure the notes never give: "Increased platelets" where
the notes hold no platelet count. A measure the notes give, by a reading or by any word the
extractors read it by, is left to the per-fact rules."""

from app.domain.factcheck import check_draft

SOURCE = (
    "CV: HR 70-90 NSR, BP 100-120/60s.\n"
    "RESP: LS clear, sats 98% on 2L NC.\n"
    "LABS: K 3.6, repleted. HCT 28.\n"
)


def _unmentioned(draft: str) -> list[str]:
    """The reasons the check gives for a measure the notes never give."""
    return [
        flag.reason
        for flag in check_draft(SOURCE, draft).unsupported
        if "the notes give no" in flag.reason
    ]


def test_a_change_of_a_measure_the_notes_never_give_is_flagged() -> None:
    assert _unmentioned("- Increased platelets") == [
        "Not found in the notes: the notes give no platelets."
    ]


def test_a_level_written_after_the_measure_is_read() -> None:
    assert _unmentioned("Hemoglobin was low.") == [
        "Not found in the notes: the notes give no hemoglobin."
    ]


def test_a_level_after_an_adverb_is_read() -> None:
    assert _unmentioned("Her blood sugar has been consistently low.") == [
        "Not found in the notes: the notes give no glucose."
    ]


def test_a_measure_the_notes_give_a_reading_of_is_left_to_the_fact_rules() -> None:
    assert _unmentioned("Increased blood pressure.") == []


def test_a_measure_the_notes_name_in_shorthand_is_given() -> None:
    assert _unmentioned("Oxygen saturation decreased overnight.") == []


def test_a_measure_named_without_a_change_or_level_is_not_a_claim_about_it() -> None:
    assert _unmentioned("Platelets to be drawn in the morning.") == []


def test_a_lipid_level_the_notes_never_give_is_flagged() -> None:
    assert _unmentioned("- Increased cholesterol levels") == [
        "Not found in the notes: the notes give no cholesterol."
    ]


def test_a_measure_the_notes_never_give_called_stable_is_flagged() -> None:
    assert _unmentioned("The patient's respiratory rate is stable.") == [
        "Not found in the notes: the notes give no respiratory rate."
    ]


def test_a_body_system_heading_gives_no_rate() -> None:
    """SOURCE heads a line "RESP:" and gives no respiratory rate."""
    assert _unmentioned("Respiratory rate unchanged.") == [
        "Not found in the notes: the notes give no respiratory rate."
    ]


def test_a_steady_measure_with_its_value_is_left_to_the_per_fact_rules() -> None:
    assert _unmentioned("Platelets stable at 210.") == []


def test_a_measure_the_notes_give_called_stable_is_not_flagged() -> None:
    assert _unmentioned("Blood pressure stable.") == []


def test_a_side_letter_names_no_respiratory_rate() -> None:
    source = "CV: HR 83 SR. R radial A-line. R IJ triple lumen.\n"
    report = check_draft(source, "The respiratory rate is stable.")
    assert [flag.reason for flag in report.unsupported] == [
        "Not found in the notes: the notes give no respiratory rate."
    ]
