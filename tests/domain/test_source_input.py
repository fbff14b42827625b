import pytest

from app.domain.errors import InputRejected
from app.domain.source_input import MAX_SOURCE_CHARS, decode_source_bytes, validate_source


def test_ordinary_notes_pass_with_windows_line_endings_normalised() -> None:
    assert validate_source("0800 BP 120/80\r\nHR 72\r\n") == "0800 BP 120/80\nHR 72\n"


@pytest.mark.parametrize("blank", ["", "   ", "\n\n\t"])
def test_empty_notes_are_rejected_with_a_message_saying_so(blank: str) -> None:
    with pytest.raises(InputRejected, match="empty"):
        validate_source(blank)


def test_a_two_megabyte_paste_is_rejected_naming_the_limit() -> None:
    with pytest.raises(InputRejected, match=f"{MAX_SOURCE_CHARS:,}"):
        validate_source("HR 80. " * (2_000_000 // 7))


def test_text_with_nul_bytes_is_rejected_as_binary() -> None:
    with pytest.raises(InputRejected, match="binary"):
        validate_source("BP 120/80\x00\x01\x02")


def test_text_dense_with_control_characters_is_rejected_as_binary() -> None:
    with pytest.raises(InputRejected, match="binary"):
        validate_source("ok" + "\x07\x1b" * 50)


def test_random_bytes_are_rejected_as_not_utf8() -> None:
    with pytest.raises(InputRejected, match="UTF-8"):
        decode_source_bytes(bytes(range(128, 256)) * 10)


def test_rejection_messages_never_quote_the_notes() -> None:
    secret = "ZEBRA-CANARY-4711"
    with pytest.raises(InputRejected) as rejected:
        validate_source(secret + "\x00")
    assert secret not in str(rejected.value)
