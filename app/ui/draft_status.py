"""The one-line status under the draft: which model, on what, how fast, how full, how covered.

Pure formatting with no Qt, so every wording is unit-tested without a window.
"""

from app.domain.generation import EngineInfo, GenerationStats

SEPARATOR = " · "


def draft_status_line(
    info: EngineInfo | None,
    stats: GenerationStats | None,
    *,
    generating: bool = False,
    coverage: str | None = None,
) -> str:
    """`stats` describe the last finished run; while `generating`, its speed is not known yet."""
    if info is None:
        return "Model: not loaded yet" + (SEPARATOR + "loading…" if generating else "")
    parts = [info.where] if info.server is not None else [f"Model: {info.model_file}", info.backend]
    if generating:
        parts.append("generating…")
    elif stats is not None:
        parts.append(f"{stats.tokens_per_second:.1f} tokens/s")
        used = stats.prompt_tokens / info.n_ctx if info.n_ctx else 0.0
        parts.append(f"context {stats.prompt_tokens:,} of {info.n_ctx:,} tokens ({used:.0%})")
    if coverage and not generating:
        parts.append(coverage)
    return SEPARATOR.join(parts)


def backend_details(info: EngineInfo | None) -> str:
    """What the model runs on, in full, for IT: the status line's tooltip."""
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
