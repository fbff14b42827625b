"""The few llama.cpp calls WardScribe makes, with Python types and owned native pointers.

Everything here goes through llama-cpp-python's ctypes bindings (`llama_cpp.llama_cpp`) rather
than its high-level `Llama` class: the engine needs control over batching, cancellation and the
KV cache that `Llama` does not expose, and none of the per-token Python work it adds.
"""

import ctypes
from pathlib import Path
from typing import Any

import llama_cpp

from app.inference import cpu_backend
from app.inference.errors import GenerationFailed, ModelLoadFailed

_CONTROL = llama_cpp.LLAMA_TOKEN_ATTR_CONTROL
_PIECE_BUFFER_BYTES = 128


@llama_cpp.llama_log_callback  # type: ignore[untyped-decorator]
def _discard_native_log(level: int, text: bytes, user_data: object) -> None:
    """Drop every llama.cpp and ggml log line.

    stderr may be collected into logs, and nothing guarantees a line never quotes model input.
    """


def init_backend() -> None:
    """Route llama.cpp's log away from stderr and load and initialise its backends (repeatable)."""
    llama_cpp.llama_log_set(_discard_native_log, ctypes.c_void_p(0))
    cpu_backend.load_backends()
    llama_cpp.llama_backend_init()


def gpu_offload_supported() -> bool:
    return bool(llama_cpp.llama_supports_gpu_offload())


def load_model(path: Path, *, n_gpu_layers: int, extra_buffers: bool = True) -> Any:
    """Load a GGUF file; `n_gpu_layers` -1 offloads every layer.

    `extra_buffers` False keeps the weights out of the CPU backend's extra buffer types
    (repacked layouts, AMX tiles), so their kernels are never used.
    """
    params = llama_cpp.llama_model_default_params()
    params.n_gpu_layers = n_gpu_layers
    params.use_extra_bufts = extra_buffers
    model = llama_cpp.llama_model_load_from_file(str(path).encode(), params)
    if not model:
        raise ModelLoadFailed(
            f"llama.cpp could not load the model file {path}. It passed its hash check, so the "
            "file is intact: this llama.cpp build may not support its architecture or "
            "quantization, or there is not enough memory."
        )
    return model


def create_context(
    model: Any, *, n_ctx: int, n_batch: int, n_ubatch: int, n_threads: int, path: Path
) -> Any:
    params = llama_cpp.llama_context_default_params()
    params.n_ctx = n_ctx
    params.n_batch = n_batch
    params.n_ubatch = n_ubatch
    params.n_seq_max = 1
    params.n_threads = n_threads
    params.n_threads_batch = n_threads
    params.flash_attn_type = llama_cpp.LLAMA_FLASH_ATTN_TYPE_ENABLED
    params.no_perf = True
    context = llama_cpp.llama_init_from_model(model, params)
    if not context:
        raise ModelLoadFailed(
            f"llama.cpp could not create a {n_ctx:,}-token context for {path}: there is probably "
            "not enough memory. Try a smaller context size."
        )
    return context


def chat_template(model: Any) -> str | None:
    """The model's own chat template (GGUF `tokenizer.chat_template`), if it has one."""
    template = llama_cpp.llama_model_chat_template(model, None)
    return template.decode() if template else None


def layer_count(model: Any) -> int:
    return int(llama_cpp.llama_model_n_layer(model))


class Vocab:
    """A model's tokenizer: text to tokens, and tokens back to bytes.

    `piece` reuses one buffer, so call it from one thread at a time (the engine's generation lock).
    """

    def __init__(self, model: Any) -> None:
        self._vocab = llama_cpp.llama_model_get_vocab(model)
        self._piece_buffer = ctypes.create_string_buffer(_PIECE_BUFFER_BYTES)
        self.size = int(llama_cpp.llama_vocab_n_tokens(self._vocab))
        self.adds_bos = bool(llama_cpp.llama_vocab_get_add_bos(self._vocab))
        self.bos = int(llama_cpp.llama_vocab_bos(self._vocab))
        self.bos_text = self._special_text(self.bos)
        self.eos_text = self._special_text(int(llama_cpp.llama_vocab_eos(self._vocab)))

    @property
    def handle(self) -> Any:
        """The native `llama_vocab` pointer, for samplers that read the vocabulary (grammars)."""
        return self._vocab

    def tokenize(self, text: str, *, parse_special: bool, add_bos: bool = False) -> list[int]:
        """Tokens for `text`; special-token spellings become special tokens only if asked."""
        data = text.encode()
        capacity = len(data) + 4
        while True:
            tokens = (llama_cpp.llama_token * capacity)()
            count = int(
                llama_cpp.llama_tokenize(
                    self._vocab, data, len(data), tokens, capacity, add_bos, parse_special
                )
            )
            if count >= 0:
                return list(tokens[:count])
            if -count <= capacity:
                raise GenerationFailed(f"llama.cpp could not tokenize the text (error {count}).")
            capacity = -count

    def piece(self, token: int) -> bytes:
        """The bytes a generated token stands for; control tokens give none."""
        length = llama_cpp.llama_token_to_piece(
            self._vocab, token, self._piece_buffer, _PIECE_BUFFER_BYTES, 0, False
        )
        if length < 0:
            buffer = ctypes.create_string_buffer(-length)
            length = llama_cpp.llama_token_to_piece(self._vocab, token, buffer, -length, 0, False)
            return buffer.raw[:length]
        return self._piece_buffer.raw[:length]

    def ends_turn(self, token: int) -> bool:
        """Whether a sampled token ends the answer: end-of-generation or any control token.

        A control token mid-answer (`<|im_start|>`, a FIM marker) means the model left the
        assistant turn; nothing after it belongs in a draft.
        """
        return bool(
            llama_cpp.llama_vocab_is_eog(self._vocab, token)
            or llama_cpp.llama_vocab_get_attr(self._vocab, token) & _CONTROL
        )

    def stop_sequences(self) -> frozenset[str]:
        """The spellings of every control and end-of-generation token.

        Generated control tokens are caught by `ends_turn`; these catch a model that spells one
        out with ordinary tokens, so the markup still never reaches a draft.
        """
        texts = {
            self._special_text(token)
            for token in range(self.size)
            if llama_cpp.llama_vocab_get_attr(self._vocab, token) & _CONTROL
            or llama_cpp.llama_vocab_is_eog(self._vocab, token)
        }
        return frozenset(text for text in texts if text.strip())

    def _special_text(self, token: int) -> str:
        if token == llama_cpp.LLAMA_TOKEN_NULL:
            return ""
        text = llama_cpp.llama_vocab_get_text(self._vocab, token)
        return text.decode(errors="replace") if text else ""
