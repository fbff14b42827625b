"""Bounds on the work a .docx may cause before python-docx is allowed to parse it.

A .docx is a zip of XML parts, and python-docx unpacks every part into memory and builds an lxml
tree of each XML part before a single paragraph is read. A 45 KB file of seven million empty
paragraphs therefore cost 96 s and 1.7 GB before the empty text was refused. Everything here
runs first, streaming, in constant memory: the archive's declared sizes and entry count, then
each part through expat with a budget of elements and nesting shared by the whole file, all
under one deadline that the text extraction keeps checking afterwards.

The budgets are far above what shift notes need (the drafting input itself stops at 400,000
characters) and far below what hurts the workstation.
"""

import io
import time
import zipfile
from xml.parsers import expat

from app.domain.errors import InputRejected

MAX_UNPACKED_BYTES = 25 * 1024 * 1024
"""A .docx of at most 2 MB whose parts declare more than this is a zip bomb, not shift notes."""

MAX_ENTRIES = 1000
"""A notes document has a dozen parts, a few dozen with images."""

MAX_ELEMENTS = 500_000
"""XML elements across all parts. 320,000 characters with every word its own formatted run
(an unusually fragmented document) is 361,000 elements, read in 1.6 s; a million empty
paragraphs took python-docx 21 s to walk."""

MAX_DEPTH = 100
"""Element nesting: Word's own documents, nested tables and drawings included, stay under 40."""

MAX_GRID_COLUMNS = 63
"""Word's own limit on table columns; python-docx repeats a cell once per column it spans."""

MAX_SECONDS = 10.0
"""Wall time for checking and reading one file; the fragmented note above takes 1.6 s."""

_CHUNK = 64 * 1024

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_GRID_SPAN = f"{_W} gridSpan"
_VAL = f"{_W} val"


class Deadline:
    """The moment by which the import of one file must be done.

    Shared by the archive check and the text extraction, so a file that is cheap to check
    but slow to walk (a table cell spanning two billion grid columns) is stopped all the same.
    """

    def __init__(self, seconds: float = MAX_SECONDS) -> None:
        self._end = time.monotonic() + seconds

    def check(self) -> None:
        """Refuse the file once its time is spent."""
        if time.monotonic() > self._end:
            raise InputRejected(
                "The Word file takes too long to read; it is not an ordinary document. "
                "Save it again from Word, or save the notes as .txt."
            )


class _Budget:
    """Elements seen and current depth across every part of one archive."""

    def __init__(self) -> None:
        self.elements = 0
        self.depth = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        self.elements += 1
        self.depth += 1
        if self.elements > MAX_ELEMENTS:
            raise InputRejected(
                f"The Word file holds more than {MAX_ELEMENTS:,} XML elements, far more than "
                "shift notes could fill. Import one patient's notes at a time."
            )
        if self.depth > MAX_DEPTH:
            raise InputRejected(
                f"The Word file nests its content more than {MAX_DEPTH} levels deep; "
                "it is not an ordinary document."
            )
        if name == _GRID_SPAN and _int_or_zero(attributes.get(_VAL, "")) > MAX_GRID_COLUMNS:
            raise InputRejected(
                f"A table cell in the Word file spans more than {MAX_GRID_COLUMNS} columns, "
                "which Word itself cannot make."
            )

    def end(self, _name: str) -> None:
        self.depth -= 1


def check_docx_archive(data: bytes, deadline: Deadline) -> None:
    """Refuse an archive whose unpacking or parsing would cost more than shift notes can.

    Raises InputRejected naming the bound that was passed; returns when python-docx may parse
    the file. Damage that expat finds is left to python-docx, which reports it as damaged.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            _check_sizes(entries)
            budget = _Budget()
            for entry in entries:
                _scan_entry(archive, entry, budget, deadline)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError):
        raise InputRejected("The file is not a Word (.docx) document.") from None


def _check_sizes(entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > MAX_ENTRIES:
        raise InputRejected(
            f"The Word file holds more than {MAX_ENTRIES:,} parts; it is not an ordinary document."
        )
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise InputRejected("The Word file unpacks to far more than shift notes could fill.")


def _scan_entry(
    archive: zipfile.ZipFile, entry: zipfile.ZipInfo, budget: _Budget, deadline: Deadline
) -> None:
    """Stream one part through expat; zipfile stops at the declared size, so it bounds the read."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = budget.start
    parser.EndElementHandler = budget.end
    parser.StartDoctypeDeclHandler = _refuse_doctype
    depth_before = budget.depth
    try:
        with archive.open(entry) as stream:
            while chunk := stream.read(_CHUNK):
                deadline.check()
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError:
        pass  # not XML (an image) or damaged XML: python-docx decides which
    finally:
        budget.depth = depth_before


def _int_or_zero(value: str) -> int:
    """A span python-docx cannot read as a number is damage python-docx reports itself."""
    try:
        return int(value)
    except ValueError:
        return 0


def _refuse_doctype(*_declaration: object) -> None:
    """Office Open XML parts never carry a DTD; one that does is an entity attack."""
    raise InputRejected("The Word file declares a DTD, which Word documents never do.")
