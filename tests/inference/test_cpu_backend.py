"""The installed llama.cpp is the portable build, and its AMX path can never be taken.

ggml's AMX kernels crash on Q4_K models (llama.cpp issue 20824). These tests read the real
libraries installed beside libllama and the backend ggml really loaded on this machine.
"""

import importlib.metadata
from pathlib import Path

import pytest

from app.domain.generation import GenerationParams
from app.inference import cpu_backend
from app.inference.cpu_backend import AMX_BUFFER_TYPE, CpuBackend
from app.inference.engine import LlamaEngine
from app.inference.model_files import ModelSpec
from app.inference.types import ChatMessage

AMX_CODE = b"ggml_backend_amx_buffer_type"
"""A symbol every CPU backend compiled with AMX exports, and no other does."""


def _cpu_flags() -> set[str]:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


def test_the_installed_wheel_is_the_portable_build_not_one_from_pips_cache() -> None:
    wheel_metadata = importlib.metadata.distribution("llama-cpp-python").read_text("WHEEL")
    assert wheel_metadata is not None
    assert "Build: 1portable" in wheel_metadata.splitlines()


def test_a_cpu_variant_is_installed_for_every_x86_level_from_plain_x86_64_to_avx512() -> None:
    names = {cpu_backend.variant_name(path) for path in cpu_backend.variant_files()}
    assert {"x64", "sse42", "sandybridge", "haswell", "skylakex", "icelake", "zen4"} <= names


def test_no_installed_cpu_variant_carries_amx_code() -> None:
    files = cpu_backend.variant_files()
    assert files
    assert [path.name for path in files if AMX_CODE in path.read_bytes()] == []
    assert "sapphirerapids" not in {cpu_backend.variant_name(path) for path in files}


def test_the_loaded_variant_is_named_with_the_instruction_sets_it_uses() -> None:
    cpu_backend.load_backends()
    backend = cpu_backend.describe()
    assert backend.portable
    assert backend.variant in {cpu_backend.variant_name(p) for p in cpu_backend.variant_files()}
    flags = _cpu_flags()
    if "avx2" in flags:
        assert {"AVX", "AVX2", "FMA"} <= set(backend.instruction_sets)
    if "avx512f" in flags:
        assert "AVX512" in backend.instruction_sets
    assert backend.summary().startswith(f"{backend.variant} (")


def test_the_loaded_backend_offers_no_amx_weight_buffers() -> None:
    cpu_backend.load_backends()
    assert AMX_BUFFER_TYPE not in cpu_backend.describe().extra_buffer_types


def test_doctor_facing_engine_info_names_the_cpu_variant(tiny_spec: ModelSpec) -> None:
    with LlamaEngine(tiny_spec, n_ctx=512, n_threads=1) as engine:
        info = engine.load()
    assert info.cpu_variant == cpu_backend.describe().summary()
    assert info.amx_buffers_disabled is False


def test_a_backend_offering_amx_buffers_gets_a_model_without_extra_buffers(
    tiny_spec: ModelSpec, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stands in for a Sapphire Rapids host: no CPU here has AMX, so ggml's answer is replaced."""
    real = cpu_backend.describe()
    amx_host = CpuBackend(
        variant=real.variant,
        instruction_sets=(*real.instruction_sets, "AMX_INT8"),
        extra_buffer_types=(*real.extra_buffer_types, AMX_BUFFER_TYPE),
    )
    monkeypatch.setattr(cpu_backend, "describe", lambda: amx_host)
    with LlamaEngine(tiny_spec, n_ctx=512, n_threads=1) as engine:
        info = engine.load()
        assert info.amx_buffers_disabled is True
        answer = engine.generate(
            engine.tokenize([ChatMessage(role="user", content="Pt slept well.")]),
            GenerationParams(temperature=0.0, max_tokens=4),
        )
        assert "".join(answer)


def test_a_built_in_backend_is_reported_as_not_portable() -> None:
    native = CpuBackend(variant=None, instruction_sets=("AVX", "AVX2"), extra_buffer_types=())
    assert not native.portable
    assert native.summary() == "built-in (not the portable build) (AVX AVX2)"
