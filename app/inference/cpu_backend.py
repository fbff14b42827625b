"""Which of ggml's CPU backends runs the model, and the guard that keeps AMX out of the way.

WardScribe's llama.cpp is built portable (`installer/llama_wheel.py`): one CPU backend library
per instruction-set level (`libggml-cpu-haswell.so`, `ggml-cpu-icelake.dll`, …) beside libllama,
of which ggml loads the best this processor can run. Nothing loads them by itself:
`load_backends` asks ggml to, before the first model is opened.

ggml's AMX path crashes on Q4_K models (llama.cpp issue 20824). The portable build ships no
variant compiled with AMX; should a library that has it be installed anyway (a native build on a
Sapphire Rapids host), `describe` reports its AMX weight buffers and the engine opens models with
extra buffer types off, so the AMX kernels are never reached.

"""

import ctypes
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from app.inference import ggml
from app.inference.ggml import library_dir

AMX_BUFFER_TYPE = "AMX"
"""The name ggml gives the weight buffers whose matrix products run on AMX tiles."""

_CPU_DEVICE_TYPE = 0  # GGML_BACKEND_DEVICE_TYPE_CPU
_BUILD_FEATURES = frozenset({"ACCELERATE", "KLEIDIAI", "LLAMAFILE", "OPENMP", "REPACK"})
"""Features ggml lists beside the instruction sets that say how it was built, not what it uses."""
_VARIANT_PREFIX = "ggml-cpu-"
_load_lock = threading.Lock()


class _Feature(ctypes.Structure):
    _fields_ = (("name", ctypes.c_char_p), ("value", ctypes.c_char_p))


@dataclass(frozen=True)
class CpuBackend:
    """The CPU backend in use: its variant, the instruction sets it uses, its weight buffers.

    `variant` is the name of the loaded variant library (`haswell`, `zen4`, `x64` …), or None
    for a build with a single CPU backend compiled in (`GGML_NATIVE`, not portable).
    """

    variant: str | None
    instruction_sets: tuple[str, ...]
    extra_buffer_types: tuple[str, ...]

    @property
    def portable(self) -> bool:
        return self.variant is not None

    @property
    def offers_amx(self) -> bool:
        return AMX_BUFFER_TYPE in self.extra_buffer_types

    def summary(self) -> str:
        """One line for doctor, the self-test and the desk: `haswell (SSE3 SSSE3 AVX AVX2 …)`."""
        name = self.variant or "built-in (not the portable build)"
        return f"{name} ({' '.join(self.instruction_sets) or 'baseline x86-64'})"


def variant_files(directory: Path | None = None) -> list[Path]:
    """The CPU variant libraries in `directory` (default: beside libllama), sorted by name."""
    directory = directory or library_dir()
    return sorted(path for path in directory.iterdir() if _is_variant(path))


def variant_name(path: Path) -> str:
    """`libggml-cpu-haswell.so` → `haswell`."""
    return path.name.removeprefix("lib").removeprefix(_VARIANT_PREFIX).split(".")[0]


def load_backends() -> None:
    """Let ggml load its best CPU backend (and a GPU backend, where built) from libllama's folder.

    Safe to repeat, and a no-op for a build whose backends are compiled into ggml.
    """
    with _load_lock:
        library = ggml.library()
        if library.ggml_backend_reg_count() == 0:
            library.ggml_backend_load_all_from_path(os.fsencode(library_dir()))


def describe() -> CpuBackend:
    """The CPU backend ggml runs on; `load_backends` first."""
    library = ggml.library()
    registry = library.ggml_backend_reg_by_name(b"CPU")
    device = library.ggml_backend_dev_by_type(_CPU_DEVICE_TYPE)
    if not registry or not device:
        return CpuBackend(variant=_loaded_variant(), instruction_sets=(), extra_buffer_types=())
    return CpuBackend(
        variant=_loaded_variant(),
        instruction_sets=_instruction_sets(library, registry),
        extra_buffer_types=_extra_buffer_types(library, registry, device),
    )


def _instruction_sets(library: ctypes.CDLL, registry: int) -> tuple[str, ...]:
    address = library.ggml_backend_reg_get_proc_address(registry, b"ggml_backend_get_features")
    if not address:
        return ()
    get_features = ctypes.CFUNCTYPE(ctypes.POINTER(_Feature), ctypes.c_void_p)(address)
    features = get_features(registry)
    names: list[str] = []
    index = 0
    while features[index].name is not None:
        name = features[index].name.decode()
        if features[index].value == b"1" and name not in _BUILD_FEATURES:
            names.append(name)
        index += 1
    return tuple(names)


def _extra_buffer_types(library: ctypes.CDLL, registry: int, device: int) -> tuple[str, ...]:
    address = library.ggml_backend_reg_get_proc_address(
        registry, b"ggml_backend_dev_get_extra_bufts"
    )
    if not address:
        return ()
    get_buffer_types = ctypes.CFUNCTYPE(ctypes.POINTER(ctypes.c_void_p), ctypes.c_void_p)(address)
    buffer_types = get_buffer_types(device)
    names: list[str] = []
    index = 0
    while buffer_types[index]:
        names.append(library.ggml_backend_buft_name(buffer_types[index]).decode())
        index += 1
    return tuple(names)


def _loaded_variant() -> str | None:
    """The variant library this process has loaded, asked of the operating system itself."""
    if sys.platform == "win32":
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        kernel32.GetModuleHandleW.restype = ctypes.c_void_p
        kernel32.GetModuleHandleW.argtypes = [ctypes.c_wchar_p]
        loaded = [path for path in variant_files() if kernel32.GetModuleHandleW(str(path))]
    else:
        loaded = [path for path in ggml.mapped_files() if _is_variant(path)]
    return variant_name(loaded[0]) if loaded else None


def _is_variant(path: Path) -> bool:
    return path.name.removeprefix("lib").startswith(_VARIANT_PREFIX) and path.suffix in (
        ".so",
        ".dll",
    )
