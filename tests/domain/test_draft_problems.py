"""Drafts that say nothing, say one thing over and over, echo their instructions, or name
someone else as the patient: found by pure rules, each with the span to highlight."""

from app.domain.draft_problems import DraftProblem, ProblemKind, find_problems

SBAR = ("Situation", "Background", "Assessment", "Recommendation")
INSTRUCTIONS = (
    "Write an end-of-shift nursing note in SBAR format from the source notes above.\n"
    "- Recommendation — what the next shift should do, watch for or follow up, as stated in "
    "the notes.\n- Use only facts stated in the source notes. Do not add, guess or infer."
)
GOOD = (
    "Situation: Alex Demo, 67M, day 2 of pneumonia. Full code. Allergic to penicillin.\n"
    "Background: Admitted 11/21 for pneumonia of the right lower lobe. Hx HTN.\n"
    "Assessment: BP 142/88 at 0800, T 38.1 C; T 37.6 C at 1400. Resting in bed.\n"
    "Recommendation: Continue IV antibiotics, wean oxygen, repeat BMP in the morning.\n"
)


def _problems(draft: str, patient: str = "Alex Demo") -> list[DraftProblem]:
    return find_problems(draft, headings=SBAR, instructions=INSTRUCTIONS, patient_name=patient)


def _kinds(draft: str, patient: str = "Alex Demo") -> list[tuple[ProblemKind, str]]:
    return [(problem.kind, problem.section) for problem in _problems(draft, patient)]


def test_a_faithful_draft_has_no_problems() -> None:
    assert _problems(GOOD) == []


def test_a_heading_with_nothing_under_it_is_an_empty_section() -> None:
    draft = GOOD.replace(
        "Background: Admitted 11/21 for pneumonia of the right lower lobe. Hx HTN.",
        "Background:\n- ",
    )
    [problem] = _problems(draft)
    assert (problem.kind, problem.section) == (ProblemKind.EMPTY_SECTION, "Background")
    assert draft[problem.start : problem.end].startswith("Background:")


def test_a_skeleton_of_headings_that_all_say_not_documented_flags_every_section() -> None:
    draft = "".join(f"{heading}:\nNot documented.\n" for heading in SBAR)
    assert _kinds(draft) == [(ProblemKind.EMPTY_SECTION, heading) for heading in SBAR]


def test_one_section_not_documented_among_written_ones_is_allowed() -> None:
    draft = GOOD.replace(
        "Admitted 11/21 for pneumonia of the right lower lobe. Hx HTN.", "Not documented."
    )
    assert _problems(draft) == []


def test_a_sentence_written_seven_times_is_repeated_text_highlighted_from_the_second() -> None:
    sentence = "The patient was discharged home in stable condition."
    draft = " ".join([sentence] * 7)
    [problem] = _problems(draft)
    assert problem.kind is ProblemKind.REPEATED_TEXT
    assert "7 times" in problem.reason
    assert problem.start == len(sentence) + 1
    assert problem.end == len(draft)


def test_the_same_sentence_twice_in_one_section_is_repeated_text() -> None:
    draft = GOOD.replace("Resting in bed.", "Resting in bed with eyes closed. " * 2)
    assert _kinds(draft) == [(ProblemKind.REPEATED_TEXT, "Assessment")]


def test_a_long_sentence_copied_into_another_section_is_repeated_text() -> None:
    copied = "The patient has a history of asthma and is currently being treated for pneumonia."
    draft = GOOD.replace("Resting in bed.", copied).replace(
        "Continue IV antibiotics, wean oxygen, repeat BMP in the morning.", copied
    )
    assert _kinds(draft) == [(ProblemKind.REPEATED_TEXT, "Recommendation")]


def test_a_short_sentence_in_two_sections_is_not_repeated_text() -> None:
    draft = GOOD.replace("Resting in bed.", "Family at bedside today.").replace(
        "Continue IV antibiotics, wean oxygen, repeat BMP in the morning.",
        "Family at bedside today. Continue IV antibiotics.",
    )
    assert _problems(draft) == []


def test_short_phrases_that_recur_in_real_notes_are_not_repeated_text() -> None:
    draft = GOOD.replace("Resting in bed.", "Tolerated well. Tolerated well. Tolerated well.")
    assert _problems(draft) == []


def test_instructions_copied_into_the_note_are_an_echo() -> None:
    draft = GOOD.replace(
        "Continue IV antibiotics, wean oxygen, repeat BMP in the morning.",
        "what the next shift should do, watch for or follow up.",
    )
    [problem] = _problems(draft)
    assert (problem.kind, problem.section) == (ProblemKind.INSTRUCTION_ECHO, "Recommendation")
    assert "what the next shift should do, watch for or follow up" in problem.text


def test_another_person_named_as_the_patient_is_a_wrong_patient_name() -> None:
    draft = GOOD.replace("Alex Demo, 67M", "Maria Lopez, 72F")
    [problem] = _problems(draft)
    assert problem.kind is ProblemKind.WRONG_PATIENT_NAME
    assert problem.text == "Maria Lopez"
    assert "Maria Lopez" in problem.reason and "Alex Demo" in problem.reason


def test_a_relative_sharing_the_surname_is_not_the_patient() -> None:
    draft = GOOD + "Patient: Maria Demo per family.\n"
    assert _kinds(draft) == [(ProblemKind.WRONG_PATIENT_NAME, "Recommendation")]


def test_the_patient_named_by_title_and_surname_matches() -> None:
    draft = GOOD.replace("Alex Demo, 67M", "Mr. Demo is a 67-year-old man")
    assert _problems(draft) == []


def test_a_capitalised_word_after_patient_is_not_taken_for_a_name() -> None:
    assert _problems(GOOD + "Patient is Alert and oriented.\n") == []
