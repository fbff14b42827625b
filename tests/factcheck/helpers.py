"""Helpers shared by the fact checker tests: find the facts of one kind in a text."""

from app.domain.factcheck import Fact, extract_facts
from app.domain.factcheck.facts import Value
from app.domain.factcheck.units import Quantity


def facts_of(text: str, kind: str) -> list[Fact]:
    """The facts of one kind (or kind family, such as "vital") found in text."""
    return [
        fact
        for fact in extract_facts(text)
        if fact.kind == kind or fact.kind.startswith(kind + ".")
    ]


def only(text: str, kind: str) -> Fact:
    """The single fact of a kind in text; fails if there is not exactly one."""
    found = facts_of(text, kind)
    assert len(found) == 1, found
    return found[0]


def value(fact: Fact, name: str = "value") -> Value:
    values = fact.values(name)
    assert len(values) == 1, fact
    return values[0]


def magnitude(fact: Fact) -> float:
    """The number a measurement fact holds."""
    reading = value(fact)
    assert isinstance(reading, Quantity), fact
    return reading.magnitude
