"""A purpose moved from one treatment to another.

"The patient has been receiving Lasix IV for pain control" where the notes give Percocet for
pain control and Lasix for nothing said; "the propofol gtt was started for goal SBP > 80" where
the goal is the neo's. Both halves are the notes', and so is every word: word overlap passes the
sentence, and the link rules read "due to" or "to ensure", not "for". What the sentence claims
is why this drug was given, and the notes give that reason to another.

Only a purpose the notes state elsewhere is judged, away from every mention of the drug (its
sentence, and the sentences before and after it in its passage): a reason the notes never give
at all is for the sentence measure, and one written beside the drug anywhere is theirs. A drug
the notes never name is for the medication rules.
"""

import re
from collections.abc import Iterable
from functools import lru_cache

from app.domain.factcheck.claims.drug_mentions import DrugMention, drug_mentions
from app.domain.factcheck.claims.notes import KNOWN_PREFIX, SourceNotes, holds_any

_FOR = re.compile(r"\bfor\s+(?P<purpose>[^.;:,()\n]+?)(?=\s+(?:and|but|while|with)\b|[.;:,()\n]|$)")
"""A purpose as a draft writes one after a treatment: "for pain control", "for goal SBP > 80"."""
_NOT_A_PURPOSE = re.compile(
    r"(?:\d|~|<|>|a\s+(?:total|few|while|couple)|several|about|over|up\s+to|at\s+least|less|more"
    r"|approximately|the\s+(?:past|last|next|first|second|third|rest|remainder|night|day|shift"
    r"|moment|time|duration|patient|pt)|now|today|tonight|this|that|these|those|him|her|them"
    r"|his|their|it|pt\b|patient\b|further|possible|future|home|comfort|all|each|every|one"
    r"|two|three|hours?|days?|weeks?|months?|years?|minutes?)"
)
"""What follows "for" that gives a span, an amount, a person or a next step, not a reason."""
_CLAUSE = re.compile(r"[.;:,()\n]|\b(?:and|but|while|then|after|before)\b")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_HEADING = re.compile(r"[a-z][a-z/&\s]{0,24}[:\-]")
"""A system or topic heading at the start of a line: "neuro:", "gi/gu:", "cv-"."""
_SHARE = 0.5
"""The share of the purpose's content words one passage of the notes must hold for the notes
to state it."""


def moved_purpose(sentence: str, notes: SourceNotes) -> str | None:
    """A drug given for a purpose the notes give only to something else."""
    if not holds_any(sentence, ("for ",)):
        return None
    lowered = sentence.lower()
    for match in _FOR.finditer(lowered):
        purpose = match["purpose"]
        if _NOT_A_PURPOSE.match(purpose):
            continue
        drug = _drug_before(lowered, match.start())
        if drug is None:
            continue
        wanted = frozenset(notes.terms(purpose))
        if not wanted:
            continue
        beside = _beside_drug(notes, drug.meaning)
        if not beside or not beside.isdisjoint(_prefixes(wanted)):
            continue
        if _stated(notes, wanted):
            return (
                f"Not found in the notes: the notes give “{purpose.strip()}” as the reason for "
                f"something else, not for {sentence[drug.start : drug.end]}."
            )
    return None


def _drug_before(lowered: str, end: int) -> DrugMention | None:
    """The drug the purpose at `end` belongs to: the last one named in its clause."""
    edges = list(_CLAUSE.finditer(lowered, 0, end))
    start = edges[-1].end() if edges else 0
    mentions = drug_mentions(lowered, ((start, end),))
    return mentions[-1] if mentions else None


def _beside_drug(notes: SourceNotes, meaning: str) -> frozenset[str]:
    """The content terms the notes write beside a drug, cut to their first letters: every
    sentence that names it, and the sentences before and after it in its passage (a note
    wraps its lines mid-sentence: "PLACED ON PROPOFOL GTT / FOR AGITATION MANAGEMENT")."""
    return _terms_beside(notes.text_lower, notes.spans, notes.sentence_terms).get(
        meaning, frozenset()
    )


@lru_cache(maxsize=4)
def _terms_beside(
    text_lower: str,
    spans: tuple[tuple[int, int], ...],
    sentence_terms: tuple[frozenset[str], ...],
) -> dict[str, frozenset[str]]:
    """Each drug the notes name, by meaning, with the terms beside it: read once per notes."""
    beside: dict[str, set[str]] = {}
    for index, (start, end) in enumerate(spans):
        meanings = {mention.meaning for mention in drug_mentions(text_lower, ((start, end),))}
        if not meanings:
            continue
        terms = set(sentence_terms[index])
        for neighbour in (index - 1, index + 1):
            if 0 <= neighbour < len(spans) and _one_passage(text_lower, spans, index, neighbour):
                terms |= sentence_terms[neighbour]
        for meaning in meanings:
            beside.setdefault(meaning, set()).update(_prefixes(terms))
    return {meaning: frozenset(terms) for meaning, terms in beside.items()}


def _one_passage(text: str, spans: tuple[tuple[int, int], ...], first: int, second: int) -> bool:
    """Whether two neighbouring sentences of the notes are one passage: a wrapped line joins
    them, a blank line or a new line opening with a heading ("activity/comfort:") parts them."""
    low, high = sorted((first, second))
    gap = text[spans[low][1] : spans[high][0]]
    if "\n" not in gap:
        return True
    return _BLANK_LINE.search(gap) is None and _HEADING.match(text, spans[high][0]) is None


def _prefixes(terms: Iterable[str]) -> set[str]:
    """Each term cut to its first KNOWN_PREFIX letters, so a misspelt form ("hypotention")
    meets the word ("hypotension")."""
    return {term[:KNOWN_PREFIX] for term in terms}


def _stated(notes: SourceNotes, wanted: frozenset[str]) -> bool:
    """Whether one sentence of the notes holds at least half the purpose's terms."""
    needed = _SHARE * len(wanted)
    return any(len(terms & wanted) >= needed for terms in notes.sentence_terms)
