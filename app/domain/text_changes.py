"""What one version of a note changed from another, word by word, for a nurse to read.

A unified diff marks whole lines with + and -: a one-word correction in a long paragraph shows
as the paragraph twice. Comparing words (and the spaces between them, so the pieces join back
into the text) shows only the words added or removed, in place, in the newer version's order.
"""

import difflib
import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

_PIECES = re.compile(r"\s+|\S+")
"""Words and the runs of whitespace between them: the pieces always join back into the text."""


class ChangeKind(StrEnum):
    SAME = "same"
    ADDED = "added"
    REMOVED = "removed"


class Change(BaseModel):
    """A run of text kept, added or removed between two versions."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: ChangeKind
    text: str


def word_changes(old: str, new: str) -> tuple[Change, ...]:
    """The runs that turn `old` into `new`: kept and added runs join into `new`, kept and
    removed runs into `old`; a replacement lists what was removed before what replaced it."""
    before, after = _PIECES.findall(old), _PIECES.findall(new)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    changes: list[Change] = []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            _append(changes, ChangeKind.SAME, "".join(after[new_start:new_end]))
            continue
        _append(changes, ChangeKind.REMOVED, "".join(before[old_start:old_end]))
        _append(changes, ChangeKind.ADDED, "".join(after[new_start:new_end]))
    return tuple(changes)


def _append(changes: list[Change], kind: ChangeKind, text: str) -> None:
    if not text:
        return
    if changes and changes[-1].kind is kind:
        changes[-1] = Change(kind=kind, text=changes[-1].text + text)
        return
    changes.append(Change(kind=kind, text=text))
