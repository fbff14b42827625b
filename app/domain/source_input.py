"""Decide whether pasted or imported text can be drafted from, before any model call.

Rejections name the problem and the limit but never quote the text: the text is PHI.
"""

import unicodedata

from app.domain.errors import InputRejected

MAX_SOURCE_CHARS = 400_000
"""About 100,000 tokens: beyond this a paste is almost certainly not one patient's shift notes."""

_MAX_CONTROL_FRACTION = 0.01
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
"""Embeddings, overrides and isolates: invisible, they make text display in another order than
the model and the fact checker read it (``Heparin 5\u202e000 01\u202c`` shows a different
dose). Removed, so what the nurse sees is what is drafted from. The direction marks (LRM, RLM,
ALM), which right-to-left text needs and which cannot reorder letters, stay."""


def validate_source(text: str) -> str:
    """Return the notes ready for drafting, or raise InputRejected with a message for the nurse."""
    if "\x00" in text or "\ufffd" in text:
        raise InputRejected(
            "The notes contain binary data (not plain text). Paste the text itself, or import a "
            ".txt, .rtf or .docx file."
        )
    stripped = text.strip()
    if not stripped:
        raise InputRejected("The notes are empty. Paste or import the shift notes first.")
    if len(text) > MAX_SOURCE_CHARS:
        raise InputRejected(
            f"The notes are too long ({len(text):,} characters; the limit is "
            f"{MAX_SOURCE_CHARS:,}). Split them by day or by patient and draft each part."
        )
    controls = sum(
        1 for char in text if unicodedata.category(char) == "Cc" and char not in "\n\r\t\f"
    )
    if controls > _MAX_CONTROL_FRACTION * len(text):
        raise InputRejected(
            "The notes contain binary data (not plain text). Paste the text itself, or import a "
            ".txt, .rtf or .docx file."
        )
    return normalise_source(text)


def normalise_source(text: str) -> str:
    """The notes as they are stored and drafted from: `\n` line ends, no bidi controls.

    Also what tells the desk whether notes on screen are the notes a draft was made from.
    """
    return text.replace("\r\n", "\n").translate(_BIDI_CONTROLS)


def decode_source_bytes(data: bytes) -> str:
    """Decode an imported plain-text file, refusing anything that is not UTF-8 text."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputRejected(
            "The file is not UTF-8 text. Save it as plain text (UTF-8) and import it again."
        ) from None
    return validate_source(text)
