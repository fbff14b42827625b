"""A server that dies, freezes or is stopped part way: the draft so far is kept, the cause named."""

import threading
import time
from collections.abc import Callable

import pytest

from app.domain.generation import GenerationParams
from app.inference.errors import ServerUnavailable
from app.inference.remote import RemoteEngine
from app.inference.server_policy import InferenceServerPolicy
from app.inference.types import ChatMessage
from tests.remote.llama_server import LlamaServer

PolicyFor = Callable[..., InferenceServerPolicy]
StartServer = Callable[..., LlamaServer]
NOTES = [ChatMessage(role="user", content="Night shift: pt settled, pain 2/10, obs stable.")]
LONG = GenerationParams(max_tokens=3500)


def test_a_server_killed_mid_draft_keeps_the_text_so_far_and_says_so(
    start_server: StartServer, policy_for: PolicyFor
) -> None:
    server = start_server()
    with RemoteEngine(policy_for(server)) as engine:
        stream = engine.generate(engine.tokenize(NOTES), LONG)
        kept = [next(stream)]
        server.kill()
        with pytest.raises(ServerUnavailable, match="text so far is kept") as raised:
            kept.extend(stream)

        assert "".join(kept)
        assert engine.info.server is not None
        assert engine.info.server in str(raised.value)
        exchange = engine.take_exchange()
        assert exchange is not None and exchange.outcome == "failed"
        assert exchange.completion_tokens >= 1


def test_a_server_that_stops_answering_times_out_with_the_text_so_far(
    start_server: StartServer, policy_for: PolicyFor
) -> None:
    server = start_server()
    with RemoteEngine(policy_for(server, read_timeout_seconds=1.0)) as engine:
        engine.load()
        stream = engine.generate(engine.tokenize(NOTES), LONG)
        kept = [next(stream)]
        server.pause()
        started = time.monotonic()
        with pytest.raises(ServerUnavailable, match=r"timed out.*text so far is kept"):
            kept.extend(stream)
        assert time.monotonic() - started < 10
        server.resume()


def test_stop_is_honoured_at_once_while_the_server_is_silent(
    start_server: StartServer, policy_for: PolicyFor
) -> None:
    server = start_server()
    with RemoteEngine(policy_for(server, read_timeout_seconds=60.0)) as engine:
        prompt = engine.tokenize(NOTES)  # counted before the server froze, as fitting does
        server.pause()
        cancel = threading.Event()
        threading.Timer(0.3, cancel.set).start()
        started = time.monotonic()
        run = engine.generate(prompt, LONG, cancel)
        assert list(run) == []
        assert time.monotonic() - started < 2.0
        stats = run.stats
        assert stats is not None and stats.cancelled
        exchange = engine.take_exchange()
        assert exchange is not None and exchange.outcome == "cancelled"
        server.resume()


def test_a_server_down_at_the_first_draft_is_named_as_unreachable(
    start_server: StartServer, policy_for: PolicyFor
) -> None:
    server = start_server()
    policy = policy_for(server)
    server.kill()
    engine = RemoteEngine(policy)
    with engine, pytest.raises(ServerUnavailable, match="cannot be reached"):
        engine.load()
