"""A condition said to have lasted since birth or childhood.

"Experiencing anxiety and coughing episodes since their birth": a small model fills in a
lifelong history no ICU note gives. Notes that say it ("congenital", "since childhood", "as a
child", "lifelong") back it; no other span does, as none reaches back to birth.
"""

import re

from app.domain.factcheck.claims.notes import SourceNotes, holds_any

_LIFELONG = re.compile(
    r"\b(?:since|from)\s+(?:(?:his|her|their|the\s+patient's)\s+)?(?:birth|childhood|infancy)\b"
    r"|\bsince\s+(?:he|she|they)\s+(?:was|were)\s+(?:born|a\s+child|young|little|a\s+baby)\b"
    r"|\b(?:all|throughout)\s+(?:of\s+)?(?:his|her|their)\s+(?:life|lives)\b"
    r"|\blife-?long\b",
    re.IGNORECASE,
)
_IN_THE_NOTES = re.compile(
    r"\b(?:congenital\w*|birth|childhood|child|infancy|infant|life-?long|since\s+young)\b",
    re.IGNORECASE,
)
"""What notes write of a condition present from birth or childhood."""

_CUES = ("birth", "child", "infan", "born", "young", "little", "baby", "life")


def invented_lifelong_history(sentence: str, notes: SourceNotes) -> str | None:
    """A span since birth or childhood the notes never speak of."""
    if not holds_any(sentence, _CUES):
        return None
    match = _LIFELONG.search(sentence)
    if match is None or _IN_THE_NOTES.search(notes.written) is not None:
        return None
    return f"Not found in the notes: the notes never say “{match.group()}”."
