"""The stream's last chunks as llama-server and vLLM send them: a finish reason, then usage.

llama_cpp.server, which the other tests run, sends no usage; these chunks are copied from the
other servers' formats so that what they add is not lost when it arrives in separate chunks.
"""

from app.inference.server_stream import Piece, Usage, events_of

FINISH = (
    '{"choices":[{"index":0,"delta":{},"finish_reason":"length"}],"object":"chat.completion.chunk"}'
)
USAGE = (
    '{"choices":[],"object":"chat.completion.chunk",'
    '"usage":{"completion_tokens":300,"prompt_tokens":1612,"total_tokens":1912},'
    '"timings":{"cache_n":1536,"prompt_n":76,"predicted_n":300}}'
)


def test_a_finish_reason_then_a_usage_chunk_keep_both() -> None:
    usage = Usage(None, 0, None)
    for data in (FINISH, USAGE):
        for event in events_of(data):
            assert isinstance(event, Usage)
            usage = usage.merged(event)

    assert usage == Usage(300, 1536, "length")


def test_a_content_delta_is_a_piece() -> None:
    chunk = '{"choices":[{"index":0,"delta":{"content":"Situation: "},"finish_reason":null}]}'
    assert events_of(chunk) == [Piece("Situation: ")]
