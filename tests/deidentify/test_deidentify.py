"""Safe Harbor identifiers are replaced; clinical content is left as it was."""

import pytest

from app.domain.deidentify import deidentify


def cleaned(text: str) -> str:
    return deidentify(text).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pt John Smith resting.", "Pt [NAME] resting."),
        ("Mrs. Garcia at bedside.", "Mrs. [NAME] at bedside."),
        ("Paged Dr. Nguyen.", "Paged Dr. [NAME]."),
        ("Name: Alex Demo", "Name: [NAME]"),
        ("Spoke with daughter Maria Lopez.", "Spoke with daughter [NAME]."),
        ("K. Brennan RN", "[NAME] RN"),
    ],
)
def test_names_introduced_by_a_title_label_relation_or_signature(text: str, expected: str) -> None:
    assert cleaned(text) == expected


def test_a_name_found_once_is_replaced_wherever_it_recurs() -> None:
    assert cleaned("Mr. Halvorsen ate. Halvorsen walked.") == "Mr. [NAME] ate. [NAME] walked."


def test_ordinary_words_after_pt_are_not_taken_for_names() -> None:
    assert cleaned("Pt Alert and oriented.") == "Pt Alert and oriented."


def test_a_date_keeps_only_its_year() -> None:
    assert cleaned("Admitted 11/16/2024.") == "Admitted [DATE]/2024."


def test_a_named_date_keeps_only_its_year() -> None:
    assert cleaned("Seen Nov 14, 2024.") == "Seen [DATE], 2024."


def test_a_date_without_a_year_is_replaced_whole() -> None:
    assert cleaned("Admitted 11/16 for pneumonia.") == "Admitted [DATE] for pneumonia."


def test_a_date_of_birth_loses_its_year_too() -> None:
    assert cleaned("DOB 03/14/1932") == "DOB [DATE]"


@pytest.mark.parametrize("text", ["92 yo M", "a 94-year-old woman", "age 101"])
def test_ages_over_89_are_replaced(text: str) -> None:
    assert "[AGE 90+]" in cleaned(text)


def test_an_age_of_89_or_less_stays() -> None:
    assert cleaned("88 yo M") == "88 yo M"


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("MRN: 00123456", "[MRN]"),
        ("Acct # 99887766", "[ACCOUNT]"),
        ("policy number AB12345", "[ID]"),
        ("call 555-123-4567", "[PHONE]"),
        ("fax (555) 987-6543", "[FAX]"),
        ("jsmith@example.com", "[EMAIL]"),
        ("see https://portal.example.org/x", "[URL]"),
        ("from 10.0.0.12", "[IP]"),
        ("SSN 123-45-6789", "[SSN]"),
        ("lives at 123 Oak Street Apt 4B", "[ADDRESS]"),
        ("Springfield, IL 62704", "[CITY], IL [ZIP]"),
    ],
)
def test_record_numbers_contacts_and_places_are_replaced(text: str, token: str) -> None:
    assert token in cleaned(text)


@pytest.mark.parametrize(
    "clinical",
    [
        "BP 142/88 at 0800, HR 96, K 3.3, pain 6/10.",
        "Metoprolol 25 mg PO BID, NS at 75 mL/hr.",
        "BNP 1850, lipase 1,240, plt 142.",
        "Full code. Allergies: PCN.",
    ],
)
def test_clinical_content_is_left_alone(clinical: str) -> None:
    assert cleaned(clinical) == clinical


def test_replacements_give_spans_in_the_original_text() -> None:
    text = "Pt John Smith, MRN 1234567."
    result = deidentify(text)
    assert [(r.kind, text[r.start : r.end]) for r in result.replacements] == [
        ("name", "John Smith"),
        ("mrn", "1234567"),
    ]
