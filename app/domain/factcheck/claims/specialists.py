"""Specialists and consulting services the notes never mention.

A small model rounds off a recommendation with a consult nobody asked for: "ordering a
consultation with a pulmonary specialist", "she should be seen by a cardiologist". Every other
word of such a sentence may be the notes' own, and word overlap weighs one new noun lightly; a
consult is a care decision, and one the notes never mention is the model's.

A specialty is backed where the notes write it in any form nurses use: its service or
specialist ("cardiology", "cards", "EP"), its consult, or a procedure only it does ("cath",
"dialysis"). A short name that also heads a system's line ("NEURO:", "ENDO:", "RENAL:",
"PULM:", "HEME:") or names an organ ("renal failure") backs the specialty only as a service:
beside the word of a team, a consult or its advice ("neuro following", "renal recs", "per
endo"). A consult written as not needed ("no need for a cardiology consult") is no claim,
and neither is what nurses do themselves under a specialty's name ("chest physiotherapy").
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from app.domain.factcheck.claims.notes import SourceNotes, holds_any


@dataclass(frozen=True, slots=True)
class _Specialty:
    label: str
    draft: str
    """The specialist or service as a draft names one, as a pattern."""
    notes: re.Pattern[str]
    """Any mention of the specialty in the notes, lower case."""


def _specialty(label: str, draft: str, notes: str) -> _Specialty:
    return _Specialty(
        label,
        draft,
        re.compile(rf"(?<![a-z])(?:{notes})"),
    )


_SERVICE = (
    r"(?:\s+(?:interventional|medicine|surgery|surgical|consulting))?\s*[-/]?\s*"
    r"(?:team|service|(?:on\s+)?consult\w*|fellow|md|attending|resident|aware"
    r"|(?:following|follows?)(?!\s+(?:simple\s+)?(?:commands|cmds))|recs?|recommend\w*|input|notified|called|paged|saw|seen|note|eval\w*"
    r"|approv\w*|involved|on\s+board|doctors?|physicians?|to\s+(?!be\b)[a-z]+)(?![a-z])"
)
"""What makes a short name a service rather than a heading or an organ: "neuro following",
"psych on consult", "neuro to decide", "pulmonary interventional doctors" (a word of the
service's kind may stand between). "Following commands" is the patient's."""


def _as_service(names: str) -> str:
    """A short name mentioned as a service: followed by its team's word, after "per" or
    "seen by" ("seen by psych today"), or listed after another team ("pulm team/neuro/
    anesthesia")."""
    return (
        rf"(?:{names})\w*{_SERVICE}"
        rf"|(?:per|(?:seen|evaluated|assessed|followed|visited)\s+by)\s+(?:{names})(?![a-z])"
        rf"|(?:team|service)s?\s*/\s*(?:{names})(?![a-z])"
    )


_CONSULT = r"(?:specialists?|consult\w*|teams?|services?|doctors?|physicians?|experts?|clinic)\b"
_SPECIALTIES = (
    _specialty(
        "pulmonology",
        rf"pulmonolog\w*|(?:pulmonary|lung|respiratory)\s+{_CONSULT}|pulm\s+{_CONSULT}",
        rf"pulmonolog|{_as_service('pulm')}|lung\s+(?:team|service)|chest\s+(?:team|service)",
    ),
    _specialty(
        "cardiology",
        rf"cardiolog\w*|(?:heart|cardiac)\s+{_CONSULT}",
        r"cardiolog|cards\b|ep\b|electrophys|cath|cardiac\s+(?:team|service|consult)",
    ),
    _specialty(
        "neurosurgery",
        r"neuro[\s-]*surg\w*",
        r"neuro[\s-]*surg|nsurg|nsgy",
    ),
    _specialty(
        "neurology",
        rf"neurolog(?:ists?|y)|neuro\s+{_CONSULT}",
        rf"neurolog(?:ists?|y)|{_as_service('neuro')}",
    ),
    _specialty(
        "nephrology",
        rf"nephrolog\w*|(?:kidney|renal)\s+{_CONSULT}",
        rf"nephro|{_as_service('renal')}|dialy|hd\b|cvvh|crrt",
    ),
    _specialty(
        "gastroenterology",
        rf"gastroenterolog\w*|(?:gi|gastro|liver)\s+{_CONSULT}|hepatolog\w*",
        r"gastro|gi\s+(?:team|service|consult|fellow|md|aware|following)|hepatolog|liver\s+team"
        r"|egd|endoscop|colonoscop",
    ),
    _specialty(
        "oncology",
        rf"oncolog\w*|cancer\s+{_CONSULT}",
        rf"oncolog|heme\s*[-/]?\s*onc|{_as_service('onc')}",
    ),
    _specialty(
        "hematology",
        rf"(?:hematolog|haematolog)(?:ists?|y\s+{_CONSULT})",
        rf"hematolog|haematolog|heme\s*[-/]?\s*onc|{_as_service('heme')}",
    ),
    _specialty(
        "infectious disease",
        rf"infectious\s+disease\s+{_CONSULT}|id\s+(?:specialists?|consult\w*)",
        r"infectious\s+disease|id\s+(?:team|service|consult|fellow|md|aware|following|approv)",
    ),
    _specialty(
        "psychiatry",
        rf"psychiatr\w*|psych\s+{_CONSULT}|psycholog\w*",
        rf"psychiatr|psycholog|{_as_service('psych')}",
    ),
    _specialty(
        "endocrinology",
        rf"endocrinolog\w*|diabetes\s+{_CONSULT}",
        rf"endocrin|{_as_service('endo')}|diabetes\s+(?:team|service|consult|nurse|educat)|joslin",
    ),
    _specialty("urology", r"urolog\w*", r"urolog|uro\b"),
    _specialty("dermatology", r"dermatolog\w*", r"derm"),
    _specialty(
        "physical therapy",
        r"(?<!chest\s)(?:physical\s+therap\w*|physiotherap\w*)",
        r"physical\s+therap|physio|pt\s*/\s*ot|p\.?t\.?\s+(?:consult|eval|following|saw|(?:unable\s+|will\s+)?to\s+see"
        r"|will\s+see|in\s+(?:the\s+)?am\b)"
        r"|rehab",
    ),
    _specialty("occupational therapy", r"occupational\s+therap\w*", r"occupational|ot\b"),
    _specialty(
        "speech therapy",
        r"speech\s+(?:therap\w*|patholog\w*|and\s+swallow\w*|language)|slp\b",
        r"speech|slp\b|swallow\w*\s+(?:eval|study|test)",
    ),
    _specialty(
        "nutrition",
        rf"dietitians?|dieticians?|nutritionists?|nutrition(?:al)?\s+{_CONSULT}",
        r"nutrition|dietitian|dietician|nutritionist",
    ),
    _specialty(
        "social work",
        r"social\s+work\w*",
        r"social\s+work|sw\b|case\s+manag|social\s+services",
    ),
    _specialty(
        "pain service",
        r"pain\s+(?:specialists?|service|team|clinic|management\s+team)",
        r"pain\s+(?:service|team|clinic)|aps\b|acute\s+pain",
    ),
    _specialty(
        "wound care",
        r"wound\s+(?:care\s+)?(?:nurses?|specialists?|team|consult\w*|service)|wocn",
        r"wound\s+(?:care\s+)?(?:nurse|rn|team|consult|service|specialist)|wocn|et\s+nurse"
        r"|ostomy\s+nurse",
    ),
)
_CUES = (
    "olog", "specialist", "consult", "team", "service", "doctor", "physician", "expert",
    "clinic", "therap", "psychiatr", "speech", "slp", "dietit", "dietic", "nutritionist",
    "social work", "neurosurg", "wound", "wocn",
)  # fmt: skip
"""Letters every specialist or service a draft may name holds: a specialty's name alone
("heart", "pain") is no specialist."""
_NOT_NEEDED = re.compile(
    r"\b(?:no|not|without|declin\w*|refus\w*|unnecessary)\b(?:\W+\w+){0,4}\W*$", re.IGNORECASE
)
"""Words just before a specialist that make the consult no claim ("no need for a …")."""


_ANY_SPECIALIST = re.compile(
    "|".join(rf"\b(?P<s{index}>{specialty.draft})" for index, specialty in enumerate(_SPECIALTIES)),
    re.IGNORECASE,
)
"""Every specialist a draft may name, in one pattern: the group that matched says which."""


def invented_specialist(sentence: str, notes: SourceNotes) -> str | None:
    """A specialist or consulting service the sentence names that the notes never mention."""
    if not holds_any(sentence, _CUES):
        return None
    for match in _ANY_SPECIALIST.finditer(sentence):
        if _NOT_NEEDED.search(sentence, 0, match.start()):
            continue
        specialty = _SPECIALTIES[int(str(match.lastgroup)[1:])]
        if not _mentioned(notes.written_lower, specialty.label):
            return (
                f"Not found in the notes: the source notes never mention {specialty.label} "
                f"(“{match.group(0)}”)."
            )
    return None


@lru_cache(maxsize=64)
def _mentioned(written_lower: str, label: str) -> bool:
    """Whether the notes mention the specialty in any form: read once per notes and specialty."""
    specialty = next(specialty for specialty in _SPECIALTIES if specialty.label == label)
    return specialty.notes.search(written_lower) is not None
