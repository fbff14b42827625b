"""Every draft sentence is aligned with the source sentences that support it."""

from app.domain.factcheck import check_draft

SOURCE = (
    "NEURO: A&O X3, MAE. PERRL.\n"
    "RESP: LS CLEAR, SATS 96% ON 2L NC.\n"
    "GI: TOL DIET, ABD SOFT. WIFE IN TO VISIT, UPDATED BY MD.\n"
)


def test_a_paraphrase_of_shorthand_is_supported_by_its_source_sentence() -> None:
    draft = "Alert and oriented x3 and moves all extremities."
    report = check_draft(SOURCE, draft)
    [sentence] = report.sentences
    assert sentence.supported
    assert [SOURCE[span.start : span.end] for span in sentence.evidence] == ["NEURO: A&O X3, MAE"]


def test_an_invented_narrative_sentence_is_not_found_in_the_notes() -> None:
    draft = "Her daughter, a pharmacist in Boston, plans a cruise after discharge."
    report = check_draft(SOURCE, draft)
    assert [(flag.kind, flag.text) for flag in report.unsupported] == [
        ("sentence", draft.rstrip("."))
    ]


def test_a_sentence_flag_slices_the_draft_at_its_offsets() -> None:
    draft = "Lungs clear. The patient won the state lottery and bought a sailboat in June."
    report = check_draft(SOURCE, draft)
    [flag] = [flag for flag in report.unsupported if flag.kind == "sentence"]
    assert draft[flag.start : flag.end] == flag.text


def test_a_conditional_plan_is_not_judged_as_a_claim() -> None:
    report = check_draft(SOURCE, "If saturations drop below ninety, call the rapid response team.")
    assert report.sentences[0].supported


def test_a_sentence_with_a_flagged_fact_is_not_flagged_again() -> None:
    report = check_draft(SOURCE, "Started vancomycin 1 g IV for fevers and chills today.")
    assert [flag.kind for flag in report.unsupported] == ["medication"]


def test_a_condition_after_a_call_instruction_is_a_plan_too() -> None:
    report = check_draft(SOURCE, "Call the rapid response team if saturations fall below ninety.")
    assert report.sentences[0].supported


def test_a_recommendation_with_should_is_judged_as_a_claim() -> None:
    draft = "The next shift should arrange a CT scan to find the underlying cause of the COPD."
    report = check_draft(SOURCE, draft)
    assert [flag.kind for flag in report.unsupported] == ["sentence"]


def test_an_indirect_question_with_if_is_judged_as_a_claim() -> None:
    draft = "A CT scan will determine if there is an underlying cause of the COPD."
    report = check_draft(SOURCE, draft)
    assert [flag.kind for flag in report.unsupported] == ["sentence"]


def test_word_forms_of_the_notes_words_support_a_sentence() -> None:
    source = "Attempt to wean to extubate. Glu wnl."
    report = check_draft(source, "Keep weaning toward extubation. Glucose within normal limits.")
    assert all(sentence.supported for sentence in report.sentences)


def test_a_relative_the_notes_never_mention_is_not_found_in_the_notes() -> None:
    report = check_draft(SOURCE, "Her sister visited and was updated by MD.")
    [flag] = report.unsupported
    assert flag.kind == "sentence"
    assert "relative" in flag.reason


def test_a_relative_the_notes_name_in_other_words_is_supported() -> None:
    report = check_draft("Pt's parents in to visit.", "Her mother and father visited the patient.")
    assert report.unsupported == []


def test_a_mother_is_not_supported_by_a_father() -> None:
    report = check_draft("Father in to visit, updated.", "Her mother visited and was updated.")
    assert [flag.kind for flag in report.unsupported] == ["sentence"]


def test_a_history_the_notes_never_give_is_not_found_in_the_notes() -> None:
    report = check_draft(SOURCE, "Alert and oriented, with a history of respiratory issues.")
    assert [flag.kind for flag in report.unsupported] == ["sentence"]


def test_a_history_the_notes_list_is_supported() -> None:
    report = check_draft("PMH: CHF, DM. A&O x3.", "History of CHF and diabetes; alert, oriented.")
    assert report.unsupported == []
