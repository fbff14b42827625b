"""The list of US towns the de-identifier looks places up in: its source, and what it leaves out."""

from app.domain.deidentify.vocabulary import US_STATES
from app.paths import resources_dir

TOWNS = resources_dir() / "gazetteer" / "us-places.txt"


def lines() -> list[str]:
    return TOWNS.read_text(encoding="utf-8").splitlines()


def test_the_town_list_names_its_source_and_licence() -> None:
    header = "\n".join(line for line in lines() if line.startswith("#"))
    assert "GeoNames" in header and "CC BY 4.0" in header and "installer/us_places.py" in header


def test_no_state_is_listed_as_a_town() -> None:
    towns = {line for line in lines() if not line.startswith("#")}
    assert towns.isdisjoint(US_STATES)


def test_towns_are_lower_case_and_one_a_line() -> None:
    towns = [line for line in lines() if not line.startswith("#")]
    assert len(towns) > 10_000
    assert all(town == town.lower().strip() and town for town in towns)
