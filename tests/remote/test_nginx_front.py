"""The hospital's mutual-TLS front: nginx with `nginx-mtls.conf` in front of the real llama-server.

llama-server runs as the unit runs it but on plain HTTP at 127.0.0.1 (the configuration's own
instruction: drop its `--ssl-*` flags), with its API key; nginx terminates TLS and lets in only
workstations whose certificate the workstation CA issued. The workstation is the app's remote
engine with the policy a hospital would write: the hospital CA, the server certificate's pin,
the workstation's certificate and key, and the API key file.

Collected only when both `WARDSCRIBE_LLAMA_SERVER` and `WARDSCRIBE_NGINX` name binaries
(`make server-check` sets them when nginx is installed).
"""

import contextlib
import re
import secrets
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.domain.generation import GenerationParams
from app.inference.errors import ServerUntrusted
from app.inference.model_files import ModelSpec
from app.inference.remote import RemoteEngine
from app.inference.server_policy import InferenceServerPolicy
from app.inference.types import ChatMessage
from tests.remote.byte_relay import ByteRelay
from tests.remote.conftest import MODEL_ID
from tests.remote.nginx_front import FrontFiles, NginxFront, configured_nginx
from tests.remote.pki import Authority, IssuedCertificate
from tests.remote.real_llama_server import RealLlamaServer, configured_binary

NOTE = "0700 Mrs Quillfeather-Oyelaran bp 128/74 hr 88 pain 3/10 given paracetamol 1 g po"
NOTES = [
    ChatMessage(role="system", content="You write nursing notes."),
    ChatMessage(role="user", content=NOTE),
]
SHORT = GenerationParams(temperature=0.0, max_tokens=8, seed=1)
LONG = GenerationParams(temperature=0.0, max_tokens=3000, seed=1)
REFUSED = "refused this workstation"


@pytest.fixture(scope="module")
def workstation_ca(pki_dir: Path) -> Authority:
    return Authority(pki_dir, "workstations")


@pytest.fixture(scope="module")
def enrolled(workstation_ca: Authority) -> IssuedCertificate:
    return workstation_ca.client("ward-7-workstation")


@pytest.fixture(scope="module")
def upstream(
    tiny_model: ModelSpec, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RealLlamaServer]:
    binary = configured_binary()
    assert binary is not None
    directory = tmp_path_factory.mktemp("llama-server-behind-nginx")
    key_file = directory / "api-keys"
    key_file.write_text(f"# ward 7\n{secrets.token_urlsafe(24)}\n", encoding="utf-8")
    with RealLlamaServer(
        binary,
        tiny_model.path,
        alias=MODEL_ID,
        cert_file=None,
        key_file=None,
        api_key_file=key_file,
        log_file=directory / "server.log",
    ) as server:
        yield server


@pytest.fixture(scope="module")
def front(
    upstream: RealLlamaServer,
    server_certificate: IssuedCertificate,
    workstation_ca: Authority,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[NginxFront]:
    binary = configured_nginx()
    assert binary is not None
    files = FrontFiles(
        server_certificate.cert_file, server_certificate.key_file, workstation_ca.ca_file
    )
    with NginxFront(
        binary, files, upstream_port=upstream.port, directory=tmp_path_factory.mktemp("nginx")
    ) as running:
        yield running


@pytest.fixture
def policy(
    front: NginxFront,
    upstream: RealLlamaServer,
    hospital_ca: Authority,
    server_certificate: IssuedCertificate,
    enrolled: IssuedCertificate,
) -> Callable[..., InferenceServerPolicy]:
    """The policy of a workstation behind the front; keyword arguments override fields."""

    def make(**fields: Any) -> InferenceServerPolicy:
        values: dict[str, Any] = {
            "url": front.url,
            "model": MODEL_ID,
            "ca_file": hospital_ca.ca_file,
            "pinned_sha256": server_certificate.sha256,
            "client_cert_file": enrolled.cert_file,
            "client_key_file": enrolled.key_file,
            "api_key_file": upstream.api_key_file,
            "context_tokens": 4096,
            "read_timeout_seconds": 30.0,
        }
        return InferenceServerPolicy.model_validate({**values, **fields})

    return make


def requests_processing(upstream: RealLlamaServer) -> int:
    """How many requests llama-server is working on, from its own counters behind the front."""
    assert upstream.api_key_file is not None
    key = upstream.api_key_file.read_text(encoding="utf-8").splitlines()[-1]
    metrics = httpx.get(
        f"{upstream.url}/metrics", headers={"Authorization": f"Bearer {key}"}, timeout=10
    ).text
    found = re.search(r"^llamacpp:requests_processing (\S+)$", metrics, flags=re.MULTILINE)
    assert found is not None
    return int(float(found.group(1)))


def wait_until(condition: Callable[[], bool], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_a_draft_streams_through_the_front_to_an_enrolled_workstation(
    policy: Callable[..., InferenceServerPolicy],
) -> None:
    with RemoteEngine(policy()) as engine:
        draft = "".join(engine.generate(engine.tokenize(NOTES), SHORT))

        assert engine.tokenizer_name == "llama-server /tokenize"
    assert draft.strip()


def test_a_workstation_without_a_certificate_is_refused(
    policy: Callable[..., InferenceServerPolicy],
) -> None:
    with (
        RemoteEngine(policy(client_cert_file=None, client_key_file=None)) as engine,
        pytest.raises(ServerUntrusted, match=REFUSED),
    ):
        engine.load()


def test_a_certificate_from_another_ca_is_refused(
    policy: Callable[..., InferenceServerPolicy], pki_dir: Path
) -> None:
    stranger = Authority(pki_dir, "elsewhere").client("ward-7-workstation")

    with (
        RemoteEngine(
            policy(client_cert_file=stranger.cert_file, client_key_file=stranger.key_file)
        ) as engine,
        pytest.raises(ServerUntrusted, match=REFUSED),
    ):
        engine.load()


def test_the_api_key_is_still_needed_behind_the_front(
    policy: Callable[..., InferenceServerPolicy],
) -> None:
    with (
        RemoteEngine(policy(api_key_file=None)) as engine,
        pytest.raises(ServerUntrusted, match=r"HTTP 401"),
    ):
        engine.load()


def test_nginx_holds_back_nothing_the_server_has_streamed(
    upstream: RealLlamaServer,
    server_certificate: IssuedCertificate,
    workstation_ca: Authority,
    hospital_ca: Authority,
    enrolled: IssuedCertificate,
    tmp_path: Path,
) -> None:
    """Frozen mid-draft, the server has sent N events: all N have reached the workstation.

    With `proxy_buffering on` nginx would keep the last few in a part-filled buffer until more
    came; a fast model hides that (it fills buffers in milliseconds), a frozen one does not.
    """
    assert upstream.api_key_file is not None
    key = upstream.api_key_file.read_text(encoding="utf-8").splitlines()[-1]
    trust = ssl.create_default_context(cafile=hospital_ca.ca_file)
    trust.load_cert_chain(enrolled.cert_file, enrolled.key_file)
    files = FrontFiles(
        server_certificate.cert_file, server_certificate.key_file, workstation_ca.ca_file
    )
    binary = configured_nginx()
    assert binary is not None
    body = {
        "model": MODEL_ID,
        "messages": [{"role": m.role, "content": m.content} for m in NOTES],
        "stream": True,
        "max_tokens": 3000,
    }
    with (
        ByteRelay(upstream.port) as relay,
        NginxFront(binary, files, upstream_port=relay.port, directory=tmp_path) as front,
        httpx.Client(verify=trust, timeout=httpx.Timeout(10, read=1)) as client,
        client.stream(
            "POST",
            f"{front.url}/v1/chat/completions",
            json=body,
            headers={"Authorization": f"Bearer {key}"},
        ) as response,
    ):
        lines = response.iter_lines()
        arrived = [next(lines)]
        upstream.pause()
        try:
            time.sleep(0.5)
            sent = relay.sent_by_server().count(b"\n\n")
            with contextlib.suppress(httpx.ReadTimeout):  # nothing more comes: all arrived
                for line in lines:
                    arrived.append(line)
        finally:
            upstream.resume()
    received = sum(1 for line in arrived if line.startswith("data: "))

    assert response.status_code == 200
    assert received == sent > 1


def test_stop_ends_the_request_on_the_server_behind_the_front(
    policy: Callable[..., InferenceServerPolicy], upstream: RealLlamaServer
) -> None:
    stop = threading.Event()
    with RemoteEngine(policy()) as engine:
        stream = engine.generate(engine.tokenize(NOTES), LONG, stop)
        next(stream)
        stop.set()
        list(stream)

        assert wait_until(lambda: requests_processing(upstream) == 0, seconds=5)
        assert "".join(engine.generate(engine.tokenize(NOTES), SHORT)).strip()


def test_the_front_logs_who_asked_and_no_word_of_a_note_or_a_draft(
    policy: Callable[..., InferenceServerPolicy], front: NginxFront
) -> None:
    with RemoteEngine(policy()) as engine:
        draft = "".join(engine.generate(engine.tokenize(NOTES), SHORT))

    logs = front.logs()
    assert "CN=ward-7-workstation" in logs
    assert "POST /v1/chat/completions 200" in logs
    assert "Quillfeather" not in logs and "paracetamol" not in logs
    assert draft.strip() not in logs
