"""The draft pane's status line in a nurse's words, and its details for IT, without a window."""

from app.domain.coverage import Coverage, PartCoverage, PartStatus
from app.domain.generation import EngineInfo, GenerationStats
from app.ui.draft_status import draft_status_line, status_details

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
    prompt_seconds=10.0,
    generation_seconds=32.2,
    time_to_first_token=10.0,
    tokens_per_second=150.04,
    cancelled=False,
    hit_max_tokens=False,
)
ENGINEER_WORDS = ("gguf", "tokens/s", "cuda", "context", "parts", "facts only", "model:")


def _coverage(*statuses: PartStatus) -> Coverage:
    return Coverage(
        parts=tuple(
            PartCoverage(
                index=index,
                label="",
                first_line=index,
                last_line=index,
                characters=80,
                status=status,
            )
            for index, status in enumerate(statuses, start=1)
        )
    )


def test_before_any_draft_the_line_says_ready() -> None:
    assert draft_status_line(None, None) == "Ready."


def test_while_the_model_starts_the_line_says_so_not_that_it_is_missing() -> None:
    assert draft_status_line(None, None, generating=True) == "Starting the model…"
    assert draft_status_line(INFO, STATS, generating=True) == "Drafting…"


def test_after_a_run_the_line_says_how_long_the_draft_took() -> None:
    assert draft_status_line(INFO, STATS) == "Draft written in 42 s."


def test_shortened_notes_are_counted_in_notes_not_parts() -> None:
    coverage = _coverage(PartStatus.FACTS, PartStatus.LEFT_OUT, PartStatus.WHOLE)

    line = draft_status_line(INFO, STATS, coverage=coverage)

    assert line == (
        "Draft written in 42 s · 1 of 3 notes read in full, the older ones shortened to their "
        "facts; 1 NOT READ."
    )


def test_the_line_holds_no_engineer_words_in_any_state() -> None:
    coverage = _coverage(PartStatus.FACTS, PartStatus.WHOLE)
    lines = [
        draft_status_line(None, None),
        draft_status_line(None, None, generating=True),
        draft_status_line(INFO, STATS, generating=True),
        draft_status_line(INFO, STATS, coverage=coverage),
    ]

    for line in lines:
        assert not [word for word in ENGINEER_WORDS if word in line.lower()], line


def test_the_details_name_model_backend_speed_context_and_coverage() -> None:
    details = status_details(INFO, STATS, _coverage(PartStatus.CONDENSED, PartStatus.WHOLE))

    assert "Model file: qwen2.5-0.5b-instruct-q4_k_m.gguf" in details
    assert "Backend: CUDA, 99 layers on the GPU" in details
    assert "Speed: 150.0 tokens/s" in details
    assert "Context: 2,048 of 8,192 tokens (25%)" in details
    assert "Coverage: 1 of 2 parts whole, 1 condensed" in details
