"""Read every clinical fact from a text, extractor by extractor.

The order matters: each extractor claims the text it explains, and later ones skip claimed text.
Allergies come first so an allergen is never read as a medication given; times, dates, oxygen
flows and device sizes come before medications and measurements so "at 0800", "11/16", "2 L NC"
and "PIV 20g" are never read as doses, blood pressures or volumes.
"""

from collections.abc import Callable
from functools import partial
from operator import attrgetter
from typing import NamedTuple

from app.domain.factcheck.extract.allergies import extract_allergies
from app.domain.factcheck.extract.blood_gas import extract_blood_gases
from app.domain.factcheck.extract.clock import extract_dates, extract_times
from app.domain.factcheck.extract.code_status import extract_code_status
from app.domain.factcheck.extract.devices import extract_devices
from app.domain.factcheck.extract.edema import extract_edema
from app.domain.factcheck.extract.laterality import extract_laterality
from app.domain.factcheck.extract.measurements import cue_matches, extract_measurements
from app.domain.factcheck.extract.medications import extract_medications
from app.domain.factcheck.extract.oxygen import extract_oxygen
from app.domain.factcheck.extract.relative_days import extract_relative_days
from app.domain.factcheck.extract.ventilator import extract_ventilator_fio2
from app.domain.factcheck.facts import Fact
from app.domain.factcheck.lexicon import drug_mentions
from app.domain.factcheck.phrases import Words
from app.domain.factcheck.shorthand import Rewritten, rewrite
from app.domain.factcheck.spans import Document

_EXTRACTORS: tuple[Callable[[Document], list[Fact]], ...] = (
    extract_allergies,
    extract_code_status,
    extract_dates,
    extract_times,
    extract_relative_days,
    extract_oxygen,
    extract_ventilator_fio2,
    extract_blood_gases,
    extract_devices,
    extract_medications,
    extract_edema,
    extract_measurements,
    extract_laterality,
)


_placed = partial(tuple.__new__, Fact)
"""A fact built from its fields without the named tuple's Python-level `_replace`: a check
places hundreds of facts back on the characters they were read from."""
_IN_TEXT_ORDER = attrgetter("start", "end", "kind")
"""The order a reading's facts come in, read by a getter written in C rather than a lambda."""


class Reading(NamedTuple):
    """A text as the checker read it: its facts, its shorthand spelt out, and the words of
    that spelt-out text (for looking up values the extractors did not bind)."""

    facts: list[Fact]
    rewritten: Rewritten
    words: Words


def read_text(text: str) -> Reading:
    """Every fact in the text, in order of where it starts, at the text's own offsets.

    The extractors read the text with its shorthand spelt out (`shorthand.rewrite`); each fact
    is then placed back on the original characters it was read from.
    """
    rewritten = rewrite(text)
    document = Document(rewritten.text)
    facts = []
    for extractor in _EXTRACTORS:
        for fact in extractor(document):
            start, end = rewritten.span(fact.start, fact.end)
            facts.append(_placed((fact.kind, fact.key, start, end, text[start:end], *fact[5:])))
    facts.sort(key=_IN_TEXT_ORDER)
    return Reading(facts, rewritten, document.words)


def extract_facts(text: str) -> list[Fact]:
    """Every fact in the text, in order of where it starts, at the text's own offsets."""
    try:
        return read_text(text).facts
    finally:
        forget_texts()


def forget_texts() -> None:
    """Drop the look-ups remembered for the texts just read, so no note outlives its check."""
    drug_mentions.cache_clear()
    cue_matches.cache_clear()


__all__ = ["Reading", "extract_facts", "forget_texts", "read_text"]
