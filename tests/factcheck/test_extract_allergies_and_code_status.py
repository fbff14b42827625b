import pytest

from app.domain.factcheck.extract.allergies import NONE_KNOWN

from .helpers import facts_of, only


def allergens(text: str) -> list[str]:
    return [fact.key for fact in facts_of(text, "allergy")]


def test_a_labelled_list_gives_each_allergen_without_its_reaction() -> None:
    assert allergens("Allergies: PCN (hives); sulfa - rash.") == ["penicillin", "sulfa"]


def test_an_allergy_in_prose_is_read() -> None:
    assert allergens("She is allergic to penicillin, which causes hives.") == ["penicillin"]


def test_names_before_the_word_allergies_are_read() -> None:
    assert allergens("Has penicillin and latex allergies.") == ["penicillin", "latex"]


def test_a_brand_name_allergen_resolves_to_its_generic() -> None:
    assert allergens("Allergy: Bactrim (SJS).") == ["sulfamethoxazole-trimethoprim"]


@pytest.mark.parametrize("written", ["NKDA", "No known drug allergies", "Allergies: none"])
def test_no_known_allergies_is_a_statement_of_its_own(written: str) -> None:
    assert allergens(written) == [NONE_KNOWN]


def test_a_drug_given_after_the_allergy_list_is_not_an_allergen() -> None:
    assert allergens("Allergic to PCN, received Ancef 2 g IV.") == ["penicillin"]


def test_an_allergen_is_not_also_read_as_a_medication_given() -> None:
    assert facts_of("Allergies: morphine (itching).", "medication") == []


@pytest.mark.parametrize(
    ("written", "status"),
    [("Full code", "full"), ("DNR", "dnr"), ("DNI", "dni"), ("comfort measures only", "comfort")],
)
def test_code_statuses_are_read(written: str, status: str) -> None:
    assert only(f"Code status: {written}.", "code_status").values("status") == [status]


def test_dnr_slash_dni_states_two_limits() -> None:
    statuses = [fact.values("status")[0] for fact in facts_of("DNR/DNI", "code_status")]
    assert statuses == ["dnr", "dni"]


def test_a_negated_status_is_kept_as_negated() -> None:
    statuses = [fact.values("status")[0] for fact in facts_of("DNR only, not DNI", "code_status")]
    assert statuses == ["dnr", "not dni"]
