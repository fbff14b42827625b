"""The patient given the other sex than the notes give, or a sex where they give none.

A small model writes "a female with chest pain … She has been …" for a man, or "her" for a
patient the notes call "he": the per-fact rules read no sex, and every other word of such a
sentence may be the notes' own. The notes' sex is read from their cues (female, man, Mrs., she,
his, "78 yo F"), and only where they give one clearly: several cues of one sex and next to none
of the other.

A cue after a relative or a clinician ("daughter called, she will visit", "MD aware, he will see
pt") is about that person, not the patient, in the notes and in a draft alike. A draft sentence
read alone loses the sentence before it ("Husband called. He will visit."), so a pronoun with
no one before it in its sentence is taken as the patient's only where the notes speak of no one
of that sex at all.

Notes that give no cue to anyone's sex at all leave a draft's "male" or "woman" for the patient
the model's own guess ("Patient: arousable to voice, male"); a pronoun there is left alone, as
it may stand for someone the reading does not know.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from app.domain.factcheck.claims.notes import SourceNotes, holds_word

Sex = Literal["female", "male"]
Antecedent = Literal["other", "patient", "none"]

_FEMALE_OTHERS = (
    "wife daughter daughters dtr mother mom sister sisters niece nieces aunt granddaughter"
    " granddaughters grandmother girlfriend fiancee fiancée"
)
_MALE_OTHERS = (
    "husband son sons father dad brother brothers nephew nephews uncle grandson grandsons"
    " grandfather boyfriend fiance fiancé"
)
_OTHERS = (
    "spouse cousin cousins grandchild grandchildren friend friends partner family fam visitor"
    " visitors neighbor neighbour hcp proxy guardian md mds dr doctor physician physicians"
    " resident intern fellow attending rn nurse nurses surgeon team ho therapist sw worker"
    " chaplain priest rabbi interpreter translator consultant caller cardiologist neurologist"
    " nephrologist pulmonologist oncologist hematologist urologist radiologist"
    " anesthesiologist intensivist hospitalist psychiatrist"
)
"""People other than the patient a note or a draft speaks of, of either sex."""
_WORDS: dict[str, tuple[str, Sex | None]] = {
    **{word: ("other", "female") for word in _FEMALE_OTHERS.split()},
    **{word: ("other", "male") for word in _MALE_OTHERS.split()},
    **{word: ("other", None) for word in _OTHERS.split()},
    **{word: ("patient", None) for word in ("pt", "patient")},
    **{word: ("word", "female") for word in ("female", "woman", "lady")},
    **{word: ("word", "male") for word in ("male", "man", "gentleman", "gent")},
    **{word: ("pronoun", "female") for word in ("she", "her", "hers", "herself")},
    **{word: ("pronoun", "male") for word in ("he", "him", "his", "himself")},
}
"""What each word of a note or a draft is to the reading: a person other than the patient
(with their sex where the word gives it), the patient, or a cue to a sex."""
_TITLES: dict[str, Sex] = {"Mrs": "female", "Ms": "female", "Miss": "female", "Mr": "male"}
"""Titles, read in their own case: "MS" and "MR" in capitals are mental status and mitral
regurgitation."""
_WORD = re.compile(r"[^\W_]+")
"""A word with its digits ("HER2" is no pronoun); an age's digits are stripped where an age is
read ("78yo", "78yof"), in lower case."""
_DIGITS = "0123456789"
_AGE_LETTERS: dict[str, Sex] = {"f": "female", "m": "male"}
_AGE_JOINED: dict[str, Sex] = {"yof": "female", "yom": "male"}
_AGE_GLUED = re.compile(r"(?<![\w.])\d{1,3}[mf]\b")
"""An age with its sex glued on and nothing between: "58M", "74f"."""
"""A sex after an age in shorthand, "78 yo F", "78 y/o m", "78 year old F", read as the word
before the letter, or run together: "78yof", "78F"."""
_CUE_WORDS = frozenset(
    [word for word, (kind, _) in _WORDS.items() if kind in {"word", "pronoun"}]
    + [title.lower() for title in _TITLES]
    + [*_AGE_LETTERS, *_AGE_JOINED]
)
"""The words of every cue: a sentence holding none is read no further."""
_TITLE_WORDS = frozenset(title.lower() for title in _TITLES)
_TITLE = re.compile(rf"\b(?:{'|'.join(_TITLES)})\b")
"""A title as written, looked for before the words are read again in their case: "MS" in
capitals, mental status, is common and no title."""
_KNOWN = frozenset(_WORDS) | _TITLE_WORDS | frozenset(_AGE_LETTERS)
"""Every word the reading looks at, in lower case."""
_REACH = 20
"""Words back from a cue in which a person spoken of may be the one the cue is about: the
sentence it is in and the one before ("Daughter called. She will visit.")."""
_MIN_CUES = 3
"""Cues of one sex the notes must give before their sex is taken as given."""
_STRAY_SHARE = 0.1
"""The most cues of the other sex, as a share of the first's, that still leave the notes'
sex clear: a stray pronoun for a relative the reading missed."""


@dataclass(frozen=True, slots=True)
class _Cue:
    sex: Sex
    pronoun: bool
    antecedent: Antecedent
    """Who the cue may be about: "other" where someone other than the patient is spoken of
    within reach before it (the cue is then taken as theirs), else "patient" where the patient
    is, else "none"."""
    name: str | None
    """The name after a title ("Mr. Jones")."""


@dataclass(frozen=True, slots=True)
class _NotesSex:
    sex: Sex | None
    """The sex the notes give the patient, None where they give none clearly."""
    others: frozenset[Sex]
    """The sexes of everyone the notes speak of with a cue or a relative's word, patient or
    not: a draft's lone pronoun may be any of theirs."""
    silent: bool
    """Whether the notes hold no cue to a sex at all, of the patient or anyone else."""


def unbacked_sex(sentence: str, notes: SourceNotes) -> str | None:
    """A draft sentence that gives the patient the other sex than the notes clearly give, or
    names a sex where the notes give nobody's."""
    if not holds_word(sentence, _CUE_WORDS):
        return None
    cues, _ = _read(sentence)
    if not cues:
        return None
    read = _notes_sex(notes.written)
    if read.silent:
        return _guessed(cues)
    if read.sex is None:
        return None
    for cue in cues:
        if cue.sex == read.sex or cue.antecedent == "other":
            continue
        if cue.pronoun and cue.antecedent == "none" and cue.sex in read.others:
            continue
        if cue.name is not None and cue.name.lower() in notes.words:
            continue
        return (
            f"Not found in the notes: this sentence calls the patient {cue.sex}; the notes "
            f"describe a {read.sex} patient."
        )
    return None


def _guessed(cues: list[_Cue]) -> str | None:
    """The reason a sex word the draft gives the patient is a guess, where the notes give no
    sex at all."""
    for cue in cues:
        if not cue.pronoun and cue.antecedent != "other" and cue.name is None:
            return (
                f"Not found in the notes: this sentence calls the patient {cue.sex}; the notes "
                "never give the patient's sex."
            )
    return None


def _read(text: str) -> tuple[list[_Cue], set[Sex]]:
    """Each cue to a sex in the text, with who it may be about, and the sexes of everyone the
    text speaks of with a cue or a relative's word."""
    found: list[_Cue] = []
    sexes: set[Sex] = set()
    other_at = patient_at = -_REACH - 1
    for at, kind, sex, name in _marks(text):
        if kind == "other":
            other_at = at
            if sex is not None:
                sexes.add(sex)
            continue
        if kind == "patient":
            patient_at = at
            continue
        assert sex is not None
        sexes.add(sex)
        antecedent: Antecedent = "none"
        if at - other_at <= _REACH:
            antecedent = "other"
        elif at - patient_at <= _REACH:
            antecedent = "patient"
        found.append(_Cue(sex, kind == "pronoun", antecedent, name))
    return found, sexes


def _marks(text: str) -> list[tuple[int, str, Sex | None, str | None]]:
    """Each person and each cue in the text, in order: its place in words, what it is, its
    sex, and the name after a title. The words are looked up in one set, in lower case, as a
    pattern of every cue word would try each at every letter; the case as written is read only
    for a title."""
    lowered = text.lower()
    words = _WORD.findall(lowered)
    written: list[str] | None = None
    marks: list[tuple[int, str, Sex | None, str | None]] = []
    for at in [at for at, word in enumerate(words) if word in _KNOWN]:
        word = words[at]
        if word in _TITLE_WORDS:
            if written is None:
                written = _WORD.findall(text) if _TITLE.search(text) else []
            title = _TITLES.get(written[at]) if len(written) == len(words) else None
            if title is not None:
                after = written[at + 1] if at + 1 < len(written) else ""
                marks.append((at, "word", title, after if after.istitle() else None))
        elif word in _AGE_LETTERS:
            if _after_an_age(words, at):
                marks.append((at, "word", _AGE_LETTERS[word], None))
        else:
            kind, sex = _WORDS[word]
            marks.append((at, kind, sex, None))
    if any(joined in lowered for joined in _AGE_JOINED) or _AGE_GLUED.search(lowered):
        for at, word in enumerate(words):
            if (joined := word.lstrip(_DIGITS)) in _AGE_JOINED:
                marks.append((at, "word", _AGE_JOINED[joined], None))
            elif joined in _AGE_LETTERS and _AGE_GLUED.fullmatch(word):
                marks.append((at, "word", _AGE_LETTERS[joined], None))
        marks.sort(key=lambda mark: mark[0])
    return marks


def _after_an_age(words: list[str], at: int) -> bool:
    """Whether the word before this one ends an age in shorthand: "yo", "y/o", "year old"."""
    before = [word.lstrip(_DIGITS) for word in words[max(0, at - 2) : at]]
    return bool(before) and (
        before[-1] == "yo"
        or before == ["y", "o"]
        or (before[-1] == "old" and before[0] in {"year", "years", "yr", "yrs"})
    )


@lru_cache(maxsize=4)
def _notes_sex(written: str) -> _NotesSex:
    """The sex the notes give the patient and of everyone they speak of: read once per notes,
    not for each sentence."""
    cues, sexes = _read(written)
    about_patient = [cue.sex for cue in cues if cue.antecedent != "other"]
    female, male = about_patient.count("female"), about_patient.count("male")
    sex: Sex | None = None
    if female >= _MIN_CUES and male <= _STRAY_SHARE * female:
        sex = "female"
    elif male >= _MIN_CUES and female <= _STRAY_SHARE * male:
        sex = "male"
    return _NotesSex(sex, frozenset(sexes), silent=not cues)
