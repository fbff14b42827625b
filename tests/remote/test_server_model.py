"""What a server's `/v1/models` entry tells the client about its model, as each server writes it."""

from app.inference.server_model import model_report


def test_llama_server_reports_the_file_size_and_parameter_count() -> None:
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
