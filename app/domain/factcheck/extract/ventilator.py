"""The FiO2 of ventilator settings written without its label ("AC 700X12, 40%, +5",
"vent 50%/PS 13", "AC 600x12x.40", "vent @ 650/40/ac 24").

A bare percentage written shortly after a ventilator word, in the same clause, is the inspired
oxygen the ventilator delivers, unless a saturation word stands between them ("vent, sats
100%") or an oxygen device just after it ("98% on 2L" is a saturation). A fraction written with
a leading stop after a rate (".40", ".50") is the same setting.
"""

import re

from app.domain.factcheck.extract.oxygen import KIND, SPO2_CONTEXT_AFTER
from app.domain.factcheck.facts import Fact
from app.domain.factcheck.numbers import parse_numeral
from app.domain.factcheck.spans import Document
from app.domain.factcheck.units import Quantity

# A leading look-ahead for the first character lets the engine skip to it rather than test
# the look-behind (or word boundary) after it at every character of the text.
_VENTILATOR_WORDS = re.compile(
    r"(?=[vieaspcf])\b(?:vent|vented|ventilated|ventilator|intubated|ETT|AC|A/C|SIMV|IMV|PRVC|PS|PEEP"
    r"|CPAP|FiO2)\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"(?=\d)(?:(?<![\d.])|(?<=\.\.))(?P<value>\d{2,3})\s*%")
"""A percentage; one after a run of stops ("rate 22 ...40%") too, which no decimal has."""
_FRACTION = re.compile(r"(?<=[xX/])\s*0?\.(?P<value>\d{2})(?![\d])")
_AFTER_TIDAL_VOLUME = re.compile(
    r"(?=[1-9])(?<![\d.])(?:[2-9]\d\d|1[01]\d\d)/(?P<value>\d{2,3})(?=\s*/)"
)
"""A slash list of settings opening with a tidal volume: the number after it is the FiO2
("vent @ 650/40/ac 24/p5")."""
_SATURATION = re.compile(
    r"sat|SpO2|SaO2|pulse\s*ox|\bMV\b|\bPA\b|\bEF\b|ejection",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.;!?]\s")
"""A stop that ends a clause; one written against the value ("...40%", "x.40") does not, nor
does the end of the window looked in, which is not the end of the text."""
_REACH = 40
"""How far before the value a ventilator word may stand."""
_REACH_AFTER = 12
"""How far after the value a ventilator word may stand ("40%/AC 500x12", "100% X700 AC")."""


def extract_ventilator_fio2(document: Document) -> list[Fact]:
    """FiO2 settings on ventilator lines, as oxygen-delivery facts with an FiO2."""
    text = document.text
    facts: list[Fact] = []
    for line in re.finditer(r"[^\n]+", text):
        if not _VENTILATOR_WORDS.search(line.group()):
            continue
        for pattern in (_PERCENT, _FRACTION, _AFTER_TIDAL_VOLUME):
            for match in pattern.finditer(text, line.start(), line.end()):
                start, end = match.span(0 if pattern is not _AFTER_TIDAL_VOLUME else "value")
                if not document.is_free(start, end):
                    continue
                if not (_after_ventilator_word(text, start) or _before_ventilator_word(text, end)):
                    continue
                if SPO2_CONTEXT_AFTER.match(text, end):
                    continue
                numeral = parse_numeral(match.group("value"))
                if not 21 <= numeral.value <= 100:
                    continue
                fio2 = Quantity(numeral.value, "%", 0)
                document.claim(start, end, KIND)
                facts.append(Fact(KIND, "", start, end, text[start:end], (("fio2", fio2),)))
    return facts


def _after_ventilator_word(text: str, start: int) -> bool:
    """Whether a ventilator word stands shortly before, in the same clause, with no
    saturation word between it and the value."""
    window = text[max(0, start - _REACH) : start]
    words = list(_VENTILATOR_WORDS.finditer(window))
    if not words:
        return False
    between = window[words[-1].end() :]
    return not _SATURATION.search(between) and not _CLAUSE_END.search(between)


def _before_ventilator_word(text: str, end: int) -> bool:
    """Whether a ventilator setting follows at once ("40%/AC", "100% X700 AC 12")."""
    window = text[end : end + _REACH_AFTER]
    word = _VENTILATOR_WORDS.search(window)
    return word is not None and not _CLAUSE_END.search(window[: word.start()])
