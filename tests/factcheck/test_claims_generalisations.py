"""Claims about what is common, typical, usual or normal in general: a nursing note records its
own patient and never states such a rule, so the clause is the draft's own unless the notes
write it."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "PMH: BPH, COPD.\n"
    "CV: TACHYCARDIC 110S, BP 120/80. TACHYPNEIC TO 30S.\n"
    "NEURO: CONFUSED AT TIMES, HALDOL GIVEN.\n"
    "GI: NAUSEA AFTER MORPHINE.\n"
)


def _sentence_flags(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if flag.kind == "sentence"]


@pytest.mark.parametrize(
    "draft",
    [
        "He has BPH, which is a common condition in micu",
        "He is tachypneic and tachycardic, which are common conditions in micu",
        "Nausea after morphine is a common side effect of morphine",
        "He is confused at times, which is typical for elderly patients",
        "He is confused at times, as is usual in patients given haldol",
        "He is tachypneic, which is normal for patients with COPD",
        "Confusion is commonly seen in elderly ICU patients",
        "Haldol was given, which is a common treatment for confusion",
    ],
)
def test_a_generalisation_the_notes_never_make_is_flagged(draft: str) -> None:
    [reason] = _sentence_flags(check_draft(SOURCE, draft))
    assert "usual in general" in reason


@pytest.mark.parametrize(
    "draft",
    [
        "BP 120/80, which is normal",
        "He is confused at times, which is typical for him",
        "He has nausea after morphine, which is usual for this patient",
        "He has a common bile duct stone",
    ],
)
def test_a_judgement_of_this_patient_is_no_generalisation(draft: str) -> None:
    assert not any(
        "usual in general" in reason for reason in _sentence_flags(check_draft(SOURCE, draft))
    )


def test_a_generalisation_the_notes_write_is_theirs() -> None:
    source = SOURCE + "CONFUSION WHICH IS COMMON IN PTS ON HALDOL PER MD.\n"
    report = check_draft(source, "He is confused at times, which is common in pts on haldol")
    assert _sentence_flags(report) == []
