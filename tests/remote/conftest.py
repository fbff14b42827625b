"""Remote-engine tests: llama-cpp-python's real server on 127.0.0.1, TLS from a throwaway CA.

Two long-lived servers serve the tiny model: one with server TLS only, one that also requires a
client certificate. Tests that kill or freeze a server start their own.
"""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.inference.model_files import ModelSpec
from app.inference.remote import RemoteEngine
from app.inference.server_policy import InferenceServerPolicy
from tests.remote.llama_server import LlamaServer
from tests.remote.pki import Authority, IssuedCertificate

MODEL_ID = "ward-model"

pytest.importorskip("uvicorn", reason="the server extras (fastapi, uvicorn, sse-starlette)")


@pytest.fixture(scope="session")
def pki_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pki")


@pytest.fixture(scope="session")
def hospital_ca(pki_dir: Path) -> Authority:
    return Authority(pki_dir, "hospital")


@pytest.fixture(scope="session")
def server_certificate(hospital_ca: Authority) -> IssuedCertificate:
    return hospital_ca.server("llm", dns_names=("llm.ward.test",), ips=("127.0.0.1",))


@pytest.fixture(scope="session")
def workstation_certificate(hospital_ca: Authority) -> IssuedCertificate:
    return hospital_ca.client("workstation-7")


@pytest.fixture
def start_server(
    tiny_model: ModelSpec, server_certificate: IssuedCertificate, tmp_path: Path
) -> Iterator[Callable[..., LlamaServer]]:
    """Start a server of one's own (to kill or freeze it); every one is killed after the test."""
    started: list[LlamaServer] = []

    def start(**options: Any) -> LlamaServer:
        defaults: dict[str, Any] = {
            "cert_file": server_certificate.cert_file,
            "key_file": server_certificate.key_file,
        }
        server = LlamaServer(
            tiny_model.path,
            alias=MODEL_ID,
            log_file=tmp_path / f"server-{len(started)}.log",
            **{**defaults, **options},
        )
        started.append(server)
        return server.__enter__()

    yield start
    for server in started:
        server.kill()


@pytest.fixture(scope="session")
def tls_server(
    tiny_model: ModelSpec,
    server_certificate: IssuedCertificate,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[LlamaServer]:
    with LlamaServer(
        tiny_model.path,
        alias=MODEL_ID,
        cert_file=server_certificate.cert_file,
        key_file=server_certificate.key_file,
        n_ctx=8192,
        log_file=tmp_path_factory.mktemp("tls-server") / "server.log",
    ) as server:
        yield server


@pytest.fixture(scope="session")
def mtls_server(
    tiny_model: ModelSpec,
    server_certificate: IssuedCertificate,
    hospital_ca: Authority,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[LlamaServer]:
    with LlamaServer(
        tiny_model.path,
        alias=MODEL_ID,
        cert_file=server_certificate.cert_file,
        key_file=server_certificate.key_file,
        client_ca_file=hospital_ca.ca_file,
        log_file=tmp_path_factory.mktemp("mtls-server") / "server.log",
    ) as server:
        yield server


@pytest.fixture
def policy_for(hospital_ca: Authority) -> Callable[..., InferenceServerPolicy]:
    """A policy naming `server`, trusting the hospital CA; keyword arguments override fields."""

    def policy(server: LlamaServer, **fields: Any) -> InferenceServerPolicy:
        values: dict[str, Any] = {
            "url": server.url,
            "model": MODEL_ID,
            "ca_file": hospital_ca.ca_file,
            "context_tokens": 4096,
            "connect_timeout_seconds": 5.0,
            "read_timeout_seconds": 30.0,
        }
        return InferenceServerPolicy.model_validate({**values, **fields})

    return policy


@pytest.fixture
def remote(
    tls_server: LlamaServer, policy_for: Callable[..., InferenceServerPolicy]
) -> Iterator[RemoteEngine]:
    with RemoteEngine(policy_for(tls_server)) as engine:
        engine.load()
        yield engine
