"""A calendar year the notes never give, and a change by an amount the notes never write as a
change."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "PT ADMITTED 10/3 FOR L CAROTID STENT. ADMITTED TO GH 9/28/87.\n"
    "LABS: HCT 23, NO CHANGE IN AM HCT. IONIZED CA+ 1.12, REPLETED. K UP 0.5 AFTER KCL.\n"
    "AT 2000 PT TURNED AND REPOSITIONED.\n"
)


def _reasons(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if flag.kind == "sentence"]


def test_a_year_the_notes_never_give_is_flagged() -> None:
    report = check_draft(SOURCE, "The patient was admitted on October 3, 2023 for a stent.")
    assert "Not found in the notes: the source notes never give the year 2023." in _reasons(report)


@pytest.mark.parametrize(
    "draft",
    [
        "The patient was admitted to GH on September 28, 1987.",
        "At 2000 the patient was turned and repositioned.",
    ],
)
def test_a_year_the_notes_write_in_a_date_or_a_time_is_not_flagged(draft: str) -> None:
    assert not any("year" in reason for reason in _reasons(check_draft(SOURCE, draft)))


def test_a_change_by_an_amount_the_notes_never_write_as_a_change_is_flagged() -> None:
    report = check_draft(SOURCE, "The am HCT was increasing by 1.12% over the previous shift.")
    assert "Not found in the notes: the notes never give a change of 1.12." in _reasons(report)


def test_a_change_by_an_amount_the_notes_write_is_not_flagged() -> None:
    report = check_draft(SOURCE, "Potassium increased by 0.5 after the KCl.")
    assert not any("change of" in reason for reason in _reasons(report))
