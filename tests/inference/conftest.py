"""Inference tests: tiny GGUF models run by real llama.cpp; the embedded model in slow tests."""

from collections.abc import Iterator

import pytest

from app.inference.engine import LlamaEngine
from app.inference.model_files import ModelSpec, assemble_embedded_model
from tests.fixtures.tiny_model import tiny_model_spec


@pytest.fixture(scope="session")
def tiny_spec(tmp_path_factory: pytest.TempPathFactory) -> ModelSpec:
    return tiny_model_spec(tmp_path_factory.mktemp("tiny-model"))


@pytest.fixture(scope="session")
def ending_spec(tmp_path_factory: pytest.TempPathFactory) -> ModelSpec:
    return tiny_model_spec(tmp_path_factory.mktemp("tiny-model-ends-turn"), ends_turn=True)


@pytest.fixture
def engine(tiny_spec: ModelSpec) -> Iterator[LlamaEngine]:
    with LlamaEngine(tiny_spec, n_ctx=32768, n_threads=2) as engine:
        engine.load()
        yield engine


@pytest.fixture(scope="session")
def embedded_spec(tmp_path_factory: pytest.TempPathFactory) -> ModelSpec:
    return assemble_embedded_model(tmp_path_factory.mktemp("models"))


@pytest.fixture(scope="session")
def embedded_engine(embedded_spec: ModelSpec) -> Iterator[LlamaEngine]:
    with LlamaEngine(embedded_spec, n_ctx=4096) as engine:
        engine.load()
        yield engine
