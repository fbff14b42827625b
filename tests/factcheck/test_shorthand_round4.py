"""Habits of real notes read in the fourth round, on the false flags and misses of faithful
drafts of notes no set had used: each test is one general rule, in the notes' own style."""

import pytest

from app.domain.factcheck import check_draft
from app.domain.factcheck.units import Quantity
from tests.factcheck.helpers import facts_of, only


def _flags(source: str, draft: str) -> list[str]:
    report = check_draft(source, draft)
    return [flag.text for flag in [*report.unsupported, *report.contradicted]]


def test_litres_by_nasal_cannula_with_a_slash_are_an_oxygen_flow() -> None:
    [oxygen] = facts_of("Currently on 5L/NC with sats 95-96%.", "vital.o2")
    assert dict(oxygen.attributes)["flow"] == Quantity(5.0, "L/min", 0)


def test_a_side_then_sc_before_a_device_is_the_subclavian() -> None:
    fact = only("post l sc aicd a/v bivent pacer", "laterality")
    assert (fact.key, dict(fact.attributes)["side"]) == ("subclavian", "left")


@pytest.mark.parametrize(
    ("written", "part"), [("IV LLA", "arm"), ("IV RUA", "upper arm"), ("IV Lwrist", "wrist")]
)
def test_a_side_glued_to_a_limb_gives_the_limb_its_side(written: str, part: str) -> None:
    assert only(written, "laterality").key == part


@pytest.mark.parametrize(
    ("written", "generic"),
    [
        ("GIVEN SERAX 10 MG VIA NGT", "oxazepam"),
        ("Weaned down Ntg gtt", "nitroglycerin"),
        ("levoflox changed to iv", "levofloxacin"),
        ("asked for Percodan x2", "aspirin-oxycodone"),
    ],
)
def test_short_and_brand_names_of_real_notes_are_read_as_their_drug(
    written: str, generic: str
) -> None:
    assert only(written, "medication").key == generic


def test_a_route_by_tube_read_from_the_notes_contradicts_an_iv_route() -> None:
    flags = _flags("GIVEN SERAX 10 MG VIA NGT WITH GOOD EFFECT.", "Serax 10 mg given IV.")
    assert flags == ["Serax 10 mg given IV"]


def test_percodan_for_percocet_is_a_look_alike_swap() -> None:
    report = check_draft("asked for percocet x2, slept well.", "Asked for Percodan x2.")
    assert [flag.kind for flag in report.unsupported] == ["medication.lasa"]


def test_a_consult_written_on_consult_is_the_service() -> None:
    source = "pt anxious at times. psych on consult for anxiety."
    assert _flags(source, "Psychiatry consulted for the anxiety.") == []


def test_dressings_cdi_are_clean_dry_and_intact() -> None:
    assert _flags("SKIN: Dsg's CDI. Aline dampened.", "Dressings clean, dry and intact.") == []


@pytest.mark.parametrize(
    "written", ["remains in nsr, rate ~100, no ectopy", "afib with rates 90-120", "V paced rate 84"]
)
def test_the_rate_of_a_rhythm_named_before_it_is_the_heart_rate(written: str) -> None:
    assert facts_of(written, "vital.hr") != []


def test_a_rate_after_no_rhythm_is_no_heart_rate() -> None:
    assert facts_of("IVF at a rate of 50", "vital.hr") == []


def test_a_changed_rate_of_a_rhythm_contradicts_the_notes() -> None:
    flags = _flags(
        "c-v: remains in nsr, rate ~100, no ectopy.", "Normal sinus rhythm, rate about 60."
    )
    assert flags == ["rate about 60"]


@pytest.mark.parametrize("cue", ["BUN/CR", "bun/cr", "BUN/Creat"])
def test_a_bun_and_creatinine_pair_gives_both_labs(cue: str) -> None:
    assert [(fact.kind, fact.text) for fact in facts_of(f"{cue} 38/1.8", "lab")] == [
        ("lab.bun", f"{cue} 38"),
        ("lab.creatinine", "1.8"),
    ]


def test_a_changed_creatinine_of_a_pair_contradicts_the_notes() -> None:
    assert _flags("LABS: BUN/CR 38/1.8, K 4.0.", "BUN/creatinine 38/2.8.") == ["2.8"]


def test_plural_urine_outputs_are_read() -> None:
    assert facts_of("UOs adequate overnight, 50-100cc/hr.", "io.output") != []


def test_lower_case_ns_is_normal_saline() -> None:
    assert only("on ns@ 100cc/hr", "medication").key == "normal saline"


def test_a_drop_the_notes_write_after_the_labs_name_backs_a_fall() -> None:
    source = "HEME: hct drop to 26. for transfusion prbc tonight."
    assert _flags(source, "Hematocrit dropped to 26.") == []


def test_a_past_history_headed_phx_backs_a_history() -> None:
    source = "56 Y.O. man admitted s/p MVA.\nPHX: etoh, htn.\n"
    assert _flags(source, "History of alcohol use and hypertension.") == []
