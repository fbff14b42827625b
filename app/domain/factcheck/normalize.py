"""How medication orders are written: routes, frequencies, as-needed and dose counts.

Each spelling maps to one canonical value, so "PO" and "by mouth", "BID", "q12h" and "twice
daily", "SQ", "SC" and "subcut" compare equal. Scheduled frequencies are reduced to doses per
day (q6h and QID both read "4/day"); bedtime, morning and hourly intervals stay distinct.
"""

import re

from app.domain.factcheck.numbers import NUMBER, parse_numeral

_ROUTE_SPELLINGS: dict[str, tuple[str, ...]] = {
    "oral": (r"P\.?O\.?", r"by mouth", r"orally", r"oral", r"per os"),
    "iv": (
        r"IV\s*push",
        r"IVP",
        r"IVPB",
        r"IV\s*piggyback",
        r"intravenous(?:ly)?",
        r"IV",
    ),
    "subcut": (
        r"subcutaneous(?:ly)?",
        r"subcut",
        r"subcu",
        r"sub-?q",
        r"sub\s+q",
        r"SQ",
        r"(?-i:SC)",
    ),
    "im": (r"intramuscular(?:ly)?", r"(?-i:IM)"),
    "sl": (r"sublingual(?:ly)?", r"(?-i:SL)"),
    "rectal": (r"rectal(?:ly)?", r"per rectum", r"(?-i:PR)"),
    "topical": (r"topical(?:ly)?",),
    "transdermal": (r"transdermal(?:ly)?",),
    "inhaled": (r"inhaled", r"inhalation", r"nebuli[sz]ed", r"nebuli[sz]er", r"nebs?", r"HHN"),
    "enteral": (
        r"(?:per|via|through)\s+(?:the\s+)?"
        r"(?:NG|NGT|OG|OGT|PEG|G|GT|J|feeding|Dobhoff)(?:[- ]tube)?",
        r"per\s+tube",
        r"(?-i:P(?:NG|OG|G|J)T)",
        r"enteral(?:ly)?",
    ),
    "intranasal": (r"intranasal(?:ly)?",),
}

ROUTE = re.compile(
    r"(?<![A-Za-z0-9])(?:"
    + "|".join(f"(?P<{name}>{'|'.join(spellings)})" for name, spellings in _ROUTE_SPELLINGS.items())
    + r")(?![A-Za-z0-9])",
    re.IGNORECASE,
)
"""A route of administration; the matching group's name is the canonical route."""

_FIXED_FREQUENCIES: dict[str, tuple[str, ...]] = {
    "1/day": (
        r"once[\s-]+(?:a[\s-]+)?daily",
        r"once[\s-]+a[\s-]+day",
        r"one[\s-]+a[\s-]+day",
        r"(?:a|per)[\s-]+day",
        r"daily",
        r"every[\s-]+day",
        r"q\.?\s?d\.?",
        r"qday",
        r"each[\s-]+day",
    ),
    "2/day": (
        r"b\.?i\.?d\.?",
        r"twice[\s-]+(?:a[\s-]+)?daily",
        r"twice[\s-]+a[\s-]+day",
        r"(?:two|2)[\s-]+times[\s-]+(?:a[\s-]+|per[\s-]+)?day",
        r"(?:two|2)[\s-]+times[\s-]+daily",
    ),
    "3/day": (
        r"t\.?i\.?d\.?",
        r"(?:three|3)[\s-]+times[\s-]+(?:a[\s-]+|per[\s-]+)?day",
        r"(?:three|3)[\s-]+times[\s-]+daily",
    ),
    "4/day": (
        r"q\.?i\.?d\.?",
        r"(?:four|4)[\s-]+times[\s-]+(?:a[\s-]+|per[\s-]+)?day",
        r"(?:four|4)[\s-]+times[\s-]+daily",
    ),
    "bedtime": (
        r"q\.?\s?h\.?s\.?",
        r"(?-i:HS)",
        r"at[\s-]+bedtime",
        r"nightly",
        r"every[\s-]+night",
    ),
    "morning": (r"q\.?\s?am", r"every[\s-]+morning"),
    "weekly": (r"weekly", r"once[\s-]+(?:a[\s-]+)?week", r"every[\s-]+week"),
    "every other day": (r"every[\s-]+other[\s-]+day", r"q\.?o\.?d\.?", r"q48h"),
    "continuous": (r"continuous(?:ly)?",),
    "hourly": (r"hourly", r"q\s?1\s?h(?:r|rs|our)?", r"every[\s-]+hour"),
}
"""Each frequency with its spellings; words may be joined by spaces or by hyphens, as a draft
joins them before the drug ("twice-daily Lasix")."""

_INTERVAL = (
    rf"q\s?(?P<q_low>\d+)(?:\s?-\s?(?P<q_high>\d+))?\s?(?:h|hr|hrs|hours?)"
    rf"|every\s+(?P<every_low>{NUMBER})(?:\s*(?:-|to)\s*(?P<every_high>{NUMBER}))?\s+hours?"
)

FREQUENCY = re.compile(
    r"(?<![A-Za-z0-9])(?:"
    + "|".join(
        f"(?P<f{index}>{'|'.join(spellings)})"
        for index, spellings in enumerate(_FIXED_FREQUENCIES.values())
    )
    + rf"|{_INTERVAL})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
"""A dosing frequency; read it with frequency_of()."""

_FIXED_NAMES = {f"f{index}": name for index, name in enumerate(_FIXED_FREQUENCIES)}
_DOSES_PER_DAY_BY_INTERVAL = {24: "1/day", 12: "2/day", 8: "3/day", 6: "4/day", 1: "hourly"}

AS_NEEDED = re.compile(
    r"(?<![A-Za-z])(?:PRN|p\.r\.n\.?|as[- ]needed|when needed|if needed)(?![A-Za-z])",
    re.IGNORECASE,
)

DOSE_COUNT = re.compile(
    rf"(?<![A-Za-z0-9])(?:[x×]\s?(?P<times>\d+)(?!\s*(?:h|hr|hrs|hours?|d|days?|wk|weeks?|min|mins|more)\b)"
    rf"|(?:for\s+)?(?P<count>{NUMBER})\s+(?:doses|runs)"
    rf"|(?P<once>once|one\s+time|single\s+dose|one\s+dose|STAT))(?![A-Za-z0-9])",
    re.IGNORECASE,
)
"""How many doses an order gives: "x1", "once", "x2 doses", "for two doses", "x4 runs"."""

DURATION = re.compile(
    rf"(?<![A-Za-z0-9])(?:[x×]|for|over)\s?{NUMBER}\s*(?:h|hr|hrs|hours?|d|days?|wk|weeks?|min|mins|minutes)"
    rf"(?:\s+total)?(?![A-Za-z0-9])",
    re.IGNORECASE,
)
"""How long an order runs ("x 24h", "for 7 days", "over 4 hrs"): read past, not compared."""


def route_of(match: re.Match[str]) -> str:
    """The canonical route for a ROUTE match."""
    return match.lastgroup or ""


def frequency_of(match: re.Match[str]) -> str:
    """The canonical frequency for a FREQUENCY match."""
    if match.lastgroup in _FIXED_NAMES:
        return _FIXED_NAMES[match.lastgroup]
    low = match.group("q_low") or match.group("every_low")
    high = match.group("q_high") or match.group("every_high")
    low_hours = int(parse_numeral(low).value)
    if high:
        return f"q{low_hours}-{int(parse_numeral(high).value)}h"
    return _DOSES_PER_DAY_BY_INTERVAL.get(low_hours, f"q{low_hours}h")


def dose_count_of(match: re.Match[str]) -> int:
    """The number of doses for a DOSE_COUNT match."""
    if match.group("once"):
        return 1
    written = match.group("times") or match.group("count")
    return int(parse_numeral(written).value)
