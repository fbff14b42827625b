"""Which findings a passage affirms and which it negates, read NegEx-style.

NegEx (Chapman et al. 2001) decides whether a finding is negated from trigger words around it:
a trigger before the finding ("no", "denies") or after it ("negative", "none") negates what lies
within its scope, and the scope ends at a conjunction that turns the sentence ("but",
"however"). ConText (Harkema et al. 2009) adds triggers that leave a finding in doubt: past,
resolved, possible or watched for. The findings and triggers are data, in
`resources/lexicon/findings.tsv` and `resources/lexicon/negation.tsv`.

Each mention is read twice, so that a claim rule can be wrong only towards silence: a mention
is NEGATED only inside a trigger's narrow scope (a few words, no comma or colon between, or a
plain list of findings: "no redness, swelling or drainage"), AFFIRMED only outside the wide
scope of every trigger (the rest of its sentence), and OTHER in between.

negspacy, medspacy and pyConTextNLP are not installed, and each runs on a spaCy pipeline whose
cost per sentence is far above the claim rules' budget (about a millisecond for a two-page
check); this reader needs a tokenizer and the two word lists.
"""

import re
from collections.abc import Set
from dataclasses import dataclass
from enum import Enum
from functools import cache

from app.domain.factcheck.lexicon import read_lexicon_file
from app.paths import resources_dir


class Stance(Enum):
    AFFIRMED = "affirmed"
    NEGATED = "negated"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Mention:
    """A finding named in a sentence, and whether the sentence says the patient has it."""

    finding: str
    stance: Stance


_NEGATES_BEFORE = "negates-before"
_NEGATES_AFTER = "negates-after"
_DOUBTS_BEFORE = "doubts-before"
_DOUBTS_AFTER = "doubts-after"
_PSEUDO = "pseudo"
_ENDS = "ends"
_ABSENT = "no "
"""A findings.tsv name beginning so lists words that say the finding is absent."""

_NARROW_WORDS = 5
"""How many words may part a negation before its finding (NegEx's window)."""
_DANGLING_WORDS = 2
"""A negation this close to its sentence's end, with no finding after it, may reach into the
next sentence."""
_NARROW_AFTER = 2
"""How many words may part a finding from a negation after it ("edema: none", "CP denied")."""
_STOPS = frozenset({",", ":", "(", ")", "for", "-", "\n"})
"""Tokens that end a negation's narrow scope: the next item of a note is another matter. A
line break is one, though a note may wrap a sentence there ("NO\n SIGNS OF HEMATOMA"): the
finding after it is then in the wide scope only, and judged by neither rule."""
_LIST_LINKS = frozenset({",", "or", "nor", "and", "/"})
_GUARDED_LINKS = frozenset({",", "and"})
"""Links that also join clauses ("no fever, cough productive"): a finding after one continues
a negated list only where it stands alone."""
_BACKWARD_LINKS = frozenset({"or", "nor", "and", "/"})
_BARE_AFTER = frozenset({",", "or", "nor", "and", "/", ")", "\n"})
_SCORE_LEADS = frozenset({":", "-", "="})

_SENTENCE_END = re.compile(r"[.;!]+(?!\d)|\n\s*\n|\n(?=\s*[a-z][a-z/&]{0,15}\s*(?::|-|>))")
"""A full stop, a blank line, or a line break before a system's label ("CV:", "gi--"): a
single line break may only wrap a sentence."""
_LEAD_PARTS = re.compile(r"[-+]")
_PLAIN_WORD = re.compile(r"[a-z0-9&'/]+")
_TOKEN = re.compile(r"\(-\)|[a-z0-9]+(?:[/&'+\-][a-z0-9]+)*|\n|[^\sa-z0-9]")


@dataclass(frozen=True, slots=True)
class _Lexicon:
    findings: dict[tuple[str, ...], tuple[tuple[str, ...], bool]]
    """Each way of writing findings, as tokens: the findings it names, and whether it says
    they are absent."""
    triggers: dict[tuple[str, ...], frozenset[str]]
    """Each trigger, as tokens, with its kinds."""
    lengths: dict[str, tuple[int, ...]]
    """The lengths, longest first, of the phrases of either list that start with a token: a
    token that starts none is passed over with one look-up."""
    whole: frozenset[str]
    """Single tokens holding "/" that are words of their own ("n/v", "c/o", "w/o")."""
    heads: dict[str, str]
    """The finding a longer one is a kind of ("chest pain" is a "pain")."""
    leads: frozenset[str]
    """The first words of the findings, and their parts between "-" and "+" ("non",
    "tender"): a sentence with none of them, slashed runs parted ("cp/sob"), names no
    finding."""


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(phrase.lower()))


@cache
def _lexicon() -> _Lexicon:
    folder = resources_dir() / "lexicon"
    findings: dict[tuple[str, ...], tuple[tuple[str, ...], bool]] = {}
    for name, aliases in read_lexicon_file(folder / "findings.tsv"):
        absent = name.startswith(_ABSENT)
        finding = name.removeprefix(_ABSENT)
        for written in (finding, *aliases) if not absent else aliases:
            key = _words(written)
            named, _ = findings.get(key, ((), False))
            if finding not in named:
                findings[key] = ((*named, finding), absent)
    triggers: dict[tuple[str, ...], frozenset[str]] = {}
    for kind, phrases in read_lexicon_file(folder / "negation.tsv"):
        for phrase in phrases:
            key = _words(phrase)
            triggers[key] = triggers.get(key, frozenset()) | {kind}
    keys = [*findings, *triggers]
    names = {name for named, _ in findings.values() for name in named}
    heads = {name: name.split()[-1] for name in names if " " in name and name.split()[-1] in names}
    lengths: dict[str, set[int]] = {}
    for key in keys:
        lengths.setdefault(key[0], set()).add(len(key))
    return _Lexicon(
        findings=findings,
        triggers=triggers,
        lengths={first: tuple(sorted(sizes, reverse=True)) for first, sizes in lengths.items()},
        whole=frozenset(key[0] for key in keys if len(key) == 1 and "/" in key[0]),
        heads=heads,
        leads=frozenset(piece for key in findings for piece in _LEAD_PARTS.split(key[0])),
    )


def _tokens(sentence: str, lexicon: _Lexicon) -> list[str]:
    """The sentence's tokens, a slashed run of words ("cp/sob") parted at each slash unless
    the run is a word of its own ("n/v")."""
    if "/" not in sentence:
        return _TOKEN.findall(sentence)
    tokens: list[str] = []
    for token in _TOKEN.findall(sentence):
        if "/" in token and token not in lexicon.whole:
            for index, part in enumerate(token.split("/")):
                tokens.extend(("/", part) if index else (part,))
        else:
            tokens.append(token)
    return tokens


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    findings: tuple[str, ...] = ()
    absent: bool = False
    kinds: frozenset[str] = frozenset()


def _scan(tokens: list[str], lexicon: _Lexicon) -> list[_Found]:
    """The findings and triggers in order, each the longest phrase that starts where it does;
    a pseudo-trigger is kept, so that its words are no trigger, and then ignored."""
    found: list[_Found] = []
    index = 0
    while index < len(tokens):
        for length in lexicon.lengths.get(tokens[index], ()):
            key = tuple(tokens[index : index + length])
            if key in lexicon.findings:
                named, absent = lexicon.findings[key]
                found.append(_Found(index, index + length, findings=named, absent=absent))
                index += length
                break
            if key in lexicon.triggers:
                found.append(_Found(index, index + length, kinds=lexicon.triggers[key]))
                index += length
                break
        else:
            index += 1
    return found


def _negated_after_trigger(
    trigger: _Found, tokens: list[str], at: dict[int, _Found], negated: set[int]
) -> bool:
    """Mark the findings a negation before them reaches: within a few words, over no stop, and
    on along a plain list of findings. Whether the negation runs off the sentence's end within
    a word or two, before any finding: the full stop may be an abbreviation's ("without palp.
    hematoma")."""
    position, words = trigger.end, 0
    while position < len(tokens) and words <= _NARROW_WORDS:
        item = at.get(position)
        if item is not None and item.findings:
            negated.add(position)
            position = item.end
            link = tokens[position] if position < len(tokens) else ""
            following = at.get(position + 1)
            if link in _LIST_LINKS and (
                _bare(following, tokens, at) if link in _GUARDED_LINKS else _finding(following)
            ):
                position, words = position + 1, 0
                continue
            return False
        if (item is not None and _ENDS in item.kinds) or tokens[position] in _STOPS:
            return False
        position += 1 if item is None else item.end - position
        words += 1
    return position >= len(tokens) and words <= _DANGLING_WORDS


def _finding(item: _Found | None) -> bool:
    return item is not None and bool(item.findings)


def _bare(item: _Found | None, tokens: list[str], at: dict[int, _Found]) -> bool:
    """Whether a finding stands alone as an item of a list: nothing but a link, another
    finding or the sentence's end follows it."""
    if item is None or not item.findings:
        return False
    if item.end == len(tokens) or tokens[item.end] in _BARE_AFTER:
        return True
    following = at.get(item.end)
    return following is not None and (bool(following.findings) or _NEGATES_AFTER in following.kinds)


def _negated_before_trigger(
    trigger: _Found, found: list[_Found], tokens: list[str], negated: set[int]
) -> None:
    """Mark the findings just before a negation after them ("edema: none", "CP/SOB denied")."""
    ends = {item.end: item for item in found if item.findings}
    position = trigger.start
    for _ in range(_NARROW_AFTER + 1):
        if position in ends:
            break
        if position == 0 or tokens[position - 1] in {",", "(", ")", "\n"} | _BACKWARD_LINKS:
            return
        position -= 1
    else:
        return
    while position in ends:
        item = ends[position]
        negated.add(item.start)
        if item.start == 0 or tokens[item.start - 1] not in _BACKWARD_LINKS:
            return
        position = item.start - 1


@dataclass(frozen=True, slots=True)
class _Read:
    mentions: list[Mention]
    dangling: bool
    """A negation runs off the sentence's end within a word or two, before any finding."""
    answers: bool
    """The sentence names no finding but resolves, doubts or denies one ("Resolved with
    Zofran."): it speaks of the findings of the sentence before."""


def _stances(tokens: list[str], lexicon: _Lexicon, carried: bool) -> _Read:
    """The sentence's mentions, read NegEx-style. `carried` says a negation ran off the end
    of the sentence before: the findings that open this one may be its."""
    found = [item for item in _scan(tokens, lexicon) if _PSEUDO not in item.kinds]
    at = {item.start: item for item in found}
    negated = {item.start for item in found if item.absent}
    dangling = False
    for item in found:
        if _NEGATES_BEFORE in item.kinds:
            dangling = _negated_after_trigger(item, tokens, at, negated) or dangling
        if _NEGATES_AFTER in item.kinds:
            _negated_before_trigger(item, found, tokens, negated)
    mentions: list[Mention] = []
    for index, item in enumerate(found):
        if not item.findings:
            continue
        doubted, denied = _in_wide_scope(found, index)
        doubted |= _scored(item, tokens) or (carried and _opens(item, tokens))
        if item.start in negated and not doubted:
            stance = Stance.NEGATED
        elif not doubted and not denied and not item.absent:
            stance = Stance.AFFIRMED
        else:
            stance = Stance.OTHER
        mentions.extend(Mention(finding, stance) for finding in item.findings)
        mentions.extend(
            Mention(lexicon.heads[finding], Stance.OTHER)
            for finding in item.findings
            if finding in lexicon.heads
        )
    answers = not any(item.findings for item in found) and any(
        _DOUBTS_AFTER in item.kinds or _NEGATES_AFTER in item.kinds for item in found
    )
    return _Read(mentions, dangling, answers)


def _opens(item: _Found, tokens: list[str]) -> bool:
    """Whether the finding is within a negation's reach of its sentence's start."""
    return item.start <= _NARROW_WORDS and not _STOPS.intersection(tokens[: item.start])


def _scored(item: _Found, tokens: list[str]) -> bool:
    """Whether a number follows the finding ("Pain 0/10", "pain: 3"): a score, which may say
    the finding is there or that it is not, so neither."""
    position = item.end
    while position < len(tokens) and tokens[position] in _SCORE_LEADS:
        position += 1
    return position < len(tokens) and tokens[position][0].isdigit()


def _in_wide_scope(found: list[_Found], index: int) -> tuple[bool, bool]:
    """Whether a doubting trigger, and whether a negating one, reaches this finding from
    anywhere in its sentence with no ending word between."""
    doubted = denied = False
    for step, doubts, negates in (
        (-1, _DOUBTS_BEFORE, _NEGATES_BEFORE),
        (1, _DOUBTS_AFTER, _NEGATES_AFTER),
    ):
        other = index + step
        while 0 <= other < len(found) and _ENDS not in found[other].kinds:
            doubted |= doubts in found[other].kinds
            denied |= negates in found[other].kinds
            other += step
    return doubted, denied


def mentions(text: str, leads: frozenset[str] | None = None) -> list[Mention]:
    """Every finding the text names, sentence by sentence, with its stance; only those
    `leads` may start (`leads_of`) where it is given."""
    lexicon = _lexicon()
    leads = lexicon.leads if leads is None else leads
    lowered = text.lower()
    if not _may_name_a_finding(lowered, leads):
        return []
    sentences = _SENTENCE_END.split(lowered)
    named = [_may_name_a_finding(sentence, leads) for sentence in sentences] + [False]
    found: list[Mention] = []
    previous = 0
    dangling = False
    for index, sentence in enumerate(sentences):
        if not (named[index] or named[index + 1] or named[index - 1]):
            previous, dangling = 0, False
            continue
        read = _stances(_tokens(sentence, lexicon), lexicon, dangling)
        if read.answers:
            found[len(found) - previous :] = map(_in_doubt, found[len(found) - previous :])
        found.extend(read.mentions)
        previous, dangling = len(read.mentions), read.dangling
    return found


def _in_doubt(mention: Mention) -> Mention:
    """The mention, an affirmed one left in doubt by the sentence after it."""
    if mention.stance is Stance.AFFIRMED:
        return Mention(mention.finding, Stance.OTHER)
    return mention


def leads_of(findings: Set[str]) -> frozenset[str]:
    """The words one of these findings starts with, as `mentions` looks for them: a sentence
    with none of them names none of the findings."""
    lexicon = _lexicon()
    return frozenset(
        piece
        for key, (named, _) in lexicon.findings.items()
        if not findings.isdisjoint(named)
        for piece in _LEAD_PARTS.split(key[0])
    )


def _may_name_a_finding(sentence: str, leads: frozenset[str]) -> bool:
    """A first look in one pass of a pattern, so that a sentence naming no finding (most of a
    note) is never tokenized: a sentence passed over is read by the next sentence only where
    that one names a finding. Words joined by a slash ("n/v") are parted only in a sentence
    that has one."""
    words = _PLAIN_WORD.findall(sentence)
    if not leads.isdisjoint(words):
        return True
    return "/" in sentence and any(
        not leads.isdisjoint(word.split("/")) for word in words if "/" in word
    )
