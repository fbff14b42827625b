"""Plain text from a Word (.docx) file: paragraphs and table rows in document order."""

import io
import zipfile
from collections.abc import Iterable, Iterator

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from app.domain.errors import InputRejected

MAX_UNPACKED_BYTES = 50 * 1024 * 1024
"""A 2 MB .docx that unpacks past this is a zip bomb, not shift notes."""

_CELL_SEPARATOR = " | "


def docx_to_text(data: bytes) -> str:
    """One line per paragraph, one line per table row with its cells separated by ' | '."""
    _check_archive(data)
    try:
        document = docx.Document(io.BytesIO(data))
        return "\n".join(_lines(document.iter_inner_content()))
    except Exception:  # python-docx raises a dozen exception types for damaged files
        raise InputRejected("The Word file is damaged and cannot be read.") from None


def _check_archive(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise InputRejected("The file is not a Word (.docx) document.") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputRejected("The Word file unpacks to far more than shift notes could fill.")


def _lines(blocks: Iterable[Paragraph | Table]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block.text
        else:
            yield from _table_lines(block)


def _table_lines(table: Table) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            # A merged cell is returned once per grid column it spans; keep it once.
            if cell._tc is previous:  # python-docx offers no public cell identity
                continue
            previous = cell._tc
            cells.append(" ".join(line for line in _lines(cell.iter_inner_content()) if line))
        yield _CELL_SEPARATOR.join(cells)
