"""Drug and allergen names, read from the lexicon files shipped in resources/lexicon/.

Brand names, abbreviations and generic names all resolve to one generic, so "Lopressor",
"metoprolol tartrate" and "metoprolol" can be compared. Short capitalised abbreviations ("NS",
"ASA", "MOM") match only when capitalised, so "Mom visited" is not milk of magnesia.
"""

import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from pathlib import Path

from app.domain.factcheck.phrases import PhraseIndex, PhraseMatch, Words
from app.paths import resources_dir

_SHORT_ABBREVIATION = 4
_PLURAL_FROM = 5
"""Names of this many letters or more also match with a plural "s" ("2 percocets")."""
EITHER = " or "
"""Joins the generics a short form may stand for ("levo": norepinephrine or levofloxacin)."""
_NAME_PARTS = re.compile(r"[\s\-/]+")
_LETTERS_AND_DIGITS = re.compile(r"[^A-Za-z0-9]")


def build_lexicon(entries: Iterable[tuple[str, Sequence[str]]]) -> PhraseIndex:
    """A phrase index mapping every name of each entry to the entry's canonical name.

    A name listed under several entries ("levo" under norepinephrine and levofloxacin) means
    any of them: its canonical name joins theirs with EITHER, and `same_drug` accepts each.
    """
    meanings: dict[str, list[str]] = {}
    for canonical, aliases in entries:
        for name in (canonical, *aliases):
            owners = meanings.setdefault(name, [])
            if canonical not in owners:
                owners.append(canonical)
    phrases: list[tuple[str, str]] = []
    exact: list[tuple[str, str]] = []
    for name, owners in meanings.items():
        meaning = EITHER.join(owners)
        compact = _LETTERS_AND_DIGITS.sub("", name)
        if len(compact) <= _SHORT_ABBREVIATION and name != name.lower():
            exact.extend([(name, meaning), (name.upper(), meaning)])
        else:
            phrases.append((name, meaning))
    plurals = [
        (name + "s", meaning)
        for name, meaning in phrases
        if len(name) >= _PLURAL_FROM and name[-1].isalpha() and name[-1] != "s"
    ]
    return PhraseIndex(phrases + plurals, exact)


def read_lexicon_file(path: Path) -> list[tuple[str, list[str]]]:
    """Parse a lexicon TSV: a canonical name, a tab, then other names separated by "|"."""
    entries: list[tuple[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        canonical, _, aliases = line.partition("\t")
        names = [alias.strip() for alias in aliases.split("|") if alias.strip()]
        entries.append((canonical.strip(), names))
    return entries


@cache
def drug_names() -> tuple[tuple[str, str], ...]:
    """Every name in the drug lexicon, generic and other, as written there, with its generic."""
    entries = read_lexicon_file(resources_dir() / "lexicon" / "drugs.tsv")
    return tuple(
        (name, canonical) for canonical, aliases in entries for name in (canonical, *aliases)
    )


@cache
def drug_lexicon() -> PhraseIndex:
    """Generic and brand drug names; each resolves to its generic."""
    return build_lexicon(read_lexicon_file(resources_dir() / "lexicon" / "drugs.tsv"))


@lru_cache(maxsize=4)
def drug_mentions(words: Words) -> tuple[PhraseMatch, ...]:
    """Every drug name in a text's words, left to right. Remembered for the few texts being
    checked (by identity), since extraction, value look-up and sentence evidence all ask."""
    return tuple(drug_lexicon().find_all(words))


@cache
def allergen_lexicon() -> PhraseIndex:
    """Allergen classes and substances, then every drug name (resolving to its generic)."""
    lexicon_dir = resources_dir() / "lexicon"
    return build_lexicon(
        read_lexicon_file(lexicon_dir / "allergens.tsv")
        + read_lexicon_file(lexicon_dir / "drugs.tsv")
    )


@cache
def drug_name_parts(generic: str) -> frozenset[str]:
    """The words of a generic name: "ipratropium-albuterol" is {"ipratropium", "albuterol"}."""
    return frozenset(_NAME_PARTS.split(generic.lower()))


def same_drug(first: str, second: str) -> bool:
    """Whether two generics may name the same drug: one is the other or refines it.

    "insulin" covers "insulin glargine" and "metoprolol" covers "metoprolol tartrate", but
    "metoprolol tartrate" is not "metoprolol succinate", and no combination is one of its
    drugs.
    """
    if EITHER in first or EITHER in second:
        return any(
            same_drug(one, other) for one in first.split(EITHER) for other in second.split(EITHER)
        )
    if bool(combination_parts(first)) != bool(combination_parts(second)):
        return False
    first_parts, second_parts = drug_name_parts(first), drug_name_parts(second)
    return first_parts <= second_parts or second_parts <= first_parts


def combination_parts(generic: str) -> tuple[str, ...]:
    """The drugs a generic names in one product ("acetaminophen-oxycodone"), or none where it
    names one drug: one of them alone is another drug, which leaves the other out (Percocet is
    no Tylenol)."""
    return tuple(generic.split("-")) if "-" in generic else ()


def same_drug_or_class(first: str, second: str) -> bool:
    """Whether two generics may name the same drug, or one is a class the other belongs to
    ("IV fluids" and "normal saline"): what a draft may restate the notes' drug as. A class
    is no drug of its own for the lists of high-alert and look-alike drugs."""
    classes = drug_classes()
    if first in classes.get(second, ()) or second in classes.get(first, ()):
        return True
    return same_drug(first, second)


@cache
def drug_classes() -> dict[str, frozenset[str]]:
    """Each class name a draft may use for several drugs ("IV fluids"), and their generics."""
    entries = read_lexicon_file(resources_dir() / "lexicon" / "drug_classes.tsv")
    return {name: frozenset(members) for name, members in entries}


@cache
def nursing_abbreviations() -> dict[str, tuple[str, ...]]:
    """Each nursing abbreviation of the lexicon, lower case, and the words it stands for."""
    path = resources_dir() / "lexicon" / "abbreviations.tsv"
    table: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        short, _, words = line.partition("\t")
        table[short.strip().lower()] = tuple(words.split())
    return table
