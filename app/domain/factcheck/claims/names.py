"""Person names a draft gives that the notes never give.

A small model names the patient ("Patient: Sarah, 77 years old", "Mr. Smith"), fills in a
placeholder ("John Doe", "[Name]") or writes a title with nothing after it ("Patient: Mr."). The
rest of such a sentence is the notes' own words, so word overlap passes it, and the model is
never shown the patient bar: a name it writes that the notes do not hold is one it made up.

A name is read where a person is unmistakable: after a title, as a placeholder, or as a
capitalised first name from the de-identifier's lists that is no ordinary, clinical or calendar
word. The notes are read as one set of words, case aside (nurses write "MR LOMISH" or "mr
lomish"): a name anywhere in them is theirs, whoever it belongs to there. Roles the notes give
a named person are `people`'s to judge.
"""

import re
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import pairwise

from app.domain.deidentify.gazetteer import listed_places
from app.domain.deidentify.vocabulary import (
    US_STATES,
    is_clinical,
    is_dictionary_word,
    is_first_name,
    is_known_name,
    is_ordinary_word,
    word_set,
)
from app.domain.factcheck.claims.notes import SourceNotes

_TITLE = re.compile(
    r"(?<![\w'’-])(?P<title>Mrs|Mr|Ms|Miss|Dr|MRS|MR|DR|Doctor|Nurse)\b\.?"
    r"(?:[ \t]+(?P<word>[A-Za-z][A-Za-z'’]*(?:-[A-Z][A-Za-z'’]*)?)"
    r"(?:[ \t]+(?P<second>[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?))?)?"
)
"""A title and the one or two words after it ("Mr. John Smith", "Dr. Halvorsen")."""
_BARE_TITLES = frozenset({"Mr", "Mrs", "Ms", "Dr"})
"""Titles that stand for a name and nothing else, written as a name's title is: one of these
with no name after it ("Patient: Mr.") names no one. "Miss" is also a verb, "MR" mitral
regurgitation and "DR" a shorthand "the doctor" ("called DR"), so none of them is bare."""
_NOUN_TITLES = frozenset({"Doctor", "Nurse"})
"""Titles that are also nouns ("Nurse Practitioner", "Doctor Notified"): only a word that can
be nothing but a name makes a name after them."""
_END = re.compile(r"[\s.,;:!?)\]\"'’-]*\Z")
_NOT_A_NAME = word_set(
    "the this that these a an he she his her him it its they their patient pt pts and or but",
    "is was has had to of in on at for with from by as who which",
)
"""Words after a title that show no name was written there ("Patient: Mr. The patient ...")."""
_REPORTED = word_set(
    "aware notified paged called informed updated here ordered orders order note notes team",
    "service office rounds visit consult consulted said says states stated wants feels thinks",
    "recommends recs will would may might should could did does out off today tonight now",
)
"""Words that say what "the doctor" did or wrote ("Dr. Aware", "Dr. Notified"): the title
stands for a clinician there, not for a name left out."""
_PLACEHOLDER = re.compile(
    r"\b(?:John|Jane|Baby)[ \t]+Doe\b"
    r"|[\[<{][^\]>}\n]{0,30}\b[Nn]ame\b[^\]>}\n]{0,30}[\]>}]"
    r"|\bPatient[ \t]+X{1,3}\b(?![ \t]*\d)"
)
"""A name a template leaves to be filled in: "John Doe", "[Name]", "<Patient Name>", "Patient
X" (not "Patient X 2", a count)."""
_CUES = re.compile(r"Mr|Ms|Miss|Dr|MR|DR|Doctor|Nurse|Doe|[Nn]ame|Patient")
"""Letters every title and placeholder holds, as written ("Mrs" holds "Mr"): most sentences
have none, and one search of these spares them the title and placeholder patterns."""
_CAPITALISED = re.compile(r"(?<![\w'’-])(?P<word>[A-Z][a-z]{2,})\b(?!-[A-Za-z])")
"""A capitalised word that is not half of a hyphenated name (Cheyne-Stokes, Swan-Ganz, the
Jackson-Pratt drain are eponyms, not people)."""
_CAPITALISED_RUN = re.compile(r"[A-Z][a-z]{2,}")
"""Where a name may stand, found without the boundaries `_CAPITALISED` tests: a sentence with
no listed first name among these is passed over at the cost of one plain scan."""
_CALENDAR = word_set(
    "january february march april may june july august september october november december",
    "monday tuesday wednesday thursday friday saturday sunday",
)
_NEXT_WORD = re.compile(r"(?:['’]s?)?[ \t]+(?P<next>[A-Za-z]+)")
_INSTITUTION = word_set(
    "hospital hospitals memorial medical center centre clinic county university college",
    "street st avenue ave road rd rehab nursing home health general regional institute campus",
    "manor house village hall city town heights valley",
)
"""Words after a capitalised word that make it a place ("Frederick Memorial", "Calvert
Hospital"), not a person."""
_EPONYM = word_set(
    "disease diseases syndrome sign signs phenomenon reflex test maneuver manoeuvre position",
    "respirations respiration breathing ulcer ulcers palsy lymphoma esophagus oesophagus",
    "tear tears fracture drain catheter tube cath line scale score criteria",
)
"""Words after a capitalised word that make it an eponym ("Addison's disease", "Kussmaul
respirations", "Glasgow score")."""
_BEFORE_PLACE = re.compile(r"\b(?:in|from|to|at|near|outside)[ \t]+\Z", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+")


def invented_name(sentence: str, notes: SourceNotes) -> str | None:
    """A person's name, a placeholder or a bare title that the notes do not give."""
    if _CUES.search(sentence) is not None:
        placeholder = _PLACEHOLDER.search(sentence)
        if placeholder is not None and not notes.repeat(placeholder.group()):
            return (
                f'Not found in the notes: "{placeholder.group()}" is a placeholder, not a name '
                "the source notes give."
            )
        reason = _titled(sentence, notes)
        if reason is not None:
            return reason
    known = notes.words
    if not any(
        _given_name(word)
        for word in _CAPITALISED_RUN.findall(sentence)
        if word.lower() not in known
    ):
        return None
    for match in _CAPITALISED.finditer(sentence):
        word = match.group("word")
        if word.lower() in known or not _given_name(word):
            continue
        if _place_or_eponym(sentence, match.start(), match.end()):
            continue
        return _never_named(word)
    return None


def misspelt_name(sentence: str, notes: SourceNotes) -> str | None:
    """A name the notes write, with one of its two words written otherwise ("Lori Morales"
    where the notes write "lorrie morales"): the other word is the notes', so the person is
    theirs, and the name is not. A wrong name on a patient's note is a wrong patient to the
    next reader, even where the word written is an ordinary one ("Lori") that
    `invented_name` passes."""
    if _CAPITALISED_PAIR.search(sentence) is None:
        return None
    known = notes.words
    words = list(_CAPITALISED_WORD.finditer(sentence))
    for first, second in pairwise(words):
        if sentence[first.end() : second.start()] not in (" ", "\t"):
            continue
        pair = (first.group().lower(), second.group().lower())
        for changed, kept in ((0, 1), (1, 0)):
            if pair[changed] in known or pair[kept] not in known:
                continue
            written = _written_beside(notes.written_lower, pair[kept], before=changed == 0)
            near = [word for word in written if _one_slip(pair[changed], word)]
            if near and _surely_a_name(pair[kept]) and is_known_name(near[0]):
                name = f"{near[0]} {pair[kept]}" if changed == 0 else f"{pair[kept]} {near[0]}"
                return f"Contradicts the notes: the notes write the name “{name}”."
    return None


_CAPITALISED_PAIR = re.compile(r"[A-Z][A-Za-z]{2,}[ \t][A-Z][A-Za-z]{2}")
"""Two capitalised words in a row, found without the boundaries `_CAPITALISED_WORD` tests: a
sentence with none is passed over at the cost of one plain scan."""
_CAPITALISED_WORD = re.compile(r"(?<![\w'’-])[A-Z][A-Za-z]{2,}\b(?!-[A-Za-z])")
_NEAR_NAME = 0.75
"""How alike two words must be (difflib's ratio) to be one name written two ways."""


def _written_beside(notes: str, word: str, *, before: bool) -> set[str]:
    """The words the notes write just before (or after) this one."""
    if before:
        pattern = rf"\b([a-z]{{3,}})[ \t]+{re.escape(word)}\b"
    else:
        pattern = rf"\b{re.escape(word)}[ \t]+([a-z]{{3,}})\b"
    return set(re.findall(pattern, notes))


def _surely_a_name(word: str) -> bool:
    """A listed name that is no ordinary word ("Morales", not "Daughter" or "Rose")."""
    return is_known_name(word) and not is_ordinary_word(word)


def _one_slip(written: str, notes_word: str) -> bool:
    """Whether two different words are one spelt two ways: the same first letter, and alike."""
    return (
        written != notes_word
        and written[0] == notes_word[0]
        and SequenceMatcher(None, written, notes_word).ratio() >= _NEAR_NAME
    )


def _titled(sentence: str, notes: SourceNotes) -> str | None:
    """Why a title in the sentence names someone the notes do not, or None."""
    for match in _TITLE.finditer(sentence):
        title, word = match.group("title"), match.group("word")
        if word is None:
            if title in _BARE_TITLES and _END.match(sentence, match.end()):
                return _bare(title)
            continue
        if word == "X":
            return (
                f'Not found in the notes: "{title}. X" is a placeholder, not a name the source '
                "notes give."
            )
        if len(word) == 1 or word[0].islower() or word.lower() in _REPORTED:
            continue  # an initial, or "Dr. aware": the title stands for a clinician
        second = match.group("second")
        if word.lower() in _NOT_A_NAME or (
            is_clinical(word)
            and not (is_first_name(word) and second is not None and is_known_name(second))
            and not _titled_in_notes(title, word, notes)
        ):
            if title in _BARE_TITLES:
                return _bare(title)
            continue
        name = [word]
        if second is not None and not _named(second, notes) and not is_ordinary_word(second):
            name.append(second)
        if all(_named(part, notes) for part in name) or not _titled_name(title, word):
            continue
        return _never_named(" ".join(name))
    return None


def _named(word: str, notes: SourceNotes) -> bool:
    """Whether the notes write every run of letters of this word ("O'Brien", "Hanley-McCue")."""
    return notes.words.issuperset(_WORD.findall(word.lower()))


def _titled_in_notes(title: str, word: str, notes: SourceNotes) -> bool:
    """Whether the notes write this clinical word after this title ("DR. FOLEY"): elsewhere
    it is no name ("Mrs. YO", a patient's years taken for her surname)."""
    pattern = rf"\b{re.escape(title.lower())}\.?[ \t]*{re.escape(word.lower())}\b"
    return re.search(pattern, notes.written_lower) is not None


def _titled_name(title: str, word: str) -> bool:
    """Whether the word after this title is a name: after a noun title, or after "MR" or "DR"
    in capitals, only a listed name that is no ordinary word or a word in no dictionary ("Nurse
    Practitioner" is a role, "MR MODERATE" mitral regurgitation); after any other title any
    capitalised word ("Dr. White")."""
    if title in _NOUN_TITLES or title.isupper():
        return (is_known_name(word) and not is_dictionary_word(word)) or not is_ordinary_word(word)
    return True


@lru_cache(maxsize=4096)
def _given_name(word: str) -> bool:
    """A listed first name that is no ordinary, clinical, state or calendar word ("Sarah",
    not "Will", "Virginia" or "April"). Asked only of words the notes never write: the first
    question loads the de-identifier's name lists, seconds of work, which a draft in the notes'
    own words never needs. Kept per word: a draft's capitalised words are mostly the same
    headings and sentence openings, draft after draft."""
    lowered = word.lower()
    return (
        is_first_name(word)
        and not is_ordinary_word(word)
        and lowered not in US_STATES
        and lowered not in _CALENDAR
    )


def _place_or_eponym(sentence: str, start: int, end: int) -> bool:
    """Whether the capitalised word is a place ("admitted to Calvert Hospital", "from
    Frederick") or an eponym ("Addison's disease"), by the words around it."""
    following = _NEXT_WORD.match(sentence, end)
    if following is not None:
        after = following.group("next").lower()
        if after in _INSTITUTION or after in _EPONYM:
            return True
    if _BEFORE_PLACE.search(sentence, max(0, start - 12), start) is None:
        return False
    return any(place.start <= start < place.end for place in listed_places(sentence))


def _never_named(name: str) -> str:
    return f"Not found in the notes: the source notes never name {name}."


def _bare(title: str) -> str:
    return f'Not found in the notes: this sentence gives the title "{title}." without a name.'
