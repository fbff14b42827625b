"""Where a note's section headings stand in its text, in the forms small models write them.

One definition serves the prompt's missing-section report, the exports' section split and the
checks that block signing, so none of them disagrees with another about what a section is.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass


def heading_pattern(heading: str) -> re.Pattern[str]:
    """A line opening with `heading` as `Situation:`, `**Situation**`, `## Situation`,
    `1. Situation:`, in any letter case."""
    return re.compile(
        r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\d+[.)][ \t]*)?(?:[*_]{1,2})?[ \t]*"
        + re.escape(heading)
        + r"[ \t]*(?:[*_]{1,2})?[ \t]*(?::|$)",
        re.IGNORECASE | re.MULTILINE,
    )


@dataclass(frozen=True, slots=True)
class SectionSpan:
    """One section of a text: its heading line at `heading_start` and its body
    text[body_start:body_end] (up to the next heading found)."""

    heading: str
    heading_start: int
    body_start: int
    body_end: int


def section_spans(text: str, headings: Sequence[str]) -> list[SectionSpan]:
    """The first occurrence of each of `headings` in `text`, in text order."""
    found = sorted(
        (match.start(), match.end(), heading)
        for heading in headings
        if (match := heading_pattern(heading).search(text)) is not None
    )
    return [
        SectionSpan(
            heading=heading,
            heading_start=start,
            body_start=end,
            body_end=found[index + 1][0] if index + 1 < len(found) else len(text),
        )
        for index, (start, end, heading) in enumerate(found)
    ]
