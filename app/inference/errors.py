"""Inference failures a person can act on.

Like every WardScribeError these messages may be shown and logged, so they carry file paths,
hashes and token counts only: never prompt text, note text or model output.
"""

from pathlib import Path

from app.domain.errors import WardScribeError


class ModelMissing(WardScribeError):
    """The model file, or the packages it is assembled from, is not where it should be."""


class ModelHashMismatch(WardScribeError):
    """A model file is not the file that was approved: damaged, truncated or replaced."""

    def __init__(self, path: Path, expected: str, actual: str) -> None:
        super().__init__(
            f"The model file {path} is not the approved model: its SHA-256 is {actual}, "
            f"expected {expected}. Delete it and install the model again."
        )
        self.path = path
        self.expected = expected
        self.actual = actual


class ModelLoadFailed(WardScribeError):
    """llama.cpp could not load a file that passed its hash check, or could not make a context."""


class ChatTemplateUnsupported(WardScribeError):
    """The model's chat template is absent, or cannot be rendered safely."""


class ContextOverflow(WardScribeError):
    """The prompt and the room left for the answer do not fit the model's context window.

    The caller decides what to do (split the notes, shorten them); nothing is truncated here.
    """

    def __init__(self, prompt_tokens: int, max_tokens: int, n_ctx: int) -> None:
        super().__init__(
            f"The notes are too long for one draft: the prompt is {prompt_tokens:,} tokens and "
            f"the answer may need {max_tokens:,}, but the model's context holds {n_ctx:,}."
        )
        self.prompt_tokens = prompt_tokens
        self.max_tokens = max_tokens
        self.n_ctx = n_ctx

    @property
    def prompt_budget(self) -> int:
        """How many prompt tokens would fit with the same max_tokens."""
        return max(self.n_ctx - self.max_tokens, 0)


class GenerationFailed(WardScribeError):
    """llama.cpp reported an error while evaluating the prompt or generating."""


class ServerUnavailable(GenerationFailed):
    """The hospital's inference server could not be reached, or stopped answering."""


class ServerUntrusted(WardScribeError):
    """The server failed a check the policy sets: its certificate, its pin or its model.

    Nothing is sent to such a server; the message names what failed, never a note.
    """
