"""Only the machine policy names the server, and the network guard lets that one host through."""

from pathlib import Path

import pytest

from app.inference.server_policy import parse_model_meta
from app.security.policy import PolicyInvalid, load_policy
from app.services.startup import network_guard_for

SERVER = """
[inference_server]
url = "https://llm.ward.example.org:8443"
model = "llama-3.1-8b-instruct-q4_k_m"
model_meta = "n_params=8030261248, size=4912898304"
ca_file = "/etc/wardscribe/hospital-ca.pem"
pinned_sha256 = "%s"
client_cert_file = "/etc/wardscribe/workstation.pem"
client_key_file = "/etc/wardscribe/workstation.key"
context_tokens = 16384
read_timeout_seconds = 90
allow_local_fallback = true
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(text)
    return path


def test_the_policy_names_the_server_and_everything_it_is_checked_against(
    tmp_path: Path,
) -> None:
    policy = load_policy(write(tmp_path, SERVER % ("ab" * 32)))
    assert policy is not None and policy.inference_server is not None
    server = policy.inference_server
    assert server.endpoint == "llm.ward.example.org:8443"
    assert server.pinned_sha256 == "ab" * 32
    assert server.context_tokens == 16384
    assert server.allow_local_fallback
    assert parse_model_meta(server.model_meta) == {"n_params": 8030261248, "size": 4912898304}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (("https://llm.ward", "http://llm.ward"), "url"),
        (('pinned_sha256 = "', 'pinned_sha256 = "X'), "pinned_sha256"),
        (('client_key_file = "/etc/wardscribe/workstation.key"\n', ""), "client_cert_file"),
        (("context_tokens = 16384", "context_tokens = 16"), "context_tokens"),
        (("allow_local_fallback", "allow_proxy"), "allow_proxy"),
        (("n_params=", "sha256="), "model_meta"),
        (("size=4912898304", "size=4.9 GB"), "model_meta"),
    ],
    ids=[
        "plain-http",
        "bad-pin",
        "certificate-without-key",
        "tiny-context",
        "unknown-key",
        "meta-the-server-never-reports",
        "meta-not-a-number",
    ],
)
def test_a_server_section_with_one_bad_value_stops_the_app_naming_it(
    tmp_path: Path, change: tuple[str, str], field: str
) -> None:
    with pytest.raises(PolicyInvalid, match=f"inference_server.*{field}|{field}.*inference_server"):
        load_policy(write(tmp_path, (SERVER % ("ab" * 32)).replace(*change)))


def test_a_url_carrying_credentials_is_refused(tmp_path: Path) -> None:
    text = (SERVER % ("ab" * 32)).replace("https://", "https://user:secret@")
    with pytest.raises(PolicyInvalid, match="credentials"):
        load_policy(write(tmp_path, text))


def test_the_network_guard_lets_the_server_through_and_nothing_else(tmp_path: Path) -> None:
    policy = load_policy(write(tmp_path, SERVER % ("ab" * 32)))
    guard = network_guard_for(policy)

    guard.check("socket.getaddrinfo", ("llm.ward.example.org", 8443, 0, 1, 6, 0))
    for other in ("api.openai.com", "llm.ward.example.org.evil.test", "ward.example.org"):
        with pytest.raises(PermissionError):
            guard.check("socket.getaddrinfo", (other, 443, 0, 1, 6, 0))


def test_without_a_server_in_the_policy_no_inference_host_is_allowed(tmp_path: Path) -> None:
    policy = load_policy(write(tmp_path, "[break_glass]\nenabled = true\n"))
    with pytest.raises(PermissionError):
        network_guard_for(policy).check("socket.getaddrinfo", ("llm.ward.example.org", 443))


def test_group_policy_values_make_the_same_server_section(tmp_path: Path) -> None:
    """What the ADMX writes: strings, a DWORD for the context and 1 for the fallback checkbox."""
    registry = {
        "inference_server": {
            "url": "https://llm.ward.example.org:8443",
            "model": "llama-3.1-8b-instruct-q4_k_m",
            "ca_file": "C:\\ProgramData\\WardScribe\\hospital-ca.pem",
            "context_tokens": 16384,
            "allow_local_fallback": 1,
        }
    }
    policy = load_policy(tmp_path / "absent.json", registry_tables=lambda: registry)
    assert policy is not None and policy.inference_server is not None
    assert policy.inference_server.allow_local_fallback is True
    assert policy.inference_server.context_tokens == 16384
