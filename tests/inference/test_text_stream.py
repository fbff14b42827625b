from app.inference.text_stream import TextStream

STOPS = ["<|im_end|>", "<|endoftext|>"]


def feed_all(stream: TextStream, pieces: list[bytes]) -> list[str]:
    return [stream.feed(piece) for piece in pieces] + [stream.finish()]


def test_a_character_split_across_tokens_is_shown_whole() -> None:
    degree = "°".encode()
    stream = TextStream(STOPS)

    shown = feed_all(stream, [b"Temp 37.8", degree[:1], degree[1:], b"C"])

    assert shown == ["Temp 37.8", "", "°", "C", ""]


def test_a_spelled_out_stop_sequence_ends_the_text_and_is_never_shown() -> None:
    stream = TextStream(STOPS)

    shown = "".join(feed_all(stream, [b"Plan: rest.", b"<|", b"im_", b"end|>", b" more"]))

    assert shown == "Plan: rest."
    assert stream.stopped


def test_text_that_only_looks_like_a_stop_sequence_is_released() -> None:
    stream = TextStream(STOPS)

    shown = feed_all(stream, [b"HR <", b"|im", b" 80"])

    assert shown == ["HR ", "", "<|im 80", ""]
    assert not stream.stopped


def test_held_back_text_is_released_at_the_end() -> None:
    stream = TextStream(STOPS)

    assert feed_all(stream, [b"BP <"]) == ["BP ", "<"]


def test_leading_whitespace_before_the_first_word_is_dropped() -> None:
    stream = TextStream(STOPS)

    assert feed_all(stream, [b" ", b"\n", b" Situation"]) == ["", "", "Situation", ""]


def test_broken_utf8_becomes_a_replacement_character_not_an_error() -> None:
    stream = TextStream(STOPS)

    assert "".join(feed_all(stream, [b"ok \xff", b"\xfe done"])) == "ok \ufffd\ufffd done"
