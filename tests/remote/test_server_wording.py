"""The desk says where drafts are written: the hospital server by name, or this computer and why."""

from pytestqt.qtbot import QtBot

from app.domain.generation import EngineInfo, GenerationStats
from app.ui.backend_banner import BackendBanner
from app.ui.draft_status import backend_details, draft_status_line

SERVER = EngineInfo(
    backend="Server",
    n_gpu_layers=0,
    n_ctx=16384,
    model_file="llama-3.1-8b-instruct",
    model_sha256="",
    gpu_offload_supported=False,
    vram_used_bytes=None,
    server="llm.ward.example.org:8443",
)
FELL_BACK = EngineInfo(
    backend="CPU",
    n_gpu_layers=0,
    n_ctx=8192,
    model_file="qwen2.5-0.5b-instruct-q4_k_m.gguf",
    model_sha256="0" * 64,
    gpu_offload_supported=False,
    vram_used_bytes=None,
    server_fallback_reason="The hospital server llm.ward.example.org:8443 cannot be reached.",
)
STATS = GenerationStats(
    prompt_tokens=1600,
    reused_prompt_tokens=0,
    completion_tokens=300,
    prompt_seconds=0.4,
    generation_seconds=4.0,
    time_to_first_token=0.4,
    tokens_per_second=75.0,
    cancelled=False,
    hit_max_tokens=False,
)


def test_the_status_line_says_the_draft_was_written_on_the_hospital_server() -> None:
    assert draft_status_line(SERVER, STATS) == "Draft written in 4 s · on the hospital server."


def test_the_details_say_the_notes_go_to_that_server_only() -> None:
    details = backend_details(SERVER)
    assert "hospital server llm.ward.example.org:8443" in details
    assert "llama-3.1-8b-instruct" in details


def test_a_fallback_from_the_server_is_in_the_details_and_a_banner(qtbot: QtBot) -> None:
    assert FELL_BACK.where == "This computer (CPU)"
    assert "cannot be reached" in backend_details(FELL_BACK)
    banner = BackendBanner()
    qtbot.addWidget(banner)

    banner.show_backend(FELL_BACK)

    assert not banner.isHidden()
    assert banner.text().startswith("Drafting on this computer, not the hospital server")
    assert "cannot be reached" in banner.text()
    banner.show_backend(SERVER)
    assert banner.isHidden()
