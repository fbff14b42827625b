"""An abbreviation glossed in brackets as something it does not stand for: "1 prbc (Protein
Bronchial Collection)"."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "RENAL: Initially low uop. Crea up 1.6. Low hct. Gave 1 prbc. uop improved.\n"
    "NEURO: A+OX3, mae, follows commands. LS clear.\n"
)


def _reasons(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if "stands for" in flag.reason]


def test_a_gloss_that_shares_no_word_with_the_abbreviation_is_flagged() -> None:
    draft = "The patient received 1 prbc (Protein Bronchial Collection)."
    assert _reasons(check_draft(SOURCE, draft)) == [
        "Not found in the notes: prbc stands for packed cells, not “Protein Bronchial Collection”."
    ]


@pytest.mark.parametrize(
    "draft",
    [
        "The patient received 1 PRBC (packed red blood cells).",
        "LS (lung sounds) clear.",
        "MAE (moves all extremities), follows commands.",
        "A+O (alert and oriented) x3.",
    ],
)
def test_a_gloss_in_the_words_of_the_abbreviation_is_not_flagged(draft: str) -> None:
    assert _reasons(check_draft(SOURCE, draft)) == []


@pytest.mark.parametrize(
    "draft",
    ["LS (coarse bilaterally) clear.", "Gave 1 prbc (rapid, per team)."],
)
def test_brackets_that_qualify_rather_than_gloss_are_let_be(draft: str) -> None:
    assert _reasons(check_draft(SOURCE, draft)) == []


def test_an_abbreviation_the_lexicon_does_not_know_is_let_be() -> None:
    draft = "Crea (Creative Reading Effort) up 1.6."
    assert _reasons(check_draft(SOURCE, draft)) == []


def test_a_gloss_the_notes_give_themselves_is_theirs() -> None:
    source = SOURCE + "NOTE: LS (left side) lying preferred.\n"
    assert _reasons(check_draft(source, "LS (left side) lying preferred.")) == []


def test_a_reference_in_brackets_after_shorthand_is_no_gloss() -> None:
    draft = "Insulin drip titrated per SS (see care vue)."
    assert _reasons(check_draft("Insulin gtt titrated per ss.", draft)) == []
