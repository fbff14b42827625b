"""How nurses write identifiers: towns in any case, initials, surnames that are words, day
ranges; and the shorthand that only looks like them (culture bottles, "2/2", vent lists).

Every example is made up for these tests; none is taken from a real or corpus note.
"""

import pytest

from app.domain.deidentify import deidentify


def cleaned(text: str) -> str:
    return deidentify(text).text


# Towns from the gazetteer


@pytest.mark.parametrize(
    "text",
    [
        "Lives with wife in Hagerstown.",
        "LIVES WITH WIFE AND 2 SONS IN HAGERSTOWN",
        "lives with wife in hagerstown",
    ],
)
def test_a_listed_town_is_replaced_in_any_case(text: str) -> None:
    assert "hagerstown" not in cleaned(text).lower()
    assert "[PLACE]" in cleaned(text)


def test_a_listed_town_needs_no_cue_when_it_is_no_ordinary_word() -> None:
    assert cleaned("FAMILY DROVE DOWN FROM FROSTBURG TODAY") == (
        "FAMILY DROVE DOWN FROM [PLACE] TODAY"
    )


@pytest.mark.parametrize(
    "text", ["son flew back to silver spring today", "SON FLEW BACK TO SILVER SPRING TODAY"]
)
def test_a_town_named_with_ordinary_words_is_replaced_after_a_place_word(text: str) -> None:
    assert "spring" not in cleaned(text).lower()


@pytest.mark.parametrize(
    "text",
    [
        "PLAN TO START HEPARIN AT MN",
        "d/c to home with services",
        "MEDS AT HOME: ASA, LOPRESSOR",
        "thick yellow to white secretions",
    ],
)
def test_an_ordinary_word_that_names_a_town_somewhere_stays(text: str) -> None:
    assert cleaned(text) == text


@pytest.mark.parametrize(
    "text", ["in the process of moving from Florida.", "SON FROM TEXAS CALLED"]
)
def test_a_state_after_a_place_word_stays(text: str) -> None:
    assert cleaned(text) == text


# Institutions, wards and homes


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("PT TRANSFERRED TO 412 WESTLAKEHALL.", "WESTLAKEHALL"),
        ("c/o to brennigan if stable overnight", "brennigan"),
        ("he works for brightwell health.", "brightwell health"),
        ("transferred from Good Samaritan for cath", "Good Samaritan"),
        ("Pt admitted from NJ Hospital at 0300", "NJ Hospital"),
        ('asked to go "to lionel fairweather\'s house"', "lionel fairweather"),
    ],
)
def test_institutions_wards_and_homes_are_replaced(text: str, place: str) -> None:
    assert place not in cleaned(text)
    assert "[PLACE]" in cleaned(text)


def test_a_relative_s_house_is_no_place_name() -> None:
    assert cleaned("will stay at her daughter's house") == "will stay at her daughter's house"


@pytest.mark.parametrize(
    "text",
    [
        "SEEN BY NSICU TEAM THIS AM",
        "FOUND WANDERING HOSPITAL HALLWAY",
        "had a prolonged hospital stay",
        "I want to go back to the basic hospital",
    ],
)
def test_units_and_words_before_hospital_are_not_places(text: str) -> None:
    assert cleaned(text) == text


# Patients written as initials, clinicians whose surname is a word


@pytest.mark.parametrize(
    "text", ["micu nursing progress: mr J remained on pressors", "SPOKE WITH MS T. ABOUT PLAN"]
)
def test_a_patient_written_as_a_title_and_initial_is_replaced(text: str) -> None:
    assert "[PATIENT]" in cleaned(text)


@pytest.mark.parametrize("text", ["MS A&O X3, MAE", "MS: sedated, arousable", "MR 2+ on echo"])
def test_mental_status_and_mitral_regurgitation_are_not_initials(text: str) -> None:
    assert cleaned(text) == text


@pytest.mark.parametrize(
    ("text", "surname"),
    [
        ("discussed with dr okafor and dr strand today", "strand"),
        ("500CC LR GIVEN PER DR.LANTERN. BP UP", "LANTERN"),
    ],
)
def test_a_surname_after_dr_is_replaced_even_if_it_is_a_word(text: str, surname: str) -> None:
    assert surname not in cleaned(text)
    assert "[CLINICIAN-" in cleaned(text)


@pytest.mark.parametrize(
    "text",
    ["dr aware of k 3.1", "DR ORDERED LASIX 20 IV", "would like to speak with dr's after rounds"],
)
def test_what_a_doctor_did_is_no_surname(text: str) -> None:
    assert cleaned(text) == text


# Dates


@pytest.mark.parametrize(
    "text",
    ["returned to OR on 3-9 for clipping", "family meeting 041588", "seen on the 9th at noon"],
)
def test_day_ranges_and_run_together_dates_are_dates(text: str) -> None:
    assert "[DATE]" in cleaned(text)


@pytest.mark.parametrize(
    "text", ["on 2-3 L nc", "grossly edematous on 1-2 pillows", "bleed into the 4th ventricle"]
)
def test_counts_and_ordinals_of_things_are_not_dates(text: str) -> None:
    assert cleaned(text) == text


# Clinical shorthand that looks like an identifier


@pytest.mark.parametrize(
    "clinical",
    [
        "sputum expectorated (2/2 weak cough)",
        "ID: pos blood cx 2/4, recultured",
        "gram neg rods in 3/4 bl cx from line",
        "TV 500, RR 12-16, & 10/5. SATS OK",
        "co/ci improved to 5-6/3-4 after fluid",
        "WEANING HELD DUE TO PH 7.29",
        "rec'd 1 u prbc, hct pending",
        "nc 02 dec from 4->2, sats 97%",
        "pacer in place-vdemand 60, nbp 100/50",
    ],
)
def test_clinical_shorthand_is_never_replaced(clinical: str) -> None:
    assert cleaned(clinical) == clinical


def test_a_relation_word_in_capitals_introduces_a_name() -> None:
    assert cleaned("NEPHEW-TORVALD CALLED FOR UPDATE") == "NEPHEW-[RELATIVE-1] CALLED FOR UPDATE"


@pytest.mark.parametrize("text", ["pager 77310", "PGR# 77310", "cell 301 555-0198"])
def test_pagers_and_phones_after_a_label_are_replaced(text: str) -> None:
    assert "[PHONE]" in cleaned(text)
    assert "7731" not in cleaned(text) and "0198" not in cleaned(text)


@pytest.mark.parametrize(
    "text", ["HOLD CAPTOPRIL UNLESS BP PERMITS", "Perking up as night went on"]
)
def test_a_cue_word_inside_a_longer_word_is_no_cue(text: str) -> None:
    assert cleaned(text) == text


@pytest.mark.parametrize(
    ("text", "surname"),
    [
        ("SPOKE WITH DR. FOLEY ABOUT PLAN", "FOLEY"),
        ("DR K BISHOP IN TO SEE PT", "BISHOP"),
        ("dr k bishop in to see pt", "bishop"),
    ],
)
def test_a_surname_or_initial_after_dr_is_read_in_capitals_and_lower_case(
    text: str, surname: str
) -> None:
    assert surname not in cleaned(text)


@pytest.mark.parametrize(
    "text", ["PT'S PROXY IS MARISOL TEVES, HIS NIECE", "pt's proxy is marisol teves, his niece"]
)
def test_a_name_after_a_relation_word_and_is_is_replaced(text: str) -> None:
    assert "marisol" not in cleaned(text).lower() and "teves" not in cleaned(text).lower()
    assert "[RELATIVE-1]" in cleaned(text)


@pytest.mark.parametrize("text", ["daughter is here now", "WIFE IS TIRED", "dr to d/c foley"])
def test_an_ordinary_word_after_a_relation_and_is_stays(text: str) -> None:
    assert cleaned(text) == text


def test_a_hyphenated_word_before_general_is_no_hospital_name() -> None:
    text = "L LEG EXTERNALLY ROTATED-CO GENERAL DISCOMFORT"
    assert cleaned(text) == text


# Rhythms, sides and dotted abbreviations


@pytest.mark.parametrize(
    "clinical",
    [
        "CV: HR 122 ST DOWN TO 104 SR AFTER FLUID",
        "hr 88 sb, occasional pvc",
        "breath sounds coarse R>L. Suct for thick white sputum",
        "crackles L > R bases. Suctioned x2",
        "G.I-ABD FIRM, +BS",
        "G.U. foley draining clear yellow urine",
    ],
)
def test_rhythms_sides_and_dotted_system_headings_are_never_replaced(clinical: str) -> None:
    assert cleaned(clinical) == clinical


def test_dotted_initials_before_a_surname_are_still_a_name() -> None:
    assert "Welsh" not in cleaned("Seen by E. Welsh this morning.")


# Wards, abbreviated saints and colleagues named by their service


def test_a_lower_case_ward_with_a_choice_of_floors_is_replaced() -> None:
    text = "Afebrile today. Plan possible transfer to brennigan 2/3 tomorrow."
    assert cleaned(text) == "Afebrile today. Plan possible transfer to [PLACE] 2/3 tomorrow."


def test_a_lower_case_misspelling_after_a_movement_word_without_a_floor_stays() -> None:
    text = "Pt admitted to micuu from ED. Pt stable overnight."
    assert cleaned(text) == text


def test_a_ward_named_in_the_plan_with_its_floor_is_replaced() -> None:
    assert cleaned("PLAN: WESTLAKEHALL 6 WHEN BED READY") == "PLAN: [PLACE] WHEN BED READY"


def test_a_drug_and_dose_in_the_plan_is_no_ward() -> None:
    assert cleaned("Plan: lasix 40 iv bid") == "Plan: lasix 40 iv bid"


def test_a_saints_hospital_shortened_to_an_initial_is_replaced() -> None:
    assert (
        cleaned("Dispo: has a bed @ St C. once cleared.")
        == "Dispo: has a bed @ [PLACE]. once cleared."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Pt alert. rose ellen okonkwo from speech saw pt for swallow eval.",
        "SEEN BY GRACE MBEKI FROM PT THIS AM",
        "Family met with Hilda Varga from social work.",
    ],
)
def test_a_colleague_named_before_the_service_she_comes_from_is_a_clinician(text: str) -> None:
    assert "[CLINICIAN-1]" in cleaned(text)


@pytest.mark.parametrize(
    "text",
    ["Pt returned from PT. Note from speech: nectar thick.", "WIFE IN FROM PT ROOM"],
)
def test_words_before_a_service_that_are_no_name_stay(text: str) -> None:
    assert cleaned(text) == text


# Doctors' first names that are words, state codes that are words, run-together buildings


@pytest.mark.parametrize(
    "text", ["SEEN BY DR WILL BRANDT (ATTENDING)", "seen by dr will brandt (attending)"]
)
def test_a_doctors_first_name_that_is_a_word_is_read_with_the_surname_after_it(text: str) -> None:
    assert "brandt" not in cleaned(text).lower()
    assert "will" not in cleaned(text).lower()


@pytest.mark.parametrize("text", ["DR WILL SEE PT IN AM", "dr will call back with results"])
def test_what_a_doctor_will_do_is_no_name(text: str) -> None:
    assert cleaned(text) == text


def test_a_state_code_that_is_also_a_word_names_no_hospital() -> None:
    text = "PT ORIENTED, KNOWS SHE IS IN HOSPITAL."
    assert cleaned(text) == text


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ('knows he is in the hospital ("WestlakeBuilding")', "Westlake"),
        ("PT TO FARNSWORTHHALL AT NOON", "FARNSWORTH"),
    ],
)
def test_a_building_run_into_its_name_is_replaced(text: str, place: str) -> None:
    assert place not in cleaned(text)
    assert "[PLACE]" in cleaned(text)


def test_an_ordinary_word_run_into_hall_stays() -> None:
    assert cleaned("walked in the hallway, no overhall needed") == (
        "walked in the hallway, no overhall needed"
    )


# Addresses in capitals or lower case


@pytest.mark.parametrize(
    "text", ["LIVES AT 1187 OLD MILL ROAD, APT 4 WITH WIFE", "lives at 42 kettering rd with wife"]
)
def test_a_street_address_in_any_case_is_replaced(text: str) -> None:
    result = cleaned(text)
    assert "[PLACE]" in result and not any(char.isdigit() for char in result)


@pytest.mark.parametrize("text", ["gave 2 units on the road", "HR 110 ST, BP STABLE"])
def test_numbers_before_a_road_word_or_st_are_no_address(text: str) -> None:
    assert cleaned(text) == text


def test_a_zip_code_after_a_state_code_is_replaced_in_capitals() -> None:
    assert "18512" not in cleaned("LIVES IN DUNMORE, PA 18512 WITH WIFE")


# Products before their dosage form, ventilator backup rates


@pytest.mark.parametrize(
    "clinical",
    [
        "Mesalamine given. Aloe Pellanor oint applied to sacrum.",
        "CALMOZINE CREAM TO BUTTOCKS",
        "Tolerating BiPAP w/ BU RR 12.",
        "bipap 12/5, b/u rate 10",
    ],
)
def test_a_product_before_its_dosage_form_and_a_backup_rate_are_never_replaced(
    clinical: str,
) -> None:
    assert cleaned(clinical) == clinical


def test_a_relative_named_before_bringing_a_lotion_is_still_replaced() -> None:
    assert cleaned("Son Brandon brought lotion from home.") == (
        "Son [RELATIVE-1] brought lotion from home."
    )


# Surnames after a first name or a name particle, in any case


@pytest.mark.parametrize(
    ("text", "surname"),
    [
        ("FAMILY UPDATED. DR. VAN BRUGGEN (PCP) WAS IN", "BRUGGEN"),
        ("son john okonkwo called twice", "okonkwo"),
    ],
)
def test_a_word_in_no_dictionary_after_a_cued_first_name_or_particle_is_the_surname(
    text: str, surname: str
) -> None:
    assert surname not in cleaned(text)


def test_an_ordinary_word_after_a_cued_first_name_stays() -> None:
    assert cleaned("SON JOHN CALLED TODAY") == "SON [RELATIVE-1] CALLED TODAY"


def test_a_word_only_a_drugs_longer_name_uses_stays_the_drugs() -> None:
    assert "contin" in cleaned("no complaints after receiving am ms contin.").lower()
