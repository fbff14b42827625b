"""Judge each draft fact against the source facts about the same thing.

Candidates are the source facts of the same kind and key: the same measure, the same drug (or
one that refines it: "insulin" and "insulin glargine"), the same body part. Each attribute the
draft states must agree with some candidate's value for that attribute, which is how a blood
pressure taken five times in a shift supports any of the five. An attribute the source states
differently makes the fact contradicted; one the source never states makes it unsupported.
"""

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple

from app.domain.factcheck.extract.allergies import NONE_KNOWN
from app.domain.factcheck.extract.clock import WEEKDAY
from app.domain.factcheck.extract.devices import done_with
from app.domain.factcheck.extract.laterality import (
    BOTH,
    LEFT,
    REGION_OF_PART,
    RIGHT,
    names_both,
)
from app.domain.factcheck.extract.relative_days import RELATIVE_DAY, said_in_notes
from app.domain.factcheck.facts import BloodPressure, ClockTime, Fact, Value
from app.domain.factcheck.labels import attribute_label, kind_label
from app.domain.factcheck.lexicon import combination_parts, same_drug_or_class
from app.domain.factcheck.nearby import NearbyValues
from app.domain.factcheck.units import Quantity, quantities_agree

_HALF_DAY = 12 * 60
_CONTEXT_REACH = 50
_LENIENT_ATTRIBUTES = frozenset({"count", "ratio"})
"""Attributes compared only where the source states them too: "x1" added to a single dose; a
balloon pump's ratio, which notes often give a sentence after the pump ("IABP in R fem site.
Pt on 1:1"), where it is not read as the pump's."""
_FEED_ATTRIBUTES = frozenset({"route", "frequency"})
_FEEDS = frozenset({"tube feeding"})
"""A feed runs down its tube all day: the route and timing a draft gives it ("via the OG tube",
"advanced every 4 hours") are the tube's and the titration's, which the notes seldom write by
the feed, so they are compared only where the notes state them."""
_NEARBY_ATTRIBUTES = frozenset({"value", "dose"})
"""Attributes looked up near their cue or drug when the reader did not bind them."""
_AS_NEEDED = re.compile(r"\b(?:prn|as\s+needed|p\.r\.n)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;\n](?:\s|$)")
"""Where the sentence that holds a source drug starts, looking back for its "PRN"."""
_SETTINGS_OFTEN_UNLABELLED = frozenset(
    {"vital.peep", "vital.pressure_support", "vital.tidal_volume", "vital.peak_pressure"}
)
"""Ventilator settings the notes mostly write in a slash list with no labels ("AC
700/14/.60/5"), which a draft spells out: a value written anywhere on a ventilator line ("ac/700
(decreased to 600)", "AC 700/14/.60/5") is theirs."""
_SETTINGS_OF_A_VENTILATOR = ("vital.tidal_volume", "vital.pressure_support", "vital.peak_pressure")
"""Settings only a ventilator has: notes that record one have the patient on it. (PEEP is
also given on a mask, as CPAP or BiPAP.)"""
_VENTILATOR_LINE = re.compile(
    r"\b(?:vent\w*|intubated|ett|ac|a/c|simv|imv|prvc|cpap|bipap|psv?|peep|fio2|tv|rsbi)(?![a-z])",
    re.IGNORECASE,
)
"""A line that names a ventilator mode or setting, glued to its value or not ("ac8,tv800")."""
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")
_BROAD_KINDS = frozenset({"medication", "laterality"})
"""Kinds whose candidates depend on more than kind and key (drug families, body regions)."""


class Status(StrEnum):
    SUPPORTED = "supported"
    UNSUPPORTED = "unsupported"
    CONTRADICTED = "contradicted"


@dataclass(frozen=True, slots=True)
class Verdict:
    """The judgement on one draft fact; `source` is the source fact it conflicts with."""

    status: Status
    reason: str = ""
    source: Fact | None = None


_SUPPORTED = Verdict(Status.SUPPORTED)


class _Stated(NamedTuple):
    """The values source candidates state for one attribute, and the same as a set for the
    common case of an exact restatement."""

    values: list[Value]
    exact: frozenset[Value]

    @classmethod
    def of(cls, candidates: list[Fact], name: str) -> "_Stated":
        values = [value for candidate in candidates for value in candidate.values(name)]
        return cls(values, frozenset(values))


class SourceFacts:
    """The source's facts, grouped for lookup by kind and by what they are about."""

    def __init__(self, text: str, facts: Sequence[Fact], nearby: NearbyValues) -> None:
        self.text = text
        self._nearby = nearby
        self.by_kind: dict[str, list[Fact]] = defaultdict(list)
        self._by_subject: dict[tuple[str, str], list[Fact]] = defaultdict(list)
        self._stated: dict[tuple[str, str, str], _Stated] = {}
        self._context: dict[tuple[int, int], set[str]] = {}
        self._drugs: dict[str, list[Fact]] = {}
        """Per drug the draft names, the source's orders of it: a draft names a drug many times."""
        for fact in facts:
            self.by_kind[fact.kind].append(fact)
            self._by_subject[(fact.kind, fact.key)].append(fact)

    def candidates(self, fact: Fact) -> list[Fact]:
        """The source facts that speak of what the draft fact speaks of."""
        if fact.kind == "medication":
            if fact.key not in self._drugs:
                same_kind = self.by_kind.get(fact.kind, [])
                self._drugs[fact.key] = [
                    source for source in same_kind if same_drug_or_class(source.key, fact.key)
                ] or _every_part_given(fact.key, same_kind)
            return self._drugs[fact.key]
        if fact.kind == "laterality":
            return _laterality_candidates(fact, self.by_kind.get(fact.kind, []))
        return self._by_subject.get((fact.kind, fact.key), [])

    def stated(self, fact: Fact, candidates: list[Fact], name: str) -> _Stated:
        """Every value the candidates state for one attribute."""
        if fact.kind in _BROAD_KINDS:
            return _Stated.of(candidates, name)
        cache_key = (fact.kind, fact.key, name)
        if cache_key not in self._stated:
            self._stated[cache_key] = _Stated.of(candidates, name)
        return self._stated[cache_key]

    def written_nearby(self, fact: Fact, name: str, value: Value) -> bool:
        """Whether the source writes this value next to the same measure or drug, where the
        reader did not bind it."""
        if isinstance(value, ClockTime):
            return self._nearby.clock_written(value.minutes, value.meridiem_known)
        if name == "prn":
            return any(self._as_needed_before(source) for source in self.candidates(fact))
        if not isinstance(value, Quantity) or name not in _NEARBY_ATTRIBUTES:
            return False
        if fact.kind in _SETTINGS_OFTEN_UNLABELLED:
            return value.magnitude in self._ventilator_numbers
        if fact.kind == "medication":
            return self._nearby.near_drug(fact.key, value.magnitude)
        return self._nearby.near_cue(fact.kind, value.magnitude, value.upto)

    @cached_property
    def _ventilator_numbers(self) -> frozenset[float]:
        """Every number on a line of the source that names a ventilator mode or setting."""
        return frozenset(
            float(number)
            for line in self.text.splitlines()
            if _VENTILATOR_LINE.search(line)
            for number in _NUMBER.findall(line)
        )

    def _as_needed_before(self, source: Fact) -> bool:
        """Whether the source's sentence says "as needed" before naming the drug ("medicated
        PRN throughout the day with MSO4 2-4MG"), where the order's reader never looks."""
        before = self.text[max(0, source.start - _CONTEXT_REACH * 2) : source.start]
        return _AS_NEEDED.search(_SENTENCE_END.split(before)[-1]) is not None

    def context_words(self, fact: Fact) -> set[str]:
        """The words around a source fact, for choosing which one a draft fact restates."""
        cache_key = (fact.start, fact.end)
        if cache_key not in self._context:
            self._context[cache_key] = _context_words(self.text, fact)
        return self._context[cache_key]


def _every_part_given(combination: str, orders: list[Fact]) -> list[Fact]:
    """The notes' orders of a combination's drugs where they give every one of them ("tylenol
    and codeine" for Tylenol with codeine); none where one is missing (Tylenol is no Percocet)."""
    parts = combination_parts(combination)
    given = [order for order in orders if order.key in parts]
    return given if parts and {order.key for order in given} == set(parts) else []


def judge(fact: Fact, source: SourceFacts, draft_text: str) -> Verdict:
    """Whether the source notes back one draft fact, and why not."""
    if fact.key == RELATIVE_DAY:
        return _relative_day(fact, source)
    candidates = source.candidates(fact)
    if not candidates:
        if fact.attributes and all(
            source.written_nearby(fact, name, value) for name, value in fact.attributes
        ):
            return _SUPPORTED
        return _without_candidates(fact, source)
    for name in fact.attribute_names:
        stated = source.stated(fact, candidates, name)
        for value in fact.values(name):
            if value in stated.exact or _is_backed(name, value, stated.values):
                continue
            if source.written_nearby(fact, name, value) and not _sign_turned(value, stated.values):
                continue
            if not stated.values:
                if name in _LENIENT_ATTRIBUTES or (fact.key in _FEEDS and name in _FEED_ATTRIBUTES):
                    continue
                return Verdict(Status.UNSUPPORTED, _no_attribute_reason(fact, name))
            holders = [candidate for candidate in candidates if candidate.values(name)]
            closest = _closest(fact, draft_text, holders, source)
            return Verdict(Status.CONTRADICTED, _differs_reason(fact, name, closest), closest)
    return (
        _one_order(fact, candidates, draft_text, source)
        if fact.kind == "medication"
        else _SUPPORTED
    )


_ORDER_PARTS = ("dose", "route")
"""What one order of a drug gives together: a dose by one route is not the same drug's other
dose by another ("50mg po lopressor and 10mg iv lopressor" gives no 50 mg IV)."""


def _one_order(fact: Fact, candidates: list[Fact], draft_text: str, source: SourceFacts) -> Verdict:
    """Whether one order of the notes gives the draft's dose and route together, where the
    draft gives both and the notes give both in their orders of the drug."""
    if not all(fact.values(part) for part in _ORDER_PARTS):
        return _SUPPORTED
    whole = [
        candidate
        for candidate in candidates
        if all(candidate.values(part) for part in _ORDER_PARTS)
    ]
    if not whole or any(
        all(
            any(_is_backed(part, value, candidate.values(part)) for value in fact.values(part))
            for part in _ORDER_PARTS
        )
        for candidate in whole
    ):
        return _SUPPORTED
    closest = _closest(fact, draft_text, whole, source)
    return Verdict(Status.CONTRADICTED, _differs_reason(fact, "route", closest), closest)


_PARTS_OF_THE_DAY = {
    "this morning": ((5 * 60, 12 * 60),),
    "this afternoon": ((12 * 60, 18 * 60),),
    "tonight": ((18 * 60, 24 * 60), (0, 5 * 60)),
}
"""The clock times, in minutes after midnight, a part of the day spans: "this morning" tells
what the notes time at 0730."""


def _relative_day(fact: Fact, source: SourceFacts) -> Verdict:
    """A day or part of the day the notes name in any of their ways, or time within it,
    anywhere: they tell which events it is of only in their own words."""
    day = str(fact.values(RELATIVE_DAY)[0])
    if said_in_notes(day, source.text) or any(
        low <= clock.minutes < high
        for timed in source.by_kind.get("time", [])
        for clock in timed.values("clock")
        if isinstance(clock, ClockTime) and clock.meridiem_known
        for low, high in _PARTS_OF_THE_DAY.get(day, ())
    ):
        return _SUPPORTED
    return Verdict(Status.UNSUPPORTED, f"The source notes never say {day}, in any form.")


def _sign_turned(value: Value, stated: list[Value]) -> bool:
    """Whether the source states this amount with the other sign ("373 mL positive" against
    "373 NEG"): the number is written nearby, but the balance is turned round."""
    if not isinstance(value, Quantity) or value.magnitude == 0:
        return False
    return any(
        isinstance(other, Quantity)
        and quantities_agree(value, replace(other, magnitude=-other.magnitude))
        for other in stated
    )


def values_agree(first: Value, second: Value) -> bool:
    """Whether two normalised values state the same thing."""
    if isinstance(first, Quantity) and isinstance(second, Quantity):
        return quantities_agree(first, second)
    if isinstance(first, BloodPressure) and isinstance(second, BloodPressure):
        diastolic_agrees = (
            first.diastolic is None
            or second.diastolic is None
            or first.diastolic == second.diastolic
        )
        first_top = first.systolic_upto or first.systolic
        second_top = second.systolic_upto or second.systolic
        systolic_agrees = first.systolic <= second_top and second.systolic <= first_top
        return systolic_agrees and diastolic_agrees
    if isinstance(first, ClockTime) and isinstance(second, ClockTime):
        if first.meridiem_known and second.meridiem_known:
            return first.minutes == second.minutes
        return first.minutes % _HALF_DAY == second.minutes % _HALF_DAY
    return first == second


_ENTERAL_ROUTES = frozenset({"oral", "enteral"})
"""An oral drug is given down the NG tube when the patient cannot swallow ("po meds via NGT"):
the notes' "oral vanco" and the draft's "vancomycin via NG tube" are one route."""


def _is_backed(name: str, value: Value, stated: list[Value]) -> bool:
    if name == "route" and value in _ENTERAL_ROUTES:
        return any(other in _ENTERAL_ROUTES for other in stated)
    if name == "side" and value == BOTH:
        return BOTH in stated or {LEFT, RIGHT} <= set(stated)
    if name == "side" and BOTH in stated:
        return True
    return any(values_agree(value, other) for other in stated)


def _without_candidates(fact: Fact, source: SourceFacts) -> Verdict:
    label = kind_label(fact.kind)
    same_kind = source.by_kind.get(fact.kind, [])
    if fact.kind == "allergy":
        says_none = [other for other in same_kind if other.key == NONE_KNOWN]
        lists_some = [other for other in same_kind if other.key != NONE_KNOWN]
        rivals = lists_some if fact.key == NONE_KNOWN else says_none
        if rivals:
            reason = f"The source notes list allergies differently: “{rivals[0].text}”."
            return Verdict(Status.CONTRADICTED, reason, rivals[0])
        return Verdict(Status.UNSUPPORTED, f"The source notes list no {fact.key} allergy.")
    if fact.kind == "medication":
        return _unknown_medication(fact, source)
    if fact.kind == "device":
        return _unknown_device(fact, source)
    if fact.kind == "laterality":
        return _unsided(fact, source)
    return _unrecorded(fact, source, label)


def _unsided(fact: Fact, source: SourceFacts) -> Verdict:
    """A side of a part the notes give no side of: both sides are backed where the notes name
    the part in the plural ("crackles at the bases")."""
    if fact.values("side") == [BOTH] and names_both(fact.key, source.text):
        return _SUPPORTED
    return Verdict(Status.UNSUPPORTED, f"The source notes give no side for the {fact.key}.")


def _unrecorded(fact: Fact, source: SourceFacts, label: str) -> Verdict:
    """A measure the notes never record; a ventilator is backed by the settings only one sets
    ("VT 700, 10 PEEP"), though the notes never name it. A day of the week the notes never
    name is left to its sentence's evidence: a day is what an invented event ("her club meets
    on Thursday") holds, and the sentence names the invention whole."""
    if fact.kind == "date" and fact.key == WEEKDAY:
        return _SUPPORTED
    if (
        fact.kind == "vital.o2"
        and fact.values("device") == ["ventilator"]
        and any(source.by_kind.get(kind) for kind in _SETTINGS_OF_A_VENTILATOR)
    ):
        return _SUPPORTED
    return Verdict(Status.UNSUPPORTED, f"The source notes record no {label}.")


def _unknown_device(fact: Fact, source: SourceFacts) -> Verdict:
    """A device the notes never name: backed where they speak of it by what is done with it
    ("extubated" for an endotracheal tube)."""
    if done_with(fact.key, source.text):
        return _SUPPORTED
    article = "" if fact.key.endswith("s") else "an " if fact.key[0] in "aeiouAEIOU" else "a "
    return Verdict(Status.UNSUPPORTED, f"The source notes never mention {article}{fact.key}.")


def _unknown_medication(fact: Fact, source: SourceFacts) -> Verdict:
    """A drug the notes never record as given or ordered; named, if so, as the allergy it is
    there, so the nurse sees why a drug the notes do mention is flagged."""
    allergies = source.by_kind.get("allergy", [])
    allergy = next((other for other in allergies if other.key == fact.key), None)
    if allergy is not None:
        reason = f"The source notes name {fact.key} only as an allergy."
        return Verdict(Status.UNSUPPORTED, reason, allergy)
    return Verdict(Status.UNSUPPORTED, f"The source notes never mention {fact.key}.")


def _laterality_candidates(fact: Fact, same_kind: list[Fact]) -> list[Fact]:
    """The most specific matching source facts: same part and anchor, then broader."""
    region = REGION_OF_PART.get(fact.key)
    same_part = [source for source in same_kind if source.key == fact.key]
    same_region = [source for source in same_kind if REGION_OF_PART.get(source.key) == region]
    for pool in (same_part, same_region):
        anchored = [source for source in pool if fact.anchor and source.anchor == fact.anchor]
        if anchored:
            return anchored
        if pool:
            return pool
    return []


def _closest(fact: Fact, draft_text: str, holders: list[Fact], source: SourceFacts) -> Fact:
    """The candidate whose surrounding words best match the draft fact's surroundings."""
    draft_words = _context_words(draft_text, fact)
    return max(holders, key=lambda holder: len(draft_words & source.context_words(holder)))


def _context_words(text: str, fact: Fact) -> set[str]:
    window = text[max(0, fact.start - _CONTEXT_REACH) : fact.end + _CONTEXT_REACH]
    return {word for word in window.lower().split() if word.isalpha()}


def _subject(fact: Fact) -> str:
    return fact.key if fact.key else kind_label(fact.kind)


def _no_attribute_reason(fact: Fact, name: str) -> str:
    return f"The source notes give no {attribute_label(name)} for {_subject(fact)}."


def _differs_reason(fact: Fact, name: str, source: Fact) -> str:
    if fact.kind == "medication":
        return (
            f"The {attribute_label(name)} of {fact.key} differs from the source notes: "
            f"“{source.text}”."
        )
    if fact.kind == "laterality":
        return f"The source notes give the other side for the {fact.key}: “{source.text}”."
    if fact.kind == "code_status":
        return f"The source notes record the code status as “{source.text}”."
    return f"The source notes record a different {_subject(fact)}: “{source.text}”."
