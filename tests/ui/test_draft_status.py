"""The draft pane's status line, formatted without a window."""

from app.domain.generation import EngineInfo, GenerationStats
from app.ui.draft_status import draft_status_line

INFO = EngineInfo(
    backend="CUDA",
    n_gpu_layers=99,
    n_ctx=8192,
    model_file="qwen2.5-0.5b-instruct-q4_k_m.gguf",
    model_sha256="0" * 64,
    gpu_offload_supported=True,
    vram_used_bytes=None,
)
STATS = GenerationStats(
    prompt_tokens=2048,
    reused_prompt_tokens=0,
    completion_tokens=300,
    prompt_seconds=1.0,
    generation_seconds=2.0,
    time_to_first_token=1.0,
    tokens_per_second=150.04,
    cancelled=False,
    hit_max_tokens=False,
)


def test_before_the_model_loads_the_line_says_so() -> None:
    assert draft_status_line(None, None) == "Model: not loaded yet"


def test_after_a_run_the_line_names_model_backend_speed_and_context_used() -> None:
    assert draft_status_line(INFO, STATS) == (
        "Model: qwen2.5-0.5b-instruct-q4_k_m.gguf · CUDA · 150.0 tokens/s"
        " · context 2,048 of 8,192 tokens (25%)"
    )


def test_while_generating_the_line_shows_no_stale_speed() -> None:
    line = draft_status_line(INFO, STATS, generating=True)

    assert line.endswith("· CUDA · generating…")


def test_the_source_coverage_follows_the_context_used() -> None:
    line = draft_status_line(INFO, STATS, coverage="covers 12 of 14 source facts")

    assert line.endswith("(25%) · covers 12 of 14 source facts")


def test_a_cpu_engine_is_named_as_such() -> None:
    cpu = INFO.model_copy(update={"backend": "CPU"})

    assert " · CPU · " in draft_status_line(cpu, STATS)
