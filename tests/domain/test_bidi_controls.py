"""Which characters reorder what a screen shows: embeddings, overrides and isolates only."""

import pytest

from app.domain.bidi_controls import is_bidi_control


@pytest.mark.parametrize("char", list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
def test_embeddings_overrides_and_isolates_are_bidi_controls(char: str) -> None:
    assert is_bidi_control(char)


@pytest.mark.parametrize("char", ["\u200e", "\u200f", "\u061c", "a", "\u05e9", "\n"])
def test_direction_marks_letters_and_line_breaks_are_not(char: str) -> None:
    assert not is_bidi_control(char)
