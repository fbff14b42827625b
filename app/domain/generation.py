"""What one draft asks of the model and what comes back: sampling settings, the engine a
draft ran on, and how the run went.

Plain values, so the desk, the CLI and the audit trail can show them without importing the
inference adapter that produces them.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Backend = Literal["CUDA", "CPU", "Server"]
"""`Server`: the hospital's inference server drafts; this computer runs no model."""


class GenerationParams(BaseModel):
    """Sampling settings for one draft.

    `temperature` 0 means greedy decoding. `seed` None draws a fresh seed, so a regenerated draft
    can differ; a fixed seed with the same prompt reproduces a draft on the same machine.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    temperature: float = Field(default=0.2, ge=0.0, le=2.0)
    top_p: float = Field(default=0.9, gt=0.0, le=1.0)
    top_k: int = Field(default=40, ge=0)
    repeat_penalty: float = Field(default=1.0, ge=1.0, le=2.0)
    max_tokens: int = Field(default=512, ge=1)
    seed: int | None = Field(default=None, ge=0, lt=2**32 - 1)
    grammar: str | None = None
    """A GBNF grammar the answer must match, built per request (a grounded draft's prose may
    use only the numbers in its notes); None lets the model write any text."""


class EngineInfo(BaseModel):
    """What a loaded engine runs on, for the About box and the audit trail."""

    model_config = ConfigDict(frozen=True)

    backend: Backend
    n_gpu_layers: int
    n_ctx: int
    model_file: str
    model_sha256: str
    gpu_offload_supported: bool
    vram_used_bytes: int | None
    cpu_fallback_reason: str | None = None
    """Why a build that can offload to the GPU runs on the CPU; the window shows it in a banner."""
    cpu_variant: str = ""
    """The CPU backend ggml loaded and the instruction sets it uses: `haswell (AVX, AVX2, …)`."""
    amx_buffers_disabled: bool = False
    """The CPU backend offered AMX weight buffers and the model was opened without them."""
    server: str | None = None
    """`host:port` of the hospital server that drafts (backend `Server`); `model_file` is then
    the model id the server listed."""
    server_fallback_reason: str | None = None
    """Why this computer drafts although the policy names a server; the window shows it."""
    server_model_report: str | None = None
    """What the server said of the model it serves, besides its id (`root=…, size=… bytes`),
    or that it said nothing more; no OpenAI-compatible server reports the file's hash."""

    @property
    def provenance(self) -> str:
        """Where a draft was written, as the draft records it: the model file and its pinned
        SHA-256 (checked before loading), or the server and what it reported of its model."""
        if self.server is not None:
            report = self.server_model_report or "nothing more about the model"
            return (
                f"hospital server {self.server}: model {self.model_file} as the server listed "
                f"it; the server reported {report}; no file hash (servers do not report one)"
            )
        return f"this computer: {self.model_file}, SHA-256 {self.model_sha256}"

    @property
    def where(self) -> str:
        """Where drafts are written, in the words the desk and `doctor` show."""
        if self.server is not None:
            return f"Hospital server ({self.model_file}, {self.server.rsplit(':', 1)[0]})"
        return f"This computer ({self.backend})"


class GenerationStats(BaseModel):
    """How one generate() call went.

    `prompt_tokens` counts the whole prompt; `reused_prompt_tokens` of them were already in the
    context from the previous call and were not evaluated again.
    """

    model_config = ConfigDict(frozen=True)

    prompt_tokens: int
    reused_prompt_tokens: int
    completion_tokens: int
    prompt_seconds: float
    generation_seconds: float
    time_to_first_token: float | None
    tokens_per_second: float
    cancelled: bool
    hit_max_tokens: bool

    @property
    def evaluated_prompt_tokens(self) -> int:
        return self.prompt_tokens - self.reused_prompt_tokens


class ReadingProgress(BaseModel):
    """How far the model has read its prompt, reported before each batch and once at the end.

    The model reads a long prompt in batches for minutes on a CPU; the desk says which one it
    is on ("part 3 of 8") and times the ones done to say how long is left. `parts` may change
    once, after the first batch, when the engine has measured how big a batch should be.
    """

    model_config = ConfigDict(frozen=True)

    done: int
    """Prompt tokens read so far in this run (tokens reused from the last run not counted)."""
    total: int
    """Prompt tokens this run reads."""
    part: int
    """The batch being read now, from 1; equal to `parts` once reading is finished."""
    parts: int

    @property
    def finished(self) -> bool:
        return self.done >= self.total


class MeasuredSpeed(BaseModel):
    """Tokens per second this workstation measured: reading a prompt, and writing.

    A fact about the machine, not about a patient or a person, so it is kept between sessions
    and the first draft of the day can already say about how long it will take.
    """

    model_config = ConfigDict(frozen=True)

    reading: float = Field(gt=0)
    writing: float = Field(gt=0)

    @classmethod
    def of(cls, stats: GenerationStats | None) -> "MeasuredSpeed | None":
        """From a finished run; None when the run measured too little to go by."""
        if stats is None or stats.prompt_seconds <= 0 or stats.tokens_per_second <= 0:
            return None
        evaluated = stats.evaluated_prompt_tokens
        if evaluated <= 0:
            return None
        return cls(reading=evaluated / stats.prompt_seconds, writing=stats.tokens_per_second)
