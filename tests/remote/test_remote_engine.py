"""The remote engine drafts on a real OpenAI-compatible server as the local one does here."""

import threading
import time
from collections.abc import Callable

import pytest

from app.domain.generation import GenerationParams, ReadingProgress
from app.inference.engine import LlamaEngine
from app.inference.errors import ContextOverflow
from app.inference.model_files import ModelSpec
from app.inference.remote import RemoteEngine
from app.inference.server_policy import InferenceServerPolicy
from app.inference.types import ChatMessage
from tests.remote.conftest import MODEL_ID
from tests.remote.llama_server import LlamaServer

NOTES = [
    ChatMessage(role="system", content="You write nursing notes."),
    ChatMessage(role="user", content="0700 bp 128/74 hr 88 pain 3/10 given paracetamol 1 g po"),
]
GREEDY = GenerationParams(temperature=0.0, max_tokens=16, seed=1)


def test_the_engine_says_it_drafts_on_the_hospital_server(remote: RemoteEngine) -> None:
    info = remote.info
    assert info.backend == "Server"
    assert info.where == f"Hospital server ({MODEL_ID}, 127.0.0.1)"
    assert info.n_ctx == 4096


def test_a_draft_streams_to_max_tokens_with_its_stats(remote: RemoteEngine) -> None:
    prompt = remote.tokenize(NOTES)
    run = remote.generate(prompt, GREEDY)
    pieces = list(run)

    assert "".join(pieces)
    stats = run.stats
    assert stats is not None
    assert stats.completion_tokens == GREEDY.max_tokens
    assert stats.hit_max_tokens and not stats.cancelled
    assert stats.time_to_first_token is not None and stats.time_to_first_token > 0
    assert stats.prompt_tokens == len(prompt)


def test_the_server_names_no_parts_of_its_reading(remote: RemoteEngine) -> None:
    told: list[ReadingProgress] = []

    text = "".join(remote.generate(remote.tokenize(NOTES), GREEDY, reading=told.append))

    assert text
    assert told == []


def test_each_generation_leaves_one_record_for_the_audit_without_text(
    remote: RemoteEngine,
) -> None:
    list(remote.generate(remote.tokenize(NOTES), GREEDY))

    exchange = remote.take_exchange()
    assert exchange is not None
    assert exchange.outcome == "completed"
    assert (exchange.server, exchange.model) == (remote.info.server, MODEL_ID)
    assert exchange.completion_tokens == GREEDY.max_tokens
    assert exchange.prompt_tokens > 0 and exchange.seconds > 0
    assert remote.take_exchange() is None


def test_the_same_seed_gives_the_same_draft(remote: RemoteEngine) -> None:
    first = "".join(remote.generate(remote.tokenize(NOTES), GREEDY))
    second = "".join(remote.generate(remote.tokenize(NOTES), GREEDY))
    assert first == second


def test_text_is_counted_by_the_servers_tokenizer_as_this_computer_would(
    remote: RemoteEngine, tiny_model: ModelSpec
) -> None:
    text = "Night shift: pt alert, oriented x3; SpO2 96% on 2 L. Fentanyl 25 mcg IV given."
    with LlamaEngine(tiny_model, n_ctx=4096, n_threads=1) as local:
        assert remote.count_tokens(text) == local.count_tokens(text)


def test_the_prompt_count_never_falls_short_of_the_real_prompt(
    remote: RemoteEngine, tiny_model: ModelSpec
) -> None:
    with LlamaEngine(tiny_model, n_ctx=4096, n_threads=1) as local:
        exact = len(local.tokenize(NOTES))
    assert exact <= len(remote.tokenize(NOTES)) <= exact + 32


def test_a_prompt_too_long_for_the_servers_context_is_refused_before_it_is_sent(
    remote: RemoteEngine,
) -> None:
    long_notes = [ChatMessage(role="user", content="bp 120/80 hr 80. " * 600)]
    with pytest.raises(ContextOverflow) as raised:
        remote.generate(remote.tokenize(long_notes), GREEDY)
    assert raised.value.n_ctx == 4096
    assert remote.take_exchange() is None


def test_stop_ends_the_stream_and_the_server_serves_the_next_draft(remote: RemoteEngine) -> None:
    cancel = threading.Event()
    stream = remote.generate(remote.tokenize(NOTES), GenerationParams(max_tokens=3000), cancel)
    next(stream)
    cancel.set()
    stopped_at = time.monotonic()
    rest = list(stream)

    assert time.monotonic() - stopped_at < 1.0
    assert len(rest) < 3000
    stats = stream.stats
    assert stats is not None and stats.cancelled
    exchange = remote.take_exchange()
    assert exchange is not None and exchange.outcome == "cancelled"
    assert "".join(remote.generate(remote.tokenize(NOTES), GREEDY))


def test_a_proxy_in_the_environment_is_never_used(
    tls_server: LlamaServer,
    policy_for: Callable[..., InferenceServerPolicy],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # the discard port: nothing listens
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    with RemoteEngine(policy_for(tls_server)) as engine:
        assert "".join(engine.generate(engine.tokenize(NOTES), GREEDY))
