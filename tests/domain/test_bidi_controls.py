"""Bidi controls cannot make the notes read differently from how they look (issue 17, item 10)."""

from app.domain.source_input import decode_source_bytes, validate_source


def test_a_right_to_left_override_is_removed_so_the_dose_reads_as_it_looks() -> None:
    pasted = "Heparin \u202e0005\u202c units SC given.\n"

    assert validate_source(pasted) == "Heparin 0005 units SC given.\n"


def test_isolates_and_embeddings_are_removed_from_an_imported_file() -> None:
    imported = "Left\u2067 leg\u2069 \u202bwound\u202c dressed.\n".encode()

    assert decode_source_bytes(imported) == "Left leg wound dressed.\n"


def test_right_to_left_text_keeps_its_direction_marks() -> None:
    hebrew = "\u05d7\u05d5\u05dd 38.2\u200f, HR 96.\n"

    assert validate_source(hebrew) == hebrew
