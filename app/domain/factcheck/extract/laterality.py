"""Sides of the body: "L forearm", "right lower quadrant", "RLE", "bilateral bases".

Each fact records the side, the body part (the key) and the device or finding it describes
(its anchor), so a draft's "right forearm IV" is compared with the source's forearm IV and not
with the source's right-sided chest tube. Body parts fall into regions so a faithful "left arm"
can be checked against a source's "L forearm".
"""

import re

from app.domain.factcheck.facts import Fact
from app.domain.factcheck.phrases import PhraseIndex, PhraseMatch, word_set
from app.domain.factcheck.spans import Document

KIND = "laterality"

LEFT, RIGHT, BOTH = "left", "right", "bilateral"

_PARTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "upper arm": ("upper limb", ("upper arm", "brachial")),
    "forearm": ("upper limb", ("forearm", "FA")),
    "antecubital": ("upper limb", ("antecubital", "AC", "antecub", "antecube")),
    "hand": ("upper limb", ("hand", "finger", "fingers", "thumb")),
    "wrist": ("upper limb", ("wrist",)),
    "elbow": ("upper limb", ("elbow",)),
    "shoulder": ("upper limb", ("shoulder",)),
    "basilic": ("upper limb", ("basilic", "basilic vein")),
    "cephalic": ("upper limb", ("cephalic", "cephalic vein")),
    "radial": ("upper limb", ("radial", "radial artery")),
    "upper extremity": ("upper limb", ("upper extremity", "upper extremities", "UE")),
    "arm": ("upper limb", ("arm", "arms")),
    "lower leg": ("lower limb", ("lower leg", "shin", "shins")),
    "leg": ("lower limb", ("leg", "legs", "SCD", "SCDs", "SCD's", "SCD'S")),
    "calf": ("lower limb", ("calf", "calves")),
    "foot": ("lower limb", ("foot", "feet", "toe", "toes", "heel")),
    "ankle": ("lower limb", ("ankle",)),
    "knee": ("lower limb", ("knee", "TKA", "TKR")),
    "thigh": ("lower limb", ("thigh",)),
    "hip": ("lower limb", ("hip", "THA", "THR")),
    "lower extremity": ("lower limb", ("lower extremity", "lower extremities", "LE")),
    "femoral": ("groin", ("femoral", "groin", "groins", "inguinal")),
    "fem-pop": ("lower limb", ("fem-pop", "fem pop", "femoral pop", "femoral-popliteal")),
    "amputation": ("lower limb", ("BKA", "AKA", "amputation")),
    "buttock": ("buttock", ("buttock", "buttocks", "gluteal", "gluteus", "glute")),
    "back": ("back", ("back", "scapula", "shoulder blade")),
    "lower lobe": ("chest", ("lower lobe", "LL")),
    "middle lobe": ("chest", ("middle lobe",)),
    "upper lobe": ("chest", ("upper lobe", "UL")),
    "base": ("chest", ("base", "bases", "lung base", "lung bases")),
    "lung": ("chest", ("lung", "lungs", "lung field", "lung fields", "hemithorax", "apex")),
    "chest": ("chest", ("chest", "thoracotomy")),
    "pleural effusion": ("chest", ("pleural effusion", "pleural effusions", "effusion")),
    "breast": ("chest", ("breast", "breasts", "lumpectomy", "mastectomy")),
    "pacemaker": ("pacemaker", ("AICD", "aicd", "pacemaker", "PPM", "pacemaker pocket")),
    "internal jugular": ("neck", ("internal jugular", "IJ")),
    "subclavian": ("neck", ("subclavian",)),
    "neck": ("neck", ("neck", "carotid")),
    "lower quadrant": ("abdomen", ("lower quadrant",)),
    "upper quadrant": ("abdomen", ("upper quadrant",)),
    "flank": ("abdomen", ("flank", "kidney", "renal mass", "nephrectomy")),
    "colon": ("abdomen", ("colon", "hemicolectomy", "colectomy")),
    "ureter": ("abdomen", ("ureter", "ureteral", "distal ureter")),
    "eye": ("head", ("eye", "eyes", "pupil", "pupils")),
    "ear": ("head", ("ear", "ears")),
    "nare": ("head", ("nare", "nares", "naris", "nostril")),
    "face": ("head", ("face", "facial")),
    "brain": (
        "head",
        (
            "MCA",
            "ACA",
            "hemisphere",
            "frontal",
            "parietal",
            "temporal",
            "occipital",
            "frontal lobe",
            "parietal lobe",
            "temporal lobe",
            "occipital lobe",
            "basal ganglia",
            "thalamus",
            "thalamic",
        ),
    ),
    "side": ("side", ("side", "sided")),
}
REGION_OF_PART = {part: region for part, (region, _) in _PARTS.items()}
_BOTH_NAMED_BY = {
    "base": ("bases", "lung bases"),
    "lung": ("lungs", "lung fields"),
    "leg": ("legs",),
    "arm": ("arms",),
    "foot": ("feet",),
    "hand": ("hands",),
    "knee": ("knees",),
    "ankle": ("ankles",),
    "wrist": ("wrists",),
    "calf": ("calves",),
    "lower extremity": ("lower extremities", "LEs", "LE's"),
    "upper extremity": ("upper extremities", "UEs", "UE's"),
    "femoral": ("groins",),
    "buttock": ("buttocks",),
    "pleural effusion": ("pleural effusions", "effusions"),
    "eye": ("eyes", "pupils"),
    "ear": ("ears",),
    "nare": ("nares",),
}
"""The plural that names a part on both sides ("crackles at the bases" are bibasilar)."""
_BOTH_PATTERNS = {
    part: re.compile(
        rf"(?<![A-Za-z])(?:{'|'.join(map(re.escape, plurals))})(?![A-Za-z])", re.IGNORECASE
    )
    for part, plurals in _BOTH_NAMED_BY.items()
}


def names_both(part: str, text: str) -> bool:
    """Whether the text names the part in the plural, which is the part on both sides."""
    pattern = _BOTH_PATTERNS.get(part)
    return pattern is not None and pattern.search(text) is not None


_PART_INDEX = PhraseIndex(
    [
        (spelling, part)
        for part, (_, spellings) in _PARTS.items()
        for spelling in spellings
        if not spelling.isupper()
    ],
    exact=[
        (spelling, part)
        for part, (_, spellings) in _PARTS.items()
        for spelling in spellings
        if spelling.isupper()
    ],
)

_COMBINED = {
    "RUE": (RIGHT, "upper extremity"),
    "LUE": (LEFT, "upper extremity"),
    "BUE": (BOTH, "upper extremity"),
    "RLE": (RIGHT, "lower extremity"),
    "LLE": (LEFT, "lower extremity"),
    "BLE": (BOTH, "lower extremity"),
    "RLL": (RIGHT, "lower lobe"),
    "LLL": (LEFT, "lower lobe"),
    "RML": (RIGHT, "middle lobe"),
    "RUL": (RIGHT, "upper lobe"),
    "LUL": (LEFT, "upper lobe"),
    "RLQ": (RIGHT, "lower quadrant"),
    "LLQ": (LEFT, "lower quadrant"),
    "RUQ": (RIGHT, "upper quadrant"),
    "LUQ": (LEFT, "upper quadrant"),
    "RIJ": (RIGHT, "internal jugular"),
    "LIJ": (LEFT, "internal jugular"),
    **{spelling: (BOTH, "base") for spelling in ("bibasilar", "Bibasilar", "BIBASILAR")},
    **{spelling: (BOTH, "base") for spelling in ("bibasal", "Bibasal", "BIBASAL")},
}
_SIDES = {
    "left": LEFT,
    "right": RIGHT,
    "bilateral": BOTH,
    "bilaterally": BOTH,
    "bilat": BOTH,
    "both": BOTH,
}
_SINGLE_LETTER_SIDES = {"L": LEFT, "R": RIGHT}
_MODIFIERS = word_set(
    "the total upper lower anterior posterior lateral medial proximal distal inner outer",
    "dorsal mid ischemic mediastinal pleural",
    "1st 2nd 3rd 4th 5th first second third fourth fifth great big little index ring",
)
_JOINER = re.compile(r"[ \t]*(?:\n[ \t]*)?(?:-|/)?[ \t]*")
"""What may part a side from its body part: a dash, a slash, or the line break of a note wrapped
by hand ("SOME R. \n SIDE NEGLECT"), but not a blank line."""
_BILATERAL_SLASH = re.compile(r"B/L\b")
_BACK_AS_ADVERB = re.compile(
    r"\s+(?:to|in(?!\s+place)|into|on|onto|at|up|down|from|home|out)\b", re.IGNORECASE
)
""""Back" as an adverb ("pt left back in bed", "right back to sleep"), not the body part."""

_ANCHORS = PhraseIndex(
    [
        *[
            (word, "iv")
            for word in ("IV", "IVs", "PIV", "PIVs", "peripheral", "saline lock", "gauge")
        ],
        ("PICC", "picc"),
        *[
            (word, "central line")
            for word in (
                "central line",
                "CVC",
                "HD cath",
                "HD catheter",
                "dialysis",
                "catheter",
                "cath",
            )
        ],
        ("port", "port"),
        *[
            (word, "balloon pump")
            for word in ("IABP", "balloon pump", "intra-aortic balloon", "ballon pump", "ballon")
        ],
        *[(word, "pa catheter") for word in ("swan", "Swan-Ganz", "PA line", "PA catheter")],
        *[(word, "arterial line") for word in ("a-line", "aline", "art line", "arterial line")],
        *[(word, "sheath") for word in ("sheath", "sheaths", "introducer", "cordis")],
        *[(word, "drain") for word in ("JP", "drain", "Hemovac", "chest tube")],
        *[(word, "ostomy") for word in ("colostomy", "ileostomy", "ostomy", "stoma")],
        *[(word, "tube") for word in ("NG", "NGT", "tube")],
        *[(word, "edema") for word in ("edema", "swelling")],
        *[
            (word, "lung sounds")
            for word in (
                "crackles",
                "rales",
                "wheezes",
                "wheezing",
                "diminished",
                "rhonchi",
                "breath sounds",
                "air entry",
            )
        ],
        *[
            (word, "weakness")
            for word in (
                "weak",
                "weakness",
                "hemiparesis",
                "drift",
                "droop",
                "strength",
                "hemiplegia",
            )
        ],
        *[(word, "pain") for word in ("pain", "tender", "tenderness")],
        *[
            (word, "wound")
            for word in ("incision", "wound", "dressing", "ulcer", "pressure injury", "staples")
        ],
        *[
            (word, "skin")
            for word in (
                "erythema",
                "redness",
                "cellulitis",
                "mottling",
                "mottled",
                "bruising",
                "bruise",
                "hematoma",
            )
        ],
        *[(word, "stroke") for word in ("stroke", "infarct", "CVA")],
        *[(word, "surgery") for word in ("arthroplasty", "replacement", "s/p")],
        ("patch", "patch"),
        *[(word, "cultures") for word in ("culture", "cultures", "cx")],
        *[
            (word, "restriction")
            for word in (
                "no BP",
                "sticks",
                "needle sticks",
                "venipuncture",
                "restricted",
                "restriction",
                "AV access",
            )
        ],
        *[(word, "position") for word in ("repositioned", "turned", "lying", "HOB")],
    ]
)
_ANCHOR_REACH = 40
_PART_BEFORE_ON_REACH = 4
"""How many words before "on the left" its body part may stand ("lungs coarse throughout")."""
_VALUE_UNITS = word_set("mm cm")
"""Units of a size written between a part and its side ("pupils 4 mm right")."""
_CANDIDATE_WORDS = frozenset(
    {*_SIDES, *(side.lower() for side in _SINGLE_LETTER_SIDES), "b"}
    | {combined.lower() for combined in _COMBINED}
)


def extract_laterality(document: Document) -> list[Fact]:
    anchors = _ANCHORS.find_all(document.words)
    facts: list[Fact] = []
    for index in document.tokens_where(_CANDIDATE_WORDS):
        token = document.tokens[index]
        if facts and token.start < facts[-1].end:
            continue
        combined = _COMBINED.get(token.text)
        if combined is not None:
            side, part = combined
            facts.append(
                _fact(document, anchors, start=token.start, end=token.end, side=side, part=part)
            )
            continue
        written_side = _side_at(document, index)
        part_match = _part_after(document, index) if written_side else None
        if (
            part_match
            and part_match.meaning == "back"
            and _BACK_AS_ADVERB.match(document.text, part_match.end)
        ):
            part_match = None
        if written_side and part_match:
            end, part = part_match.end, part_match.meaning
            facts.append(
                _fact(document, anchors, start=token.start, end=end, side=written_side, part=part)
            )
            continue
        if written_side is None:
            continue
        before = _part_before(document, index) if written_side == BOTH else None
        for part_match in (before, _part_before_on(document, index, written_side)):
            if part_match and not (facts and part_match.start < facts[-1].end):
                facts.append(
                    _fact(
                        document,
                        anchors,
                        start=part_match.start,
                        end=token.end,
                        side=written_side,
                        part=part_match.meaning,
                    )
                )
                break
    return facts


def _part_before_on(document: Document, index: int, side: str) -> PhraseMatch | None:
    """The body part a side written after it belongs to, the side after "on" or a value
    ("lung fields on right", "lungs coarse throughout on the left", "pupils 4mm right"): the
    nearest part a few words before, in the same clause. Both sides are read only of the part
    right before ("SCDs on bilat"): "lungs coarse on both sides" may be a finding's sides. A
    letter after a value is a unit ("face tent and 4 L"), not a side."""
    tokens = document.tokens
    before = index - 1
    if before > 0 and tokens[before].word == "the":
        before -= 1
    if before > 0 and tokens[before].word == "on":
        before -= 1
    else:
        if len(tokens[index].text) == 1:
            return None
        if before > 0 and tokens[before].word in _VALUE_UNITS:
            before -= 1
        if before < 1 or not tokens[before].text[0].isdigit():
            return None
        before -= 1
    both = side == BOTH
    for first in range(before, max(before - _PART_BEFORE_ON_REACH, -1), -1):
        part = _PART_INDEX.match_at(document.words, first)
        if part is None or part.last_token > before or (both and part.last_token < before):
            continue
        if document.boundaries.crossed(part.end, tokens[index].start):
            return None
        return part
    return None


def _part_before(document: Document, index: int) -> PhraseMatch | None:
    """A body part written right before "bilat" or "bilaterally" ("dim in bases bilat",
    "rales 1/3 up bilaterally" has none): both sides of that part."""
    text, tokens = document.text, document.tokens
    for first in range(max(index - 3, 0), index):
        part = _PART_INDEX.match_at(document.words, first)
        if part is None or part.last_token != index - 1:
            continue
        if _JOINER.fullmatch(text, tokens[index - 1].end, tokens[index].start) is None:
            return None
        return part
    return None


def _side_at(document: Document, index: int) -> str | None:
    token = document.tokens[index]
    if token.text in _SINGLE_LETTER_SIDES:
        return _SINGLE_LETTER_SIDES[token.text]
    if token.text == "B" and _BILATERAL_SLASH.match(document.text, token.start):
        return BOTH
    return _SIDES.get(token.word)


def _part_after(document: Document, index: int) -> PhraseMatch | None:
    """The body part named after the side word at token `index`, past modifiers ("total")."""
    text, tokens = document.text, document.tokens
    position = index + 1
    if tokens[index].text == "B" and position < len(tokens) and tokens[position].text == "L":
        position += 1
    for _ in range(3):
        if position >= len(tokens):
            return None
        if _JOINER.fullmatch(text, tokens[position - 1].end, tokens[position].start) is None:
            return None
        part = _PART_INDEX.match_at(document.words, position)
        if part is not None:
            return part
        if tokens[position].word not in _MODIFIERS:
            return None
        position += 1
    return None


def _fact(
    document: Document,
    anchors: list[PhraseMatch],
    *,
    start: int,
    end: int,
    side: str,
    part: str,
) -> Fact:
    return Fact(
        kind=KIND,
        key=part,
        start=start,
        end=end,
        text=document.text[start:end],
        attributes=(("side", side),),
        anchor=_nearest_anchor(document, anchors, start, end),
    )


def _nearest_anchor(document: Document, anchors: list[PhraseMatch], start: int, end: int) -> str:
    best: tuple[int, str] | None = None
    for anchor in anchors:
        anchor_start, anchor_end, name = anchor.start, anchor.end, anchor.meaning
        if start <= anchor_start < end:
            continue
        distance = start - anchor_end if anchor_end <= start else anchor_start - end
        if distance < 0 or distance > _ANCHOR_REACH:
            continue
        low, high = min(anchor_end, start), max(anchor_start, end)
        if document.boundaries.crossed(low, high):
            continue
        if best is None or distance < best[0]:
            best = (distance, name)
    return best[1] if best else ""
