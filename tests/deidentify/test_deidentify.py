"""Safe Harbor identifiers are replaced, each person keeps one tag, clinical content stays.

Every example is made up for these tests; none is taken from a real or corpus note.
"""

import pytest

from app.domain.deidentify import DateMethod, deidentify


def cleaned(text: str) -> str:
    return deidentify(text).text


# Names after titles, in any case


@pytest.mark.parametrize(
    "text",
    ["Mr. Halvorsen resting.", "mr halvorsen resting", "MR HALVORSEN RESTING"],
)
def test_a_name_after_mr_is_replaced_in_any_case(text: str) -> None:
    assert "halvorsen" not in cleaned(text).lower()


def test_an_upper_case_note_keeps_its_clinical_words_around_the_name() -> None:
    assert cleaned("MR HALVORSEN RECEIVED LOPRESSOR 5 MG IV") == (
        "MR [PATIENT] RECEIVED LOPRESSOR 5 MG IV"
    )


def test_a_clinician_after_dr_gets_a_clinician_tag() -> None:
    assert cleaned("dr okafor aware of k 3.1") == "dr [CLINICIAN-1] aware of k 3.1"


def test_an_initial_and_surname_are_replaced_together() -> None:
    assert cleaned("Z. PRZEMYSL AWARE.") == "[CLINICIAN-1] AWARE." or "PRZEMYSL" not in cleaned(
        "Z. PRZEMYSL AWARE."
    )


def test_a_signature_before_credentials_is_replaced() -> None:
    assert "tamsin" not in cleaned("report given.\ntamsin achterberg, rn").lower()


# Relation words


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("son bill called at 1400", "bill"),
        ("DAUGHTER-MARISOL AT BEDSIDE", "marisol"),
        ('wife "Odalys" visited', "odalys"),
        ("SPOKE WITH NIECE TERESITA", "teresita"),
    ],
)
def test_a_name_after_a_relation_word_is_replaced(text: str, name: str) -> None:
    assert name not in cleaned(text).lower()
    assert "[RELATIVE-1]" in cleaned(text)


@pytest.mark.parametrize("text", ["son came in at 1400", "WIFE STATES SHE IS TIRED"])
def test_an_ordinary_word_after_a_relation_word_stays(text: str) -> None:
    assert cleaned(text) == text


def test_two_names_after_a_plural_relation_are_both_replaced() -> None:
    text = cleaned("daughters marisol and odalys visited")
    assert "marisol" not in text and "odalys" not in text


# Consistent surrogates


def test_the_same_person_keeps_one_tag_through_the_note() -> None:
    text = cleaned("Dr. Okafor paged. Son Teodor here. Okafor aware, Teodor updated.")
    assert text == (
        "Dr. [CLINICIAN-1] paged. Son [RELATIVE-1] here. [CLINICIAN-1] aware, [RELATIVE-1] updated."
    )


def test_different_people_of_one_role_get_different_numbers() -> None:
    text = cleaned("Dr. Okafor and Dr. Lindqvist aware.")
    assert text == "Dr. [CLINICIAN-1] and Dr. [CLINICIAN-2] aware."


def test_a_name_ends_at_a_full_stop_so_the_next_sentence_keeps_its_own_people() -> None:
    assert cleaned("Seen by Dr Haldane. Daughter Wilma called.") == (
        "Seen by Dr [CLINICIAN-1]. Daughter [RELATIVE-1] called."
    )


def test_a_found_name_that_is_also_an_ordinary_word_is_not_replaced_as_a_word() -> None:
    text = cleaned("Dr. White aware. Sputum thick white.")
    assert text == "Dr. [CLINICIAN-1] aware. Sputum thick white."


def test_a_found_name_is_replaced_in_another_case_elsewhere() -> None:
    assert cleaned("mr halvorsen ate. HALVORSEN WALKED.") == "mr [PATIENT] ate. [PATIENT] WALKED."


# Phones and pagers


@pytest.mark.parametrize(
    "text",
    [
        "call daughter at 617 555-0142",
        "call daughter at (617) 555-0142",
        "cell 617-555-0142",
        "reached at 555-0142",
    ],
)
def test_phone_numbers_are_replaced(text: str) -> None:
    assert "0142" not in cleaned(text)
    assert "[PHONE]" in cleaned(text)


@pytest.mark.parametrize("text", ["Pager #48213", "PG 48213", "beeper number 48213"])
def test_five_digit_pagers_are_replaced(text: str) -> None:
    assert "48213" not in cleaned(text)


def test_a_volume_range_is_not_a_phone_number() -> None:
    assert cleaned("u/o 900-1500 cc today") == "u/o 900-1500 cc today"


# Places


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("pt lives in Wexbridge with wife", "Wexbridge"),
        ("TRANSFERRED FROM BMH FOR CATH", "BMH"),
        ("taken to Ashgrove Memorial Hospital", "Ashgrove"),
        ("TRANSFER TO KELLERMAN 4 WHEN BED READY", "KELLERMAN"),
        ("admitted to St Agnes last week", "Agnes"),
    ],
)
def test_places_and_institutions_are_replaced(text: str, place: str) -> None:
    assert place not in cleaned(text)
    assert "[PLACE]" in cleaned(text)


@pytest.mark.parametrize("text", ["transfer to floor in am", "sent to CT at 1400", "to OR today"])
def test_hospital_units_and_rooms_are_not_places(text: str) -> None:
    assert cleaned(text) == text


def test_a_state_may_stay() -> None:
    assert cleaned("daughter lives in Ohio") == "daughter lives in Ohio"


# Clinical allow-list


@pytest.mark.parametrize(
    "clinical",
    [
        "RECEIVED LOPRESSOR 5 MG IV",
        "DOPA AT 5 MCG/KG/MIN, NPO, GROIN SITE D&I",
        "PT AND PA AWARE. RN TO FOLLOW.",
        "CPAP/PS 10/5/40%, abg 7.38/42/88",
        "ivf 1/2 ns at 100cc/hr",
        "d5 1/4ns at kvo",
        "BP 142/88, HR 96, pain 6/10",
        "pt received 1 1/2 amps bicarb",
        "weaned to PSV 12/5 this am",
        "MAE, strength 5/5 bilat",
        "levo titrated, mso4 2mg iv q2h prn",
        "Metoprolol 25 mg PO BID, NS at 75 mL/hr.",
        "Full code. Allergies: PCN.",
    ],
)
def test_clinical_content_is_never_replaced(clinical: str) -> None:
    assert cleaned(clinical) == clinical


def test_a_fraction_after_a_date_cue_is_a_date() -> None:
    assert cleaned("extubated on 1/2 at noon") == "extubated on [DATE] at noon"


# Dates


@pytest.mark.parametrize(
    "text", ["cath 3/14", "admitted 03/14/2024", "seen Nov 14, 2024", "extubated the 14th"]
)
def test_dates_are_removed_by_default(text: str) -> None:
    result = cleaned(text)
    assert "[DATE]" in result and "14" not in result


def test_a_month_and_two_digit_year_is_a_date() -> None:
    assert cleaned("CABG 8/97, stent 11/03") == "CABG [DATE], stent [DATE]"


def test_shifted_dates_keep_their_intervals_and_format() -> None:
    result = deidentify("cath 3/14, extubated 3/16/2024", dates=DateMethod.SHIFT, shift_days=-20)
    assert result.text == "cath 2/23, extubated 2/25/2024"


def test_a_shifted_date_written_with_leading_zeros_keeps_them() -> None:
    result = deidentify("admitted 03/10/2024", dates=DateMethod.SHIFT, shift_days=-30)
    assert result.text == "admitted 02/09/2024"


def test_the_copy_says_which_date_method_was_used() -> None:
    assert "shifted" in deidentify("cath 3/14", dates=DateMethod.SHIFT).method
    assert "[DATE]" in deidentify("cath 3/14").method


def test_without_a_given_offset_each_copy_shifts_by_a_hidden_offset() -> None:
    shifted = deidentify("cath 3/14", dates=DateMethod.SHIFT).text
    assert shifted != "cath 3/14"
    assert "3/14" not in deidentify("cath 3/14", dates=DateMethod.SHIFT).method


# Ages, record numbers, contacts


@pytest.mark.parametrize("text", ["92 yo M", "a 94-year-old woman", "age 101"])
def test_ages_over_89_are_replaced(text: str) -> None:
    assert "[AGE 90+]" in cleaned(text)


def test_an_age_of_89_or_less_stays() -> None:
    assert cleaned("88 yo M") == "88 yo M"


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("MRN: 00123456", "[ID]"),
        ("acct # 99887766", "[ID]"),
        ("jsmith@example.com", "[EMAIL]"),
        ("see https://portal.example.org/x", "[URL]"),
        ("SSN 536-22-8741", "[SSN]"),
    ],
)
def test_record_numbers_and_contacts_are_replaced(text: str, token: str) -> None:
    assert token in cleaned(text)


def test_words_run_together_are_not_web_addresses() -> None:
    assert cleaned("sm amts.bilat brth snds clear") == "sm amts.bilat brth snds clear"


def test_replacements_give_kinds_and_spans_in_the_original_text() -> None:
    text = "Mr Halvorsen, MRN 1234567."
    result = deidentify(text)
    assert [(r.kind, text[r.start : r.end], r.surrogate) for r in result.replacements] == [
        ("patient", "Halvorsen", "[PATIENT]"),
        ("id", "1234567", "[ID]"),
    ]


def test_counts_are_per_kind() -> None:
    assert deidentify("Mr Halvorsen, MRN 1234567, cath 3/14.").counts() == {
        "date": 1,
        "id": 1,
        "patient": 1,
    }


# Labels and addresses


@pytest.mark.parametrize(
    ("text", "name"),
    [("Name: Alex Demo", "Demo"), ("NOK: Odalys Marquez (daughter)", "Marquez")],
)
def test_a_name_after_a_label_is_replaced(text: str, name: str) -> None:
    assert name not in cleaned(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("lives at 123 Oak Street Apt 4B", "lives at "),
        ("Springfield, IL 62704", "IL"),
        ("P.O. Box 4411", ""),
    ],
)
def test_street_addresses_and_city_and_zip_are_replaced(text: str, kept: str) -> None:
    result = cleaned(text)
    assert "[PLACE]" in result and kept in result
    assert not any(char.isdigit() for char in result)


def test_a_dose_given_per_a_doctor_is_not_an_address() -> None:
    assert cleaned("1 amp given per Dr") == "1 amp given per Dr"


@pytest.mark.parametrize(
    "setting", ["weaned down to 10/5 overnight", "vent changed over to 5/5", "tried on 5/5 today"]
)
def test_a_ventilator_setting_after_a_weaning_phrase_is_not_a_date(setting: str) -> None:
    assert cleaned(setting) == setting


def test_a_balloon_pump_weaned_off_on_a_day_has_a_date() -> None:
    assert cleaned("IABP weaned off 9/7") == "IABP weaned off [DATE]"


# What the chart already knows


def test_the_charted_patient_name_is_replaced_even_without_a_cue() -> None:
    result = deidentify("Halvorsen ambulated. HALVORSEN ate.", patient_names=["Tor Halvorsen"])
    assert result.text == "[PATIENT] ambulated. [PATIENT] ate."


def test_a_charted_name_that_is_also_a_word_stays_where_it_is_a_word() -> None:
    result = deidentify("Mr White up in chair. sputum white.", patient_names=["Ada White"])
    assert result.text == "Mr [PATIENT] up in chair. sputum white."


def test_the_charted_mrn_is_replaced_without_a_label() -> None:
    result = deidentify("Labs for WS-004417 sent.", identifiers=["WS-004417"])
    assert result.text == "Labs for [ID] sent."
