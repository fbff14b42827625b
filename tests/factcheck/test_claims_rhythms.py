"""A heart rhythm a draft gives where the notes give another: read in the forms nurses write a
rhythm, backed by any rhythm of its family the notes name."""

import pytest

from app.domain.factcheck import check_draft


def _reasons(source: str, draft: str) -> list[str]:
    report = check_draft(source, draft)
    return [flag.reason for flag in report.unsupported if "rhythm" in flag.reason]


def test_a_bradycardia_where_the_notes_give_sinus_tachycardia_is_flagged() -> None:
    source = "CV: pt has been in ST with no ectopy. BP low all night, HO aware."

    [reason] = _reasons(source, "Cardiovascular: Sinus bradycardia with no ectopy.")
    assert reason == (
        "Contradicts the notes: the notes give the rhythm as “ST”, never sinus bradycardia."
    )


def test_a_fibrillation_where_the_notes_give_only_sinus_rhythm_is_flagged() -> None:
    assert _reasons("HR 80s NSR, no ectopy.", "Atrial fibrillation in the 80s.") != []


@pytest.mark.parametrize(
    ("source", "draft"),
    [
        ("HR 105-110 SR, no ectopy.", "Sinus tachycardia to 110."),
        ("HR 80s NSR. hx afib.", "History of atrial fibrillation, now in sinus rhythm."),
        ("cv: hr 90-100 af, return to sr ~12p.", "Heart rate 90-100 in atrial fibrillation."),
        ("HR 80s NSR, no ectopy.", "No atrial fibrillation seen."),
        ("HR 70s, BP 120/60.", "Sinus bradycardia in the 70s."),
    ],
    ids=["sinus-family", "history", "af-on-a-strip", "denied", "notes-name-none"],
)
def test_a_rhythm_its_family_or_silence_backs_is_not_flagged(source: str, draft: str) -> None:
    assert _reasons(source, draft) == []


def test_speech_therapy_written_st_gives_no_rhythm() -> None:
    source = "ST following for swallow eval. HR 80s SB."

    assert _reasons(source, "Speech therapy following; sinus bradycardia in the 80s.") == []


def test_afebrile_written_af_makes_the_notes_give_no_rhythm() -> None:
    assert _reasons("T 37.2 AF, HR 80s.", "Sinus rhythm in the 80s.") == []
