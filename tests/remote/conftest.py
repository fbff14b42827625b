"""Remote-engine tests: a real server on 127.0.0.1, TLS from a throwaway CA.

The server is llama-cpp-python's (`llama_cpp.server`), or llama.cpp's own `llama-server` run
with the systemd unit's flags when `WARDSCRIBE_LLAMA_SERVER` names a built one
(`installer/server/check-llama-server.sh`). Two long-lived servers serve the tiny model: one with
server TLS only, one that also requires a client certificate (always llama_cpp.server: llama-server
leaves client certificates to the nginx in front of it). Tests that kill or freeze a server start
their own. Tests marked `python_server` need what only the loopback llama_cpp.server offers.
"""

import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.inference.model_files import ModelSpec
from app.inference.remote import RemoteEngine
from app.inference.server_policy import InferenceServerPolicy
from tests.remote.llama_server import LlamaServer
from tests.remote.nginx_front import configured_nginx
from tests.remote.pki import Authority, IssuedCertificate
from tests.remote.real_llama_server import RealLlamaServer, configured_binary

MODEL_ID = "ward-model"

collect_ignore = [] if configured_binary() is not None else ["test_real_llama_server.py"]
"""What only llama-server can show is collected only when one is configured (never skipped)."""
if configured_binary() is None or configured_nginx() is None:
    collect_ignore.append("test_nginx_front.py")
"""The mutual-TLS front needs both llama-server and nginx (`WARDSCRIBE_NGINX`)."""

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
    started: list[LlamaServer | RealLlamaServer] = []

    def start(**options: Any) -> LlamaServer | RealLlamaServer:
        defaults: dict[str, Any] = {
            "cert_file": server_certificate.cert_file,
            "key_file": server_certificate.key_file,
        }
        server = _server(tiny_model, tmp_path / f"server-{len(started)}", **{**defaults, **options})
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
    with _server(
        tiny_model,
        tmp_path_factory.mktemp("tls-server"),
        cert_file=server_certificate.cert_file,
        key_file=server_certificate.key_file,
        n_ctx=8192,
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
            "api_key_file": getattr(server, "api_key_file", None),
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


def _server(
    model: ModelSpec, directory: Path, *, api_key: str | None = None, **options: Any
) -> LlamaServer | RealLlamaServer:
    """llama-server when one is configured, else llama_cpp.server; each serves `model`.

    llama-server runs as the unit runs it, with an API key always (a random one unless the test
    names one); llama_cpp.server only with the key the test names.
    """
    directory.mkdir(parents=True, exist_ok=True)
    binary = configured_binary()
    if binary is None:
        return LlamaServer(
            model.path,
            alias=MODEL_ID,
            api_key=api_key,
            log_file=directory / "server.log",
            **options,
        )
    key_file = directory / "api-keys"
    key_file.write_text((api_key or secrets.token_urlsafe(24)) + "\n", encoding="utf-8")
    return RealLlamaServer(
        binary,
        model.path,
        alias=MODEL_ID,
        api_key_file=key_file,
        log_file=directory / "server.log",
        **options,
    )
