"""A test's result turned round: read where a test and its result stand together, judged only
where the notes give that test one result."""

import pytest

from app.domain.factcheck import check_draft


def _reasons(source: str, draft: str) -> list[str]:
    report = check_draft(source, draft)
    return [
        flag.reason for flag in report.unsupported if "not " in flag.reason and "“" in flag.reason
    ]


def test_a_negative_guaiac_told_as_positive_is_flagged() -> None:
    source = "GI: sm soft brown stool guiac neg. Tol diet.\n"

    assert _reasons(source, "Small soft brown stool, guaiac positive.") == [
        "Contradicts the notes: the notes give “guiac neg”, not guaiac positive."
    ]


def test_a_result_for_a_test_is_read_either_way_round() -> None:
    source = "ID: stool negative for C diff x2.\n"

    assert _reasons(source, "Stool sent for C diff came back positive.") != []


@pytest.mark.parametrize(
    ("source", "draft"),
    [
        ("GI: sm soft brown stool guiac neg.\n", "The stool was guaiac negative."),
        ("Blood cx neg. Sputum cx positive for GNR.\n", "Cultures were positive."),
        ("GI: stool sent for guiac.\n", "The stool was guaiac positive."),
        ("MRSA (+) on admission screen.\n", "She is on contact precautions for MRSA."),
    ],
    ids=["kept", "both-ways", "no-result", "no-result-in-draft"],
)
def test_a_result_the_notes_back_or_do_not_give_is_not_flagged(source: str, draft: str) -> None:
    assert _reasons(source, draft) == []
