"""Evidence for every sentence of a draft: the source sentences that say the same thing.

Per-fact rules see numbers, drugs and sides; a model's narrative inventions ("seen in the
cardiology clinic last week", "her son, a pharmacist, will visit") carry none. Each draft
sentence is therefore aligned with the source sentences whose words it shares, after both are
normalised: shorthand spelt out, nursing abbreviations expanded (`abbreviations.tsv`), drug
names read as their generic, words reduced to a crude stem. A sentence most of whose content
words appear nowhere in the notes is "not found in the notes".

This is word overlap, not understanding: a sentence that reuses the notes' words in a new
claim passes, and a faithful sentence in words the notes never use may be flagged.
"""

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import chain

from app.domain.deidentify.vocabulary import is_dictionary_word
from app.domain.factcheck.claims import SourceNotes, invention
from app.domain.factcheck.claims.notes import readings_by_kind
from app.domain.factcheck.facts import Fact
from app.domain.factcheck.lexicon import drug_mentions, drug_name_parts, nursing_abbreviations
from app.domain.factcheck.phrases import Words
from app.domain.factcheck.shorthand import Rewritten
from app.domain.factcheck.spelling import deletions, one_edit_apart, transpositions

SUPPORT_THRESHOLD = 0.34
"""A sentence is unsupported when fewer than this share of its content words are in the notes
(and at least MIN_UNSUPPORTED_WORDS of them are not)."""
MIN_UNSUPPORTED_WORDS = 3
MIN_CONTENT_WORDS = 3
"""Shorter sentences ("Afebrile.", "Full code.") are left to the per-fact rules."""
EVIDENCE_PER_SENTENCE = 3
_MIN_SHARED = 2

_CONDITIONAL = re.compile(
    r"^(?:[A-Za-z /&-]{1,30}:\s*)?(?:if|unless|should)\b"
    r"|(?:[,;(]|\b(?:and|or)\b)\s*(?:if|unless)\b"
    r"|^(?:[A-Za-z /&-]{1,30}:\s*)?(?:call|notify|page|contact|hold|give|titrate|wean|recheck)\b"
    r".*\b(?:if|unless)\b"
    r"|\bprn\b|\bas needed\b",
    re.IGNORECASE,
)
"""A condition that opens a sentence or follows a clause ("if the glucose climbs, call MD",
"call MD if SBP < 90") is a plan, not a claim about the notes: it is not judged. An indirect
question ("to determine if there is a cause") and a recommendation ("the patient should be
given …") are claims like any other."""
_CONDITIONAL_WORDS = ("if", "unless", "should", "prn", "as needed")
"""Every condition holds one of these: most sentences have none, and a few substring tests
spare them the pattern's scan."""
_SENTENCE_END = re.compile(
    r"[\n.!?;](?:(?<=\n)"
    r"|(?!(?<=(?:\b[Mm]r|\b[Dd]r|\bMR|\bDR|\bMs)\.)[ \t]+[A-Za-z])"
    r"(?!(?<=(?:\b[Mm]rs|\bMRS)\.)[ \t]+[A-Za-z])"
    r"(?!(?<=[ \t(][A-Z]\.)(?<![\d°][ \t][A-Z]\.)[ \t]+[a-z]{3})(?=\s|\Z))"
)
"""A line break, or a full stop, question or exclamation mark or semicolon before a space. A
title's full stop before a word ("Dr. Halvorsen pulled the line", "Dr. aware") ends no
sentence: a name split from its title is read by no claim rule, and "Dr" alone reads as a title
with no name. Nor does a genus's initial before its species ("C. difficile", "E. coli"), unless
a number makes the letter a unit ("38 C. given tylenol"). "MS." in capitals is mental status,
and ends a sentence. The mark comes first and the title is looked for behind it: the engine
then skips straight to the marks, where a pattern opening with a look-ahead is tried at every
character (eight times as slow)."""
_WORD = re.compile(
    r"[A-Za-z](?:-(?=[A-Za-z]{2}))?[A-Za-z'&/+]*[A-Za-z]|[A-Za-z]"
    r"|\d+(?:[sS][tT]|[nN][dD]|[rR][dD]|[tT][hH])(?![A-Za-z])|\d+(?:\.\d+)?"
)
"""A word, an ordinal ("2nd", read as "second" by the abbreviations) or a number. A letter
joined to a word by a hyphen ("a-fib", "v-tach") is one word with it."""
_CLOCK = re.compile(
    r"(?<![\d:])(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s*(?P<half>[AaPp])\.?\s?[Mm]\b\.?"
)
"""A time of day with its meridiem ("8 PM", "6:30am"), read also as the four digits a nurse
writes for it ("2000", "0630"), so "given at 8 PM" shares its time with "given at 2000"."""
_COLON_CLOCK = re.compile(
    r"(?<![\d:])(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?![\d:]|\s?[AaPp]\.?[Mm])"
)
"""A time of day written with a colon and no meridiem ("~ 16:00"), read also as its four
digits."""
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "at",
        "per",
        "via",
        "by",
        "to",
        "from",
        "with",
        "then",
        "also",
        "again",
        "now",
        "plus",
        "for",
        "in",
        "on",
        "into",
        "onto",
        "over",
        "under",
        "after",
        "before",
        "since",
        "until",
        "while",
        "during",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "had",
        "have",
        "do",
        "does",
        "did",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "his",
        "her",
        "him",
        "they",
        "them",
        "their",
        "there",
        "here",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "why",
        "how",
        "not",
        "no",
        "nor",
        "but",
        "if",
        "so",
        "than",
        "too",
        "very",
        "can",
        "could",
        "will",
        "would",
        "shall",
        "should",
        "may",
        "might",
        "must",
        "about",
        "around",
        "approximately",
        "some",
        "any",
        "each",
        "every",
        "all",
        "both",
        "more",
        "most",
        "less",
        "least",
        "few",
        "several",
        "other",
        "such",
        "only",
        "own",
        "same",
        "just",
        "up",
        "down",
        "out",
        "off",
        "further",
        "once",
        "patient",
        "pt",
        "remains",
        "remained",
        "continues",
        "continued",
        "continue",
        "noted",
        "given",
        "received",
        "receiving",
        "currently",
        "presently",
        "today",
        "tonight",
        "overnight",
        "shift",
        "still",
        "well",
        "good",
        "fair",
        "note",
        "notes",
        "see",
        "neuro",
        "cardiovascular",
        "cardiac",
        "cv",
        "respiratory",
        "resp",
        "pulmonary",
        "pulm",
        "gi",
        "gu",
        "id",
        "skin",
        "access",
        "lines",
        "labs",
        "lab",
        "plan",
        "assessment",
        "social",
        "endocrine",
        "endo",
        "heme",
        "misc",
        "fen",
        "activity",
        "comfort",
        "dispo",
        "disposition",
        "situation",
        "background",
        "recommendation",
        "action",
        "data",
        "response",
        "synthesis",
        "receiver",
        "illness",
        "severity",
        "watcher",
        "stable",
        "awareness",
        "summary",
        "discharge",
        "nursing",
        "repeats",
        "confirms",
        "list",
        "check",
        "recheck",
        "value",
        "values",
        "last",
        "first",
        "latest",
        "confirm",
        "escalating",
        "unstable",
        "improving",
        "call",
        "consider",
        "bed",
    ]
)


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """A sentence of the source notes, by its offsets in the source as given."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SentenceSupport:
    """One draft sentence, how much of it the notes support, and where."""

    start: int
    end: int
    support: float
    """The share of its content words found in the notes (1.0 for sentences too short to judge)."""
    unsupported_words: int
    """How many of its content words the notes never use."""
    evidence: tuple[SourceSpan, ...]
    """The source sentences sharing the most content words with it, best first."""
    novel: bool = False
    """It names a relative, or states a history, that the notes never do: a narrative
    invention even where its other words are the notes' own."""
    claim: str | None = None
    """Why a claim it makes is the draft's own (`app.domain.factcheck.claims`): a cause, an
    age, a role, a reassurance or a clause the notes do not give."""

    @property
    def supported(self) -> bool:
        if self.novel or self.claim is not None:
            return False
        return self.support >= SUPPORT_THRESHOLD or self.unsupported_words < MIN_UNSUPPORTED_WORDS


_SUFFIXES = (
    "ations",
    "ation",
    "ities",
    "ity",
    "ments",
    "ment",
    "ness",
    "ings",
    "ing",
    "ions",
    "ion",
    "ened",
    "ated",
    "ates",
    "ate",
    "ized",
    "izes",
    "ize",
    "ies",
    "ied",
    "um",
    "ly",
    "ed",
    "es",
    "s",
    "e",
    "y",
)
"""Endings a word's forms differ by ("extubate", "extubation"; "wean", "weaning"; "redded",
"reddened"), longest first: one is taken off where four letters stay."""


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _terms(words: Iterable[str]) -> set[str]:
    return set().union(*map(_word_terms, map(str.lower, words)))


@cache
def _word_terms(lowered: str) -> frozenset[str]:
    """The content terms one lowercased word stands for (none for a stopword). Words a slash
    joins that are no abbreviation together ("dp/pt") stand for each one's terms; a letter a
    hyphen joins to a word stands for the abbreviation they make ("a-fib"), or for nothing."""
    lowered = lowered.replace("'", "")
    abbreviations = nursing_abbreviations()
    if lowered[1:2] == "-":
        joined = lowered.replace("-", "", 1)
        return _word_terms(joined if joined in abbreviations else lowered[2:])
    if "/" in lowered and lowered not in abbreviations:
        return frozenset().union(*map(_word_terms, filter(None, lowered.split("/"))))
    return frozenset(
        _stem(part)
        for part in abbreviations.get(lowered, (lowered,))
        if part not in _STOPWORDS and (len(part) >= 3 or part[0].isdigit())
    )


def _text_terms(text: str) -> set[str]:
    return _terms(_WORD.findall(_clock_digits(text)))


def _clock_digits(text: str) -> str:
    """The text with each time of day written with a meridiem or a colon followed by its four
    digits ("4pm" and "16:00" both hold 1600)."""
    if ":" in text:
        text = _COLON_CLOCK.sub(_colon_four_digits, text)
    if "m" not in text and "M" not in text:
        return text
    return _CLOCK.sub(_four_digits, text)


def _colon_four_digits(match: re.Match[str]) -> str:
    return f"{match.group()} {int(match['hour']):02d}{match['minute']}"


def _four_digits(match: re.Match[str]) -> str:
    hour = int(match["hour"]) % 12 + (12 if match["half"] in "Pp" else 0)
    return f"{match.group()} {hour:02d}{match['minute'] or '00'}"


def _sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _sentence_terms(text: str, words: Words, spans: list[tuple[int, int]]) -> list[set[str]]:
    """Content terms of each sentence, drug names read as their generic."""
    found = [_text_terms(text[start:end]) for start, end in spans]
    starts = [start for start, _ in spans]
    for drug in drug_mentions(words):
        index = _sentence_at(starts, drug.start)
        if index is not None:
            for generic in drug.meaning.split(" or "):
                found[index] |= {_stem(part) for part in drug_name_parts(generic)}
    return found


def _is_conditional(sentence: str) -> bool:
    """Whether the sentence states a condition (`_CONDITIONAL`). The substring test is only
    trusted on plain ASCII: the pattern ignores case as Unicode does ("ſ" is an "s")."""
    if sentence.isascii():
        lowered = sentence.lower()
        if not any(word in lowered for word in _CONDITIONAL_WORDS):
            return False
    return _CONDITIONAL.search(sentence) is not None


def _sentence_at(starts: list[int], position: int) -> int | None:
    low, high = 0, len(starts)
    while low < high:
        middle = (low + high) // 2
        if starts[middle] <= position:
            low = middle + 1
        else:
            high = middle
    return low - 1 if low else None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass(frozen=True)
class SourceSentences:
    """The source notes' sentences as sentence evidence looks them up: each sentence's span and
    content terms, which sentences hold each term, and what the claim rules read of the notes.
    Built once per notes (`index_source`): a draft checked again against the same notes, as a
    nurse edits it, reads none of this again."""

    text: Rewritten
    spans: list[tuple[int, int]]
    holders: dict[str, list[int]]
    """Per content term, the sentences that hold it."""
    notes: SourceNotes
    """The notes as the claim rules read them, before the desk's patient name is added."""
    relatives: set[str]
    history_terms: "_HistoryTerms"


def index_source(
    source: Rewritten,
    source_words: Words,
    *,
    source_written: str,
    source_facts: Sequence[Fact] = (),
) -> SourceSentences:
    """The source notes' sentences, indexed for `support_sentences`.

    The notes come as read by the checker (shorthand spelt out, with its words).
    `source_written` is the notes as given, where the claim rules read values as written;
    `source_facts` are the facts read from it, which the claim rules weigh judgements against.
    """
    spans = _sentences(source.text)
    sentence_terms = _sentence_terms(source.text, source_words, spans)
    holders: dict[str, list[int]] = {}
    for index, terms in enumerate(sentence_terms):
        for term in terms:
            holders.setdefault(term, []).append(index)
    notes = SourceNotes(
        text=source.text,
        written=source_written,
        spans=tuple(spans),
        sentence_terms=tuple(frozenset(terms) for terms in sentence_terms),
        vocabulary=holders.keys(),
        terms=_text_terms,
        readings=readings_by_kind(source_facts),
    )
    return SourceSentences(
        text=source,
        spans=spans,
        holders=holders,
        notes=notes,
        relatives=_relatives_in(source.text),
        history_terms=_HistoryTerms(source.text, spans),
    )


def support_sentences(
    source: SourceSentences,
    draft: Rewritten,
    draft_words: Words,
    *,
    written: str,
    patient_name: str = "",
) -> list[SentenceSupport]:
    """Each draft sentence with its support in the source and its best evidence.

    The draft comes as read by the checker (shorthand spelt out, with its words); offsets in
    the result index the draft and the source as given. `written` is the draft as given: the
    claim rules read names by their capitals, which a draft in lower case loses when read.
    `patient_name` is the name on the patient bar, which the claim rules take as given.
    """
    holders = source.holders
    vocabulary = holders.keys()
    draft_spans = _sentences(draft.text)
    draft_terms = _sentence_terms(draft.text, draft_words, draft_spans)
    notes = replace(source.notes, patient_name=patient_name)
    results: list[SentenceSupport] = []
    for (span_start, span_end), terms in zip(draft_spans, draft_terms, strict=True):
        start, end = _trimmed(draft.text, span_start, span_end)
        missing = len(terms - vocabulary) if len(terms) >= MIN_CONTENT_WORDS else 0
        judged = len(terms) >= MIN_CONTENT_WORDS and not _is_conditional(draft.text[start:end])
        support = 1 - missing / len(terms) if judged else 1.0
        shared = Counter(chain.from_iterable(map(holders.__getitem__, terms & vocabulary)))
        needed = min(_MIN_SHARED, len(terms))
        ranked = sorted(
            ((count, index) for index, count in shared.items() if count >= needed),
            key=lambda pair: (-pair[0], pair[1]),
        )
        evidence = tuple(
            SourceSpan(*source.text.span(*source.spans[index]))
            for _, index in ranked[:EVIDENCE_PER_SENTENCE]
            if source.spans[index][1] > source.spans[index][0]
        )
        sentence = draft.text[start:end]
        novel = _names_new_relative(sentence, source.relatives) or _states_new_history(
            sentence, source.history_terms
        )
        given_start, given_end = draft.span(start, end)
        claim = invention(written[given_start:given_end], notes)
        results.append(
            SentenceSupport(given_start, given_end, support, missing, evidence, novel, claim)
        )
    return results


_RELATIVES = {
    "mother": ("mother",),
    "mom": ("mother",),
    "father": ("father",),
    "dad": ("father",),
    "parent": ("parent", "mother", "father"),
    "parents": ("parent", "mother", "father"),
    "wife": ("wife",),
    "husband": ("husband",),
    "spouse": ("spouse", "wife", "husband"),
    "son": ("son",),
    "sons": ("son",),
    "daughter": ("daughter",),
    "daughters": ("daughter",),
    "dtr": ("daughter",),
    "child": ("child", "son", "daughter"),
    "children": ("child", "son", "daughter"),
    "kids": ("child", "son", "daughter"),
    "sister": ("sister",),
    "sisters": ("sister",),
    "brother": ("brother",),
    "brothers": ("brother",),
    "sibling": ("sibling", "sister", "brother"),
    "siblings": ("sibling", "sister", "brother"),
    "grandson": ("grandchild",),
    "granddaughter": ("grandchild",),
    "grandchildren": ("grandchild",),
    "grandmother": ("grandparent",),
    "grandfather": ("grandparent",),
    "niece": ("niece",),
    "nephew": ("nephew",),
    "aunt": ("aunt",),
    "uncle": ("uncle",),
    "cousin": ("cousin",),
    "fiance": ("fiance",),
    "fiancee": ("fiance",),
    "girlfriend": ("girlfriend",),
    "boyfriend": ("boyfriend",),
    "friend": ("friend",),
    "friends": ("friend",),
    "colleague": ("colleague",),
    "colleagues": ("colleague",),
    "coworker": ("colleague",),
    "coworkers": ("colleague",),
}
"""Relatives and close people, each with who the word may be: "parents" may be the mother or
the father and "children" a son or a daughter, but a mother is never the father."""
_IN_LAW = "in-law"
_HISTORY_CLAIM = re.compile(
    r"\b(?:(?:past\s+)?(?:medical\s+)?history|hx|h/o)\s+of\b(?!\s+(?:the\s+)?present\s+illness)"
    r"|\bwith\s+a\s+history\b",
    re.IGNORECASE,
)
_HISTORY_WORDS = ("history", "hx", "h/o")
"""Every history claim holds one of these: most sentences have none, and a few substring tests
spare them the pattern's scan (trusted on plain ASCII only, as in `_is_conditional`)."""
_HISTORY_IN_NOTES = re.compile(
    r"(?=[hpkcbo])"
    r"\b(?:history|hx|h/o|pmh|pmhx|phx|pmed|pshx?|past\s+med\w*|known|chronic|baseline|old|prior)\b",
    re.IGNORECASE,
)
"""A history the notes give. The look-ahead for the words' first letters fails at once at most
characters, where the word boundary and the choice of words were tried at each."""
_HISTORY_HEADING = re.compile(
    r"(?:pmh\w*|phx|past\s+medical\s+history|medical\s+history|history|hx)\s*:?", re.IGNORECASE
)
"""A history heading on a line of its own, the history listed on the lines below it."""
_HEADED_LINES = 8
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_HISTORY_PHRASE = re.compile(r"[^.;,:\n]{0,60}")


_LETTERS = re.compile(r"[a-z]+")


_MISSPELT_RELATIVE_FROM = 6
"""Relatives' names this long are read one typed letter off too ("duaghter", "daugter",
"husand"), unless the word is an English one ("other", "rather"): a shorter word one edit from
"son" or "mom" is too often another word."""


@cache
def _relative_variants() -> dict[str, str]:
    """Each long name of a relative with one letter left out, and the name it comes from."""
    return {
        variant: name
        for name in _RELATIVES
        if len(name) >= _MISSPELT_RELATIVE_FROM
        for variant in deletions(name)
    }


@cache
def _relatives_transposed() -> dict[str, str]:
    """Each long name of a relative with two neighbouring letters swapped, and the name."""
    return {
        variant: name
        for name in _RELATIVES
        if len(name) >= _MISSPELT_RELATIVE_FROM
        for variant in transpositions(name)
    }


_IN_LAW_WRITTEN = re.compile(
    r"-\s*in\s*-?\s*law|\b(?:son|daughter|mother|father|brother|sister)s?\s+in[\s-]*law"
)
"""An in-law however the hyphens fall ("son-in-law", "son-inlaw", "son in law")."""


def _relatives_in(text: str) -> set[str]:
    """Every relative the notes name, a name misspelt by one letter, or by two letters
    swapped, included."""
    lowered = text.lower()
    words = set(_LETTERS.findall(lowered))
    found = {meaning for word in words & _RELATIVES.keys() for meaning in _RELATIVES[word]}
    variants, transposed = _relative_variants(), _relatives_transposed()
    for word in words - _RELATIVES.keys():
        if word in transposed:
            found.update(_RELATIVES[transposed[word]])
            continue
        if len(word) < _MISSPELT_RELATIVE_FROM - 1 or is_dictionary_word(word):
            continue
        for variant in (word, *deletions(word)):
            if variant in variants:
                found.update(_RELATIVES[variants[variant]])
    if "law" in lowered and _IN_LAW_WRITTEN.search(lowered):
        found.add(_IN_LAW)
    return found


def _names_new_relative(sentence: str, relatives: set[str]) -> bool:
    """A relative the notes never mention ("her mother", "his sister") in a draft sentence."""
    lowered = sentence.lower()
    words = set(_LETTERS.findall(lowered))
    for word in words & _RELATIVES.keys():
        in_law = f"{word}-in-law" in lowered
        if not ({_IN_LAW} if in_law else set(_RELATIVES[word])) & relatives:
            return True
    return False


class _HistoryTerms:
    """Content terms of the source sentences that state a history (PMH, h/o, known, old),
    gathered only when a draft sentence claims a history."""

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self._text = text
        self._spans = spans
        self._terms: set[str] | None = None

    @property
    def terms(self) -> set[str]:
        """The terms of every sentence that states a history, and of the lines a history
        heading on a line of its own ("PMHX") stands over, up to a blank line."""
        if self._terms is None:
            self._terms = set()
            under_heading = 0
            previous_end = 0
            for start, end in self._spans:
                sentence = self._text[start:end]
                if _BLANK_LINE.search(self._text, previous_end, start):
                    under_heading = 0
                previous_end = end
                if under_heading or _HISTORY_IN_NOTES.search(sentence):
                    self._terms |= _terms(_WORD.findall(sentence))
                    under_heading = max(under_heading - 1, 0)
                if _HISTORY_HEADING.fullmatch(sentence.strip()):
                    under_heading = _HEADED_LINES
        return self._terms


_MISSPELT_LENGTH = 6
"""Words this long may be read one letter off; shorter ones too often make another word."""


def _states_new_history(sentence: str, history: _HistoryTerms) -> bool:
    """A draft's "history of X" where no history the notes give shares a word with X."""
    if sentence.isascii():
        lowered = sentence.lower()
        if not any(word in lowered for word in _HISTORY_WORDS):
            return False
    for claim in _HISTORY_CLAIM.finditer(sentence):
        phrase = _HISTORY_PHRASE.match(sentence, claim.end())
        words = _terms(_WORD.findall(phrase.group() if phrase else ""))
        if words and not words & history.terms and not _misspelt_in(words, history.terms):
            return True
    return False


def _misspelt_in(words: set[str], terms: set[str]) -> bool:
    """Whether the notes write one of these long words one letter off ("hx of leucocytosis")."""
    return any(
        one_edit_apart(word, term)
        for word in words
        if len(word) >= _MISSPELT_LENGTH
        for term in terms
        if abs(len(term) - len(word)) <= 1
    )
