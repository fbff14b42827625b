from app.domain.factcheck.lexicon import (
    allergen_lexicon,
    drug_lexicon,
    read_lexicon_file,
    same_drug,
)
from app.domain.factcheck.spans import Document
from app.paths import resources_dir


def generic_of(name: str) -> str | None:
    matches = drug_lexicon().find_all(Document(name).words)
    return matches[0].meaning if matches and matches[0].end == len(name) else None


def test_the_shipped_lexicon_holds_a_few_hundred_generics() -> None:
    entries = read_lexicon_file(resources_dir() / "lexicon" / "drugs.tsv")
    assert len(entries) >= 250
    assert len({generic for generic, _ in entries}) == len(entries)


def test_a_brand_name_resolves_to_its_generic() -> None:
    assert generic_of("Lopressor") == "metoprolol tartrate"


def test_a_hyphenated_combination_resolves_however_it_is_joined() -> None:
    assert generic_of("pip/tazo") == generic_of("Zosyn") == "piperacillin-tazobactam"


def test_a_capitalised_abbreviation_matches() -> None:
    assert generic_of("NS") == "normal saline"


def test_a_short_abbreviation_in_lowercase_is_an_ordinary_word() -> None:
    assert generic_of("Mom") is None


def test_drug_class_allergens_resolve_to_one_name() -> None:
    matches = allergen_lexicon().find_all(Document("PCN").words)
    assert [match.meaning for match in matches] == ["penicillin"]


def test_a_family_name_covers_its_members() -> None:
    assert same_drug("insulin", "insulin glargine")


def test_two_salts_of_one_drug_are_different_drugs() -> None:
    assert not same_drug("metoprolol tartrate", "metoprolol succinate")


def test_neo_in_lower_case_is_phenylephrine() -> None:
    assert generic_of("neo") == "phenylephrine"
