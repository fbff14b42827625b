"""A CUDA build whose GPU cannot take the model falls back to the CPU and says why.

No GPU runs here, so the two native calls that decide the GPU path are stood in for: the build
claims GPU offload and every attempt to load with layers on the GPU fails, as it does on a
workstation whose driver is too old or whose VRAM is too small. Everything else is real llama.cpp.
"""

import threading

import pytest

from app.domain.generation import GenerationParams
from app.inference.engine import LlamaEngine
from app.inference.model_files import ModelSpec
from app.inference.types import ChatMessage
from tests.fixtures.broken_gpu import GPU_ERROR, break_the_gpu


@pytest.fixture
def broken_gpu(monkeypatch: pytest.MonkeyPatch) -> None:
    break_the_gpu(monkeypatch)


@pytest.mark.usefixtures("broken_gpu")
def test_a_failed_gpu_load_falls_back_to_the_cpu_and_says_why(tiny_spec: ModelSpec) -> None:
    with LlamaEngine(tiny_spec, n_ctx=512, n_threads=1) as engine:
        info = engine.load()

    assert (info.backend, info.n_gpu_layers) == ("CPU", 0)
    assert info.gpu_offload_supported
    assert info.cpu_fallback_reason is not None
    assert GPU_ERROR in info.cpu_fallback_reason


@pytest.mark.usefixtures("broken_gpu")
def test_the_fallback_engine_still_drafts(tiny_spec: ModelSpec) -> None:
    messages = [ChatMessage(role="user", content="BP 128/76 at 0700.")]
    with LlamaEngine(tiny_spec, n_ctx=512, n_threads=1) as engine:
        pieces = list(
            engine.generate(
                engine.tokenize(messages), GenerationParams(max_tokens=8), threading.Event()
            )
        )

    assert "".join(pieces)


def test_a_model_loaded_where_asked_reports_no_fallback(tiny_spec: ModelSpec) -> None:
    with LlamaEngine(tiny_spec, n_ctx=512, n_threads=1) as engine:
        info = engine.load()

    assert info.cpu_fallback_reason is None
