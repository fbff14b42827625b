"""The file name a save dialog proposes for an exported note.

A file name is seen by everyone who browses the folder, the file server's logs and the backup
index: by default it names no patient. It carries the note kind, the day and the start of the
draft's id, enough to find the note again in WardScribe; a workstation whose policy asks for
it (`export_names_carry_mrn`) adds the MRN, never the patient's name.
"""

import re
from datetime import datetime

from app.domain.notes import NoteKind

_UNSAFE = re.compile(r"[^A-Za-z0-9-]+")
_ID_CHARS = 8


def export_file_name(
    kind: NoteKind, day: datetime, draft_id: str, suffix: str, *, mrn: str | None = None
) -> str:
    """`suffix` with its dot (".pdf"); `mrn` only where the policy allows it in names."""
    parts = [kind.value, day.astimezone().strftime("%Y-%m-%d"), _safe(draft_id)[:_ID_CHARS]]
    if mrn:
        parts.append(_safe(mrn))
    return "_".join(part for part in parts if part) + suffix


def _safe(text: str) -> str:
    return _UNSAFE.sub("-", text).strip("-")
