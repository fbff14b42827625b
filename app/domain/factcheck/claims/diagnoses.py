"""Diagnoses and conditions the notes never name.

A small model adds a diagnosis to a sentence otherwise made of the notes' words ("the patient
has also had a stroke in the sternal wound infection", "a history of heart disease and
diabetes"). Word overlap passes it: one new word among many of the notes' is below its
threshold. A condition is a claim about the patient that the notes either make, in some form,
or do not: a draft naming one the notes never name, under any of the names nurses write
(`resources/lexicon/conditions.tsv`: "CVA" is a stroke, "septic" is sepsis), invents it.

A more general condition than one the notes name is theirs ("heart disease" where they write
"MI"); a more specific one is not. Only a plain claim is judged: a condition that is negated,
in doubt, watched for or planned around ("no signs of infection", "? stroke", "monitor for
bleeding", "seizure precautions") is no claim that the patient has it, and is left alone. The
notes are read whole, negations and all: a condition they mention anywhere is never flagged.
"""

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from app.domain.deidentify.vocabulary import is_dictionary_word
from app.domain.factcheck.claims.notes import SourceNotes
from app.domain.factcheck.spelling import deletions
from app.paths import resources_dir

_ANY_CONDITION = "disease"
"""The canonical name of a bare "disease", "disorder" or "syndrome": every condition falls
under it, so the notes naming any condition back it."""
_NOT_A_CONDITION = "not a condition"
"""The canonical name of phrases that hold a condition's word but name none ("stroke volume")."""
_CLAIM = "claim"

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
"""A word as terms are matched: letters and digits, with an apostrophe's tail ("pvc's")."""
_PLAIN_WORD = re.compile(r"[a-z0-9]+")
_POSSESSIVE = re.compile(r"['’]s$")
_APOSTROPHE = re.compile(r"['’]")

_NOT_CLAIMED_BEFORE = re.compile(
    r"\?|(?<![a-z])(?:no|not|non|without|w/o|den(?:y|ies|ied)|neg|negative|free\s+of"
    r"|r/o|rule[sd]?\s+out|possibl[ey]|probabl[ey]|likely|unlikely|suspect\w*|suspicion"
    r"|concern\w*|query|questionable|presum\w*|consider\w*|differential|vs|versus|risk\w*"
    r"|prevent\w*|prophyla\w*|avoid\w*|monitor\w*|watch\w*|observ\w*|assess\w*|evaluat\w*"
    r"|eval|check\w*|screen\w*|test\w*|work[\s-]?up|if|unless"
    r"|should|would|could|may|might|in\s+case|precaution\w*|educat\w*|teach\w*|family"
    r"|mother|father|brother|sister|son|daughter|wife|husband)(?![a-z])"
)
"""Words before a condition, in its sentence, that make it no claim the patient has it: a
negation, a doubt, a watch, a plan or a condition, or a relative's history."""
_NOT_CLAIMED_AFTER = re.compile(
    r"\W*(?:[a-z]+\W+){0,2}?(?:precautions?|prophylaxis|protocol|bundle|scale|score|screen\w*"
    r"|risk|ruled\s+out|r/o|negative|unlikely|team|service|consult\w*|work[\s-]?up|education"
    r"|teaching|diet|pathway|vaccine|shot)(?![a-z])|\s*\?"
)
"""Words just after a condition that make it a precaution, a score, a team or a rule-out
("seizure precautions", "stroke team", "MI ruled out"), not the patient's condition."""
_PLAN = re.compile(
    r"(?<![a-z])(?:call|notify|page|contact|escalat\w*|contingenc\w*|awareness)(?![a-z])"
)
"""Words anywhere in a sentence that make it a plan for what may happen ("escalating CIWA or
seizure activity - call MD"), whatever order its condition and action come in."""
_TREATED_BEFORE = re.compile(
    r"(?<![a-z])(?:treat(?:s|ed|ing)?|treatment\s+(?:of|for)|manag(?:e|es|ed|ing)"
    r"|management\s+of)\s+(?:(?:the|his|her|their|this|its)\s+)?$"
)
"""A treatment right before a condition: to treat it presumes the patient has it, even in a
plan ("the next shift should treat COPD")."""
_ON_A_CONDITION = re.compile(
    r"(?<![a-z])(?:if|unless|prn|as\s+needed|per\s+protocol|protocol|in\s+case|should\s+(?:it"
    r"|this|they)\s+(?:occur|develop|recur))(?![a-z])"
)
"""Words that make a treatment a standing order for what may come ("treat hypoglycemia per
protocol")."""
_TURN = re.compile(r"\b(?:but|however|although|though|whereas)\b")
"""A conjunction that turns the sentence: a negation before it does not reach past it."""
_AFTER_WINDOW = 30
_MIN_MISSPELT = 6
"""The shortest word read as a misspelt condition: shorter words are one letter from too many
others."""


@dataclass(frozen=True, slots=True)
class _Term:
    """What one way of writing a condition names."""

    claims: frozenset[str]
    """The conditions a draft claims by writing it (none for a form only the notes' use
    counts for)."""
    names: frozenset[str]
    """Every condition the notes name by writing it."""


@dataclass(frozen=True, slots=True)
class _Lexicon:
    terms: Mapping[tuple[str, ...], _Term]
    by_first_word: Mapping[str, tuple[tuple[str, ...], ...]]
    """Each term's key under its first word, longest first."""
    anchors: frozenset[str]
    """The last word of every term a draft sentence is read for: one a draft claims, or one
    that names no condition ("stroke volume")."""
    parents: Mapping[str, frozenset[str]]
    longest: int
    near: Mapping[str, frozenset[str]]
    """What every one-word term names, under the term and under each spelling of it with one
    letter left out: a word one edit from a term shares one of these with it."""


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    term: _Term


def invented_diagnosis(sentence: str, notes: SourceNotes) -> str | None:
    """A condition the sentence plainly says the patient has that the notes never name, in
    any form or any more specific form."""
    named: frozenset[str] | None = None
    lowered = sentence.lower()
    for mention in _mentions(sentence):
        if not mention.term.claims or not _claimed(lowered, mention.start, mention.end):
            continue
        if named is None:
            named = _named_in(notes.written)
        if mention.term.claims & named or mention.term.claims & _misspelt_in(notes.written):
            continue
        return (
            "Not found in the notes: the source notes never mention "
            f"{sentence[mention.start : mention.end]}, under this or any other name."
        )
    return None


def _claimed(lowered: str, start: int, end: int) -> bool:
    """Whether the condition at [start, end) is stated as the patient's: no negation, doubt,
    watch or plan before it in its sentence (up to a turn), and no precaution or rule-out just
    after it, in a sentence that plans for nothing; or treated, in a sentence that sets no
    condition on the treatment."""
    if _PLAN.search(lowered):
        return False
    before = lowered[:start]
    if _TREATED_BEFORE.search(before) and not _ON_A_CONDITION.search(lowered):
        return True
    turns = list(_TURN.finditer(before))
    if turns:
        before = before[turns[-1].end() :]
    if _NOT_CLAIMED_BEFORE.search(before):
        return False
    return not _NOT_CLAIMED_AFTER.match(lowered, end, end + _AFTER_WINDOW)


@lru_cache(maxsize=4)
def _named_in(written: str) -> frozenset[str]:
    """Every condition the notes name as written (nurses' shorthand is in the lexicon), with
    every more general condition each falls under. Made once per notes, when a draft first names a
    condition; a term is looked up by its first word among the notes' words, and a term of
    several words is then looked for in the notes' text."""
    lexicon = _lexicon()
    found: set[str] = set()
    source = written.lower()
    words = _words(source)
    for word in words & lexicon.by_first_word.keys():
        for key in lexicon.by_first_word[word]:
            if len(key) == 1 or (words.issuperset(key) and _phrase(key).search(source)):
                found |= lexicon.terms[key].names
    return _with_general(found)


@lru_cache(maxsize=4)
def _misspelt_in(written: str) -> frozenset[str]:
    """Every condition the notes name in a misspelling ("pnemonia", "acsites"): a word of
    theirs that is no dictionary word and one edit from a term. Read only once a draft names a
    condition the notes' spelt words do not."""
    lexicon = _lexicon()
    found: set[str] = set()
    for word in _words(written.lower()):
        if len(word) < _MIN_MISSPELT or (word,) in lexicon.terms or is_dictionary_word(word):
            continue
        for variant in (word, *deletions(word)):
            found |= lexicon.near.get(variant, frozenset())
    return _with_general(found)


def _with_general(named: set[str]) -> frozenset[str]:
    """These conditions with every more general condition each falls under."""
    lexicon = _lexicon()
    found = set(named)
    pending = list(found)
    while pending:
        for parent in lexicon.parents.get(pending.pop(), frozenset()):
            if parent not in found:
                found.add(parent)
                pending.append(parent)
    if found - {_NOT_A_CONDITION}:
        found.add(_ANY_CONDITION)
    return frozenset(found)


@cache
def _phrase(key: tuple[str, ...]) -> re.Pattern[str]:
    """A term of several words as lower-case text writes it: any spacing or punctuation
    between its words, and an apostrophe's tail after each ("parkinson's disease")."""
    return re.compile(
        r"(?<![a-z0-9])" + r"(?:['’][a-z]*)?[^a-z0-9]*".join(map(re.escape, key)) + r"(?![a-z0-9])"
    )


def _mentions(sentence: str) -> Iterator[_Mention]:
    """Each condition term in a draft sentence, longest first where terms overlap ("heart
    failure" before "failure"), left to right. A sentence none of whose words ends such a term
    (most) costs one scan of its words, parted at apostrophes too: a term written with one
    ("Parkinson's", "CHF'er") keeps a word of its own before it."""
    lexicon = _lexicon()
    if lexicon.anchors.isdisjoint(_PLAIN_WORD.findall(sentence.lower())):
        return
    matches = list(_TOKEN.finditer(sentence))
    words = [_normalised(match.group()) for match in matches]
    index = 0
    while index < len(words):
        if words[index] in lexicon.by_first_word:
            for length in range(min(lexicon.longest, len(words) - index), 0, -1):
                term = lexicon.terms.get(tuple(words[index : index + length]))
                if term is not None:
                    yield _Mention(matches[index].start(), matches[index + length - 1].end(), term)
                    index += length - 1
                    break
        index += 1


def _words(lowered: str) -> set[str]:
    """The distinct words of a lower-case text, as terms are matched."""
    return {
        _normalised(word) if "'" in word or "’" in word else word
        for word in set(_TOKEN.findall(lowered))
    }


def _normalised(word: str) -> str:
    """A word in lower case, without a possessive or apostrophe ("Parkinson's", "pvc's")."""
    word = word.lower()
    if "'" in word or "’" in word:
        return _APOSTROPHE.sub("", _POSSESSIVE.sub("", word))
    return word


def _key(term: str) -> tuple[str, ...]:
    return tuple(map(_normalised, _TOKEN.findall(term)))


@cache
def _lexicon() -> _Lexicon:
    """The conditions lexicon: each term's key (its words, and its plural forms) with what it
    names, and each condition's more general conditions."""
    claims: dict[tuple[str, ...], set[str]] = {}
    names: dict[tuple[str, ...], set[str]] = {}
    parents: dict[str, set[str]] = {}
    path = resources_dir() / "lexicon" / "conditions.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        written, canonical, general, use = (field.strip() for field in line.split("\t"))
        parents.setdefault(canonical, set()).update(
            parent.strip() for parent in general.split(",") if parent.strip()
        )
        key = _key(written)
        for form in (key, (*key[:-1], key[-1] + "s"), (*key[:-1], key[-1] + "es")):
            names.setdefault(form, set()).add(canonical)
            claims.setdefault(form, set())
            if use == _CLAIM:
                claims[form].add(canonical)
    terms = {key: _Term(frozenset(claims[key]), frozenset(named)) for key, named in names.items()}
    by_first_word: dict[str, list[tuple[str, ...]]] = {}
    for key in sorted(terms, key=len, reverse=True):
        by_first_word.setdefault(key[0], []).append(key)
    return _Lexicon(
        terms=terms,
        by_first_word={word: tuple(keys) for word, keys in by_first_word.items()},
        anchors=frozenset(
            key[-1] for key, term in terms.items() if term.claims or _NOT_A_CONDITION in term.names
        ),
        parents={canonical: frozenset(found) for canonical, found in parents.items()},
        longest=max(map(len, terms)),
        near=_near(terms),
    )


def _near(terms: Mapping[tuple[str, ...], _Term]) -> dict[str, frozenset[str]]:
    """What each one-word term long enough to be misspelt names, under the term and under each
    of its spellings with one letter left out."""
    near: dict[str, set[str]] = {}
    for key, term in terms.items():
        if len(key) == 1 and len(key[0]) >= _MIN_MISSPELT:
            for variant in (key[0], *deletions(key[0])):
                near.setdefault(variant, set()).update(term.names)
    return {variant: frozenset(named) for variant, named in near.items()}
