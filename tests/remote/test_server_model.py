"""What a server's `/v1/models` entry tells the client about its model, as each server writes it,
and the numbers a policy can pin."""

import pytest

from app.inference.errors import ServerUntrusted
from app.inference.server_model import check_model_meta, model_report
from app.inference.server_policy import InferenceServerPolicy

LLAMA_SERVER_ENTRY = {
    "id": "ward-model",
    "aliases": ["ward-model"],
    "tags": [],
    "object": "model",
    "created": 1796532977,
    "owned_by": "llamacpp",
    "meta": {
        "vocab_type": 2,
        "n_vocab": 151936,
        "n_ctx": 4096,
        "n_ctx_train": 32768,
        "n_embd": 896,
        "n_params": 630167424,
        "size": 485452288,
        "ftype": "Q4_K - Medium",
    },
}
"""What llama.cpp's llama-server (0c1e570) listed for the embedded model (a 491,400,064-byte
file): `size` counts the tensors' bytes, not the file's."""


def pinning(meta: str | None) -> InferenceServerPolicy:
    return InferenceServerPolicy(
        url="https://llm.ward.test:8443", model="ward-model", model_meta=meta
    )


def test_llama_server_reports_the_tensor_bytes_and_parameter_count() -> None:
    entry = {
        "id": "ward-8b",
        "object": "model",
        "owned_by": "llamacpp",
        "meta": {"vocab_type": 2, "n_params": 8030261248, "size": 4920739840, "n_ctx_train": 8192},
    }

    assert model_report(entry) == (
        "owned_by=llamacpp, size=4920739840 bytes, parameters=8030261248, n_ctx_train=8192"
    )


def test_vllm_reports_what_it_loaded_and_its_context() -> None:
    entry = {"id": "ward-8b", "root": "/models/ward-8b", "max_model_len": 32768, "owned_by": "vllm"}

    assert model_report(entry) == "root=/models/ward-8b, max_model_len=32768, owned_by=vllm"


def test_an_entry_with_only_an_id_reports_nothing_more() -> None:
    assert model_report({"id": "ward-8b", "object": "model"}) is None


def test_llama_server_reports_vocabulary_and_quantization_too() -> None:
    assert model_report(LLAMA_SERVER_ENTRY) == (
        "owned_by=llamacpp, size=485452288 bytes, parameters=630167424, n_ctx_train=32768, "
        "n_vocab=151936, ftype=Q4_K - Medium"
    )


def test_the_numbers_the_policy_pins_pass_when_the_server_reports_them() -> None:
    pinned = "n_params=630167424, size=485452288, n_vocab=151936"

    assert check_model_meta(LLAMA_SERVER_ENTRY, pinning(pinned)) == pinned


def test_a_server_reporting_another_parameter_count_is_refused_naming_both() -> None:
    with pytest.raises(ServerUntrusted, match=r"n_params=630167424 \(the policy pins 494032768\)"):
        check_model_meta(LLAMA_SERVER_ENTRY, pinning("n_params=494032768"))


def test_a_server_that_reports_no_numbers_is_refused_when_the_policy_pins_some() -> None:
    with pytest.raises(ServerUntrusted, match="size=nothing"):
        check_model_meta({"id": "ward-model", "owned_by": "vllm"}, pinning("size=485452288"))


def test_a_policy_that_pins_no_numbers_checks_none() -> None:
    assert check_model_meta({"id": "ward-model"}, pinning(None)) is None
