"""Shifting a date by a fixed number of days, written back the way it was written.

A quality review needs intervals ("extubated two days after the cath"), which removing dates
loses. Every date of one copy moves by the same offset, so intervals survive while the calendar
dates do not. A date without a year is read in a leap year, so "2/29" shifts too.
"""

import re
from datetime import date, timedelta

_YEARLESS = 2000
_NUMERIC = re.compile(r"(?P<m>\d{1,2})(?P<sep>[/-])(?P<d>\d{1,2})(?:[/-](?P<y>\d{4}|\d{2}))?$")
_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})$")
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_NAMED = re.compile(
    r"(?P<month>[A-Za-z]+)\.?[ \t]+(?P<d>\d{1,2})(?P<suffix>st|nd|rd|th)?"
    r"(?P<tail>,?[ \t]+(?P<y>\d{4}))?$",
    re.IGNORECASE,
)


def shift_date(text: str, days: int) -> str | None:
    """The date moved by `days`, in the same format; None when it cannot be read as a date."""
    try:
        return _shift(text.strip(), days)
    except ValueError:
        return None


def _shift(text: str, days: int) -> str | None:
    iso = _ISO.match(text)
    if iso:
        moved = date(int(iso["y"]), int(iso["m"]), int(iso["d"])) + timedelta(days=days)
        return moved.isoformat()
    numeric = _NUMERIC.match(text)
    if numeric:
        year_text = numeric["y"]
        year = _full_year(year_text) if year_text else _YEARLESS
        moved = date(year, int(numeric["m"]), int(numeric["d"])) + timedelta(days=days)
        sep = numeric["sep"]
        padded = any(part.startswith("0") for part in (numeric["m"], numeric["d"]))
        shifted = f"{_pad(moved.month, padded)}{sep}{_pad(moved.day, padded)}"
        if year_text:
            shifted += f"{sep}{str(moved.year)[-len(year_text) :]}"
        return shifted
    named = _NAMED.match(text)
    if named:
        month = _month_number(named["month"])
        if month is None:
            return None
        year = int(named["y"]) if named["y"] else _YEARLESS
        moved = date(year, month, int(named["d"])) + timedelta(days=days)
        name = _MONTHS[moved.month - 1]
        written = named["month"]
        name = name[: len(written)] if len(written) < len(name) else name
        name = (
            name.upper()
            if written.isupper()
            else name.capitalize()
            if written[0].isupper()
            else name
        )
        shifted = f"{name} {moved.day}{named['suffix'] or ''}"
        if named["y"]:
            shifted += f", {moved.year}"
        return shifted
    return None


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 4:
        return year
    return 2000 + year if year < 50 else 1900 + year


def _pad(value: int, padded: bool) -> str:
    """Two digits where the date was written with a leading zero ("03/10"), so "03/10" does not
    become "02/9"."""
    return f"{value:02d}" if padded else str(value)


def _month_number(word: str) -> int | None:
    lowered = word.lower()
    for number, name in enumerate(_MONTHS, start=1):
        if len(lowered) >= 3 and name.startswith(lowered):
            return number
    return None
