"""Notes go only to the server the policy names, proven by its certificate, pin and model."""

import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from app.domain.generation import GenerationParams
from app.inference.errors import ServerUnavailable, ServerUntrusted
from app.inference.remote import RemoteEngine
from app.inference.server_policy import InferenceServerPolicy
from app.inference.types import ChatMessage
from tests.remote.llama_server import LlamaServer
from tests.remote.pki import Authority, IssuedCertificate

PolicyFor = Callable[..., InferenceServerPolicy]
NOTES = [ChatMessage(role="user", content="0700 bp 128/74 hr 88")]
SHORT = GenerationParams(temperature=0.0, max_tokens=4)


def drafts(policy: InferenceServerPolicy) -> str:
    with RemoteEngine(policy) as engine:
        return "".join(engine.generate(engine.tokenize(NOTES), SHORT))


def test_the_pinned_certificate_is_accepted(
    tls_server: LlamaServer, policy_for: PolicyFor, server_certificate: IssuedCertificate
) -> None:
    assert drafts(policy_for(tls_server, pinned_sha256=server_certificate.sha256))


def test_a_certificate_other_than_the_pinned_one_is_refused_before_anything_is_sent(
    tls_server: LlamaServer, policy_for: PolicyFor
) -> None:
    with RemoteEngine(policy_for(tls_server, pinned_sha256="0" * 64)) as engine:
        with pytest.raises(ServerUntrusted, match=r"not the pinned one.*no note was sent"):
            engine.load()
        with pytest.raises(ServerUntrusted):
            engine.generate(engine.tokenize(NOTES), SHORT)


def test_a_certificate_from_another_ca_is_refused(
    tls_server: LlamaServer, policy_for: PolicyFor, pki_dir: Path
) -> None:
    stranger = Authority(pki_dir / "stranger", "stranger")
    with pytest.raises(ServerUntrusted, match="CERTIFICATE_VERIFY_FAILED"):
        drafts(policy_for(tls_server, ca_file=stranger.ca_file))


def test_a_certificate_for_another_host_name_is_refused(
    start_server: Callable[..., LlamaServer],
    hospital_ca: Authority,
    policy_for: PolicyFor,
) -> None:
    other = hospital_ca.server("other-host", dns_names=("other.ward.test",))
    server = start_server(cert_file=other.cert_file, key_file=other.key_file)
    with pytest.raises(ServerUntrusted, match="CERTIFICATE_VERIFY_FAILED"):
        drafts(policy_for(server))


def test_a_server_listing_another_model_is_refused_before_the_first_draft(
    tls_server: LlamaServer, policy_for: PolicyFor
) -> None:
    with pytest.raises(ServerUntrusted, match="does not serve the model 'llama-3-8b'"):
        drafts(policy_for(tls_server, model="llama-3-8b"))


def test_a_server_not_reporting_the_model_numbers_the_policy_pins_is_refused(
    tls_server: LlamaServer, policy_for: PolicyFor
) -> None:
    with pytest.raises(ServerUntrusted, match="not the model file the machine policy approves"):
        drafts(policy_for(tls_server, model_meta="n_params=1"))


def test_mutual_tls_drafts_with_the_workstations_certificate(
    mtls_server: LlamaServer,
    policy_for: PolicyFor,
    workstation_certificate: IssuedCertificate,
) -> None:
    policy = policy_for(
        mtls_server,
        client_cert_file=workstation_certificate.cert_file,
        client_key_file=workstation_certificate.key_file,
    )
    assert drafts(policy)


def test_mutual_tls_refuses_a_workstation_without_a_certificate(
    mtls_server: LlamaServer, policy_for: PolicyFor
) -> None:
    with pytest.raises(ServerUnavailable, match="client certificate"):
        drafts(policy_for(mtls_server))


def test_mutual_tls_refuses_a_certificate_from_another_ca(
    mtls_server: LlamaServer, policy_for: PolicyFor, pki_dir: Path
) -> None:
    stranger = Authority(pki_dir / "stranger-client", "stranger-client").client("intruder")
    policy = policy_for(
        mtls_server, client_cert_file=stranger.cert_file, client_key_file=stranger.key_file
    )
    with pytest.raises(ServerUnavailable, match="client certificate"):
        drafts(policy)


def test_an_api_key_read_as_llama_server_reads_its_file_is_sent_and_a_wrong_one_refused(
    start_server: Callable[..., LlamaServer], policy_for: PolicyFor, tmp_path: Path
) -> None:
    server = start_server(api_key="ward-7-key")
    key_file = tmp_path / "api-key"
    key_file.write_text("# llama-server's --api-key-file format: comments, then keys\nward-7-key\n")
    assert drafts(policy_for(server, api_key_file=key_file))

    key_file.write_text("guessed")
    with pytest.raises(ServerUntrusted, match="refused this workstation"):
        drafts(policy_for(server, api_key_file=key_file))


def test_a_server_that_is_not_there_is_unavailable(policy_for: PolicyFor) -> None:
    class Gone:
        url = "https://127.0.0.1:9"

    with pytest.raises(ServerUnavailable, match="cannot be reached"):
        drafts(policy_for(Gone()))


@pytest.mark.python_server
def test_a_redirect_is_refused_and_the_draft_never_reaches_its_target(
    start_server: Callable[..., LlamaServer], policy_for: PolicyFor
) -> None:
    with socket.socket() as elsewhere:
        elsewhere.bind(("127.0.0.1", 0))
        elsewhere.listen()
        elsewhere.setblocking(False)
        target = f"https://127.0.0.1:{elsewhere.getsockname()[1]}/v1/chat/completions"
        server = start_server(redirect_drafts_to=target)
        engine = RemoteEngine(policy_for(server))
        with engine, pytest.raises(ServerUnavailable, match=r"redirect.*not followed"):
            list(engine.generate(engine.tokenize(NOTES), SHORT))
        with pytest.raises(BlockingIOError):
            elsewhere.accept()


def test_a_ca_file_that_is_not_there_is_named_and_nothing_is_sent(
    tls_server: LlamaServer, policy_for: PolicyFor, tmp_path: Path
) -> None:
    missing = tmp_path / "hospital-ca.pem"
    with pytest.raises(ServerUntrusted, match=r"files for the hospital server.*cannot be used"):
        RemoteEngine(policy_for(tls_server, ca_file=missing))
