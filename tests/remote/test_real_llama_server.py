"""What only llama.cpp's own `llama-server`, run with the systemd unit's flags, can show.

Collected only when `WARDSCRIBE_LLAMA_SERVER` names a built binary (`make server-check`); the
other files in tests/remote run against it then too.
"""

import ssl
import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from app.domain.audit import AuditAction, Outcome
from app.domain.generation import GenerationParams
from app.domain.grounded.draft import DraftMode
from app.domain.notes import NoteKind
from app.inference.engine import LlamaEngine
from app.inference.errors import ServerUntrusted
from app.inference.model_files import ModelSpec
from app.inference.remote import RemoteEngine
from app.inference.server_policy import InferenceServerPolicy
from app.inference.types import ChatMessage
from app.services.workstation import Workstation
from tests.remote.pki import Authority
from tests.remote.real_llama_server import RealLlamaServer
from tests.remote.test_server_drafting import SHIFT, events, server_policy, sign_in_nurse

PolicyFor = Callable[..., InferenceServerPolicy]
OpenUnderPolicy = Callable[[str], Workstation]
NOTE = "0700 Mrs Quillfeather-Oyelaran bp 128/74 hr 88 pain 3/10 given paracetamol 1 g po"
NOTES = [
    ChatMessage(role="system", content="You write nursing notes."),
    ChatMessage(role="user", content=NOTE),
]
SHORT = GenerationParams(temperature=0.0, max_tokens=8, seed=1)


def get(server: RealLlamaServer, ca: Authority, path: str, *, key: bool = True) -> httpx.Response:
    """GET `path` over the server's TLS, with its API key or none."""
    assert server.api_key_file is not None
    token = server.api_key_file.read_text(encoding="utf-8").strip()
    headers = {"Authorization": f"Bearer {token}"} if key else {}
    trust = ssl.create_default_context(cafile=ca.ca_file)
    return httpx.get(f"{server.url}{path}", verify=trust, headers=headers, timeout=10)


def meta_of(server: RealLlamaServer, ca: Authority) -> dict[str, Any]:
    models = get(server, ca, "/v1/models").json()["data"]
    meta: dict[str, Any] = models[0]["meta"]
    return meta


def test_long_notes_are_counted_exactly_chat_template_included(
    remote: RemoteEngine, tiny_model: ModelSpec
) -> None:
    with LlamaEngine(tiny_model, n_ctx=4096, n_threads=1) as local:
        exact = len(local.tokenize(NOTES))

    assert remote.tokenizer_name == "llama-server /tokenize"
    assert len(remote.tokenize(NOTES)) == exact


def test_health_answers_without_a_key_and_the_api_only_with_one(
    tls_server: RealLlamaServer, hospital_ca: Authority
) -> None:
    health = get(tls_server, hospital_ca, "/health", key=False)

    assert (health.status_code, health.json()) == (200, {"status": "ok"})
    assert get(tls_server, hospital_ca, "/v1/models", key=False).status_code == 401
    assert get(tls_server, hospital_ca, "/v1/models").status_code == 200


def test_the_slots_endpoint_that_would_show_prompts_is_off(
    tls_server: RealLlamaServer, hospital_ca: Authority
) -> None:
    assert get(tls_server, hospital_ca, "/slots").status_code == 501


def test_metrics_are_served_to_key_holders_and_hold_only_numbers(
    tls_server: RealLlamaServer, hospital_ca: Authority, remote: RemoteEngine
) -> None:
    list(remote.generate(remote.tokenize(NOTES), SHORT))

    metrics = get(tls_server, hospital_ca, "/metrics")

    assert metrics.status_code == 200
    assert "llamacpp:tokens_predicted_total" in metrics.text
    assert "Quillfeather" not in metrics.text


def test_each_slot_gets_the_total_context_divided_by_the_slots(
    tls_server: RealLlamaServer, hospital_ca: Authority
) -> None:
    props = get(tls_server, hospital_ca, "/props").json()

    assert props["total_slots"] == 2
    assert props["default_generation_settings"]["n_ctx"] == 8192


def test_the_server_log_holds_no_word_of_a_note_or_a_draft(
    tls_server: RealLlamaServer, remote: RemoteEngine
) -> None:
    draft = "".join(remote.generate(remote.tokenize(NOTES), SHORT))

    assert "Quillfeather" not in tls_server.log
    assert draft.strip() and draft.strip() not in tls_server.log


def test_a_second_workstation_is_served_while_a_long_draft_streams(
    tls_server: RealLlamaServer, policy_for: PolicyFor
) -> None:
    long_finished = threading.Event()
    stop_long = threading.Event()
    with (
        RemoteEngine(policy_for(tls_server)) as first,
        RemoteEngine(policy_for(tls_server)) as second,
    ):
        long = first.generate(first.tokenize(NOTES), GenerationParams(max_tokens=3000), stop_long)
        next(long)

        def read_on() -> None:
            list(long)
            long_finished.set()

        reader = threading.Thread(target=read_on)
        reader.start()
        short = "".join(second.generate(second.tokenize(NOTES), SHORT))
        served_alongside = not long_finished.is_set()
        stop_long.set()
        reader.join()

    # With one slot the short draft would have waited for all 3,000 tokens of the long one.
    assert short and served_alongside


def test_the_model_numbers_the_policy_pins_are_checked_and_recorded(
    tls_server: RealLlamaServer, hospital_ca: Authority, policy_for: PolicyFor
) -> None:
    meta = meta_of(tls_server, hospital_ca)
    pinned = f"n_params={meta['n_params']}, size={meta['size']}, n_vocab={meta['n_vocab']}"

    with RemoteEngine(policy_for(tls_server, model_meta=pinned)) as engine:
        assert f"model_meta ({pinned}) matched" in engine.info.provenance

    other = f"n_params={meta['n_params'] + 1}"
    with (
        RemoteEngine(policy_for(tls_server, model_meta=other)) as engine,
        pytest.raises(ServerUntrusted, match="not the model file the machine policy approves"),
    ):
        engine.load()


def test_a_workstation_whose_policy_file_names_the_api_key_file_drafts_there(
    tls_server: RealLlamaServer, hospital_ca: Authority, open_under_policy: OpenUnderPolicy
) -> None:
    policy = server_policy(tls_server.url, hospital_ca)
    workstation = open_under_policy(f"{policy}api_key_file = '{tls_server.api_key_file}'\n")
    session = sign_in_nurse(workstation)
    draft = workstation.drafts.create_draft(session, "MRN-7", NoteKind.SHIFT_SBAR, SHIFT)

    run = workstation.drafts.generate(session, draft.id, mode=DraftMode.WHOLE)

    assert "".join(run) and run.outcome is not None and run.outcome.saved is not None
    assert isinstance(workstation.engine_host.loaded(), RemoteEngine)
    served = [e[:2] for e in events(workstation) if e[0] is AuditAction.SERVER_GENERATE]
    assert served == [(AuditAction.SERVER_GENERATE, Outcome.SUCCESS)]
