"""Open a notes file by its type, within a size limit, and hand back validated text.

The one reader of notes files: the desk's Import, `wardscribe draft` and `summarize`, `check`
and `deidentify` all open files here, so a file one accepts the others accept too. Every refusal
names the file as the caller gave it but never quotes it: a half-read file is still PHI.
"""

import os
from collections.abc import Callable
from pathlib import Path

from app.domain.errors import InputRejected
from app.domain.source_input import decode_source_bytes, validate_source
from app.importers.docx_text import docx_to_text
from app.importers.rtf_text import rtf_to_text

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Shift notes for one patient are kilobytes; a file this large is the wrong file."""

_READERS: dict[str, Callable[[bytes], str]] = {
    ".txt": decode_source_bytes,
    ".rtf": rtf_to_text,
    ".docx": docx_to_text,
}

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_READERS)
"""What an open-file dialog should offer."""


def read_notes_file(path: Path) -> str:
    """The notes in `path`, validated as drafting input; InputRejected says what to do instead."""
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise InputRejected(
            f"{path}: this type of file cannot be imported. Use a .txt, .rtf or .docx file."
        )
    data = _read_limited(path)
    try:
        return validate_source(reader(data))
    except InputRejected as error:
        raise InputRejected(f"{path}: {error}") from None


def _read_limited(path: Path) -> bytes:
    """Read at most one byte past the limit, so a huge file is refused without loading it."""
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        reason = os.strerror(error.errno).lower() if error.errno else type(error).__name__
        raise InputRejected(f"{path}: the file cannot be read: {reason}") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputRejected(
            f"{path}: the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB. "
            "Import one patient's notes at a time."
        )
    return data
