"""High-alert medications and look-alike/sound-alike names: the medication errors that harm most.

A wrong dose of heparin or insulin, or hydroxyzine written for hydralazine, does more harm than
most other slips a draft can make, so a medication flag on such a drug gets a kind of its own
and a reason that names the list it comes from. Like every flag it blocks signing until the
nurse corrects it or confirms it against the order, one by one. The lists are data in
resources/medications/, naming their source and edition, so a pharmacy can replace them.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.domain.factcheck.facts import Fact
from app.domain.factcheck.lexicon import EITHER, drug_lexicon, same_drug
from app.domain.factcheck.phrases import Words
from app.paths import resources_dir

HIGH_ALERT_KIND = "medication.high_alert"
LASA_KIND = "medication.lasa"
_MEDICATION = "medication"
_IV_ONLY = re.compile(r"\bIV\b")
_OTHER_ROUTES = re.compile(r"oral|subcutaneous|transdermal|inhaled|intraosseous")


@dataclass(frozen=True)
class MedicationLists:
    """The lists as the checker reads them: every name resolved to its generic."""

    high_alert: dict[str, str]
    """Generic name: ISMP category."""
    lasa: dict[str, frozenset[str]]
    """Generic name: the generics it is confused with."""


def lists_dir() -> Path:
    return resources_dir() / "medications"


def read_rows(path: Path) -> list[list[str]]:
    """The tab-separated rows of a list file, comments and blank lines left out."""
    return [
        [cell.strip() for cell in line.split("\t")]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def generic_of(name: str) -> str | None:
    """The generic the drug lexicon reads `name` as, when the whole name is one drug name."""
    words = Words(name)
    matches = drug_lexicon().find_all(words)
    if len(matches) != 1 or matches[0].first_token != 0:
        return None
    if matches[0].last_token != len(words.tokens) - 1:
        return None
    return matches[0].meaning


@cache
def medication_lists() -> MedicationLists:
    high_alert: dict[str, str] = {}
    for name, category, *_ in read_rows(lists_dir() / "ismp-high-alert.tsv"):
        generic = generic_of(name)
        if generic is not None:
            high_alert[generic] = category
    lasa: dict[str, set[str]] = {}
    for first, second, *_ in read_rows(lists_dir() / "lasa-pairs.tsv"):
        one, other = generic_of(first), generic_of(second)
        if one is None or other is None or same_drug(one, other):
            continue
        lasa.setdefault(one, set()).add(other)
        lasa.setdefault(other, set()).add(one)
    return MedicationLists(
        high_alert, {name: frozenset(partners) for name, partners in lasa.items()}
    )


def high_alert_category(generic: str) -> str | None:
    """The ISMP category of a high-alert drug, or None; "insulin" covers "insulin lispro"."""
    for listed, category in medication_lists().high_alert.items():
        if same_drug(generic, listed) and EITHER not in generic:
            return category
    return None


def confused_with(generic: str, named: Iterable[str]) -> str | None:
    """A drug of `named` that `generic` is a look-alike/sound-alike of, or None."""
    if EITHER in generic:
        return None
    partners = {
        partner
        for listed, listed_partners in medication_lists().lasa.items()
        if same_drug(generic, listed)
        for partner in listed_partners
    }
    for other in named:
        if any(same_drug(other, partner) for partner in partners):
            return other
    return None


def guarded(fact: Fact, kind: str, reason: str, source_drugs: frozenset[str]) -> tuple[str, str]:
    """The kind and reason of a flag on `fact`, raised to a high-alert or look-alike finding
    where the drug is on ISMP's lists; other flags pass unchanged.

    `source_drugs` are the generics the source notes name as medications. A drug the notes never
    name, where they name its look-alike partner, is a look-alike swap; a flagged dose, route,
    frequency or mention of a high-alert drug is a high-alert finding.
    """
    if fact.kind != _MEDICATION or kind != _MEDICATION:
        return kind, reason
    drug = fact.key
    in_notes = any(same_drug(drug, named) for named in source_drugs)
    if not in_notes:
        partner = confused_with(drug, sorted(source_drugs))
        if partner is not None:
            return LASA_KIND, (
                f"The notes never name {_plain(drug)}; they name {_plain(partner)}, a "
                "look-alike/sound-alike pair on ISMP's list of confused drug names. Confirm "
                "which drug is meant before signing."
            )
    category = high_alert_category(drug)
    if category is not None and not _route_exempt(fact, category):
        return HIGH_ALERT_KIND, (
            f"{reason} {_plain(drug).capitalize()} is a high-alert medication (ISMP: "
            f"{category}): confirm it against the order before signing."
        )
    return kind, reason


def _route_exempt(fact: Fact, category: str) -> bool:
    """Whether the list names the drug for IV use only and the draft gives another route
    (metoprolol by mouth is not high-alert; IV metoprolol is)."""
    if not _IV_ONLY.search(category) or _OTHER_ROUTES.search(category):
        return False
    routes = [str(route) for route in fact.values("route")]
    return bool(routes) and not any(route.startswith("iv") for route in routes)


def _plain(generic: str) -> str:
    return generic.replace(EITHER, " or ")
