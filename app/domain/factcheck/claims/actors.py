"""The patient doing the staff's work.

A nurse writes her own actions with the patient as their object or an unwritten subject ("able
to draw labs from a-line", "titrated neo", "pt suctioned for thick secretions": the patient was
suctioned). A small model makes the patient their subject: "the patient could draw labs from
the a-line", "the patient titrated the drip", "the patient should continue to perform the left
radial artery graft perfusion". Every word of such a sentence may be the notes'
own; only who acts is wrong.

Nursing shorthand drops "was" ("pt suctioned", "pt medicated with morphine", "pt extubated"),
so a past form after "pt" is taken as the patient being acted on unless the sentence makes
the patient the actor beyond doubt: an auxiliary, the present tense or a subject written out
("could titrate", "titrates", "the patient titrated"), or what staff act on written as the
verb's object ("pt suctioned the trach", "pt drew labs"). Verbs a patient may do unaided
("able to wean", "monitor" the weight at home) need the object. Patients' own acts on
themselves ("self-extubated", "suctions himself with the yankauer") are theirs.
"""

import re
from dataclasses import dataclass

from app.domain.factcheck.claims.drug_mentions import drug_mentions
from app.domain.factcheck.claims.notes import SourceNotes, holds_any


@dataclass(frozen=True, slots=True)
class _Action:
    verb: str
    """The verb's forms, as a pattern."""
    objects: str
    """What the verb acts on, written right after it, that makes the patient its actor."""
    doing: str
    """The act as the reason names it: "drawing labs"."""
    by_tense: bool = True
    """Whether an auxiliary or the present tense is enough to make the patient the actor; not
    for verbs a patient may do unaided ("able to wean", "suctions with the yankauer")."""
    any_drug: bool = False
    """Whether any drug named right after the verb is what it acts on too ("increase aldactone
    to 50mg"), beside the objects written out."""


_PERSON = r"(?:the\s+(?:patient|pt)|him|her(?!self)|them)\b"
"""A patient as the object of staff's act."""
_LABS = (
    r"(?:(?:the|a|an|some|more|his|her|am|morning|repeat|new)\s+)*(?:labs?|blood|bloods"
    r"|cultures?|bcx|a?bgs?|vbgs?|gas(?:es)?|lytes|electrolytes|specimens?|samples?|cbc"
    r"|chem\s*7|coags|troponins?|enzymes|cks?|lactate|levels?)\b"
)
_DRIP_NAMES = (
    r"(?:drips?|gtts?|infusions?|pressors?|sedation|propofol"
    r"|neo|neosynephrine|phenylephrine|levo|levophed|norepinephrine|dopa|dopamine|dobutamine"
    r"|nitro|ntg|nitroglycerin|nipride|insulin|heparin|fentanyl|versed|midazolam|precedex"
    r"|dexmedetomidine|esmolol|labetalol|dilt|diltiazem|vaso|vasopressin|epi|milrinone"
    r"|amiodarone|o2|oxygen|fio2|peep)\b"
)
_DRIPS = rf"(?:the|his|her|this|that|an?)\b|{_DRIP_NAMES}"
_DEVICES = (
    r"(?:(?:the|a|an|another|new|second|his|her)\s+)*(?:(?:central|arterial|art|a-|picc"
    r"|peripheral|midline|iv|introducer|cordis|swan)[\s-]*line|a-line|cvl|picc|piv|iv|foley"
    r"|ngt?|ogt?|ng\s+tube|og\s+tube|catheter|sheath|drain|chest\s+tube|ett|tube|swan)\b"
)
_WATCHED = (
    r"(?:(?:the|their|his|her)\s+)?(?:patient'?s|(?:[a-z]+\s+)?doses?|uo|uop"
    r"|urine\s+output|output|u/o|i\s*&\s*o|i/o|labs?|lytes|rhythm|telemetry|tele|drips?|gtts?"
    r"|drains?|lines?|resp\w*|hemodynamics?|vs|vitals?|vital\s+signs|neuro\w*|sats?|bp|hr"
    r"|wbc|hct|hematocrit|h/h|hgb|hemoglobin|co|ci|cardiac\s+output|acidosis|abgs?|cvp"
    r"|ptt|inr|coags|chest\s+x-?rays?|cxrs?|x-?rays?|films?)\b"
)
"""What staff watch of a patient: measures, lines, drips and systems ("uo", "the patient's
respiratory system", "their WBC", "BP, i/o")."""
_NOT_THE_PATIENTS_OWN = (
    r"(?!(?:(?:the|his|her|their|own|some|all|any|a|an|more|several|few|simple|\d+)\s+)*"
    r"(?:adls?|activities|exercises?|deep|breathing|breaths?|cough\w*|c&db|cdb|incentive|is"
    r"|spirometry|rom|range|self|leg|arm|ambulat\w*|care|mouth|oral|teach\w*|return|hand"
    r"|well|poorly|better|worse|tasks?|commands?|valsalva|sbts?|trials?|spontaneous\w*|pt|ot"
    r"|physical|them|it|this|that|as|at|on|in|to|with|without|for|and|but)\b)\w"
)
"""What "perform" acts on when staff do it: anything but the patient's own tasks ("perform
ADLs", "performs incentive spirometry", "performed well on the SBT")."""
_ACTIONS = (
    _Action(
        r"draw|draws|drew|drawing|obtain|obtains|obtained|collect|collects|collected"
        r"|send|sends|sent",
        _LABS,
        "drawing or sending labs",
        by_tense=False,
    ),
    _Action(r"titrat(?:e|es|ed|ing)", _DRIPS, "titrating a drip"),
    _Action(
        r"increas(?:e|es|ed|ing)|decreas(?:e|es|ed|ing)|turn(?:s|ed|ing)?\s+(?:up|down)",
        _DRIP_NAMES,
        "changing a drip",
        by_tense=False,
        any_drug=True,
    ),
    _Action(
        r"administer(?:s|ed|ing)?",
        r"(?!(?:to|by|for|with|at|in|on|via|per|as|over|from|and|x|q)\b)\w",
        "giving a drug",
    ),
    _Action(r"medicat(?:e|es|ed|ing)", _PERSON, "giving a drug"),
    _Action(
        r"suction(?:s|ed|ing)?",
        rf"{_PERSON}|(?:the\s+)?(?:secretions|sputum|mucus|ett|trach|airway)\b",
        "suctioning",
    ),
    _Action(
        r"assess(?:es|ed|ing)?",
        rf"{_PERSON}|the\b|(?:lungs|breath\s+sounds|wound|incision|skin|pulses)\b",
        "assessing",
    ),
    _Action(
        r"auscultat(?:e|es|ed|ing)|palpat(?:e|es|ed|ing)",
        rf"{_PERSON}|the\b|(?:lungs|breath\s+sounds|bowel\s+sounds|abdomen|abd|pulses)\b",
        "examining",
    ),
    _Action(
        r"doppler(?:s|ed|ing)?|doppl(?:e|es|ed|ing)",
        rf"{_PERSON}|the\b|(?:pulses|dp|pt|pedal|radial|feet)\b",
        "dopplering pulses",
    ),
    _Action(r"replet(?:e|es|ed|ing)", rf"{_PERSON}|the\b", "repleting electrolytes"),
    _Action(r"bolus(?:es|ed|ing)?", rf"{_PERSON}|the\b", "giving a bolus"),
    _Action(r"transfus(?:e|es|ed|ing)", rf"{_PERSON}|the\b", "giving a transfusion"),
    _Action(
        r"insert(?:s|ed|ing)?|plac(?:e|es|ed|ing)|reinsert(?:s|ed|ing)?|replac(?:e|es|ed|ing)",
        _DEVICES,
        "putting in a line or tube",
        by_tense=False,
    ),
    _Action(
        r"monitor(?:s|ed|ing)?",
        rf"{_PERSON}|{_WATCHED}",
        "monitoring the patient",
        by_tense=False,
    ),
    _Action(r"follow(?:s|ed|ing)?", _WATCHED, "monitoring the patient", by_tense=False),
    _Action(r"wean(?:s|ed|ing)?", rf"{_PERSON}|the\b", "weaning", by_tense=False),
    _Action(
        r"extubat(?:e|es|ed|ing)|intubat(?:e|es|ed|ing)",
        rf"{_PERSON}|another\b",
        "managing the airway",
        by_tense=False,
    ),
    _Action(
        r"check(?:s|ed|ing)?",
        rf"{_PERSON}|{_LABS}|(?:(?:the|a|an|his|her|repeat|new|another)\s+)*(?:ekgs?|ecgs?"
        r"|12[\s-]?leads?|vitals|vital\s+signs|blood\s+pressures?|bps?|pulses|placement"
        r"|residuals?|fingersticks?|the\s+(?:dressing|line|drain|site|wound|incision))\b",
        "checking tests or vital signs",
        by_tense=False,
    ),
    _Action(
        r"perform(?:s|ed|ing)?",
        _NOT_THE_PATIENTS_OWN,
        "performing a procedure",
        by_tense=False,
    ),
    _Action(
        r"see|sees|review(?:s|ed|ing)?",
        r"(?:the\s+)?(?:flow\s*sheets?|careview|chart|nursing\s+notes?)\b",
        "reading the chart",
        by_tense=False,
    ),
    _Action(
        r"updat(?:e|es|ed|ing)",
        r"(?:the\s+)?(?:family|relatives|(?:patient'?s\s+)?(?:wife|husband|daughter|son"
        r"|mother|father|sister|brother))\b",
        "updating the family",
        by_tense=False,
    ),
)
_VERB_CUES = (
    "draw",
    "drew",
    "obtain",
    "collect",
    "send",
    "sent",
    "titrat",
    "increas",
    "decreas",
    "turn",
    "administ",
    "medicat",
    "suction",
    "assess",
    "auscult",
    "palpat",
    "doppl",
    "replet",
    "bolus",
    "transfus",
    "insert",
    "plac",
    "replac",
    "monitor",
    "follow",
    "wean",
    "extubat",
    "intubat",
    "perform",
    "check",
    "updat",
    "see",
    "review",
)
"""Letters every verb of the actions holds."""
_AUXILIARY = (
    r"(?:(?:has|have|had)\s+been|(?:should|could|would|will|must|may|might)"
    r"(?:\s+(?:also|still|then|now))?\s+be|is|was|are|were)(?=\s+\w+ing\b)"
    r"|could|can|will|would|should|may|might|must|did|does|do|has|have|had"
    r"|(?:was|is|were|are)\s+(?:un)?able\s+to|able\s+to|(?:needs?|needed)\s+to|to"
)
"""Words that make the patient the verb's actor beyond doubt, the infinitive among them ("the
need for the patient to place a Foley catheter"), and the progressive ("has been performing",
"is titrating", "should be monitoring"): "was" or "been" before a past form is the passive
("was suctioned")."""
_GOING_ON = r"continue|continues|continued|try|tries|tried|attempt|attempts|attempted|begin|began"
"""Verbs that go on to staff's act in the infinitive ("should continue to perform")."""
_ADVERB = r"also|then|later|again|successfully|independently|initially|now|just|further"
_CLAUSE = re.compile(
    r"(?:(?:^|[.;:,()\-–]\s*|\b(?:and|then|but|so|while|after|when|for)\s+)"
    r"(?P<subject>the\s+patient|patient|pt|he|she)"
    r"|\band(?P<carried>)(?=\s+(?:has|have|had|is|was|should|could|can|will)\b))"
    r"(?:['’]s\s+(?:response|reaction)\s+(?:was|is|has\s+been))?\s+"
    r"(?:(?:has\s+|had\s+)?(?:become|became|been|was|is|got|grew|remained|remains)\s+(?P<state>[\w-]+)"
    r"\s+and\s+)?"
    rf"(?:(?:{_ADVERB})\s+)*(?P<auxiliary>(?:{_AUXILIARY})\s+)?(?:(?:{_ADVERB})\s+)*"
    rf"(?:(?:{_GOING_ON})\s+to\s+)?"
    rf"(?P<verb>{'|'.join(f'(?:{action.verb})' for action in _ACTIONS)})\b\s*",
    re.IGNORECASE,
)
"""A clause whose subject is the patient and whose verb is staff's act, the patient not its
object: "was" or "been" between them is no auxiliary here ("pt was suctioned"). A clause
after "and" with no subject of its own has the sentence's ("The patient has been on HCT 32
and has been performing a u/s procedure"): `carried` marks it. A verb joined
to a state of the patient's keeps the patient its subject ("The patient has become
hypertensive and increased propofol"). The patient's
response that was to do staff's act is the patient doing it ("The patient's response was to
titrate Nipride")."""
_VERBS = tuple(
    (re.compile(rf"(?:{action.verb})$", re.IGNORECASE), re.compile(action.objects, re.I), action)
    for action in _ACTIONS
)
_OWN_ACT = re.compile(r"\b(?:self|himself|herself|themselves|own|yankauer|home)\b", re.IGNORECASE)
"""An act the patient does on themselves or at home ("administers insulin at home"): theirs
to do."""
_OTHER_ACTOR = re.compile(
    r"\b(?:md|mds|dr|doctor|physicians?|resident|intern|fellow|attending|rn|nurses?|np"
    r"|surgeon|team|therapist|anesthesia|staff|ent|surgery|cardiology|radiology|ir|service"
    r"|consult\w*|family|wife|husband|daughter|son|mother"
    r"|father|sister|brother|friend)\b",
    re.IGNORECASE,
)
"""Someone other than the patient a "he" or "she" may stand for."""
_CLAUSE_END = re.compile(r"[.;,:()]")
_PATIENT_OPENS = re.compile(r"\s*(?P<subject>the\s+patient|patient|pt)\b", re.IGNORECASE)
"""A sentence whose subject is the patient, whose later clauses may leave it unwritten."""


def patient_doing_staff_work(sentence: str, notes: SourceNotes) -> str | None:
    """A sentence whose subject is the patient and whose verb is an act only staff do to a
    patient: drawing labs, titrating a drip, suctioning."""
    del notes  # the notes never have a patient do staff's work
    if not holds_any(sentence, _VERB_CUES):
        return None
    for match in _CLAUSE.finditer(sentence):
        subject = match["subject"]
        if match["carried"] is not None:
            opening = _PATIENT_OPENS.match(sentence)
            if opening is None:
                continue
            subject = opening["subject"]
        if subject.lower() in {"he", "she"} and _OTHER_ACTOR.search(sentence, 0, match.start()):
            continue
        verb = match["verb"]
        if _passive_pair(match["state"], verb):
            continue
        rest = sentence[match.end() :]
        clause = rest[: end.start()] if (end := _CLAUSE_END.search(rest)) else rest
        if _OWN_ACT.search(clause):
            continue
        for form, objects, action in _VERBS:
            if not form.match(verb):
                continue
            by_tense = (
                match["auxiliary"] is not None
                or _present(verb)
                or (_written_out(subject) and verb.lower().endswith("ed"))
            )
            if (
                (action.by_tense and by_tense)
                or objects.match(rest)
                or (action.any_drug and _drug_first(rest))
            ):
                return (
                    f"Not found in the notes: this sentence has the patient {action.doing}, "
                    "as staff."
                )
    return None


_LEADING_WORDS = re.compile(r"\s*(?:(?:the|his|her|their|its)\s+)?")
_DRUG_REACH = 40


def _drug_first(rest: str) -> bool:
    """Whether the words after the verb open with a drug's name ("increase aldactone to 50mg"):
    changing a drug's dose is staff's act, whatever drug it is."""
    lowered = rest.lower()
    leading = _LEADING_WORDS.match(lowered)
    start = leading.end() if leading else 0
    mentions = drug_mentions(lowered[: start + _DRUG_REACH])
    return bool(mentions) and mentions[0].start == start


def _passive_pair(state: str | None, verb: str) -> bool:
    """Whether the verb is the second of two participles after "was" ("he was lavaged and
    suctioned"): the patient acted on twice, not a state and an act."""
    return state is not None and state.lower().endswith("ed") and verb.lower().endswith("ed")


def _written_out(subject: str) -> bool:
    """Whether the subject is written out in full sentences ("the patient", "she"), where a
    past form is the patient acting: only shorthand ("pt", "patient") drops "was"."""
    return subject.lower() not in {"pt", "patient"}


def _present(verb: str) -> bool:
    """Whether the verb is in the present tense of a third person: "titrates"."""
    lowered = verb.lower()
    return lowered.endswith("s") and not lowered.endswith(("ss", "us"))
