"""Blood gases written as nurses write them: a slash list around a pH ("7.41/38/162",
"124/36/7.41/24/0").

The list carries no labels; its order is read from where the pH stands. A pH first is the
laboratory order (pH/pCO2/pO2/HCO3/base excess); a pH third is the bedside order many ICU
nurses use (pO2/pCO2/pH/HCO3/base excess). A list whose pH stands anywhere else, or whose
pH, pCO2 or pO2 does not fit its measure, is left unread rather than guessed; a value past the
first three that does not fit the HCO3 (a base excess written before it, "7.41/37/109/0/24") is
skipped.
"""

import re

from app.domain.factcheck.facts import Fact
from app.domain.factcheck.numbers import parse_numeral
from app.domain.factcheck.spans import Document
from app.domain.factcheck.units import Quantity

_ITEM = r"-?\d{1,3}(?:\.\d+)?"
_FIRST_ITEM = r"[-\d](?<![\d/].)(?<!\S\..)(?:(?<=-)\d{1,3}|(?<=\d)\d{0,2})(?:\.\d+)?"
"""An item not inside a number: `_ITEM` opening with its first character, so that the engine
skips to a sign or digit (a leading look-ahead does not let it skip, and a leading
look-behind is tried at every character), and what follows depends on which it was. A full
stop may stand right before it where a space stands before the stop, as notes written in
capitals part their entries (" .7.30/39/144/20"); anywhere else it is a decimal point."""
_LIST = re.compile(rf"{_FIRST_ITEM}(?:\s*/\s*(?:{_ITEM})?){{2,4}}(?![\d.]*\d)")
_NUMBER = re.compile(_ITEM)
_PH = re.compile(r"[67]\.\d{2}")
_SHORT_PH = re.compile(r"[67]\.\d{1,2}")
"""A pH written with one decimal ("ABG done-7.1/106/128/5/40"), read only where a blood gas is
named just before the list: a hemoglobin opens many slash lists with one decimal too."""
_GAS_NAMED_BEFORE = re.compile(r"\b(?:abg|vbg|gas|ph)\b[^/\n]{0,15}\Z", re.IGNORECASE)
_GAS_REACH = 24
_ORDERS = {
    0: ("lab.ph", "lab.pco2", "lab.po2", "lab.bicarbonate", None),
    2: ("lab.po2", "lab.pco2", "lab.ph", "lab.bicarbonate", None),
}
_OPTIONAL = frozenset({"lab.bicarbonate"})
_PLAUSIBLE = {
    "lab.ph": (6.5, 8.0),
    "lab.pco2": (5, 200),
    "lab.po2": (10, 700),
    "lab.bicarbonate": (3, 60),
}


def extract_blood_gases(document: Document) -> list[Fact]:
    """The values of each blood-gas slash list, one fact per value, at the value's offsets."""
    text = document.text
    facts: list[Fact] = []
    for match in _LIST.finditer(text):
        if not document.is_free(match.start(), match.end()):
            continue
        numbers = list(_NUMBER.finditer(text, match.start(), match.end()))
        named = _GAS_NAMED_BEFORE.search(text, max(0, match.start() - _GAS_REACH), match.start())
        ph = _SHORT_PH if named else _PH
        ph_positions = [
            index for index, number in enumerate(numbers) if ph.fullmatch(number.group())
        ]
        if len(ph_positions) != 1 or ph_positions[0] not in _ORDERS:
            continue
        kinds = _ORDERS[ph_positions[0]]
        found: list[Fact] = []
        for number, kind in zip(numbers, kinds, strict=False):
            if kind is None:
                continue
            numeral = parse_numeral(number.group().lstrip("-"))
            low, high = _PLAUSIBLE[kind]
            if not low <= numeral.value <= high or number.group().startswith("-"):
                if kind in _OPTIONAL:
                    continue
                found = []
                break
            value = Quantity(numeral.value, None, numeral.decimals)
            found.append(
                Fact(kind, "", number.start(), number.end(), number.group(), (("value", value),))
            )
        if found:
            document.claim(match.start(), match.end(), "lab.blood_gas")
            facts.extend(found)
    return facts
