"""What is kept of the model's passage for one prose slot."""

from app.domain.grounded.prose import (
    clean_prose,
    without_echoed_task,
    without_first_person,
    without_instruction_words,
    without_listed,
    without_repeats,
    without_unbacked_conditions,
)

OTHERS = ["Background", "Assessment", "Vital signs", "Medications"]


def test_the_passage_ends_where_the_model_starts_another_section() -> None:
    written = "68 yo M with CHF, diuresing well.\n\nBackground:\nPMH CAD, HTN."
    assert clean_prose(written, "Situation", OTHERS) == "68 yo M with CHF, diuresing well."


def test_a_line_opening_with_a_fact_section_ends_the_passage() -> None:
    written = "Resting comfortably overnight.\nVital signs: BP 118/70, HR 82."
    assert clean_prose(written, "Assessment", OTHERS) == "Resting comfortably overnight."


def test_the_slots_own_heading_echoed_by_the_model_is_dropped() -> None:
    assert clean_prose("**Situation:** Sleeping, easily roused.", "Situation", OTHERS) == (
        "Sleeping, easily roused."
    )


def test_a_sentence_written_twice_is_kept_once() -> None:
    written = "Tolerating diuresis. Lungs with crackles. Tolerating diuresis."
    assert clean_prose(written, "Assessment", OTHERS) == (
        "Tolerating diuresis. Lungs with crackles."
    )


def test_a_colon_inside_a_sentence_is_not_a_heading() -> None:
    written = "Pt on nitro: weaned to off.\nSecond paragraph follows."
    assert clean_prose(written, "", OTHERS) == written


def test_placeholders_are_removed() -> None:
    assert clean_prose("[Insert situation here]", "Situation", OTHERS) == ""


def test_a_last_sentence_cut_off_by_the_token_limit_is_dropped() -> None:
    written = "68 yo M admitted with CHF. PMH: CAD, S/P MI. LCX PTCA; 3V CABG WITH M"
    assert (
        clean_prose(written, "Situation", OTHERS) == "68 yo M admitted with CHF. PMH: CAD, S/P MI."
    )


def test_a_single_unfinished_sentence_is_kept() -> None:
    assert clean_prose("Resting comfortably", "Situation", OTHERS) == "Resting comfortably"


def test_a_passage_the_token_limit_cut_before_any_sentence_ended_is_dropped() -> None:
    written = "Patient: 68 YO M ADMITTED FOR CHF; PMH: CAD; S/P MI; 3V CABG WITH M"
    assert clean_prose(written, "Situation", OTHERS, cut_off=True) == ""


def test_a_passage_that_stopped_at_a_heading_of_its_own_is_whole_at_the_token_limit() -> None:
    written = "stable\n\nBackground:\nPMH CAD, HTN, S/P MI, 3V CABG WITH M"
    assert clean_prose(written, "Illness severity", OTHERS, cut_off=True) == "stable"


def test_a_list_item_with_nothing_after_its_number_is_dropped() -> None:
    written = "5. Lungs with crackles at both bases, otherwise clear\n6."
    assert clean_prose(written, "", OTHERS) == (
        "5. Lungs with crackles at both bases, otherwise clear"
    )


def test_a_passage_that_is_only_a_markdown_rule_is_empty() -> None:
    assert clean_prose("---", "", OTHERS) == ""


def test_a_number_standing_alone_on_its_line_is_dropped() -> None:
    assert clean_prose("Resting comfortably.\n1.2.", "", OTHERS) == "Resting comfortably."


def test_a_markdown_title_opening_the_passage_is_dropped() -> None:
    written = "### Opening Passage of Shift Note\nSlept most of the night."
    assert clean_prose(written, "", OTHERS) == "Slept most of the night."


def test_a_markdown_title_after_the_prose_ends_the_passage() -> None:
    written = "Slept most of the night.\n## Plan for the day\nWean O2."
    assert clean_prose(written, "", OTHERS) == "Slept most of the night."


def test_a_decimal_point_is_not_a_sentence_end() -> None:
    written = "Febrile overnight. T max 38.9 at 0200 and"
    assert clean_prose(written, "Situation", OTHERS) == "Febrile overnight."


def test_a_sentence_echoing_the_slots_instruction_is_dropped() -> None:
    instruction = "In one sentence, say why the patient was admitted, as the notes state it."
    written = "Say why the patient was admitted, as the notes state it. Admitted with CHF."
    assert clean_prose(written, "Reason", OTHERS, instruction) == "Admitted with CHF."


def test_lines_copied_from_the_fact_listing_are_dropped_from_a_passage() -> None:
    listing = "Vital signs:\n- Heart rate: HR 96 → HR 82\nLabs:\n- Potassium: K 3.2 (low)"
    passage = "Diuresed well overnight.\n- Heart rate: HR 96 → HR 82\nPotassium: K 3.2 (low)"
    assert without_listed(passage, listing) == "Diuresed well overnight."


def test_lines_holding_a_prompt_delimiter_are_dropped() -> None:
    written = "<<<SOURCE NOTES — DATA, NOT INSTRUCTIONS>>>\nAdmitted with CHF."
    assert clean_prose(written, "Situation", OTHERS) == "Admitted with CHF."


def test_a_sentence_already_written_earlier_in_the_draft_is_dropped() -> None:
    earlier = "Reason for admission:\nAdmitted 8/11 with SOB.\n\nHospital course:\n"
    passage = "Admitted 8/11 with SOB. Intubated, then weaned."
    assert without_repeats(passage, earlier) == "Intubated, then weaned."


def test_a_fact_line_restated_as_a_numbered_bold_item_is_a_repeat() -> None:
    elsewhere = "Vital signs:\n- Cardiac output: c/o is 7\n"
    assert without_repeats("1. **Cardiac output:** c/o is 7\nStable.", elsewhere) == "Stable."


FRAMING = "Task: write the opening passage of a Shift note (SBAR). "


def test_an_opening_echoing_the_task_framing_with_words_skipped_is_dropped() -> None:
    passage = "Passage of Shift Note (SBAR) The patient walked twice in the hall."

    assert without_echoed_task(passage, FRAMING) == "The patient walked twice in the hall."


def test_a_sentence_that_only_starts_with_a_framing_word_is_kept() -> None:
    passage = "The patient walked twice in the hall."

    assert without_echoed_task(passage, FRAMING) == passage


def test_framing_words_running_into_the_sentence_itself_are_kept() -> None:
    passage = "The opening of a shift note was calm and the patient slept."

    assert without_echoed_task(passage, FRAMING) == passage


def test_a_passage_ends_where_the_model_starts_emphasised_labels() -> None:
    text = "The patient walked in the hall.\n**Nurse:** The patient has been receiving care."

    assert clean_prose(text, "Assessment", []) == "The patient walked in the hall."


def test_a_passage_ends_where_the_model_starts_a_numbered_list_of_labels() -> None:
    text = "The patient slept.\n1. **Heart rate**: The heart rate was above its target."

    assert clean_prose(text, "Assessment", []) == "The patient slept."


def test_a_decimal_point_does_not_cut_a_sentence_into_a_repeat_and_a_stray_number() -> None:
    passage = "Temperature: TMAX 103.8 hours ago, then afebrile."
    assert without_repeats(passage, "Temperature:\n- Temperature: TMAX 103.8\n") == passage


ASSESSMENT = (
    "In two to four sentences, give the nurse's assessment as the notes describe it: the "
    "findings by body system, what was done and how the patient responded."
)


def test_a_sentence_taking_the_instructions_words_for_a_finding_is_dropped() -> None:
    notes = "HR 80s SR. BP 100-130/60. Lungs clear."
    passage = "The patient's body system was severely compromised. Lungs clear, HR 80s."

    kept = without_instruction_words(passage, ASSESSMENT, notes)

    assert kept == "Lungs clear, HR 80s."


def test_a_sentence_holding_two_words_of_the_request_the_notes_never_use_is_dropped() -> None:
    notes = "Nipride gtt, titrating to keep SBP <140. Lungs clear."
    passage = "The patient responded to the assessment by titrating Nipride. Lungs clear."

    assert without_instruction_words(passage, ASSESSMENT, notes) == "Lungs clear."


def test_one_word_of_the_request_the_notes_never_use_is_not_enough() -> None:
    notes = "Nipride gtt, titrating to keep SBP <140."
    passage = "Nipride was titrated, and the blood pressure responded."

    assert without_instruction_words(passage, ASSESSMENT, notes) == passage


def test_instruction_words_the_notes_also_put_together_are_kept() -> None:
    notes = "Neuro: intact. Review of each body system unremarkable."
    passage = "Each body system was reviewed and found unremarkable."

    assert without_instruction_words(passage, ASSESSMENT, notes) == passage


def test_a_label_opening_the_line_is_not_read_as_the_instructions_words() -> None:
    instruction = "In one or two sentences, say who the patient is and the main issue."
    passage = "Main issue: restenosis of L circ, PTCA done."

    kept = without_instruction_words(passage, instruction, "Restenosis of L circ. PTCA done.")

    assert kept == passage


def test_the_patient_as_a_sentences_subject_is_not_the_instructions_words() -> None:
    notes = "Pt responded well to lasix, diuresed 1L."
    passage = "The patient responded well to Lasix."

    assert without_instruction_words(passage, ASSESSMENT, notes) == passage


def test_a_sentence_saying_the_same_words_twice_over_is_dropped() -> None:
    written = (
        "Able to answer simple questions. The patient was not able to respond to simple "
        "questions, and the patient was not able to respond to simple questions."
    )

    assert clean_prose(written, "Assessment", OTHERS) == "Able to answer simple questions."


def test_three_sentences_in_one_frame_are_a_loop_and_all_go() -> None:
    written = (
        "Hypotensive on arrival. The patient has been given a DDD mode to improve BP range. "
        "The patient has been given a PVD to improve BP range. "
        "The patient has been given a NIDDM to improve BP range."
    )

    assert clean_prose(written, "Assessment", OTHERS) == "Hypotensive on arrival."


def test_two_sentences_in_one_frame_are_kept() -> None:
    written = (
        "The patient was given IV Lasix 40 mg with good diuresis. "
        "The patient was given IV Ativan 1 mg for agitation."
    )

    assert clean_prose(written, "Assessment", OTHERS) == written


def test_the_model_speaking_as_the_patient_is_dropped() -> None:
    notes = "NEURO: SLURRED SPEECH. TO HEAD CT. ATIVAN 2MG IV X1 GIVEN."
    passage = "Slurred speech noted. I was given ativan 2mg IV X1. I went for head CT."

    assert without_first_person(passage, notes) == "Slurred speech noted."


def test_the_nurses_own_first_person_copied_from_the_notes_is_kept() -> None:
    notes = "Pt agitated overnight. I notified Dr. Lee at 0200, ativan ordered."
    passage = "I notified the physician of the agitation at 0200."

    assert without_first_person(passage, notes) == passage


def test_the_i_of_i_pass_is_no_first_person() -> None:
    passage = "The I-PASS handoff is to the night team."

    assert without_first_person(passage, "Report given to night RN.") == passage


def test_a_condition_in_words_the_notes_never_use_is_dropped() -> None:
    notes = "NEURO: AGITATED OVERNIGHT, ATIVAN 1MG IV X2 WITH GOOD EFFECT."
    passage = (
        "Agitated overnight. If the patient is experiencing severe agitation, they may need "
        "to be evaluated by a healthcare professional."
    )

    assert without_unbacked_conditions(passage, notes) == "Agitated overnight."


def test_a_condition_the_notes_set_is_kept() -> None:
    notes = "NEURO: AGITATED OVERNIGHT. PLAN: IF AGITATED, ATIVAN 1MG IV PRN."
    passage = "If agitated, give Ativan 1 mg IV."

    assert without_unbacked_conditions(passage, notes) == passage
