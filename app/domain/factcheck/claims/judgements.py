"""Judgements about values that the values contradict.

A small model writes "the heart rate was normal" beside the notes' "HR 104", "afebrile" beside
"T 38.1", or "tachycardic" where every heart rate is in the 80s. Every number is the notes'
own, so no per-fact rule sees it; the judgement is the draft's, and it is wrong.

A judgement is weighed against the value the sentence names, or, naming none, against every
reading of that measure in the notes; it is flagged only when none of them fits it and the
notes never make the same judgement themselves (a nurse may call 96/50 hypotensive, and the
draft may repeat her). Words whose meaning turns on the nurse's view ("stable") are not
weighed, nor sentences that plan, warn or describe a change ("now", "then", "resolved"),
where a value and its judgement may belong to different times.
"""

import re
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import NamedTuple

from app.domain.factcheck.claims.judged import NEGATED, notes_judgements
from app.domain.factcheck.claims.notes import SourceNotes, holds_any
from app.domain.factcheck.claims.ranges import (
    ABNORMAL,
    ABOVE,
    BELOW,
    HIGH,
    LOW,
    NORMAL,
    NOT_HIGH,
    WITHIN,
    positions,
    reference_range,
)
from app.domain.factcheck.extract import Reading, read_text
from app.domain.factcheck.extract.measure_catalogue import MEASURE_BY_KIND
from app.domain.factcheck.extract.measurements import cue_spans
from app.domain.factcheck.facts import BloodPressure, Fact, Value
from app.domain.factcheck.units import Quantity

_KIN = {"vital.bp": ("vital.map",), "vital.spo2": ("lab.po2",)}
"""Measures that back each other's judgements: a mean pressure of 58 makes a patient
hypotensive whatever the systolic, a PaO2 of 55 makes one hypoxic whatever the saturation."""

_SPECIFIC: dict[str, tuple[str, frozenset[int]]] = {
    "afebrile": ("vital.temp", NOT_HIGH),
    "febrile": ("vital.temp", HIGH),
    "hypothermic": ("vital.temp", LOW),
    "tachycardic": ("vital.hr", HIGH),
    "bradycardic": ("vital.hr", LOW),
    "tachypneic": ("vital.rr", HIGH),
    "tachypnoeic": ("vital.rr", HIGH),
    "bradypneic": ("vital.rr", LOW),
    "hypotensive": ("vital.bp", LOW),
    "hypertensive": ("vital.bp", HIGH),
    "normotensive": ("vital.bp", NORMAL),
    "hypoxic": ("vital.spo2", LOW),
    "hypoxemic": ("vital.spo2", LOW),
    "hyperkalemic": ("lab.potassium", HIGH),
    "hypokalemic": ("lab.potassium", LOW),
    "hypernatremic": ("lab.sodium", HIGH),
    "hyponatremic": ("lab.sodium", LOW),
    "hyperglycemic": ("lab.glucose", HIGH),
    "hypoglycemic": ("lab.glucose", LOW),
}
"""Words that name their measure and what they say of it."""

_SPECIFIC_WORD = re.compile(
    r"(?<![\w-])(?:" + "|".join(sorted(_SPECIFIC, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
_GENERIC = re.compile(
    r"\b(?:(?P<normal>within\s+(?:the\s+)?normal\s+(?:limits?|ranges?)|w\.?n\.?l\b\.?"
    r"|in\s+(?:the\s+)?normal\s+range|unremarkable"
    r"|normal(?![\s-]+(?:saline|sinus|ns\b|rhythm|bowel|breath|mentation|diet|strength|gait"
    r"|colou?r|skin|s1|heart\s+sounds|range\s+of\s+motion|rom\b|for\b)))"
    r"|(?P<range>(?:with)?in\s+(?:the\s+)?(?:acceptable\s+)?(?:range|limits))\b"
    r"|(?P<comfortable>comfortable)\b"
    r"|(?P<high>elevated|high(?![\s-]*(?:\d|to\s+(?:mid|high|upper|low|\d)|flow|dose|fowler"
    r"|risk|grade|calorie|protein|fall|pitch|level\s+of|concentration|alarm|peep))"
    r"|above\s+(?:the\s+)?normal|higher\s+than\s+normal)\b"
    r"|(?P<low>low(?![\s-]*(?:\d|to\s+(?:mid|high|upper|low|\d)|grade|dose|flow|residue|fat"
    r"|risk|air|level\s+of|intermittent|suction|molecular|salt|alarm))"
    r"|below\s+(?:the\s+)?normal|lower\s+than\s+normal)\b"
    r"|(?P<abnormal>abnormal|out\s+of\s+range|outside\s+(?:the\s+)?normal\s+(?:limits|range)))",
    re.IGNORECASE,
)
"""Judgements that need a measure named beside them ("heart rate normal", "low potassium")."""
_GENERIC_CLAIMS = {
    "normal": NORMAL,
    "range": NORMAL,
    "comfortable": NORMAL,
    "high": HIGH,
    "low": LOW,
    "abnormal": ABNORMAL,
}
_VITALS_ONLY = frozenset({"range", "comfortable"})
""""In range" of a PTT means its therapeutic range; "comfortable" only judges a temperature."""
_TEMPERATURE_ONLY = frozenset({"comfortable"})

_CUES = (
    "normal",
    "wnl",
    "w.n.l",
    "range",
    "limits",
    "comfortable",
    "unremarkable",
    "high",
    "elevated",
    "low",
    "febrile",
    "hypo",
    "hyper",
    "tachy",
    "brady",
    "normotens",
)
"""Letters every judgement this rule weighs holds."""

_BASELINE = re.compile(r"\b(?:his|her|their|pt'?s|patient'?s|own|usual)\s+$", re.IGNORECASE)
"""A patient's own normal ("settles back to his normal resp rate") is no standard range."""
_NOT_A_REPORT = re.compile(
    r"\b(?:if|unless|monitor\w*|watch\w*|risk|call|notify|prn|goals?|keep|maintain\w*|avoid"
    r"|prevent\w*|plan\w*|titrat\w*|parameters?|should|would|could|may|might|expect\w*"
    r"|target\w*|hold|history|hx|h/o|pmh|past|diagnos\w*|known|chronic)\b|[<>≤≥]",
    re.IGNORECASE,
)
"""A plan, a warning, a condition, a threshold or a history: "call if HR high", "low SBP
<110" and "history: high blood pressure" judge no reading against the standard range."""
_CHANGE = re.compile(
    r"\b(?:now|then|later|since|after|before|initially|earlier|previously|until|back"
    r"|return\w*|resolv\w*|improv\w*|decreas\w*|increas\w*|rose|risen|rising|drop\w*|fell"
    r"|fallen|trend\w*|from|down|up|spik\w*|peak\w*|briefly|transient\w*|intermittent\w*"
    r"|episodes?|periods?|spells?|occasional\w*|while|when|but|however|despite|although|once"
    r"|each|every|start\w*|began|begin\w*|becam\w*|becom\w*|develop\w*|continu\w*|last)\b"
    r"|\s[-–—]+\s",
    re.IGNORECASE,
)
"""Words of change over time: a value and a judgement beside them may be of different times."""

_LINK_GAP = re.compile(
    r"(?:[\s,():=~>–-]|\d[\d.,/%]*(?:'?s)?\b|(?:of|at|on|in|around|about|approximately"
    r"|approx|the|a|was|is|were|are|been|being|be|has|have|had|remain\w*|stay\w*|still"
    r"|also|all|slightly|mildly|moderately|very|quite|somewhat|consistently|persistently"
    r"|mostly|generally|overall|appear\w*|seem\w*|which|with|readings?|values?|levels?"
    r"|c|f|bpm|mmhg|mg/dl|meq/l|mmol/l|degrees|celsius|fahrenheit|beats|per|minute|min"
    r"|breaths|percent|%)\b)*",
    re.IGNORECASE,
)
"""What may stand between a measure and the judgement after it ("temperature was
comfortable", "HR 104, normal", "potassium of 5.6 was elevated")."""
_LINK_REACH = 50
_VERB_GAP = re.compile(
    r"\s+(?:was|is|were|are|remain\w*|stay\w*|stayed|felt|feels|seem\w*)\s+(?:\w+ly\s+)?",
    re.IGNORECASE,
)
"""How "comfortable" must follow a temperature to judge it ("the temperature was
comfortable"): after a value ("T 38.1, comfortable") it is the patient who is."""
_ADJECTIVE_GAP = re.compile(
    r"[\s-]*(?:(?:the|a|an|his|her|their|its|slightly|mildly|very)\s+)*", re.IGNORECASE
)
"""What may stand between a judgement and the measure it qualifies ("an elevated heart
rate")."""
_CLAIM_END = re.compile(
    r"\s*(?:$|[^\w\s]|\d|(?:at|to|of|with|on|in|for|and|but|or|throughout|overall|this|today"
    r"|tonight|all|since|after|during|while|when|despite|as|per|so|though|now|still|again"
    r"|most|much|the|a|an|shift|day|night|morning|afternoon|evening|limits|ranges?)\b)",
    re.IGNORECASE,
)
"""What may follow a judgement said of a measure before it; any other word is what the
judgement qualifies ("low SVR", "normal saline")."""
_NOT_A_READING_AFTER = re.compile(
    r"\s*(?:\w+\s+)?(?:diet|restrict\w*|scale|protocol|bath|supplement\w*|replet\w*"
    r"|replace\w*|drip|gtt|infusion|sliding|rider|run|runs|checks?)\b",
    re.IGNORECASE,
)
"""A measure's name used for something else: "low sodium diet", "high potassium repletion"."""

_RANGE_END = re.compile(r"\s*(?:-|–|to)\s*(?P<end>\d+(?:\.\d+)?)(?!\.?\d|\s*/)")


def _names_pattern() -> re.Pattern[str]:
    """Every name of a measure with a range, as the catalogue gives them: phrases in any case,
    abbreviations ("HR", "T") with their capitals."""
    ranged = [measure for kind, measure in MEASURE_BY_KIND.items() if reference_range(kind)]
    phrases = sorted({cue for measure in ranged for cue in measure.cues}, key=len, reverse=True)
    exact = sorted({cue for measure in ranged for cue in measure.exact_cues}, key=len, reverse=True)
    names = "(?i:" + "|".join(map(re.escape, phrases)) + ")|" + "|".join(map(re.escape, exact))
    return re.compile(rf"(?<![\w/])(?:{names})(?![\w/])")


_MEASURE_NAME = _names_pattern()
_DIGIT = re.compile(r"\d")


class _Judgement(NamedTuple):
    """A judgement a sentence makes: of which measure, which sides of its range it allows,
    and the words that make it."""

    kind: str
    claim: frozenset[int]
    word: str


def contradicted_judgement(sentence: str, notes: SourceNotes) -> str | None:
    """A judgement of a measure ("normal", "high", "afebrile", "tachycardic") that neither the
    value the sentence names nor the notes back."""
    if not holds_any(sentence, _CUES):
        return None
    if _NOT_A_REPORT.search(sentence):
        return None
    judgements = list(_specific_judgements(sentence))
    generic = (
        [match for match in _GENERIC.finditer(sentence) if _may_judge_a_measure(sentence, match)]
        if _MEASURE_NAME.search(sentence)
        else []
    )
    if not judgements and not generic:
        return None
    # Reading the sentence is the rule's one costly step: only a measure's name makes a
    # generic judgement weighable, and only a digit gives a specific one a value.
    facts: list[Fact] = []
    if generic or _DIGIT.search(sentence):
        reading = read_text(sentence)
        facts = reading.facts
        judgements.extend(_generic_judgements(sentence, reading, generic))
    changing = _CHANGE.search(sentence) is not None
    for judgement in judgements:
        named = list(_values(judgement.kind, facts, sentence))
        reason = _weigh(judgement, named, changing, notes)
        if reason is not None:
            return reason
    return None


def _may_judge_a_measure(sentence: str, match: re.Match[str]) -> bool:
    """Whether a generic judgement, undenied, names a measure just after it or ends where a
    judgement of one before it would ("normal liver tests" judges no measure): looked at
    before the sentence is read, which costs far more."""
    if _negated(sentence, match):
        return False
    gap = _ADJECTIVE_GAP.match(sentence, match.end())
    after = match.end() if gap is None else gap.end()
    return (
        _MEASURE_NAME.match(sentence, after) is not None
        or _CLAIM_END.match(sentence, match.end()) is not None
    )


def _negated(sentence: str, match: re.Match[str]) -> bool:
    """Whether the judgement is denied ("not tachycardic") or is of the patient's own
    baseline ("his normal"): either way it says nothing against the standard range."""
    start = max(0, match.start() - 24)
    return (
        NEGATED.search(sentence, start, match.start()) is not None
        or _BASELINE.search(sentence, start, match.start()) is not None
    )


def _specific_judgements(sentence: str) -> Iterator[_Judgement]:
    for match in _SPECIFIC_WORD.finditer(sentence):
        if not _negated(sentence, match):
            kind, claim = _SPECIFIC[match.group().lower()]
            yield _Judgement(kind, claim, match.group())


def _generic_judgements(
    sentence: str, reading: Reading, matches: list[re.Match[str]]
) -> Iterator[_Judgement]:
    """Each generic judgement with the measure it is said of."""
    cues = sorted(
        (span, kind)
        for kind, start, end in cue_spans(reading.words)
        if not _SPECIFIC_WORD.fullmatch(sentence, *(span := reading.rewritten.span(start, end)))
    )
    for match in matches:
        group = match.lastgroup or ""
        kind = _measure_of(sentence, cues, match)
        if kind is None or reference_range(kind) is None:
            continue
        if (group in _VITALS_ONLY and not kind.startswith("vital.")) or (
            group in _TEMPERATURE_ONLY and kind != "vital.temp"
        ):
            continue
        yield _Judgement(kind, _GENERIC_CLAIMS[group], match.group())


def _measure_of(
    sentence: str, cues: list[tuple[tuple[int, int], str]], match: re.Match[str]
) -> str | None:
    """The measure a judgement is said of: the one named just after it ("elevated heart
    rate"); else, where the judgement qualifies no other word ("low SVR"), the nearest one
    before it joined by a linking verb or a value ("temperature was comfortable", "HR 104,
    normal")."""
    following = next(((span, kind) for span, kind in cues if span[0] >= match.end()), None)
    if following is not None and _ADJECTIVE_GAP.fullmatch(sentence, match.end(), following[0][0]):
        return None if _NOT_A_READING_AFTER.match(sentence, following[0][1]) else following[1]
    if not _CLAIM_END.match(sentence, match.end()):
        return None
    before = [(span, kind) for span, kind in cues if span[1] <= match.start()]
    if not before:
        return None
    (_, cue_end), kind = before[-1]
    gap = _VERB_GAP if match.lastgroup in _TEMPERATURE_ONLY else _LINK_GAP
    if match.start() - cue_end <= _LINK_REACH and gap.fullmatch(sentence, cue_end, match.start()):
        return kind
    return None


def _values(kind: str, facts: Iterable[Fact], text: str) -> Iterator[tuple[str, Value]]:
    """The readings of this measure and its kin among the facts (at offsets in `text`) that a
    range can judge, each with the end of a range it starts ("SBP 140-160's"), which the
    reading leaves unbound. Lazily: most judgements fit one of the first."""
    kinds = (kind, *_KIN.get(kind, ()))
    for fact in facts:
        if fact.kind not in kinds or fact.target:
            continue
        for value in fact.values("value"):
            found = [value]
            tail = _RANGE_END.match(text, fact.end)
            if tail is not None:
                found.append(_range_end(value, float(tail.group("end"))))
            yield from ((fact.kind, each) for each in found if positions(fact.kind, each))


def _range_end(value: Value, end: float) -> Value:
    if isinstance(value, BloodPressure):
        return BloodPressure(int(end), None)
    if isinstance(value, Quantity):
        return Quantity(end, value.unit)
    return value


def _fits(judgement: _Judgement, values: Iterable[tuple[str, Value]]) -> bool:
    return any(positions(kind, value) & judgement.claim for kind, value in values)


def _weigh(
    judgement: _Judgement, named: list[tuple[str, Value]], changing: bool, notes: SourceNotes
) -> str | None:
    """Why the judgement is wrong, or None. A value the sentence names is what it judges,
    unless the sentence tells of a change: then any of its values or the notes' readings may
    be the one judged. Either way the notes' own judgement of the measure backs it."""
    if named and not changing:
        if _fits(judgement, named) or _notes_judge(judgement, notes) is False:
            return None
        return _value_reason(judgement, *named[0])
    notes_readings = _values(
        judgement.kind,
        chain.from_iterable(
            notes.readings.get(kind, ()) for kind in (judgement.kind, *_KIN.get(judgement.kind, ()))
        ),
        notes.written,
    )
    readings: list[tuple[str, Value]] = []
    for reading in chain(named, notes_readings):
        if _fits(judgement, (reading,)):
            return None
        readings.append(reading)
    verdict = _notes_judge(judgement, notes)
    if verdict is False or (verdict is None and not readings):
        return None
    if readings:
        return _readings_reason(judgement, readings)
    return (
        f"Not supported by the notes: the notes judge the {_label(judgement.kind)} otherwise; "
        f"the sentence calls it {judgement.word}."
    )


def _notes_judge(judgement: _Judgement, notes: SourceNotes) -> bool | None:
    """False where the notes make a judgement of the measure that fits this one, True where
    they judge it only otherwise, None where they never judge it."""
    judged = notes_judgements(judgement.kind, notes)
    if not judged:
        return None
    return not any(claim & judgement.claim for claim in judged)


def _value_reason(judgement: _Judgement, kind: str, value: Value) -> str:
    return (
        f"Not supported by the notes: {_label(kind)} {_shown(value)} is "
        f"{_side(positions(kind, value))} the normal {_range(kind)}, yet the sentence calls it "
        f"{judgement.word}."
    )


def _readings_reason(judgement: _Judgement, readings: list[tuple[str, Value]]) -> str:
    kinds = [kind for kind, _ in readings]
    kind = judgement.kind if judgement.kind in kinds else kinds[0]
    own = [value for of, value in readings if of == kind]
    shown = ", ".join(dict.fromkeys(_shown(value) for value in own[:4]))
    label = _label(kind)
    which = (
        f"every {label} the notes give ({shown}) is above"
        if judgement.claim == NOT_HIGH
        else f"no {label} the notes give ({shown}) is {_side(judgement.claim)}"
    )
    return (
        f"Not supported by the notes: {which} the normal {_range(kind)}, yet the "
        f"sentence calls it {judgement.word}."
    )


def _side(where: frozenset[int]) -> str:
    if where == {ABOVE}:
        return "above"
    if where == {BELOW}:
        return "below"
    return "within" if where == {WITHIN} else "outside"


def _shown(value: Value) -> str:
    if isinstance(value, BloodPressure):
        return f"{value.systolic}/{value.diastolic}" if value.diastolic else str(value.systolic)
    if isinstance(value, Quantity):
        number = f"{value.magnitude:g}" + ("s" if value.upto is not None else "")
        return (
            f"{number} {value.unit}"
            if value.unit and value.unit != "%"
            else number + ("%" if value.unit == "%" else "")
        )
    return str(value)


def _label(kind: str) -> str:
    measure = MEASURE_BY_KIND.get(kind)
    return kind if measure is None else measure.label


def _range(kind: str) -> str:
    bounds = reference_range(kind)
    return "" if bounds is None else bounds.shown
