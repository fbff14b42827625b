"""Rewrite nursing shorthand into the spellings the extractors read, keeping every offset.

Real notes are written fast: "HEPARIN @ 1200U", "ativan .25mg/hr", "3lnc", "K+ 3.7", "T 101.8R",
"sats mid 90's", "ms04 4mg q2 hrs", "p.o. b.i.d.". Rather than teach every extractor each habit,
the text is first rewritten into plain forms ("at 1200 units", "0.25 mg/hr", "3 L NC", "K 3.7",
"101.8 R", "90s", "PO BID"), and each character of the rewritten text remembers the span of the
original it came from, so facts found in the rewrite are reported at the original's offsets.

A note written all in lower case is read in capitals: its abbreviations ("k", "neo", "lr",
"nc") are then the capitalised abbreviations the lexicons list, as in an all-caps note.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from app.domain.factcheck.spelling import MIN_LENGTH, correct

_HINTS: dict[re.Pattern[str], tuple[str, ...]] = {}
"""Rules that can only match where one of these words is in the lower-cased text: the cheap test
spares a regular-expression pass over texts that have none."""


def _when(*hints: str) -> Callable[["_Rule"], "_Rule"]:
    def register(rule: _Rule) -> _Rule:
        _HINTS[rule[0]] = hints
        return rule

    return register


def _mask_fio2(match: re.Match[str]) -> str:
    device = match.group("d").lower()
    mask = "face mask" if device.startswith("fm") or device.endswith("mask") else "face tent"
    return f"{match.group('n')}% {mask}"


_TEMPERATURE_NAMED = re.compile(
    r"\b(?:t|temps?|tm|tmax|t\s?max|febrile|afebrile)"
    r"(?:\W+(?:up\s+|down\s+|spiked?\s+)?(?:to|of|at|is|was))?\W*\Z",
    re.IGNORECASE,
)
"""A temperature's name just before its value ("T 101.8R", "TM 100.4R", "febrile 101.8R")."""


def _temperature_name(match: re.Match[str]) -> str:
    """ "temp " before a rectal temperature whose name the notes leave out ("spiked to 102.2r"),
    nothing where they write it."""
    before = match.string[max(0, match.start() - 24) : match.start()]
    return "" if _TEMPERATURE_NAMED.search(before) else "temp "


_NET_AFTER_BARE_FROM = 100
"""A balance written with no unit ("PRESENTLY 373 NEG") is read from this many millilitres up
(and given the unit, so no clock reads "1400 negative" as a time): a smaller bare number before
"negative" is a count or a score."""


_FOR_AFTER = re.compile(
    r"[ \t]+for\b(?![ \t]+(?:the[ \t]+)?(?:day|shift|night|today|24|los|stay)\b)", re.IGNORECASE
)
"""A number with no unit, then "negative for": a result ("2 sets negative for MRSA"), not a
span of time ("1200 negative for the day")."""


def _net_balance(match: re.Match[str]) -> str | None:
    """ "373 NEG", "2L negative", "negative approx 2L": a fluid balance, written the way the
    net balance's cue reads it ("net -373 NEG"). A sign in words is kept, a word the draft
    may use too ("300cc positive los", "positive bowel sounds")."""
    amount, unit, sign = match.group("amount"), match.group("unit"), match.group("sign")
    if unit is None and (
        float(amount.replace(",", "")) < _NET_AFTER_BARE_FROM
        or _FOR_AFTER.match(match.string, match.end())
    ):
        return None
    balance = f"net {'-' if sign.lower().startswith(('neg', '(-', '-')) else '+'}{amount}"
    balance += f" {unit or 'mL'}"
    if not sign[0].isalpha():
        return balance
    if match.start("sign") < match.start("amount"):
        return f"{sign} {balance}"
    return f"{balance} {sign}"


_BALANCE_OPENER = re.compile(
    r"(?:^|[.;:(]|\b(?:be|is|was|now|total|today))[ \t]*\Z", re.IGNORECASE | re.MULTILINE
)
"""What opens a clause a signed volume stands at the head of ("no real response. + 400cc",
"Goal is to be -100cc q hr"): then it is a balance, not a range's second end ("50 - 100cc")."""
_CONTEXT = 16
"""Characters before a match a rule looks back at: looked at only where the pattern, opening
with a character the engine skips to, has matched."""


def _text_before(match: re.Match[str], reach: int = _CONTEXT) -> str:
    """The text just before a match, where a rule that opens with a character the engine
    skips to reads its context."""
    return match.string[max(0, match.start() - reach) : match.start()]


def _signed_balance(match: re.Match[str]) -> str | None:
    """A signed volume at the head of its clause, as a balance (`_BALANCE_OPENER`)."""
    before = _text_before(match)
    return _net_balance(match) if _BALANCE_OPENER.search(before) else None


_NET_BEFORE = re.compile(r"\bnet\s*\Z", re.IGNORECASE)


_INTAKE_AND_OUTPUT_BEFORE = re.compile(
    r"\b(?:I\s*[/&+]\s*O'?s?|IO|ins?\s+and\s+outs?|(?:fluid\s+)?balance|LOS)\W{0,3}\Z",
    re.IGNORECASE,
)
"""Intake and output named just before a signed amount: then a number without its unit is a
balance too ("I/O (-) 1400 as of 7am")."""


def _net_balance_unless_named(match: re.Match[str]) -> str | None:
    """A balance its sign opens ("Neg. 1650cc", "I/O negative 1400"), unless "net" names it
    already; without a unit, only after intake and output."""
    before = _text_before(match)
    if _NET_BEFORE.search(before):
        return None
    if match.group("unit") is None and not _INTAKE_AND_OUTPUT_BEFORE.search(before):
        return None
    return _net_balance(match)


_RATE_CUE_BEFORE = re.compile(r"\b(?:rr|hr|rate|resp|sats?|temp)\s*\Z", re.IGNORECASE)


def _rate_before_rhythm(match: re.Match[str]) -> str | None:
    """The heart rate's cue before a rate its rhythm follows ("IN THE 50'S SB"), unless a
    measure's cue stands before it already ("rr in the 20s st")."""
    before = _text_before(match)
    return None if _RATE_CUE_BEFORE.search(before) else "HR "


_CHEST_TUBE_PLACE_BEFORE = re.compile(
    r"\b(?:med\.?|mediastinal|pleural|posterior|anterior|apical|basilar|[lr]|lt|rt|left|right"
    r"|bilateral|bilat|b/l)"
    r"\s+\Z",
    re.IGNORECASE,
)


def _chest_tube_by_place(match: re.Match[str]) -> str | None:
    """ "L MED. CT", "l pleural ct", "left posterior ct", "BILATERAL CT": a tube placed in the
    chest, named by its side or place ("chest ct", "head CT" are scans)."""
    before = _text_before(match)
    return "chest tube" if _CHEST_TUBE_PLACE_BEFORE.search(before) else None


_CENTRAL_LINE_SITE_BEFORE = re.compile(
    r"\b(?:[LR]\s?(?:SC|IJ|FEM)|RSC|LSC|RIJ|LIJ|(?:left|right)\s+(?:subclavian|IJ"
    r"|internal\s+jugular|femoral))\s+\Z",
    re.IGNORECASE,
)


def _central_line_by_site(match: re.Match[str]) -> str | None:
    """ "RSC CL", "R IJ CL": a central line named by its site ("CL" alone is chloride)."""
    before = _text_before(match, 2 * _CONTEXT)
    return "central line" if _CENTRAL_LINE_SITE_BEFORE.search(before) else None


_LINE_SITE_BEFORE = re.compile(r"\b(?:subclavian|IJ|jugular|femoral|fem|SC)\s+\Z", re.IGNORECASE)
_CATHETER_AFTER = re.compile(r"\s+(?:cath\w*|line|port)\b", re.IGNORECASE)


def _dialysis_line(match: re.Match[str]) -> str | None:
    """ "LSC DIALYSIS": the dialysis catheter at that site, its kind left unsaid."""
    before = _text_before(match)
    if not _LINE_SITE_BEFORE.search(before) or _CATHETER_AFTER.match(match.string, match.end()):
        return None
    return "dialysis catheter"


_OXYGEN_BEFORE_CN = re.compile(r"(?:\d[ \t]*%|\bon)[ \t]*\Z", re.IGNORECASE)


def _cool_neb_by_oxygen(match: re.Match[str]) -> str | None:
    """ "remains on 70% cn", "100% CN": a cool neb, given by the oxygen it delivers."""
    before = _text_before(match)
    return "cool neb" if _OXYGEN_BEFORE_CN.search(before) else None


_SL_SITES = frozenset({"wrist", "forearm", "fa", "hand", "arm", "ac", "antecubital"})
_PACING = frozenset({"ddd", "dddr", "vvi", "vvir", "aai", "aair", "ddi", "ddir", "vdd"})
_OXYGEN = frozenset({"o2", "02", "oxygen"})
_LINKS = frozenset({"via", "per", "by", "on"})
_WORD_BEFORE = re.compile(r"([A-Za-z0-9]+)[ \t]+\Z")
_WORD_AFTER = re.compile(r"[ \t]+([A-Za-z0-9]+)")
_GLUED_SIZE = re.compile(r"(?<![\w.])#?\d{1,2}\Z")
_LOOK_BACK = 24


def _word_before(text: str, position: int) -> str:
    found = _WORD_BEFORE.search(text, max(0, position - _LOOK_BACK), position)
    return found.group(1).lower() if found else ""


def _beside(match: re.Match[str], words: frozenset[str], meaning: str) -> str | None:
    """The meaning of an abbreviation where one of these words stands just before it."""
    return meaning if _word_before(match.string, match.start()) in words else None


def _cannula_beside_oxygen(match: re.Match[str]) -> str | None:
    text = match.string
    after = _WORD_AFTER.match(text, match.end())
    before = _word_before(text, match.start())
    if before in _LINKS:
        before = _word_before(text, match.start() - len(before) - 1)
    if (after is not None and after.group(1).lower() in _OXYGEN) or before in _OXYGEN:
        return "nasal cannula"
    return None


def _french_size(match: re.Match[str]) -> str | None:
    """French for an "f" glued to a size of one or two digits ("#30f", "6f")."""
    start = match.start("r")
    return " Fr" if _GLUED_SIZE.search(match.string, max(0, start - 4), start) else None


_Rule = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str | None]]
r"""A pattern and what replaces each match; a callable may return None to keep the match. Where
the pattern has a group named "r", only that group is replaced: "\d(?P<r>cc)" starts with a
digit, which lets the regular-expression engine skip quickly to where a match can start (a
leading look-behind would be tried at every character). For the same reason a word boundary
before a first letter is written after it, as a look-behind: "q(?<!\w.)" is "\bq", found as
fast as the letter itself. The engine skips ahead only to a first character or class it reads
off the pattern: never past a look-ahead, and, where case is ignored, never to a class holding
letters. So a rule that ignores case and starts with one of several letters, or with a letter
more than two characters match ("s" is also "\u017f", the long s; "k" the Kelvin sign
"\u212a"; "i" the dotted and dotless "\u0130" and "\u0131"), starts with all of them written
out in a class that heeds case, "(?-i:[LRlr])"; a choice of words then checks the letter it
began with by a look-behind: "(?-i:[AaVvGg])(?<!\w.)(?:(?<=[av])bg|(?<=g)as)" is
"\b(?:abg|vbg|gas)", found about twice as fast."""

AFEBRILE_WRITTEN_APART = re.compile(
    r"(?=a)\ba[ -]febrile\b(?!\s+(?:episode|illness|spike|reaction|neutropenia|seizure|event"
    r"|period|course|state)\b)",
    re.IGNORECASE,
)
""""Afebrile" written in two ("a febrile this am", "a-febrile"), not the article before a
febrile episode."""
_SIDES = {"R": "right", "L": "left"}
_LOWER_CASE_SIDED_PARTS = (
    "arm", "leg", "foot", "hand", "knee", "hip", "shoulder", "wrist", "ankle", "thigh", "calf",
    "heel", "toe", "groin", "flank", "eye", "pupil", "lung", "base", "back",
)  # fmt: skip
"""Limbs and parts a lower-case side letter is read before ("r leg", "l arm")."""


_GLUED_PARTS = {
    "IJ": "IJ",
    "SC": "subclavian",
    "SCL": "subclavian",
    "FEM": "femoral",
    "AC": "AC",
    "RA": "radial artery",
    "LA": "lower arm",
    "UA": "upper arm",
}
"""Body parts nurses glue to a side: "RIJ", "LSC", "RFEM", "LAC", "LRA" (left radial artery),
"LLA" (left lower arm), "RUA"."""
_GLUED_LOWER_PARTS = ("ij", "sc", "scl", "fem")
_GLUED_WORDS = ("wrist", "hand", "forearm", "arm", "leg", "foot", "groin", "ankle", "thigh")
"""Body parts written out with a capital side glued on: "Lwrist", "Rhand", "RLEG"."""
_LEVELLED_LIMBS = ("arm", "leg")
_LEVELS = {"L": "lower", "U": "upper"}
"""A limb with its side and level glued on: "RLarm" (right lower arm), "LUleg"."""

_DOTTED = {
    "p.o.": "PO",
    "p.r.": "PR",
    "i.v.": "IV",
    "i.m.": "IM",
    "s.c.": "SC",
    "s.q.": "SQ",
    "b.i.d.": "BID",
    "t.i.d.": "TID",
    "q.i.d.": "QID",
    "q.d.": "daily",
    "q.h.s.": "QHS",
    "h.s.": "QHS",
    "p.r.n.": "PRN",
    "q.o.d.": "QOD",
    "c.o.": "CO",
    "n.c.": "NC",
    "c.i.": "CI",
}
"""Dotted abbreviations: their stops would otherwise end the clause ("p.o." then "b.i.d.",
"C.O. 3.6/2.13", the cardiac output and index)."""


def _dotted_abbreviation() -> re.Pattern[str]:
    """Any dotted abbreviation, longest first, not inside a word. It opens with a class of
    every first letter, in both cases and with the characters they match where case is ignored
    (`_Rule`), which the engine skips to; each abbreviation then checks its own first letter
    behind it. Written as "(?<![A-Za-z.])(?:p\\.o\\.|…)", its leading look-behind was tried at
    every character, at twice the cost."""
    keys = sorted(_DOTTED, key=len, reverse=True)
    firsts = "".join(sorted({key[0] for key in keys}))
    choices = "|".join(f"(?<={re.escape(key[0])}){re.escape(key[1:])}" for key in keys)
    return re.compile(
        rf"(?-i:[{firsts}{firsts.upper()}\u0130\u0131\u017f])(?<![A-Za-z.].)(?:{choices})"
        r"(?:\s|(?=[,;)]|\Z))",
        re.IGNORECASE,
    )


def _span_of_hours(match: re.Match[str]) -> str:
    """Both ends of "4-6p" with their meridiem: the second's, or the other where the span
    crosses noon or midnight ("11-1p" is 11 AM to 1 PM)."""
    first, second = int(match["first"]) % 12, int(match["second"]) % 12
    meridiem = match["b"].upper()
    first_meridiem = meridiem if first <= second else {"A": "P", "P": "A"}[meridiem]
    return f"{match['first']} {first_meridiem}M-{match['second']} {meridiem}M"


_TIME_WORD_BEFORE = re.compile(
    r"(?:\b(?:by|at|around|until|till|til|since|from)|[@~])[ \t]*\Z", re.IGNORECASE
)


def _hour_with_meridiem_letter(match: re.Match[str]) -> str | None:
    """ "3A" after a word of time ("BY 3A-") is 3 AM; elsewhere ("to 3A") it may be a unit."""
    if not _TIME_WORD_BEFORE.search(_text_before(match)):
        return None
    return f"{match['hour']} {match['m'].upper()}M"


_AMPS_BEFORE = re.compile(r"\bamps?\.?[ \t]+(?:of[ \t]+)?\Z", re.IGNORECASE)
_GIVEN_AS_A_DRUG_AFTER = re.compile(
    r"[ \t]*(?:ivp|iv[ \t]*push|iv\b|gtt|drip|infusion)", re.IGNORECASE
)


def _bicarbonate_given(match: re.Match[str]) -> str | None:
    """ "HCO3" in ampoules, pushed or dripped is sodium bicarbonate given; elsewhere it is the
    bicarbonate a blood gas measures."""
    if _AMPS_BEFORE.search(_text_before(match)) or _GIVEN_AS_A_DRUG_AFTER.match(
        match.string, match.end()
    ):
        return "sodium bicarbonate"
    return None


def _both_bases(match: re.Match[str]) -> str | None:
    """ "bibasilar" in the case it is written, where it is misspelt or cut short."""
    written = match.group().rstrip(".")
    if written.lower() == "bibasilar":
        return None
    return "BIBASILAR" if written.isupper() else "bibasilar"


def _dotted(match: re.Match[str]) -> str:
    written = match.group()
    after = written[-1] if written[-1].isspace() else " "
    return _DOTTED[written.lower().rstrip()] + after


_RULES: tuple[_Rule, ...] = (
    # "7A-7P", "npn 7p-7a": a shift's span in hours with a bare meridiem letter.
    _when("a-", "p-")(
        (
            re.compile(
                r"(?<![\w/])(?P<first>1[0-2]|[1-9])\s*(?P<a>[AaPp])\s*-\s*(?P<second>1[0-2]|[1-9])"
                r"\s*(?P<b>[AaPp])(?![\w/])"
            ),
            lambda match: (
                f"{match['first']} {match['a'].upper()}M-{match['second']} {match['b'].upper()}M"
            ),
        )
    ),
    # "4-6p decreased to 10cc/hr", "11-1p": a span of hours, the meridiem letter written once.
    _when("-")(
        (
            re.compile(
                r"(?P<first>[1-9](?<![\w/:.\-][1-9])(?:(?<=1)[0-2])?)[ \t]*-[ \t]*"
                r"(?P<second>1[0-2]|[1-9])(?P<b>[AaPp])(?![\w/'’\-]|\.[ \t]*[Mm])"
            ),
            _span_of_hours,
        )
    ),
    # "BY 3A- BP 60'S", "at 11p": one hour with a bare meridiem letter after a word of time.
    _when("by", "at", "@", "around", "until", "til", "since", "from", "~")(
        (
            re.compile(
                r"(?P<hour>[1-9](?<![\w/.][1-9])(?:(?<=1)[0-2])?)(?P<m>[AaPp])"
                r"(?![\w/'’]|\.[ \t]*[Mm])"
            ),
            _hour_with_meridiem_letter,
        )
    ),
    # "p.o.", "b.i.d.": the stops are not sentence ends.
    _when(*_DOTTED)((_dotted_abbreviation(), _dotted)),
    # "95-130/60-70", "100-120/40's", "130-170'S/60'S", "110's-150's/50-80's": a systolic range
    # over a diastolic range or decade is read as its lowest and highest pressures
    # ("95/60-130/70"), so the diastolic's upper end is never taken for a systolic of its own.
    (
        re.compile(
            r"(\d(?<![\d/]\d)\d{1,2})(?:'?[sS])?\s*-\s*(\d{2,3})(?:'?[sS])?\s*/\s*(\d{2,3})(?:'?[sS])?"
            r"(?:\s*-\s*(\d{2,3})(?:'?[sS])?)?(?![\d/])"
        ),
        lambda match: (
            f"{match.group(1)}/{match.group(3)}-{match.group(2)}/{match.group(4) or match.group(3)}"
        ),
    ),
    # "lopressor added & ^ to 25mg tid", "^'d to 50cc/hr": a caret before "to" is "increased".
    _when("^")((re.compile(r"\^(?:'?d)?\s*(?=to\b)", re.IGNORECASE), "increased ")),
    # "pa# remain systolic >50", "PA #'s 40/20": the PA numbers, its pressures.
    _when("pa#", "pa #")(
        (re.compile(r"(?=[Pp])\bpa\s?#(?:'?s)?(?!\d)", re.IGNORECASE), "PA numbers")
    ),
    # "@ 2000", "NS@125": "at".
    (re.compile(r"@"), " at "),
    # "CHANGED TO LEVOPHED .500CC FLUID BOLLUS": a stop typed against the next sentence's
    # volume, not a leading decimal point (no volume is written ".500cc").
    _when(" .")(
        (re.compile(r"(?<=[A-Za-z] )(?P<r>\.)(?=[1-9]\d\d\s?(?:cc|ml)\b)", re.IGNORECASE), ". ")
    ),
    # ".25mg": a decimal written without its leading zero; not a stop before a decimal
    # (" .7.30/39/144/20": no number has two points).
    (re.compile(r"\.(?<![\w.]\.)(?=\d)(?!\d+\.\d)"), "0."),
    # Doses with units glued on or misspelt: "12.5mcq", "125MCGS", "2.5mcg/k/min".
    _when("mcq", "mcgs")((re.compile(r"\d(?P<r>\s*(?:mcq|mcgs)\b)", re.IGNORECASE), " mcg")),
    _when("mcq", "mcgs")((re.compile(r"\s(?P<r>(?:mcq|mcgs)\b)", re.IGNORECASE), "mcg")),
    _when("/k/min")((re.compile(r"/k/min\b", re.IGNORECASE), "/kg/min")),
    _when("mic")((re.compile(r"\d(?P<r>\s*mics?\b)", re.IGNORECASE), " mcg")),
    # "CaGluconate", "ca gluconate": calcium gluconate; "CA CLORIDE": calcium chloride.
    _when("gluconate")(
        (re.compile(r"(?=c)\bca\s*gluconate\b", re.IGNORECASE), "calcium gluconate")
    ),
    _when("chloride", "cloride")(
        (re.compile(r"(?=c)\bca\s*c(?:h)?loride\b", re.IGNORECASE), "calcium chloride")
    ),
    # "1100U/HR", "6u IVB", "800 u/hr": units of insulin or heparin (not U/L, an enzyme unit).
    (re.compile(r"\d(?P<r>\s*u)(?=/h|/min|\b)(?!/l\b)", re.IGNORECASE), " units"),
    # "30CC/HR", "500cc", "100CC'S/HR", "150c/hr": cubic centimetres are millilitres.
    (re.compile(r"\d(?P<r>\s*cc(?:'?s)?\b)", re.IGNORECASE), " mL"),
    _when("c/h")((re.compile(r"\d(?P<r>c)(?=/h)", re.IGNORECASE), " mL")),
    # ".50ft", ".40 FM", "50% ft": the oxygen fraction a face tent or face mask delivers.
    _when("ft", "fm", "face")(
        (
            re.compile(r"\.(?P<n>\d{2})\s*(?P<d>ft|fm|face\s+tent|face\s+mask)\b", re.IGNORECASE),
            _mask_fio2,
        )
    ),
    _when("ft")((re.compile(r"%\s*(?P<r>ft)\b", re.IGNORECASE), "face tent")),
    # "H and H are 10.8 and 38.7", "H/H 9.1/27": hemoglobin and hematocrit.
    _when("h and h", "h&h", "h/h", "h & h", "h / h")(
        (
            re.compile(
                r"(?=H)\bH\s*(?:and|&|/)\s*H\b(?:\s+(?:are|is|was|were|of))?\s*(?P<hgb>\d{1,2}(?:\.\d)?)"
                r"\s*(?:and|/|,)\s*(?P<hct>\d{2}(?:\.\d)?)\b"
            ),
            lambda match: f"hemoglobin {match.group('hgb')} and hematocrit {match.group('hct')}",
        )
    ),
    # "PT 15.1", "PT: 13.2": the prothrombin time, read as the lab its value is; "pt 67 yo"
    # and "PT IS A 69 YR OLD" are the patient (no decimal follows). The literal opening lets
    # the regular-expression engine skip to each "PT"; the look-behind then checks it is a word.
    (re.compile(r"PT(?<![A-Za-z0-9]PT)(?=[ \t]*[:=]?[ \t]*\d{1,3}\.\d)"), "prothrombin time"),
    # "abg 7.43-42-109": a blood gas written with dashes, read as the slash list it is.
    _when("abg", "vbg", "gas")(
        (
            re.compile(
                r"(?-i:[AaVvGg])(?<!\w.)(?:(?<=[av])bg|(?<=g)as)'?s?\b[^\d\n]{0,12}[67]\.\d{2}"
                r"(?:-\d{2,3}(?:\.\d)?){2,3}\b",
                re.IGNORECASE,
            ),
            lambda match: match.group().replace("-", "/"),
        )
    ),
    # "Ct draining ~40cc/hr", "CTs to sxn": a chest tube, not a CT scan.
    _when("ct")(
        (
            re.compile(
                r"(?P<r>(?-i:[Cc])(?<!\w.)T)(?='?s?\s+(?:drain\w*|to\s+(?:sxn|suction|water\s*seal|ws)|output|o/p|"
                r"with\s+(?:min|mod|sm|lg|large|small|scant|ss|s/s|sero\w*|bloody|no\s+air)\w*|leak|dry"
                r"|d/c'?d|pulled|removed|clott\w*|patent"
                r"|remains?\b|in\s+place|on\s+(?:the\s+)?(?:[lr]|lt|rt|left|right)\b))",
                re.IGNORECASE,
            ),
            "chest tube",
        )
    ),
    # "L MED. CT", "med. cts to sxn": mediastinal chest tubes.
    _when("med")(
        (
            re.compile(r"\b(?P<r>med\.?)(?=\s+(?:ct|chest\s+tube)'?s?\b)", re.IGNORECASE),
            "mediastinal",
        )
    ),
    # "L MED. CT", "l pleural ct", "left posterior ct": a tube placed in the chest, named by its
    # side or place ("chest ct" is a scan).
    _when("ct")(
        (
            re.compile(r"(?P<r>(?-i:[Cc])(?<!\w.)T)(?='?s?\b)", re.IGNORECASE),
            _chest_tube_by_place,
        )
    ),
    # "PICC to L a/c": the antecubital after its side (a bare "a/c" is a ventilator mode).
    _when("a/c")(
        (
            re.compile(r"\b(?:[lr]|lt|rt|left|right)\.?\s+(?P<r>a/c)\b", re.IGNORECASE),
            "antecubital",
        )
    ),
    # "? d/c ct in am", "CT pulled": a chest tube taken out, not a scan.
    _when("ct")(
        (
            re.compile(
                r"\b(?:d/c|dc|d/c'?d|dc'?d|discontinue|remove|removed|pull|pulled)\s+(?:the\s+)?"
                r"(?P<r>(?-i:[Cc])T)s?\b",
                re.IGNORECASE,
            ),
            "chest tube",
        )
    ),
    # "a liter NS", "an amp of D50", "a unit of PRBC": one.
    _when("liter", "litre", "amp", "unit")(
        (
            re.compile(
                r"(?P<r>(?-i:[Aa])(?<!\w.)n?)(?=\s+(?:liter|litre|amp|units?\s+of)\b)",
                re.IGNORECASE,
            ),
            "1",
        )
    ),
    # "P04", "sa02", "PC02's", "FI02": a zero written for the letter O. Every match holds a
    # letter before the zero ("p04", "sa02"), rarer than "04" and "02" alone, which times hold.
    _when("p04", "p02", "s04", "s02", "a04", "a02", "c02", "i02")(
        (
            re.compile(
                r"(?=[PSF])\b(?P<p>P|Sa|Sp|S|PC|PaC|Fi)0(?P<n>4|2)(?='?s?\b)", re.IGNORECASE
            ),
            lambda m: f"{m.group('p')}O{m.group('n')}",
        )
    ),
    # "l rad. aline", "R rad a-line": the radial artery.
    _when("rad")(
        (
            re.compile(
                r"(?P<r>(?-i:[Rr])(?<!\w.)ad\.?)(?=\s*(?:a-?\s?line|art(?:erial)?\s+line)\b)",
                re.IGNORECASE,
            ),
            "radial",
        )
    ),
    # "R SC TLC", "l sc aicd": a side, then the subclavian written apart, then its line or
    # the device put in under it.
    _when(" sc ")(
        (
            re.compile(
                r"(?=[RL])\b[RL]\.?\s+(?P<r>SC)(?=\s+(?:TLC|CVL|CVC|line|cordis|introducer|quinton|quentin|"
                r"catheter|cath|triple|aicd|icd|pacer|pacemaker|port)\b)",
                re.IGNORECASE,
            ),
            "subclavian",
        )
    ),
    # "40 cchr", "20cc hr", "30 cc/h": millilitres an hour with the slash left out.
    _when("cc")((re.compile(r"\d(?P<r>\s*cc\s?hr?)\b", re.IGNORECASE), " mL/hr")),
    _when("gm")((re.compile(r"\d(?P<r>\s*gms?\b)", re.IGNORECASE), " g")),
    _when("meq")((re.compile(r"\d(?P<r>\s*meq\b)", re.IGNORECASE), " mEq")),
    # "MAG OXIDE 240 MG. PO.": the stop of an abbreviated unit, not the end of the order.
    _when("mg.", "mcg.", "meq.", "g.")(
        (
            re.compile(
                r"\d\s*(?:mg|mcg|g|meq)(?P<r>\.)(?=\s*(?:po|p\.o|iv|ivp|sq|sc|sl|pr|im|ng)\b"
                r"(?!\s+(?:fluids?|access|sites?|lines?)\b))",
                re.IGNORECASE,
            ),
            "",
        )
    ),
    # "3lnc", "2L NP", "4LN/C", "5LNP", "5L/NC": litres of oxygen by nasal cannula.
    (
        re.compile(
            r"\d(?P<r>\s*l\s*(?:->|/)?\s*(?:nc|np|n/c|n/p|nasal\s+prongs?)\b)", re.IGNORECASE
        ),
        " L nasal cannula",
    ),
    _when("np", "n/p")(
        (re.compile(r"n(?<!\w.)/?p\b(?=\s|[.,;]|\Z)", re.IGNORECASE), "nasal cannula")
    ),
    # "nsr, rate ~100", "afib with rates 90-120", "V paced rate 84": the rate of a rhythm
    # named just before it is the heart rate.
    _when("rate")(
        (
            re.compile(
                r"\b(?:nsr|sr|st|sb|afib|a-fib|a\s+fib|af|aflutter|flutter|sinus|paced|pacing"
                r"|junctional|rhythm)\b[^.;\n\d]{0,15}?\b(?P<r>rates?)\b"
                r"(?=\s*(?:of|at|about|approx\.?|between|in\s+the)?\s*~?\s*\d)",
                re.IGNORECASE,
            ),
            "HR",
        )
    ),
    # "101.8R", "99.7PO", "T 102.3(PO)": a temperature with its site glued on.
    (re.compile(r"\d(?P<r>)(?=(?:R|PO|\(PO\)|\(R\))(?![A-Za-z]))", re.IGNORECASE), " "),
    # "spiked to 102.2r", "down to 99.8R": a temperature taken rectally needs no name; the
    # name is written before it where the notes leave it out.
    _when(*(f"{digit}{space}r" for digit in "0123456789" for space in ("", " ")))(
        (
            re.compile(
                r"(?<![\d.])(?P<r>)(?=(?:9[5-9]|10[0-7])\.\d\s?R(?![A-Za-z]))", re.IGNORECASE
            ),
            _temperature_name,
        )
    ),
    # "K+ 3.7", "CA+ 7.7", "MG+2": an ion's charge sign is not part of its name.
    _when("+")(
        (
            re.compile(
                r"((?-i:[KkNnCcMm\u212a])(?<!\w.)(?:(?<=k)|(?<=[nc])a|(?<=m)g|(?<=c)l))\+(?=\s*-?\s*\d)",
                re.IGNORECASE,
            ),
            r"\1 ",
        )
    ),
    # "K-3.4", "HCT=31", "BUN/CREAT-40/3.1": a label glued to its value by a dash or equals.
    # A decade's dash is a range ("60s-80") and is kept.
    (re.compile(r"(?P<r>[-=])(?<=[A-Za-z][-=])(?<!0s-)(?<!0S-)(?<!0's-)(?<!0'S-)(?=\d)"), " "),
    # "84SR", "5PEEP", "60KCL", "2amps": a value with the next word glued on (but "q2h", "2nd").
    (
        re.compile(
            r"\d(?<![Qq]\d)(?<![Qq]\d\d)(?P<r>)(?=[A-Za-z]{2,})(?!(?:st|nd|rd|th)\b)", re.IGNORECASE
        ),
        " ",
    ),
    # "0930->CABG", "0000-CAPTO": an arrow or dash between a value and a word separates them.
    (re.compile(r"\d(?P<r>->|-(?=[A-Za-z]))"), " -> "),
    # "R. FEMORAL", "L. groin": a side abbreviated with a stop; "RIJ", "LSC": a side glued on.
    _when("r.", "l.")(
        (
            re.compile(r"([LRlr])(?<!\w.)(?<!\d .)\.\s"),
            lambda match: _SIDES[match.group(1).upper()] + " ",
        )
    ),
    _when(*(side + part.lower() for side in "rl" for part in _GLUED_PARTS))(
        (
            re.compile(rf"([RL])(?<!\w.)({'|'.join(_GLUED_PARTS)})\b"),
            lambda match: f"{_SIDES[match.group(1)]} {_GLUED_PARTS[match.group(2)]}",
        )
    ),
    # "Swan in Lsc", "Rij TLC": the same, the part in lower case (only parts no word begins
    # with a capital side and spells: "Lac" is a laceration).
    _when(*(side + part for side in "rl" for part in _GLUED_LOWER_PARTS))(
        (
            re.compile(rf"([RL])(?<!\w.)({'|'.join(_GLUED_LOWER_PARTS)})\b"),
            lambda match: f"{_SIDES[match.group(1)]} {_GLUED_PARTS[match.group(2).upper()]}",
        )
    ),
    _when(*(side + word for side in "rl" for word in _GLUED_WORDS))(
        (
            re.compile(rf"([RL])(?<!\w.)(?=(?i:{'|'.join(_GLUED_WORDS)})\b)"),
            lambda match: f"{_SIDES[match.group(1)]} ",
        )
    ),
    # "RLarm", "LUleg": a side and a level glued to a limb.
    _when(*(side + level + limb for side in "rl" for level in "lu" for limb in _LEVELLED_LIMBS))(
        (
            re.compile(rf"([RL])(?<!\w.)([LU])(?=(?:{'|'.join(_LEVELLED_LIMBS)})\b)"),
            lambda match: f"{_SIDES[match.group(1)]} {_LEVELS[match.group(2)]} ",
        )
    ),
    # "R & L FOOT", "r+l arm": both sides.
    _when("&", "+", "and")(
        (
            re.compile(
                r"(?-i:[LRlr])(?<!\w.)\s*(?:&|\+|and)\s*[RL]\b(?=\s+[A-Za-z])", re.IGNORECASE
            ),
            "bilateral",
        )
    ),
    # "r leg moves easily, l arm 3+ edema": a side's letter in lower case before a limb, in a
    # note written in both cases (a note in lower case is read in capitals, where "R" is).
    _when(*(f"{side} {part}" for side in "rl" for part in _LOWER_CASE_SIDED_PARTS))(
        (
            re.compile(
                rf"(?-i:[rl])(?<!\w.)(?=[ \t]+(?:{'|'.join(_LOWER_CASE_SIDED_PARTS)})\b)",
            ),
            lambda match: _SIDES[match.group().upper()],
        )
    ),
    # "LT BASE", "rt arm", "rt. fa": a side abbreviated (its stop taken where no sentence
    # starts after it: "from RT. Chest physiotherapy" is respiratory therapy).
    _when("lt", "rt")(
        (
            re.compile(
                r"((?-i:[LRlr])(?<!\w.)t)\b(?:\.(?=[ \t]+(?-i:[a-z])))?(?=\.?\s+[A-Za-z])",
                re.IGNORECASE,
            ),
            lambda match: _SIDES[match.group(1)[0].upper()],
        )
    ),
    # "a febrile this am", "a-febrile": afebrile; not the article of "a febrile episode".
    _when("a febrile", "a-febrile")((AFEBRILE_WRITTEN_APART, "afebrile")),
    _when("bilat", "b/l")((re.compile(r"b(?<!\w.)(?:ilat|/l)\b", re.IGNORECASE), "bilateral")),
    # "2 AMPS HCO3", "HCO3 GTT", "GIVEN HC03 IVP": bicarbonate given is the drug; a level
    # ("HCO3 24") stays the lab.
    _when("hco3", "hc03")(
        (re.compile(r"(?-i:[Hh])(?<!\w.)c[o0]3\b", re.IGNORECASE), _bicarbonate_given),
    ),
    # "bibasilary crackles", "WHEEZE BIBIASILAR", "bi-basilar", "LS BIBAS.": both bases,
    # misspelt or cut short; "LS BBR": bibasilar rales.
    _when("bibas", "bibias", "bi-bas")(
        (
            re.compile(r"b(?<!\w.)i-?bi?as(?:il[ae]ry?\b|\b\.?)", re.IGNORECASE),
            _both_bases,
        )
    ),
    _when("bbr")((re.compile(r"(?<![\w/])BBR(?![\w/])"), "bibasilar rales")),
    _when("fem")((re.compile(r"f(?<!\w.)em\b", re.IGNORECASE), "femoral")),
    # "0600: pt c/o SOB": a time opening a line.
    (
        re.compile(r"^([ \t]*)((?:[01]\d|2[0-3])[0-5]\d)[ \t]*:(?!\d)", re.MULTILINE),
        r"\1at \2,",
    ),
    # "70's", "90'S": a decade.
    _when("0'")((re.compile(r"\d0(?P<r>')(?=[sS]\b)"), "")),
    # "R WRIST SL", "L FA SL": a saline lock where a body part stands before it (after a drug,
    # "SL" is sublingual).
    _when("sl")(
        (
            re.compile(r"(?-i:[Ss\u017f])(?<!\w.)l\b", re.IGNORECASE),
            lambda m: _beside(m, _SL_SITES, "saline lock"),
        )
    ),
    # "DDD PMR", "VVI pmr": a pacemaker named after its pacing mode.
    _when("pmr")(
        (re.compile(r"p(?<!\w.)mr\b", re.IGNORECASE), lambda m: _beside(m, _PACING, "pacemaker"))
    ),
    # "nc 02 dec from 4->2", "O2 via nc": a lower-case "nc" beside oxygen is a nasal cannula.
    _when("nc")((re.compile(r"n(?<!\w.)c\b", re.IGNORECASE), _cannula_beside_oxygen)),
    # "HR has been 1 teens to 120s", "decreased one teens to 130s": the 110s.
    _when("teens")(
        (re.compile(r"(?<![\w.])(?:1|one)[ \t]*-?[ \t]*teens\b", re.IGNORECASE), "110s")
    ),
    # "PRESENTLY 373 NEG", "2 L negative today": a fluid balance.
    _when("neg", "pos")(
        (
            re.compile(
                r"(?P<amount>\d(?<![\w./+\-]\d)[\d,]*(?:\.\d+)?)[ \t]*(?P<unit>cc|ml|l|liters?)?"
                r"[ \t]+(?P<sign>neg(?:ative)?|pos(?:itive)?)\b",
                re.IGNORECASE,
            ),
            _net_balance,
        )
    ),
    # "negative approx 2L today", "Neg. 1650cc at MN", "(+) 4L LOS": a fluid balance, its
    # sign first.
    _when("neg", "pos", "(+)", "(-)")(
        (
            re.compile(
                r"(?P<sign>(?-i:[NnPp(])(?<!\w.)(?:(?<=[Nn])eg(?:ative)?\.?|(?<=[Pp])os(?:itive)?\.?"
                r"|(?<=\()[+-]\)))[ \t]*(?:approx\.?|approximately|about|~|>|<)?[ \t]*"
                r"(?P<amount>\d[\d,]*(?:\.\d+)?)(?:[ \t]*(?P<unit>cc|ml|l|liters?)\b|(?![\d.,]))",
                re.IGNORECASE,
            ),
            _net_balance_unless_named,
        )
    ),
    # "no real response. + 400cc", "Goal is to be -100cc q hr": a signed volume opening its
    # clause (not a range's second end, "50 - 100cc", nor a rate, "-40cc/hr") is a balance.
    _when("+", "-")(
        (
            re.compile(
                r"(?P<sign>[+-])[ \t]*(?P<amount>\d[\d,]*(?:\.\d+)?)[ \t]*(?P<unit>cc|ml|l)\b"
                r"(?!\s*/)",
                re.IGNORECASE,
            ),
            _signed_balance,
        )
    ),
    # "UNDERLYING IN THE 50'S SB", "in the 80s NSR": a rate written before its rhythm.
    _when("sr", "st", "sb", "nsb", "afib", "a-fib", "sinus")(
        (
            re.compile(
                r"(?-i:[UuIi])(?<!\w.)(?:(?<=[Uu])nderlying|(?<=[Ii])n\s+the)\s+(?P<r>)"
                r"(?=(?:low\s+|mid\s+|high\s+|upper\s+)?\d{2,3}(?:'?s)?(?:\s*-\s*\d{2,3}(?:'?s)?)?"
                r"\s+(?:NSR|SR|ST|SB|NSB|afib|a-fib|sinus)\b)",
                re.IGNORECASE,
            ),
            _rate_before_rhythm,
        )
    ),
    # "VT's 4-600", "TV 5-700": tidal volumes in hundreds, the first written without its zeros.
    _when("vt", "tv")(
        (
            re.compile(
                r"\b(?:VT|TV)'?s?\s+(?P<r>[1-9])(?=\s*-\s*[1-9]00(?:'?s)?\b)",
                re.IGNORECASE,
            ),
            lambda match: f"{match.group('r')}00",
        )
    ),
    # "cont q6 lasix", "q4 nebs": an interval in hours with its hours left unsaid.
    _when("q")(
        (
            re.compile(
                r"(?-i:[Qq])(?<!\w.)(?:[1-9]|1[0-2]|24)(?P<r>)(?=[ \t]+[A-Za-z])"
                r"(?![ \t]+(?:h|hr|hrs|hours?|min|mins|minutes?|d|days?|wk|weeks?)\b)",
            ),
            "h",
        )
    ),
    # "LSC DIALYSIS (TO BE REMOVED)": a dialysis catheter named by its site.
    _when("dialysis")(
        (re.compile(r"(?P<r>(?-i:[Dd])(?<!\w.)ialysis)\b", re.IGNORECASE), _dialysis_line)
    ),
    # "remains on 70% cn", "placed on CN via face tent": a cool neb (an aerosol), given by the
    # oxygen it delivers or the mask it comes through.
    _when("cn")((re.compile(r"(?P<r>(?-i:[Cc])(?<!\w.)n)\b", re.IGNORECASE), _cool_neb_by_oxygen)),
    _when("cn")((re.compile(r"\b(?P<r>cn)(?=[ \t]+(?:via|per|by)\b)", re.IGNORECASE), "cool neb")),
    # "will try to have cl placed", "will need either picc or cl": a central line placed or
    # weighed against a PICC.
    _when("cl")(
        (
            re.compile(
                r"(?P<r>C(?<!\w.)L|c(?<!\w.)l)(?=\s+(?:placed|placement|inserted|insertion|site"
                r"|dsg|dressing)\b)",
                re.IGNORECASE,
            ),
            "central line",
        )
    ),
    _when("cl")(
        (
            re.compile(r"(?-i:[Pp])(?<!\w.)icc\s+or\s+(?P<r>(?-i:CL|cl))\b", re.IGNORECASE),
            "central line",
        )
    ),
    # "RSC CL", "R IJ CL": a central line named by its site ("CL" alone is chloride).
    _when("cl")(
        (
            re.compile(r"(?P<r>C(?<!\w.)L|c(?<!\w.)l)\b"),
            _central_line_by_site,
        )
    ),
    # "Potassium replaced with 40 mEq IV", "K+ 40 meq po": potassium given, not measured.
    _when("meq")(
        (
            re.compile(
                r"(?=[KkPp])\b(?P<r>potassium|(?-i:K)\+?)(?=\s+(?:(?:replaced|repleted|replete|given|with"
                r"|w/?|of|was|is)\s+){0,3}\d+\s*meq\b)",
                re.IGNORECASE,
            ),
            "KCl",
        )
    ),
    # "K+ 3.4 replaced with 80meq po": the potassium the level prompted, its name unsaid.
    _when("meq")(
        (
            re.compile(
                r"(?=[KkPp])\b(?:k\+?|potassium)(?![\w+])(?:[^.;\n]|\.(?=\d)){0,40}?\b(?:repleted|replaced|replete"
                r"|repleting|replacing|re?c[ie]+ving|received|getting|given)\s+(?:w/?\s*|with\s+)?"
                r"\d+\s*(?P<r>meq)\b"
                r"(?!\s*(?:of\s+)?(?:kcl|k\b|k\+|potassium|k-dur|klor|mag|ca|bicarb|sodium))",
                re.IGNORECASE,
            ),
            "meq KCl",
        )
    ),
    # "peep5", "PS10", "TV400": a ventilator setting with its value glued on.
    _when(*(setting + digit for setting in ("peep", "ps", "tv") for digit in "0123456789"))(
        (
            re.compile(r"(?=[PpTt])\b(?P<r>peep|psv?|tv)(?=\d+(?:\.\d+)?\b)", re.IGNORECASE),
            lambda match: match.group("r") + " ",
        )
    ),
    # "JPx2", "a&ox3": a count glued to the thing it counts.
    _when(*(f"x{digit}" for digit in "0123456789"))(
        (re.compile(r"(?=[xX]\d)(?<=[A-Za-z&]{2})(?P<r>)"), " ")
    ),
    # "R rad al", "L rad a-line": the radial arterial line.
    _when("rad al", "rad a")(
        (re.compile(r"\b(?P<r>rad\.?\s+a-?l(?:ine)?)\b", re.IGNORECASE), "radial aline")
    ),
    # "c-pap", "bi-pap": the masks' names written with a hyphen.
    _when("c-pap", "bi-pap")(
        (
            re.compile(r"\b(?P<r>(?:c|bi)-pap)\b", re.IGNORECASE),
            lambda match: match["r"].replace("-", ""),
        )
    ),
    # "mid 90s on 2ls": litres in the plural after "on" (elsewhere "LS" is lung sounds).
    _when(*(f"{digit}{space}ls" for digit in "0123456789" for space in ("", " ")))(
        (re.compile(r"\bon\s+\d+(?:\.\d+)?\s?(?P<r>ls)\b", re.IGNORECASE), "L")
    ),
    # "w/sat to 88%", "w/bp 90s": "with" glued to the word after it.
    _when("w/")((re.compile(r"(?-i:[Ww])(?<![A-Za-z].)/(?P<r>)(?=[A-Za-z])(?![Oo]\b)"), " ")),
    # "USING IS TO 500CC", "with IS x 1250": the incentive spirometer, not the verb.
    _when(
        "is to",
        "is x",
        "is well",
        "is poorly",
        "is q",
        "is hourly",
        *(f"is {digit}" for digit in "123456789"),
    )(
        (
            re.compile(
                r"(?=[UuWwVv])\b(?:using|uses|use|used|with|via)\s+(?P<r>is)"
                r"(?=\s+(?:(?:to\s+|x\s*)?\d|well\b|poorly\b|q\s?\d|hourly\b))",
                re.IGNORECASE,
            ),
            "incentive spirometer",
        )
    ),
    # "3/10 L BACK PAIN": a side after a score out of ten, not litres.
    _when("/10")(
        (
            re.compile(r"\d/10\s+(?P<r>[LR])(?=\s+[A-Za-z]{2,})", re.IGNORECASE),
            lambda match: _SIDES[match.group("r").upper()],
        )
    ),
    # "#30f/30cc foley", "6f arterial sheath": a French size with its unit glued on, before the
    # device it sizes (so "65f" alone, a patient's age and sex, is left alone).
    (
        re.compile(
            r"\d(?P<r>f)(?=(?:\s*/\s*\d+\s*(?:cc|ml))?\s+(?:\w+\s+)?"
            r"(?:foley|catheter|cath|sheath|introducer|cordis|tube|drain|ngt|ogt|ett|pigtail|swan|"
            r"picc)\b)",
            re.IGNORECASE,
        ),
        _french_size,
    ),
    # "1/2NS", "D5 1/2NS": half normal saline.
    _when("1/2")((re.compile(r"1(?<!\w.)/2\s*NS\b", re.IGNORECASE), "half normal saline")),
    # "D5 1/2", "D5 1/2 at 75": dextrose in half normal saline, the saline left unsaid.
    _when("d5")(
        (re.compile(r"D(?<!\w.)5\s*1/2\b(?!\s*NS)", re.IGNORECASE), "D5 half normal saline")
    ),
    # "L pleural eff", "pleural effus": a pleural effusion.
    _when("eff")(
        (re.compile(r"p(?<!\w.)leural\s+eff(?:us)?\b\.?", re.IGNORECASE), "pleural effusion")
    ),
    # "6u reg IV insulin": the route written inside the insulin's name, put after it.
    _when("reg")(
        (
            re.compile(r"\breg\s+(iv|sq|sc|subq)\s+insulin\b", re.IGNORECASE),
            r"reg insulin \1",
        )
    ),
    # "6u reg", "10U REG IN AM", "12uR": units of regular insulin, the insulin left unsaid.
    _when(
        "reg",
        "units r",
        *(
            f"{digit}{space}u{gap}r"
            for digit in "0123456789"
            for space in ("", " ")
            for gap in ("", " ")
        ),
    )(
        (
            re.compile(
                r"\d(?P<r>\s*u(?:nits?)?\s*(?:reg\b(?!\.?\s*ins)|(?-i:R)\b))", re.IGNORECASE
            ),
            " units regular insulin",
        )
    ),
    # "FSBS per SSRI", "BS COVERED C SSRI": nurses' sliding-scale regular insulin (no note of
    # the corpus writes it for an antidepressant).
    _when("ssri")((re.compile(r"\bSSRI\b", re.IGNORECASE), "sliding scale regular insulin")),
    # "+bs, -bm", "-flatus": a minus sign before a finding denies it, as "no" would.
    _when("-bm", "- bm", "-flatus", "-stool", "-bs")(
        (
            re.compile(
                r"(?:(?<=[\s,;:(])(?<!\d\s)|^)(?P<r>-\s?)(?=(?:bm|flatus|stool|bs)\b)",
                re.IGNORECASE,
            ),
            "no ",
        )
    ),
    # "DIURESING 1-200CC QH", "2-300cc/hr": hundreds written once, after the range's end.
    _when("00cc", "00 cc", "00ml", "00 ml")(
        (
            re.compile(r"(?<![\d.,/])(?P<r>[1-9])(?=-(?P<h>[1-9])00\s?(?:cc|ml)\b)", re.IGNORECASE),
            lambda match: match["r"] + ("00" if match["r"] < match["h"] else ""),
        )
    ),
    # "IVB": an IV bolus, given as a push.
    _when("ivb")((re.compile(r"(?-i:[Ii\u0130\u0131])(?<!\w.)VB\b", re.IGNORECASE), "IV push")),
    # "RR30", "HR150": a short capitalised cue glued to its value.
    (re.compile(r"([A-Z](?<!\w.)[A-Z]{1,3})(?=[1-9]\d{1,2}(?:'?[sS])?\b)"), r"\1 "),
    # Midnight and noon as nurses write them.
    _when("midn", "mn", "am", "2400", "0000")(
        (
            re.compile(
                r"(?-i:[Mm120])(?<!\w.)(?:(?<=m)idn(?:ite|oc)|(?<=1)2\s*(?:mn|am)|(?<=2)400|(?<=0)000)\b",
                re.IGNORECASE,
            ),
            "midnight",
        )
    ),
    _when("mn")(
        (
            re.compile(r"(?=[abusf])\b(at|after|by|until|since|before|from)\s+MN\b", re.IGNORECASE),
            r"\1 midnight",
        )
    ),
    _when("noon", "pm", "12p")(
        (re.compile(r"1(?<!\w.)2\s*(?:noon|pm|p)\b", re.IGNORECASE), "noon")
    ),
    # "q2 hrs", "q 4 hr", "Q1-2HR": a frequency in hours.
    _when("hr", "hour")(
        (re.compile(r"q(?<!\w.)\s*(\d+)\s*(?:hrs?|hours?)\b", re.IGNORECASE), r"q\1h")
    ),
)

_CAPITALS = bytes(range(ord("A"), ord("Z") + 1))
_SMALL_LETTERS = _CAPITALS.lower()
"""The ASCII letters as bytes. Deleting them from a text's UTF-8 bytes, where no other
character has a byte below 128, counts them in one pass in C: a regular expression built a
list of every letter, twenty times as slow."""


def _spelt_right(match: re.Match[str]) -> str | None:
    return correct(match.group())


_MISSPELT_DRUG = (re.compile(rf"[A-Za-z]{{{MIN_LENGTH},}}"), _spelt_right)
"""Run last: a drug name one letter off ("percocett") is read as the name (`spelling.py`)."""


def _misspells_a_drug(text: str) -> bool:
    """Whether a long word of the text is a misspelt drug name. Most notes hold none: looking
    their words up in one pass spares a match object and two calls per word."""
    return any(map(correct, _MISSPELT_DRUG[0].findall(text)))


_IN_PLACE_EDITS = 8
"""Up to this many replacements a rule's offsets are changed in place, each moving the offsets
after it; past it they are copied once, piece by piece."""

_LOWER_CASE_SHARE = 0.03
"""A note with fewer capital letters than this share of its letters is written in lower case."""


@dataclass(frozen=True, slots=True)
class Rewritten:
    """A rewritten text; character i came from original[starts[i]:ends[i]]."""

    text: str
    starts: list[int]
    ends: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span that the rewritten span [start, end) came from."""
        if end <= start:
            return self.starts[start], self.starts[start]
        return self.starts[start], self.ends[end - 1]


def _apply(
    text: str, starts: list[int], ends: list[int], rule: _Rule
) -> tuple[str, list[int], list[int]]:
    """The text with the rule's matches replaced, and where each of its characters came from.
    `starts` and `ends` are the rewrite's own, changed in place where the rule changes only a
    few places (`_IN_PLACE_EDITS`): copying every offset of a long note for one replacement
    cost more than finding it, and most rules change a note in a place or two."""
    pattern, replacement = rule
    pieces: list[str] = []
    edits: list[tuple[int, int, int, int, int]] = []  # begin, finish, length, origin start, end
    kept = 0
    group = "r" if "r" in pattern.groupindex else 0
    for match in pattern.finditer(text):
        written = replacement(match) if callable(replacement) else match.expand(replacement)
        if written is None:
            continue
        begin, finish = match.span(group)
        origin_start = starts[begin] if begin < len(starts) else (ends[-1] if ends else 0)
        origin_end = ends[finish - 1] if finish > begin else origin_start
        pieces.append(text[kept:begin])
        pieces.append(written)
        edits.append((begin, finish, len(written), origin_start, origin_end))
        kept = finish
    if not pieces:
        return text, starts, ends
    pieces.append(text[kept:])
    if len(edits) <= _IN_PLACE_EDITS:
        for begin, finish, length, origin_start, origin_end in reversed(edits):
            starts[begin:finish] = [origin_start] * length
            ends[begin:finish] = [origin_end] * length
        return "".join(pieces), starts, ends
    new_starts: list[int] = []
    new_ends: list[int] = []
    kept = 0
    for begin, finish, length, origin_start, origin_end in edits:
        new_starts.extend(starts[kept:begin])
        new_ends.extend(ends[kept:begin])
        new_starts.extend([origin_start] * length)
        new_ends.extend([origin_end] * length)
        kept = finish
    new_starts.extend(starts[kept:])
    new_ends.extend(ends[kept:])
    return "".join(pieces), new_starts, new_ends


def _written_in_lower_case(text: str) -> bool:
    encoded = text.encode("utf-8", "surrogatepass")
    capitals = len(encoded) - len(encoded.translate(None, _CAPITALS))
    letters = capitals + len(encoded) - len(encoded.translate(None, _SMALL_LETTERS))
    return letters > 0 and capitals < letters * _LOWER_CASE_SHARE


def rewrite(text: str) -> Rewritten:
    """The text with shorthand spelt out, and where each character of it came from."""
    starts = list(range(len(text)))
    ends = list(range(1, len(text) + 1))
    current = text
    if _written_in_lower_case(text) and len(text.upper()) == len(text):
        current = text.upper()
    lowered: str | None = None
    for rule in _RULES:
        hints = _HINTS.get(rule[0])
        if hints is not None:
            if lowered is None:
                lowered = current.lower()
            if not any(map(lowered.__contains__, hints)):
                continue
        rewritten = _apply(current, starts, ends, rule)
        if rewritten[0] is not current:
            current, starts, ends = rewritten
            lowered = None
    if _misspells_a_drug(current):
        current, starts, ends = _apply(current, starts, ends, _MISSPELT_DRUG)
    return Rewritten(current, starts, ends)
