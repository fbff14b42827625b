"""Crafted Word files that cost a reader time or memory are refused quickly, with bounded memory.

Before these bounds a 45 KB .docx of seven million empty paragraphs kept the desk's importer
busy for 96 s and 1.7 GB before its empty text was refused.
"""

import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest

from app.domain.errors import InputRejected
from app.importers.docx_limits import (
    MAX_DEPTH,
    MAX_ELEMENTS,
    MAX_ENTRIES,
    MAX_GRID_COLUMNS,
    MAX_SECONDS,
    Deadline,
)
from app.importers.docx_text import docx_to_text
from app.importers.notes_file import read_notes_file

_BODY = b"<w:body>"

_EMPTY_PARAGRAPHS = b"<w:p/>" * 4_000_000
"""24 MB of XML, just under the unpacked-size bound; with the other parts it deflates to 70 KB."""


def _docx_with_body(tmp_path: Path, body: bytes, name: str = "crafted.docx") -> Path:
    """A real python-docx document whose body XML is replaced by `body`."""
    blank = io.BytesIO()
    docx.Document().save(blank)
    source = zipfile.ZipFile(io.BytesIO(blank.getvalue()))
    crafted = io.BytesIO()
    with zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == "word/document.xml":
                head, _, tail = data.partition(_BODY)
                data = head + _BODY + body + tail[tail.index(b"<w:sectPr") :]
            archive.writestr(entry.filename, data)
    path = tmp_path / name
    path.write_bytes(crafted.getvalue())
    return path


def _refused_quickly(path: Path) -> str:
    started = time.monotonic()
    with pytest.raises(InputRejected) as raised:
        read_notes_file(path)
    assert time.monotonic() - started < MAX_SECONDS + 1
    return str(raised.value)


def test_four_million_empty_paragraphs_in_70_kb_are_refused_within_seconds(
    tmp_path: Path,
) -> None:
    path = _docx_with_body(tmp_path, _EMPTY_PARAGRAPHS)
    assert path.stat().st_size < 75_000
    started = time.monotonic()
    with pytest.raises(InputRejected) as raised:
        read_notes_file(path)
    assert time.monotonic() - started < 3.0  # 0.8 s here; unbounded, such a file took 96 s
    assert f"more than {MAX_ELEMENTS:,} XML elements" in str(raised.value)


_PEAK_MEMORY_OF_IMPORT = """
import resource, sys
from pathlib import Path
from app.domain.errors import InputRejected
from app.importers.notes_file import read_notes_file
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    read_notes_file(Path(sys.argv[1]))
except InputRejected:
    pass
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
"""


def test_the_zip_bomb_is_refused_without_growing_the_process_by_more_than_50_mb(
    tmp_path: Path,
) -> None:
    path = _docx_with_body(tmp_path, _EMPTY_PARAGRAPHS)
    child = subprocess.run(
        [sys.executable, "-c", _PEAK_MEMORY_OF_IMPORT, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )
    grown_kib = int(child.stdout.strip())
    assert grown_kib < 50 * 1024


def test_content_nested_deeper_than_the_limit_is_refused(tmp_path: Path) -> None:
    levels = MAX_DEPTH + 50
    path = _docx_with_body(tmp_path, b"<w:p>" * levels + b"</w:p>" * levels)
    assert f"more than {MAX_DEPTH} levels" in _refused_quickly(path)


def test_tables_nested_two_hundred_deep_are_refused(tmp_path: Path) -> None:
    cell_open = b"<w:tbl><w:tr><w:tc>"
    cell_close = b"<w:p/></w:tc></w:tr></w:tbl>"
    path = _docx_with_body(tmp_path, cell_open * 200 + cell_close * 200 + b"<w:p/>")
    assert "levels deep" in _refused_quickly(path)


def test_an_archive_of_thousands_of_tiny_parts_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index in range(MAX_ENTRIES + 1):
            archive.writestr(f"word/media/part{index}.xml", b"<a/>")
    path = tmp_path / "parts.docx"
    path.write_bytes(buffer.getvalue())
    assert f"more than {MAX_ENTRIES:,} parts" in _refused_quickly(path)


def test_a_cell_spanning_two_billion_columns_is_refused_before_python_docx_repeats_it(
    tmp_path: Path,
) -> None:
    row = (
        b'<w:tbl><w:tblGrid><w:gridCol w:w="100"/></w:tblGrid><w:tr>'
        b'<w:tc><w:tcPr><w:gridSpan w:val="2147483647"/></w:tcPr><w:p/></w:tc>'
        b"</w:tr></w:tbl>"
    )
    path = _docx_with_body(tmp_path, b"<w:p><w:r><w:t>0800 BP 132/84.</w:t></w:r></w:p>" + row)
    assert f"spans more than {MAX_GRID_COLUMNS} columns" in _refused_quickly(path)


def test_a_document_within_every_budget_is_still_stopped_at_the_deadline(tmp_path: Path) -> None:
    path = _docx_with_body(tmp_path, b"<w:p/>" * (MAX_ELEMENTS - 1000))
    started = time.monotonic()
    with pytest.raises(InputRejected) as raised:
        docx_to_text(path.read_bytes(), Deadline(0.2))
    assert time.monotonic() - started < 3.0
    assert "takes too long" in str(raised.value)


def test_a_part_that_declares_a_dtd_is_refused_before_any_entity_is_expanded(
    tmp_path: Path,
) -> None:
    buffer = io.BytesIO()
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;</d>'
    )
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", laughs)
    path = tmp_path / "dtd.docx"
    path.write_bytes(buffer.getvalue())
    assert "DTD" in _refused_quickly(path)


def test_a_long_note_with_every_word_its_own_formatted_run_is_still_read(tmp_path: Path) -> None:
    sentence = b"BP 132/84 HR 88 SpO2 95% on room air, pain 2/10, ambulating with walker."
    run = b'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">%s </w:t></w:r>'
    paragraph = b"<w:p>" + b"".join(run % word for word in sentence.split() * 40) + b"</w:p>"
    path = _docx_with_body(tmp_path, paragraph * 100)
    text = read_notes_file(path)
    assert len(text) > 250_000
    assert text.startswith("BP 132/84 HR 88 SpO2 95%")
