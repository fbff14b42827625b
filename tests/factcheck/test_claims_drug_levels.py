"""A drug's level the notes never give: a drug given turned into a lab result, and the levels
the notes do give under another of the drug's names."""

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "CV: HR 80S SR. CALCIUM CHLORIDE 1G GIVEN FOR IONIZED CA 0.98.\n"
    "NEURO: DILANTIN LEVEL 7.0, FREE DILANTIN PENDING.\n"
    "ID: VANCO TROUGH 15. K 3.2 REPLETED WITH KCL 40 MEQ.\n"
)


def _reasons(report: FactCheckReport) -> list[str]:
    return [
        flag.reason
        for flag in report.unsupported
        if flag.kind == "sentence" and flag.reason.endswith("level.")
    ]


def test_a_level_of_a_drug_the_notes_only_give_is_flagged() -> None:
    report = check_draft(SOURCE, "Low calcium chloride levels, calcium chloride 1 g given.")
    assert _reasons(report) == [
        "Not found in the notes: the source notes never give a calcium chloride level."
    ]


def test_a_level_of_a_salt_given_for_a_low_lab_is_flagged() -> None:
    report = check_draft(SOURCE, "KCl levels were low and were repleted.")
    assert _reasons(report) == ["Not found in the notes: the source notes never give a KCl level."]


def test_a_level_the_notes_give_under_a_brand_name_is_theirs() -> None:
    assert _reasons(check_draft(SOURCE, "Phenytoin level 7.0, free phenytoin pending.")) == []


def test_a_trough_in_the_notes_backs_the_drugs_level() -> None:
    assert _reasons(check_draft(SOURCE, "Vancomycin level was 15.")) == []


def test_the_level_of_a_lab_beside_a_salt_is_no_drug_level() -> None:
    report = check_draft(SOURCE, "Potassium level 3.2, repleted with potassium chloride.")
    assert _reasons(report) == []
