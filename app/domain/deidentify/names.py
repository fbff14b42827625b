"""Names introduced by a cue: a title, a relation, a credential or a word such as "aware".

Nurses write "MR LOMISH", "mr nicholson", "son bill", "DAUGHTER-KRISSY" and "irene snell, rn"
in whatever case the note is in, so cues match in any case and the words after them are judged
by what they are (a listed name, an unknown word, an ordinary or clinical word) rather than by
their capital letter. A cue only says who the person is: the patient, a relative or a
clinician, which decides the tag the person gets.
"""

import re
from collections.abc import Iterator
from typing import NamedTuple

from app.domain.deidentify.vocabulary import (
    US_STATES,
    folded,
    is_clinical,
    is_dictionary_word,
    is_first_name,
    is_known_name,
    is_mixed_case,
    is_name_only,
    is_ordinary_word,
    word_set,
)

PATIENT = "PATIENT"
RELATIVE = "RELATIVE"
CLINICIAN = "CLINICIAN"
PERSON = "PERSON"
CUED_SCORE = 0.9
LISTED_SCORE = 0.6
SPACY_SCORE = 0.5
SPACY_RECOGNIZER = "SpacyRecognizer"

_PATIENT_TITLES = r"mr|mrs|ms|miss|mister|mme"
_CLINICIAN_TITLES = (
    r"(?P<surname_title>dr|drs|doctor)|np|nurse|rabbi|chaplain|reverend|rev|ho|md|attending"
    r"|resident|fellow|intern|caseworker|case[ \t]+manager|social[ \t]+worker|house[ \t]+staff"
    r"|housestaff"
)
_RELATIONS = (
    r"wife|husband|spouse|partner|sons?|daughters?|mother|mom|father|dad|brothers?|sisters?|"
    r"nieces?|neices?|nephews?|grandsons?|granddaughters?|grandchildren|grandmother|grandfather|"
    r"aunt|uncle|cousin|friends?|girlfriend|boyfriend|fiance|fiancee|neighbou?r|roommate|"
    r"proxy|hcp|spokesperson|"
    r"guardian|caregiver|contact\s+person"
)
_CUE = re.compile(
    rf"\b(?:(?P<patient>{_PATIENT_TITLES})|(?P<clinician>{_CLINICIAN_TITLES})"
    rf"|(?P<relative>{_RELATIONS})(?:-in-law)?)\b\.?(?:'s)?"
    r"(?P<gap>(?(patient)[ \t]*|[ \t]*(?:(?(relative)[-:,\"'(]|[-,\"'(]))?[ \t]*"
    r"(?(relative)(?:(?:is|was)[ \t]+|=[ \t]*)?)))",
)
"""Read in the folded note (vocabulary.folded), as are _CREDENTIAL, _DISCIPLINE, _LABEL,
_AFTER_NAME, _BEFORE_NAME and _PATIENT_INITIAL: written in lower case, with no re.IGNORECASE."""
_TOKEN = re.compile(r"(?P<word>[A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)?\.?)")
_SENTENCE = re.compile(r"[^\n.;!?]+(?:[.;!?]+|$)", re.MULTILINE)
_PREVIOUS_WORD = re.compile(r"\b(?P<word>[A-Za-z][A-Za-z'’-]*[A-Za-z])[ \t]+\Z")
_NEXT_WORD = re.compile(r"[ \t]+(?P<word>[A-Za-z][A-Za-z'’-]*[A-Za-z])\b")
_SPACE = re.compile(r"[ \t]+|[ \t]*-[ \t]*(?=[A-Za-z])")
_CREDENTIAL = re.compile(r"\b(?:rn|bsn|lpn|md|np|pa-c|pa|rrt|msw|lcsw)\b")
_SIGNED = re.compile(
    r"(?<![A-Za-z'’.-])"
    r"(?P<before>(?:(?:[A-Za-z]\.|[A-Za-z][A-Za-z'’-]*)[ \t]+){0,2}[A-Za-z][A-Za-z'’-]*)"
    r"(?P<comma>[ \t]*,)?[ \t]*\Z"
)
"""The words before a credential, read back from it (the credential is found first: a pattern
that looked for the words first would try every word of the note)."""
_SIGNED_LOOK_BACK = 80
_DISCIPLINE = re.compile(
    r"[ \t]+from[ \t]+(?:speech|swallow|pt|ot|physical[ \t]+therapy|occupational[ \t]+therapy"
    r"|social[ \t]+work|sw|case[ \t]+management|nutrition|dietary|pastoral[ \t]+care|chaplaincy"
    r"|respiratory|rt|pharmacy|wound[ \t]+care|ostomy|pain[ \t]+service|ethics|palliative"
    r"[ \t]+care)\b",
)
"""A colleague named by the service she comes from ("maria jones from speech"), in any case,
with no title or credential: the words before it are read like those before a credential."""
_INITIAL_NAME = re.compile(
    r"(?<![\w.'’/])(?P<initial>[A-Za-z])\.[ \t]?(?P<word>[A-Za-z][A-Za-z'’-]+)\b", re.IGNORECASE
)
_REPORTED = re.compile(
    r"[ \t]+(?:is[ \t]+)?(?:aware|notified|paged|informed|called|updated|here|in[ \t]+to|into"
    r"|placing|placed|at[ \t]+bedside)\b",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"\b(?:name|patient[ \t]+name|pt[ \t]+name|signed(?:[ \t]+by)?|electronically[ \t]+signed"
    r"(?:[ \t]+by)?|attending|pcp|contact|emergency[ \t]+contact|nok|next[ \t]+of[ \t]+kin"
    r"|caregiver|guardian|poa|health[ \t]+care[ \t]+proxy)[ \t]*:[ \t]*",
)
_AFTER_NAME = re.compile(
    r"\b(?P<word>[A-Za-z][A-Za-z'’]+)[ \t]*(?:\([^)]*\)[ \t]*)?"
    r"(?=[ \t]+(?:is[ \t]+)?(?:aware|notified|paged|informed|called|updated|here|at[ \t]+bedside"
    r"|in[ \t]+to[ \t]+see|came|visited|phoned|agrees)\b)",
)
_BEFORE_NAME = re.compile(
    r"\b(?:per|paged|notified|called|informed|spoke[ \t]+(?:with|to)|talked[ \t]+(?:with|to)"
    r"|seen[ \t]+by|visited[ \t]+by|w/)(?:(?<=/)[ \t]*|[ \t]+)(?P<word>[A-Za-z][A-Za-z'’]+)\b",
)
"""A name after a word that introduces a person; the word stands apart ("PERMITS" is no cue)."""
_RELATION_WORD = re.compile(rf"(?:{_RELATIONS})(?:-in-law)?|in-law|family|pt|patient")
_STOP = word_set(
    "a an and are as at be been but by for from had has have he her here him his i in is it its",
    "me my no not of on or our she so than that the their them then there they this to too up",
    "us was we were who will with you your all also any both each few more most other some such",
    "only own same very can just don should now am pm",
)
_PATIENT_INITIAL = re.compile(
    r"\b(?:(?:mr|mrs)\.?[ \t]+(?P<initial>[A-Za-z])(?:\.|\b(?![&/+'’-]))"
    r"|(?:ms|miss)\.?[ \t]+(?P<dotted>[A-Za-z])\.)",
)
"""A patient written as a title and an initial ("mr I remained", "MS S. CARE"); after "Ms",
which is also mental status, only with the initial's full stop."""
_NOT_A_DOCTORS_NAME = word_set(
    "aware here there order orders note notes team service office rounds visit consult called",
    "paged notified informed updated came said states stated wants feels thinks recommends",
    "recs will would may might should could did does has had was is are were out off",
    "today tonight tomorrow now later again also after before about regarding re during",
    "until since into onto over under without within",
)
_VERB_FORM = re.compile(r"(?:ed|ing|'s|’s)$")
_PARTICLES = word_set("van von de del della da di du le la mac ter ten den der")
"""Words that start a surname ("Van Leeuwen", "de la Cruz"), and are ordinary words too."""
_MAX_WORDS = 3
_CONTEXT_WORDS = 4
"""Words either side of a possible name that spaCy reads with it."""


class FoundName(NamedTuple):
    """A name's span in the text and who the cue says the person is."""

    role: str
    start: int
    end: int


def cued_names(text: str) -> Iterator[FoundName]:
    """Every name introduced by a title, relation, credential or reporting word."""
    mixed_case = is_mixed_case(text)
    yield from _titled_and_related(text, mixed_case)
    lowered = folded(text)
    for label in _LABEL.finditer(lowered):
        span = _name_after(text, label.end(), True, allow_and=False, surname_first=True)
        if span is not None:
            yield FoundName(PERSON, *span)
    yield from _named_by_service_or_credential(text)
    for match in _INITIAL_NAME.finditer(text):
        reported = _REPORTED.match(text, match.end()) is not None
        if _initial_and_surname(match.group("initial"), match.group("word"), mixed_case) or (
            reported
            and match.group("initial").isupper()
            and is_known_name(match.group("word"))
            and not is_clinical(match.group("word"))
        ):
            yield FoundName(PERSON, match.start(), match.end())
    for pattern in (_AFTER_NAME, _BEFORE_NAME):
        for match in pattern.finditer(lowered):
            if is_name_only(text[match.start("word") : match.end("word")]):
                yield FoundName(PERSON, match.start("word"), match.end("word"))


def _named_by_service_or_credential(text: str) -> Iterator[FoundName]:
    """Colleagues read back from the service they come from ("from speech") or the credential
    after their name ("irene snell, rn")."""
    lowered = folded(text)
    for discipline in _DISCIPLINE.finditer(lowered):
        signed = _SIGNED.search(
            text, max(0, discipline.start() - _SIGNED_LOOK_BACK), discipline.start()
        )
        if signed is None:
            continue
        span = _name_before(text, signed.start("before"), signed.end("before"))
        if span is not None and any(
            is_known_name(word) for word in _TOKEN.findall(text, span[0], span[1])
        ):
            yield FoundName(CLINICIAN, *span)
    for credential in _CREDENTIAL.finditer(lowered):
        signed = _SIGNED.search(
            text, max(0, credential.start() - _SIGNED_LOOK_BACK), credential.start()
        )
        if signed is None:
            continue
        if credential.group().lower() == "pa" and (
            signed.group("comma") or not is_known_name(signed.group("before").split()[-1])
        ):
            continue
        span = _name_before(text, signed.start("before"), signed.end("before"))
        if span is not None:
            yield FoundName(CLINICIAN, *span)


def _titled_and_related(text: str, mixed_case: bool) -> Iterator[FoundName]:
    """Names after a title or relation word, and a patient written as a title and initial."""
    lowered = folded(text)
    for cue in _CUE.finditer(lowered):
        role = (
            PATIENT if cue.group("patient") else CLINICIAN if cue.group("clinician") else RELATIVE
        )
        surname_first = bool(cue.group("patient") or cue.group("surname_title"))
        span = _name_after(
            text,
            cue.end(),
            mixed_case,
            allow_and=role == RELATIVE,
            surname_first=surname_first,
            doctor=bool(cue.group("surname_title"))
            and not text[cue.start() : cue.end()].endswith(("'s", "’s")),
        )
        if span is not None:
            yield FoundName(role, *span)
    for initial in _PATIENT_INITIAL.finditer(lowered):
        yield FoundName(PATIENT, *initial.span("initial" if initial.group("initial") else "dotted"))


def listed_names(text: str) -> Iterator[FoundName]:
    """First names that are no ordinary or clinical word ("krissy", "radu"), wherever they stand,
    with the surname after them ("Radu Crosson").

    Surnames alone are left to cues: Philter's surname list holds too many ordinary words.
    """
    mixed_case = is_mixed_case(text)
    for match in _TOKEN.finditer(text):
        word = match.group("word").rstrip(".")
        if len(word) < 4 or not is_first_name(word) or is_ordinary_word(word):
            continue
        if word.lower() in US_STATES:
            continue  # "moving from Florida": a state may stay, and is no one's name here
        if mixed_case and not word[0].isupper():
            continue
        start, end = match.start(), match.start() + len(word)
        for _ in range(2):
            following = _NEXT_WORD.match(text, end)
            if following is None or not _joins_name(following.group("word"), mixed_case):
                break
            end = following.end()
        preceding = _PREVIOUS_WORD.search(text, max(0, start - 20), start)
        if preceding is not None and _joins_name(preceding.group("word"), mixed_case):
            start = preceding.start("word")
        yield FoundName(PERSON, start, end)


def _joins_name(word: str, mixed_case: bool) -> bool:
    """A word beside a found first name that belongs to the name: another first name ("KAREN
    ANN", "mary theresa") or a word in no dictionary ("Crosson")."""
    if len(word) < 3 or (mixed_case and not word[0].isupper()) or is_clinical(word):
        return False
    if word.lower() in _STOP or _RELATION_WORD.fullmatch(word.lower()):
        return False
    return is_first_name(word) or not is_ordinary_word(word)


def candidate_stretches(text: str) -> list[tuple[int, int]]:
    """Stretches of text around each word that may be a name (no ordinary, clinical or stop
    word, three letters or more, capitalised where the note's capitals mean something): a few
    words either side, within its sentence, overlapping stretches merged."""
    mixed_case = is_mixed_case(text)
    spans: list[tuple[int, int]] = []
    for sentence in _SENTENCE.finditer(text):
        tokens = list(_TOKEN.finditer(text, sentence.start(), sentence.end()))
        for index, token in enumerate(tokens):
            word = token.group("word").rstrip(".")
            if len(word) < 3 or (mixed_case and not word[0].isupper()):
                continue
            if word.lower() in _STOP or is_dictionary_word(word):
                continue
            start = tokens[max(0, index - _CONTEXT_WORDS)].start()
            end = tokens[min(len(tokens) - 1, index + _CONTEXT_WORDS)].end()
            if spans and start <= spans[-1][1] + 1:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
    return spans


def could_be_first_name_word(word: str, *, surname: bool = False) -> bool:
    """A word right after a cue that may start a name: not an ordinary or clinical word.

    An ordinary word passes only if it is also a name of the kind the cue introduces: a first
    name after a relation ("son bill"), a surname after "Mr" or "Dr" ("Dr White"), so "son
    came" and "wife states" stay.
    """
    bare = word.rstrip(".")
    lowered = bare.lower()
    if lowered in _STOP or is_clinical(bare) or _RELATION_WORD.fullmatch(lowered):
        return False
    if not is_dictionary_word(bare):
        return True
    return is_known_name(bare) if surname else is_first_name(bare)


def _name_after(
    text: str,
    position: int,
    mixed_case: bool,
    *,
    allow_and: bool,
    surname_first: bool,
    doctor: bool = False,
) -> tuple[int, int] | None:
    """The name that starts at `position`: one to three name words (initials allowed).

    After "Dr" a surname may be any word that is not a function word or a verb form ("dr
    small", "DR.GATEMAN", but not "dr aware" or "dr ordered"): surnames are often words.
    """
    start: int | None = None
    end = position
    cursor = position
    count = 0
    surname_expected = unknown_surname_expected = False
    while count < _MAX_WORDS:
        token = _TOKEN.match(text, cursor)
        if token is None:
            break
        word = token.group("word")
        bare = word.rstrip(".")
        initial = len(bare) == 1 and (
            word.endswith(".")
            or (
                surname_first and count == 0 and _initial_before_name(text, token.end(), mixed_case)
            )
            or (doctor and count == 0 and _surname_follows(text, token.end()))
        )
        if count == 0:
            accepted = initial or (
                len(bare) > 1
                and (
                    could_be_first_name_word(bare, surname=surname_first)
                    or (surname_first and mixed_case and _titled_name(bare))
                    or (doctor and _word_as_surname(bare))
                )
            )
            first_name = doctor and _first_name_and_surname(text, bare, token.end())
            accepted = accepted or first_name
        else:
            first_name = False
            accepted = (
                initial
                or _continues_name(bare, mixed_case)
                or (doctor and surname_expected and _word_as_surname(bare))
                or (unknown_surname_expected and _unknown_word(bare))
            )
        if not accepted:
            break
        surname_expected = initial or first_name
        unknown_surname_expected = is_first_name(bare) or bare.lower() in _PARTICLES
        if start is None:
            start = token.start()
        end = token.start() + (len(word) if initial else len(bare))
        count += 1
        if word.endswith(".") and not initial:
            break  # a full stop after a whole word ends the sentence, and the name with it
        following = _skip_space(text, token.end() if not initial else end, allow_and)
        if following is None:
            break
        cursor = following
    if start is None or (end - start == 2 and text[start + 1] == "."):
        return None
    return start, end


def _word_as_surname(word: str) -> bool:
    """An ordinary word that, after "Dr", is read as a surname: no function word, verb form or
    relation word, no word that says what the doctor did or wrote, and no clinical word unless
    it is also a listed name ("DR. FOLEY")."""
    lowered = word.lower()
    return (
        len(lowered) > 2
        and lowered not in _STOP
        and lowered not in _NOT_A_DOCTORS_NAME
        and not _VERB_FORM.search(lowered)
        and (not is_clinical(word) or is_known_name(word))
        and not _RELATION_WORD.fullmatch(lowered)
    )


def _unknown_word(word: str) -> bool:
    """A word in no dictionary or name list, read as a surname after a first name or a name
    particle, in any case ("JANET GATEMAN", "DR. VAN LEEUWEN")."""
    return len(word) > 2 and not is_ordinary_word(word) and word.lower() not in _STOP


def _first_name_and_surname(text: str, word: str, position: int) -> bool:
    """Whether a first name that is also another word ("WILL", "ART", an arterial line) starts
    a doctor's name: a listed surname follows it ("DR WILL COLE", "dr. art white")."""
    following = _NEXT_WORD.match(text, position)
    return (
        is_first_name(word)
        and following is not None
        and is_known_name(following.group("word"))
        and _word_as_surname(following.group("word"))
    )


def _surname_follows(text: str, position: int) -> bool:
    """Whether a letter after "Dr" is an initial: a surname follows it ("DR B MUSE")."""
    following = _NEXT_WORD.match(text, position)
    return following is not None and _word_as_surname(following.group("word"))


def _skip_space(text: str, position: int, allow_and: bool) -> int | None:
    space = _SPACE.match(text, position)
    if space is None:
        return None
    cursor = space.end()
    if allow_and:
        joined = re.match(r"(?:and|&)[ \t]+", text[cursor : cursor + 5], re.IGNORECASE)
        if joined:
            after = _TOKEN.match(text, cursor + joined.end())
            if after is not None and is_name_only(after.group("word").rstrip(".")):
                return cursor + joined.end()
    return cursor


def _initial_and_surname(initial: str, word: str, mixed_case: bool) -> bool:
    """Whether "E. WELSH" or "j. o'brien" is an initial and a surname, not "s. mumbling".

    The word must be a listed name or no ordinary word; a listed name that is also an ordinary
    word ("Z. Miller") counts only with the capitals a name has, in a mixed-case note.
    """
    if is_clinical(word) or word.lower() in _STOP:
        return False
    if not is_dictionary_word(word):
        return is_known_name(word) or initial.isupper() or not mixed_case
    return mixed_case and initial.isupper() and _capitalised(word) and is_known_name(word)


def _initial_before_name(text: str, position: int, mixed_case: bool) -> bool:
    """Whether a capital letter written without a dot is an initial: "Dr B Muse"."""
    following = _NEXT_WORD.match(text, position)
    return (
        mixed_case
        and text[position - 1].isupper()
        and following is not None
        and _capitalised(following.group("word"))
    )


def _titled_name(word: str) -> bool:
    """A capitalised word after "Dr." or "Mr." in a mixed-case note: a name even if it is also
    a word ("Dr. Will Cole", "Dr. Foley")."""
    return _capitalised(word) and len(word) > 1 and not _RELATION_WORD.fullmatch(word.lower())


def _capitalised(word: str) -> bool:
    return word[0].isupper() and not word.isupper()


def _continues_name(word: str, mixed_case: bool) -> bool:
    if mixed_case and _capitalised(word) and not is_clinical(word) and word.lower() not in _STOP:
        return True
    if len(word) < 2 or word.lower() in _STOP or is_clinical(word):
        return False
    if is_name_only(word):
        return True
    return mixed_case and word[0].isupper() and not word.isupper() and not is_dictionary_word(word)


def _name_before(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name words ending at a credential ("irene snell, rn"), read back from it."""
    words = list(_TOKEN.finditer(text, start, end))
    kept: list[re.Match[str]] = []
    for token in reversed(words):
        bare = token.group("word").rstrip(".")
        if len(bare) == 1 or is_name_only(bare) or could_be_first_name_word(bare):
            kept.insert(0, token)
            continue
        break
    if not kept or all(len(token.group("word").rstrip(".")) == 1 for token in kept):
        return None
    return kept[0].start(), kept[-1].start() + len(kept[-1].group("word").rstrip("."))
