"""Plain text from an RTF file, as WordPad and most EHR exports write it."""

from striprtf.striprtf import rtf_to_text as _strip_rtf

from app.domain.errors import InputRejected

_RTF_MAGIC = b"{\\rtf"


def rtf_to_text(data: bytes) -> str:
    """The document's text; InputRejected if the bytes are not an RTF document."""
    if not data.lstrip().startswith(_RTF_MAGIC):
        raise InputRejected("The file is not an RTF document. Save it again as .rtf or .txt.")
    # RTF is 7-bit by definition; 8-bit bytes only appear in sloppy writers, and Latin-1 maps
    # each to one character so nothing fails here and validate_source judges the result.
    source = data.decode("latin-1")
    try:
        text: str = _strip_rtf(source, errors="replace")  # type: ignore[no-untyped-call]
    except (ValueError, LookupError, IndexError, OverflowError):
        raise InputRejected("The RTF file is damaged and cannot be read.") from None
    return text
