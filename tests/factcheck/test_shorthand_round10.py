"""Habits of real notes read in the tenth round, on the misses and false flags of held out 19
(planted errors in drafts of ten notes no set had used): each test is one general rule, in the
notes' own style."""

from app.domain.factcheck import check_draft
from app.domain.factcheck.facts import BloodPressure, ClockTime
from tests.factcheck.helpers import facts_of, only, value


def _flags(source: str, draft: str) -> list[str]:
    report = check_draft(source, draft)
    return [flag.text for flag in [*report.unsupported, *report.contradicted]]


def test_from_mn_is_from_midnight() -> None:
    assert value(only("lasix gtt increased. currently 350cc neg from mn.", "time"), "clock") == (
        ClockTime(0, True)
    )


def test_units_of_reg_are_units_of_regular_insulin() -> None:
    order = only("here 297 given 6u reg sq at 12pm", "medication")

    assert order.key == "insulin regular"
    assert order.values("route") == ["subcut"]


def test_reg_followed_by_insulin_is_read_once() -> None:
    assert [fact.key for fact in facts_of("FS 210, given 2u reg insulin.", "medication")] == [
        "insulin regular"
    ]


def test_og_alone_is_the_orogastric_tube() -> None:
    source = "GI: BS absent reglan x1 given og dc'd when extubated.\n"

    assert _flags(source, "The OG tube was removed when she was extubated.") == []


def test_hr_after_a_blood_pressure_pair_opens_the_heart_rate_and_is_no_unit() -> None:
    pressures = facts_of("CV-slightly hypotensive 88-95/50 HR increased to 120's ST", "vital.bp")

    assert [value(fact) for fact in pressures] == [BloodPressure(88, 50), BloodPressure(95, 50)]


def test_pleural_eff_is_a_pleural_effusion_with_its_side() -> None:
    source = "CT showed fluid to her pelvis, L pleural eff, R ateletasis.\n"

    assert _flags(source, "CT showed a left pleural effusion.") == []
    assert _flags(source, "CT showed a right pleural effusion.") == ["right pleural effusion"]


def test_oxacillin_is_a_drug_with_its_frequency() -> None:
    assert only("Oxacillin q4hrs. Cooling blanket remains on.", "medication").values(
        "frequency"
    ) == ["q4h"]


def test_nstmi_in_the_notes_backs_a_draft_that_names_an_nstemi() -> None:
    source = "pt was vacationing when he fell. had CHF there intubated for 24hrs,NSTMI.\n"

    assert _flags(source, "He had CHF, was intubated for 24 hours and had an NSTEMI.") == []


def test_assist_control_after_the_volume_and_rate_it_sets_is_the_ventilator() -> None:
    oxygen = only("Pt was overvented with 700x10, rate dropped to 6x700 A/C.", "vital.o2")

    assert oxygen.values("device") == ["ventilator"]


def test_ac_after_a_count_of_doses_is_not_the_ventilator() -> None:
    assert facts_of("fingersticks 4x10 AC meals", "vital.o2") == []


def test_a_blood_gas_after_a_stop_with_a_space_before_it_is_read() -> None:
    text = "AC 60/700/16/7.4 SX THICK YELLOW,SPEC SENT .7.30/39/144/20"

    assert [fact.kind for fact in facts_of(text, "lab")] == [
        "lab.ph",
        "lab.pco2",
        "lab.po2",
        "lab.bicarbonate",
    ]


def test_a_stop_glued_to_a_word_before_a_decimal_is_still_its_point() -> None:
    assert facts_of("ratio x.7.30/39/144", "lab") == []


def test_pgt_is_a_route_through_the_gastrostomy_tube() -> None:
    order = only("KCL repleted with 40meQ PGT.", "medication")

    assert order.values("route") == ["enteral"]


def test_mg_sulfate_is_magnesium_sulfate() -> None:
    assert only("Repleted with 1g Mg Sulfate.", "medication").key == "magnesium sulfate"


def test_a_frequency_of_words_joined_by_a_hyphen_before_the_drug_is_read_whole() -> None:
    order = only("Urine output adequate with twice-daily Lasix.", "medication")

    assert order.values("frequency") == ["2/day"]
