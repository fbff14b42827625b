"""The stream's last chunks as llama-server and vLLM send them: a finish reason, then usage.

llama_cpp.server, which the other tests run, sends no usage; these chunks are copied from the
other servers' formats so that what they add is not lost when it arrives in separate chunks.
"""

from app.inference.remote import _events_of, _Piece, _Usage

FINISH = (
    '{"choices":[{"index":0,"delta":{},"finish_reason":"length"}],"object":"chat.completion.chunk"}'
)
USAGE = (
    '{"choices":[],"object":"chat.completion.chunk",'
    '"usage":{"completion_tokens":300,"prompt_tokens":1612,"total_tokens":1912},'
    '"timings":{"cache_n":1536,"prompt_n":76,"predicted_n":300}}'
)


def test_a_finish_reason_then_a_usage_chunk_keep_both() -> None:
    usage = _Usage(None, 0, None)
    for data in (FINISH, USAGE):
        for event in _events_of(data):
            assert isinstance(event, _Usage)
            usage = usage.merged(event)

    assert usage == _Usage(300, 1536, "length")


def test_a_content_delta_is_a_piece() -> None:
    chunk = '{"choices":[{"index":0,"delta":{"content":"Situation: "},"finish_reason":null}]}'
    assert _events_of(chunk) == [_Piece("Situation: ")]
