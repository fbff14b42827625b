"""The one-line status under the draft, in a nurse's words, and its details for IT.

The line says what is happening and how long it took; the model file, backend, speed, context
use and the coverage figures are the details IT asks for, so they live in the tooltip. Pure
formatting with no Qt, so every wording is unit-tested without a window.
"""

from app.domain.coverage import Coverage, PartStatus
from app.domain.generation import EngineInfo, GenerationStats

SEPARATOR = " · "


def nurse_coverage(coverage: Coverage | None) -> str | None:
    """How much of the notes the draft was written from, or None when it read them all."""
    if coverage is None or coverage.complete:
        return None
    total = len(coverage.parts)
    whole = coverage.count(PartStatus.WHOLE)
    line = f"{whole} of {total} notes read in full, the older ones shortened to their facts"
    if left_out := coverage.count(PartStatus.LEFT_OUT):
        line += f"; {left_out} NOT READ"
    return line


def draft_status_line(
    info: EngineInfo | None,
    stats: GenerationStats | None,
    *,
    generating: bool = False,
    coverage: Coverage | None = None,
) -> str:
    """`stats` describe the last finished run; while `generating` the line says only that."""
    if generating:
        return "Starting the model…" if info is None else "Drafting…"
    if stats is None:
        return "Ready."
    seconds = stats.prompt_seconds + stats.generation_seconds
    parts = [f"Draft written in {seconds:.0f} s" if seconds >= 1 else "Draft written"]
    if info is not None and info.server is not None:
        parts.append("on the hospital server")
    if shortened := nurse_coverage(coverage):
        parts.append(shortened)
    return SEPARATOR.join(parts) + "."


def status_details(
    info: EngineInfo | None, stats: GenerationStats | None, coverage: Coverage | None
) -> str:
    """The status line's tooltip: the backend in full, the last run's speed, context and
    coverage figures."""
    lines = [backend_details(info)]
    if stats is not None:
        lines.append(f"Speed: {stats.tokens_per_second:.1f} tokens/s")
        if info is not None and info.n_ctx:
            used = stats.prompt_tokens / info.n_ctx
            lines.append(f"Context: {stats.prompt_tokens:,} of {info.n_ctx:,} tokens ({used:.0%})")
    if coverage is not None:
        lines.append(coverage.status_line)
    return "\n".join(lines)


def backend_details(info: EngineInfo | None) -> str:
    """What the model runs on, in full, for IT."""
    if info is None:
        return "The model is not loaded yet."
    if info.server is not None:
        return (
            f"Drafts are written on the hospital server {info.server}, over verified TLS.\n"
            f"Model: {info.model_file} (as the server lists it)\n"
            f"Context: {info.n_ctx:,} tokens per draft"
        )
    lines = [
        f"Model file: {info.model_file}",
        f"Backend: {info.backend}"
        + (f", {info.n_gpu_layers} layers on the GPU" if info.n_gpu_layers else ""),
        f"CPU variant: {info.cpu_variant}",
    ]
    if info.amx_buffers_disabled:
        lines.append("AMX weight buffers: off (they crash on this model type)")
    if info.server_fallback_reason:
        lines.append(f"Not drafting on the hospital server because: {info.server_fallback_reason}")
    if info.cpu_fallback_reason:
        lines.append(f"Running on the CPU because: {info.cpu_fallback_reason}")
    return "\n".join(lines)
