"""Importing notes files: what a nurse can bring in, and how everything else is refused."""

import io
import os
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.errors import InputRejected
from app.importers.notes_file import MAX_FILE_BYTES, read_notes_file

SECRET = "Patient reports chest pain 7/10"
"""Stands in for PHI: no refusal message may contain it."""

RTF = (
    r"{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}"
    r"\f0\pard 0800 BP 132/84, HR 88.\par"
    r"Pain 2/10, caf\'e9 au lait spot noted.\par"
    r"}"
)


def _write_docx(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("0800 Assessment done.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "BP"
    table.cell(0, 1).text = "132/84"
    table.cell(1, 0).text = "HR"
    table.cell(1, 1).text = "88"
    document.add_paragraph("1200 Ambulating with walker.")
    document.save(str(path))


def _refusal(path: Path) -> str:
    with pytest.raises(InputRejected) as raised:
        read_notes_file(path)
    message = str(raised.value)
    assert path.name in message
    assert SECRET not in message
    return message


def test_a_utf8_text_file_is_read_as_is(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes("\ufeff0800 SpO2 95% RA.\r\nPain 2/10 — résolved.\n".encode())
    assert read_notes_file(path) == "0800 SpO2 95% RA.\nPain 2/10 — résolved.\n"


def test_an_rtf_file_gives_its_text_without_markup(tmp_path: Path) -> None:
    path = tmp_path / "notes.RTF"
    path.write_text(RTF, encoding="ascii")
    text = read_notes_file(path)
    assert "0800 BP 132/84, HR 88." in text
    assert "café au lait" in text
    assert "\\par" not in text and "fonttbl" not in text


def test_a_word_file_gives_paragraphs_and_table_rows_in_order(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    _write_docx(path)
    assert read_notes_file(path).splitlines() == [
        "0800 Assessment done.",
        "BP | 132/84",
        "HR | 88",
        "1200 Ambulating with walker.",
    ]


def test_a_merged_table_cell_is_read_once(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Vitals"
    table.cell(0, 2).text = "stable"
    path = tmp_path / "merged.docx"
    document.save(str(path))
    assert read_notes_file(path) == "Vitals | stable"


@pytest.mark.parametrize("name", ["notes.pdf", "notes.doc", "notes", "notes.txt.exe"])
def test_other_file_types_are_refused_by_name(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(SECRET)
    assert "cannot be imported" in _refusal(path)


def test_a_corrupt_word_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_bytes(os.urandom(4096))
    assert "not a Word" in _refusal(path)


def test_a_zip_that_is_not_a_word_document_is_refused_as_damaged(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", SECRET)
    path = tmp_path / "notes.docx"
    path.write_bytes(buffer.getvalue())
    assert "damaged" in _refusal(path)


def test_binary_junk_named_txt_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + SECRET.encode() + bytes(range(256)))
    _refusal(path)


def test_an_rtf_name_on_plain_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.rtf"
    path.write_text(SECRET)
    assert "not an RTF" in _refusal(path)


@pytest.mark.parametrize("name", ["empty.txt", "empty.rtf", "empty.docx"])
def test_an_empty_file_is_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    _refusal(path)


def test_an_rtf_or_word_file_without_text_is_refused_as_empty(tmp_path: Path) -> None:
    rtf = tmp_path / "blank.rtf"
    rtf.write_text(r"{\rtf1\ansi \par \par}")
    blank = tmp_path / "blank.docx"
    docx.Document().save(str(blank))
    assert "empty" in _refusal(rtf)
    assert "empty" in _refusal(blank)


def test_a_file_over_two_megabytes_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * (MAX_FILE_BYTES + 1))
    assert "larger than 2 MB" in _refusal(path)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    assert "cannot be read" in _refusal(tmp_path / "gone.txt")


def test_a_zip_bomb_is_refused_without_unpacking(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    path = tmp_path / "bomb.docx"
    path.write_bytes(buffer.getvalue())
    assert "unpacks" in _refusal(path)


def _zipped(payload: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", payload)
        archive.writestr("word/document.xml", payload)
    return buffer.getvalue()


_CONTENT = st.one_of(
    st.binary(max_size=2048),
    st.binary(max_size=2048).map(lambda junk: b"{\\rtf1 " + junk),
    st.text(max_size=512).map(lambda text: ("{\\rtf1 " + text + "}").encode()),
    st.binary(max_size=512).map(_zipped),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=_CONTENT, suffix=st.sampled_from([".txt", ".rtf", ".docx"]))
def test_any_bytes_give_text_or_a_refusal_never_a_crash(
    tmp_path_factory: pytest.TempPathFactory, content: bytes, suffix: str
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"notes{suffix}"
    path.write_bytes(content)
    try:
        text = read_notes_file(path)
    except InputRejected:
        return
    assert text.strip()
    assert "\x00" not in text
