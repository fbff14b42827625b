"""The model's passage for one prose slot, cleaned to what the slot asked for.

A small model asked for the situation line often goes on to write the whole note: a heading,
then the background, then a list of vital signs. Everything from the first heading-like line
on belongs to other sections (which are already filled from the notes), and a sentence the
model wrote twice is kept once, so a slot can neither repeat nor restate a section. A small
model also takes the words it was asked in for what the notes say ("The patient's body system
was severely compromised"): such a sentence is dropped (`without_instruction_words`).
"""

import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import chain, pairwise

from app.domain.factcheck.phrases import word_set
from app.domain.factcheck.shorthand import rewrite

_HEADING_LINE = re.compile(
    r"^[ \t]*(?:[#*_>-]+[ \t]*)?(?:\d+[.)][ \t]*)?"
    r"[A-Z][A-Za-z/&,' -]{0,40}[*_]*[ \t]*:[*_]*[ \t]*$",
    re.MULTILINE,
)
"""A line that is only a heading ("Background:", "**Vital signs**:")."""
_MARKDOWN_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t].*$\n?", re.MULTILINE)
"""A Markdown heading ("### Opening Passage of Shift Note"): the model titling its passage,
which a note's prose never is, even without a colon."""
_EMPHASISED_LABEL = re.compile(
    r"^[ \t]*(?:(?:[-*•]|\d+[.)])[ \t]+)?(?:\*\*|__)[^*_\n]{1,40}"
    r"(?::[ \t]*(?:\*\*|__)|(?:\*\*|__)[ \t]*:)",
    re.MULTILINE,
)
"""A line opening with an emphasised label, listed or not ("**Nurse:** ...", "1. **Heart
rate**: ..."): the model starting a labelled list of its own, which passage prose never is."""
_SENTENCE = re.compile(r"(?:[^.!?\n]|\.(?=\d))*[.!?]+|(?:[^.!?\n]|\.(?=\d))+|\n+")
"""A sentence, a run without an end, or line breaks; a decimal point ("103.8") ends nothing,
so no sentence is cut into a piece that happens to repeat a fact line and a stray "8 …"."""
_PLACEHOLDER = re.compile(r"\[[^\]\n]*\]")
_DELIMITER_LINE = re.compile(r"^.*(?:<<<|>>>).*$\n?", re.MULTILINE)
"""A line holding a prompt delimiter: the model copying its prompt, never note prose."""
_WORD = re.compile(r"[a-z0-9]+")
_LETTERS = re.compile(r"[a-z]+")
_LIST_MARK = re.compile(r"^\s*(?:[-*•]+|\d+[.)])\s*")
_LETTERLESS_LINE = re.compile(r"^[ \t]*[^A-Za-z\s][^A-Za-z\n]*$\n?", re.MULTILINE)
"""A line without a word: a list item with nothing after its mark ("6."), a Markdown rule
("---"), a number standing alone ("1.2."); where the model stopped a list, ruled off its
passage, or wrote a value with nothing to say what it measures."""
_LABEL = re.compile(r"^\s*[*_]*[A-Za-z][A-Za-z /]{0,24}[*_]*:[*_]*\s*")
"""A short label opening a line ("Main issue:", "**Plan**:", "Given:")."""
ECHO_WORDS = 5
"""A run of this many words of the slot's instruction in a sentence is the instruction echoed."""
_SENTENCE_END = re.compile(r"(?<!^\d)(?<!^\d\d)[.!?](?=\s)", re.MULTILINE)
"""Where a sentence ends: not the "5." of a numbered line."""


def sentences(text: str) -> list[str]:
    """The text's sentences, runs without an end and line breaks, in order: joined, the text."""
    return [match.group() for match in _SENTENCE.finditer(text)]


def kept_sentences(passage: str, keep: Callable[[str], bool]) -> str:
    """The passage's sentences that `keep` keeps, with any line left without a word dropped:
    the "2." of a list whose item went."""
    kept = "".join(sentence for sentence in sentences(passage) if keep(sentence))
    return _LETTERLESS_LINE.sub("", kept).strip()


def clean_prose(
    text: str,
    heading: str,
    other_headings: Sequence[str],
    instruction: str = "",
    *,
    cut_off: bool = False,
) -> str:
    """The passage up to the first line that is a heading, opens with one of `other_headings`
    (the draft's other headings and fact sections) or opens with an emphasised label; its own
    heading and any Markdown title dropped, each sentence once, placeholders, lines without a
    word (an empty list item, a Markdown rule, a number alone) and lines holding a prompt
    delimiter removed, sentences copying ECHO_WORDS words in a row of the `instruction` or
    saying such a run twice dropped, and a last sentence cut off by the token limit dropped.

    `cut_off` says the model stopped at its token limit: then text that runs to the end
    without a sentence end is unfinished, even where no earlier sentence ended ("Patient: 58
    YEAR OLD … 3V CABG WITH M"); a passage stopped at a heading of its own is whole."""
    text = _LETTERLESS_LINE.sub("", _DELIMITER_LINE.sub("", _PLACEHOLDER.sub("", text)))
    text = _without_own_heading(_leading_titles_dropped(text.strip()), heading)
    ends = [match.start() for match in _HEADING_LINE.finditer(text)]
    ends += [match.start() for match in _opening_any(other_headings).finditer(text)]
    ends += [match.start() for match in _EMPHASISED_LABEL.finditer(text)]
    ends += [match.start() for match in _MARKDOWN_HEADING.finditer(text)]
    if ends:
        text = text[: min(ends)]
    unfinished = cut_off and not ends
    once = _each_sentence_once(text, _runs(instruction))
    return _whole_sentences(_without_looped_frames(once).strip(), unfinished)


def _leading_titles_dropped(text: str) -> str:
    """The text after the Markdown titles it opens with."""
    while (title := _MARKDOWN_HEADING.match(text)) is not None:
        text = text[title.end() :].lstrip()
    return text


def _whole_sentences(text: str, unfinished: bool) -> str:
    """The text without a last sentence the token limit cut off: one that lacks its end where
    an earlier sentence ended, or any text without an end when the run stopped `unfinished`."""
    if not text or text[-1] in ".!?":
        return text
    ends = [match.end() for match in _SENTENCE_END.finditer(text)]
    if ends:
        return text[: ends[-1]]
    return "" if unfinished else text


def _opening_any(headings: Sequence[str]) -> re.Pattern[str]:
    names = "|".join(re.escape(heading) for heading in headings if heading) or r"(?!)"
    return re.compile(
        rf"^[ \t]*(?:[#*_>-]+[ \t]*)?(?:{names})[*_]*[ \t]*:", re.IGNORECASE | re.MULTILINE
    )


def _without_own_heading(text: str, heading: str) -> str:
    if not heading:
        return text
    own = re.compile(
        rf"^[ \t]*(?:[#*_]+[ \t]*)?{re.escape(heading)}[*_]*[ \t]*:?[*_]*[ \t]*",
        re.IGNORECASE,
    )
    return own.sub("", text, count=1).strip()


def _each_sentence_once(text: str, echoes: set[tuple[str, ...]]) -> str:
    seen: set[str] = set()
    kept: list[str] = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group()
        key = " ".join(sentence.casefold().split())
        if not key:
            kept.append(sentence)
            continue
        if key in seen or _runs(sentence) & echoes or _loops(sentence):
            continue
        seen.add(key)
        kept.append(sentence)
    return "".join(kept)


def _runs(text: str) -> set[tuple[str, ...]]:
    return set(_run_list(text))


def _run_list(text: str) -> list[tuple[str, ...]]:
    words = _WORD.findall(text.casefold())
    return [tuple(words[i : i + ECHO_WORDS]) for i in range(len(words) - ECHO_WORDS + 1)]


def _loops(sentence: str) -> bool:
    """Whether the sentence says a run of ECHO_WORDS words twice: a small model looping inside
    one sentence ("… was not able to respond to simple questions, and the patient was not able
    to respond to simple questions"), which the check of whole sentences never sees repeated."""
    runs = _run_list(sentence)
    return len(set(runs)) < len(runs)


FRAME_WORDS = 5
"""Sentences opening with the same this many words share a frame."""
LOOPED_FRAME = 3
"""This many sentences of one passage in one frame are a loop: the model filling a slot of its
own sentence with whatever comes next ("The patient has been given a PVD to improve BP range.
The patient has been given a NIDDM to improve BP range.")."""


def _without_looped_frames(text: str) -> str:
    """The text less every sentence of a frame LOOPED_FRAME or more of its sentences open with.

    Read on the 120 grounded drafts of a run over twenty real notes, the four loops held 15
    sentences, 13 of them invented or empty ("The patient has been given not ventilating."),
    the first of each loop included: the first fills the slot no better than the rest. Two
    restated the notes and go with the loop. Two sentences in one frame are left alone, as a
    nurse's "The patient was given …" twice may well be."""
    parts = sentences(text)
    frames = [_frame(part) for part in parts]
    counts = Counter(frame for frame in frames if frame is not None)
    kept = [
        part
        for part, frame in zip(parts, frames, strict=True)
        if frame is None or counts[frame] < LOOPED_FRAME
    ]
    return _LETTERLESS_LINE.sub("", "".join(kept))


def _frame(sentence: str) -> tuple[str, ...] | None:
    words = _WORD.findall(sentence.casefold())
    return tuple(words[:FRAME_WORDS]) if len(words) > FRAME_WORDS else None


ECHO_OPENING_WORDS = 3
"""An opening of this many words or more taken in order from the task's framing is an echo."""


def without_echoed_task(text: str, framing: str) -> str:
    """The passage without an opening that repeats the words framing the task, in order, even
    with some skipped ("Passage of Shift Note (SBAR) The patient ..." for "write the opening
    passage of a Shift note (SBAR)"). Only an opening of ECHO_OPENING_WORDS words or more,
    followed by a new sentence (a capital letter), is dropped, so a sentence that merely starts
    with "The" stays."""
    asked = _WORD.findall(framing.casefold())
    position = 0
    taken = 0
    end = 0
    for word in _WORD.finditer(text.casefold()):
        try:
            position = asked.index(word.group(), position) + 1
        except ValueError:
            break
        taken += 1
        end = word.end()
    rest = text[end:].lstrip(" \t.:;,-)]\n")
    if taken < ECHO_OPENING_WORDS or not rest[:1].isupper():
        return text
    return rest


def without_listed(passage: str, listing: str) -> str:
    """The passage less every line that copies a line of the fact listing the model was shown,
    under a label of its own or not: those facts stand in their own sections already, and twice
    would be a repeat. A small model asked for the situation writes "Main issue:" and copies a
    plan or medication line after it ("Main issue: Wean off IV gtts, control with po meds."),
    which is no statement of the problem; the line goes, and the label with it."""
    listed = {key for line in listing.splitlines() for key in _keys(line)}
    kept = [line for line in passage.splitlines() if not _keys(line) & listed]
    return "\n".join(kept).strip()


def _keys(line: str) -> set[str]:
    """A line's words, with and without a label opening it ("Main issue:", "Given:")."""
    unlisted = _LIST_MARK.sub("", line)
    return {_line_key(unlisted), _line_key(_LABEL.sub("", unlisted, count=1))} - {""}


def _line_key(line: str) -> str:
    """A line's words, without its bullet or list number and its emphasis marks."""
    return " ".join(_WORD.findall(_LIST_MARK.sub("", line).casefold()))


def without_repeats(passage: str, elsewhere: str) -> str:
    """The passage less every sentence written elsewhere in the draft (a fact line or another
    passage): a small model copies the same note sentence into each passage it writes."""
    written = {_line_key(match.group()) for match in _SENTENCE.finditer(elsewhere)}
    written |= {_line_key(line) for line in elsewhere.splitlines()}
    lines = [line for line in passage.splitlines() if _line_key(line) not in written - {""}]
    kept = [
        match.group()
        for match in _SENTENCE.finditer("\n".join(lines))
        if _line_key(match.group()) not in written or not _line_key(match.group())
    ]
    return "".join(kept).strip()


_FUNCTION_WORDS = word_set(
    "a an the and or nor but of at per via by to from with in on for as into onto over under",
    "up down out about after before during while is are was were be been being it its this",
    "that these those which who whom what when where how if then than there their they them",
    "he she his her him has have had do does did not no so such only also any each every all",
    "some more most other own same just can could should would may might must will shall",
)
"""Words that carry no content, skipped when the request's words are paired ("the findings
by body system" pairs "findings" with "body" and "body" with "system")."""
_SUBJECT_WORDS = frozenset({"patient", "patients", "pt", "pts", "notes", "note"})
"""Words every passage is about, never the instruction's content: "the patient responded"
is how any sentence of a note may start."""
_STEM_LETTERS = 6
"""Words compared on their first letters, so "problems" in a passage meets "problem"."""


def without_instruction_words(passage: str, asked: str, notes: str) -> str:
    """The passage less every sentence that takes the words it was asked in (`asked`: the task
    and the slot's instruction) for the notes' content: a sentence holding two words the
    request puts together that the notes never put together ("body system", "main problem",
    "current status"), or holding two or more of the request's words the notes never use
    ("responded to the assessment", "admitted due to a discharge summary").

    Read on the 240 grounded drafts of two runs over twenty real notes, every sentence this
    drops was invented (36, some the same sentence in both runs: "The patient's body system
    was severely compromised", "The main problem is to transition from a fall-on to a chronic
    venous state", "I-PASS handoff to CCU course").
    A label opening the line ("Main issue: restenosis of L circ") only names what follows,
    and is not read."""
    asked_words = _content_words(asked)
    asked_pairs = set(pairwise(asked_words))
    written, spelt_out = _notes_content(notes)
    said_words = {*written, *spelt_out}
    said_pairs = {*pairwise(written), *pairwise(spelt_out)}
    foreign_words = set(asked_words) - said_words
    foreign_pairs = asked_pairs - said_pairs

    def keep(sentence: str) -> bool:
        words = _content_words(_LABEL.sub("", sentence, count=1))
        return not foreign_pairs.intersection(pairwise(words)) and (
            len(foreign_words.intersection(words)) < _FOREIGN_WORDS
        )

    return kept_sentences(passage, keep)


_CONDITION = re.compile(r"^\W*(?:if|unless|in case)\b|[,;]\s*(?:if|unless)\b", re.IGNORECASE)
"""A sentence stating a condition ("If the patient becomes agitated, …", "…, if needed")."""
CONDITION_SHARE = 0.5
"""The share of a condition's content words the notes must use for it to keep its place."""


def without_unbacked_conditions(passage: str, notes: str) -> str:
    """The passage less every sentence stating a condition whose content words the notes
    mostly never use.

    The safety net does not weigh a condition's words as it weighs a statement's ("if the
    glucose climbs, call the MD" asserts nothing), so a passage's condition passes it whatever
    it says. Asked what to do if things change, a small model writes advice of its own ("If
    the patient is experiencing severe agitation, they may need to be evaluated by a healthcare
    professional."), where a condition the notes set ("IF AGITATED, ATIVAN PRN") is in their
    words."""
    said = set(chain(*_notes_content(notes)))

    def keep(sentence: str) -> bool:
        if _CONDITION.search(sentence) is None:
            return True
        words = _content_words(sentence)
        return not words or sum(word in said for word in words) >= CONDITION_SHARE * len(words)

    return kept_sentences(passage, keep)


_FIRST_PERSON = re.compile(r"(?<![\w-])I(?:['’](?:m|ve|d))?\s+([a-z]+)")
""""I" and the word after it ("I was", "I'm currently", "I notified"); not the I of "I-PASS"."""


def without_first_person(passage: str, notes: str) -> str:
    """The passage less every sentence in the first person that the notes do not write so.

    A draft's "I" is the nurse who signs it. A small model sometimes tells the patient's story
    as the patient ("I am currently in the CCU, with a slurred speech. I was given ativan 2mg
    IV X1."), which makes the nurse the patient; a nurse's own "I notified the MD", copied
    from notes that say it, keeps its place."""
    written = {word.casefold() for word in _FIRST_PERSON.findall(notes)}

    def keep(sentence: str) -> bool:
        return all(word.casefold() in written for word in _FIRST_PERSON.findall(sentence))

    return kept_sentences(passage, keep)


_FOREIGN_WORDS = 2
"""This many of the request's words the notes never use make a sentence the request's, not
the notes': one alone may be the model's own way of saying what the notes say."""


@lru_cache(maxsize=4)
def _notes_content(notes: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The notes' content words in order, as written and with their shorthand spelt out: read
    once per notes, as every passage of a draft is held to the same notes."""
    return tuple(_content_words(notes)), tuple(_content_words(rewrite(notes).text))


def _content_words(text: str) -> list[str]:
    """The text's words in order, function and subject words left out, each cut to its first
    `_STEM_LETTERS` letters."""
    return [
        word[:_STEM_LETTERS]
        for word in _LETTERS.findall(text.casefold())
        if len(word) > 2 and word not in _FUNCTION_WORDS and word not in _SUBJECT_WORDS
    ]
