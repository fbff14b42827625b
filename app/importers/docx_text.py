"""Plain text from a Word (.docx) file: paragraphs and table rows in document order."""

import io
from collections.abc import Iterable, Iterator

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from app.domain.errors import InputRejected
from app.importers.docx_limits import Deadline, check_docx_archive

_CELL_SEPARATOR = " | "


def docx_to_text(data: bytes, deadline: Deadline | None = None) -> str:
    """One line per paragraph, one line per table row with its cells separated by ' | '.

    The archive is checked against the bounds in `docx_limits` before python-docx sees it, and
    the walk over its content keeps to the same deadline (by default `MAX_SECONDS` from now).
    """
    deadline = deadline or Deadline()
    check_docx_archive(data, deadline)
    try:
        document = docx.Document(io.BytesIO(data))
        return "\n".join(_lines(document.iter_inner_content(), deadline))
    except InputRejected:
        raise
    except Exception:  # python-docx raises a dozen exception types for damaged files
        raise InputRejected("The Word file is damaged and cannot be read.") from None


def _lines(blocks: Iterable[Paragraph | Table], deadline: Deadline) -> Iterator[str]:
    for block in blocks:
        deadline.check()
        if isinstance(block, Paragraph):
            yield block.text
        else:
            yield from _table_lines(block, deadline)


def _table_lines(table: Table, deadline: Deadline) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            deadline.check()
            # A merged cell is returned once per grid column it spans; keep it once.
            if cell._tc is previous:  # python-docx offers no public cell identity
                continue
            previous = cell._tc
            lines = _lines(cell.iter_inner_content(), deadline)
            cells.append(" ".join(line for line in lines if line))
        yield _CELL_SEPARATOR.join(cells)
