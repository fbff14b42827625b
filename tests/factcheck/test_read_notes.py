"""Notes read once and checked against many times: the same reports as reading them each time."""

import pytest

from app.domain.factcheck import check_against, check_draft, read_notes
from bench.factcheck import HOLDOUT18_DIR, real_corpus
from tests.factcheck.test_check_draft import SOURCE

DRAFTS = (
    "BP 142/88, HR 96, sats 93% on 2 L nasal cannula. Lopressor 25 mg by mouth twice daily.",
    "HR 112 at 0800. Heparin drip at 1,000 units/hr. Her daughter, a pharmacist, visited.",
    "Allergies: none. Full code. Potassium 3.3, MD aware; 20 mEq KCl given by mouth.",
)


@pytest.mark.parametrize("draft", DRAFTS)
def test_a_check_against_read_notes_gives_the_report_of_reading_them_anew(draft: str) -> None:
    assert check_against(read_notes(SOURCE), draft) == check_draft(SOURCE, draft)


def test_one_reading_of_the_notes_serves_different_drafts_in_turn() -> None:
    notes = read_notes(SOURCE)

    reports = [check_against(notes, draft) for draft in (*DRAFTS, *reversed(DRAFTS))]

    assert reports == [check_draft(SOURCE, draft) for draft in (*DRAFTS, *reversed(DRAFTS))]


def test_the_patient_name_is_given_per_check_not_kept_with_the_notes() -> None:
    notes = read_notes(SOURCE)
    draft = "Mr Halvorsen: HR 96, BP 142/88."

    named = check_against(notes, draft, patient_name="Halvorsen")
    unnamed = check_against(notes, draft)

    assert named == check_draft(SOURCE, draft, patient_name="Halvorsen")
    assert unnamed == check_draft(SOURCE, draft)


def test_real_notes_read_once_give_each_faithful_draft_the_report_of_reading_them_anew() -> None:
    corpus = real_corpus(HOLDOUT18_DIR)
    if corpus is None:
        pytest.skip("the real notes are not on this machine")
    for _, source, draft in corpus.faithful[:3]:
        notes = read_notes(source)
        first, again = check_against(notes, draft), check_against(notes, draft)
        assert first == again == check_draft(source, draft)
