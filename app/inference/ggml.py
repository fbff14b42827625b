"""The ggml library libllama runs on, with the registry functions WardScribe calls declared.

llama-cpp-python binds none of ggml's backend registry. Its own `llama_cpp._ggml` opens
`libggml.so` by path, which in a wheel is a copy of the `libggml.so.0` libllama links against,
not a link to it: the dynamic loader then keeps two ggml libraries with two registries, and
backends loaded into that one are invisible to llama.cpp. This opens the very file libllama
mapped, which the loader hands back as the same library.
"""

import ctypes
import sys
from functools import cache
from pathlib import Path

import llama_cpp


def library_dir() -> Path:
    """Where llama-cpp-python loaded libllama from, and so where the backend libraries lie."""
    return Path(llama_cpp.llama_cpp._base_path)


def mapped_files() -> list[Path]:
    """The files this process has mapped (Linux; empty elsewhere)."""
    maps = Path("/proc/self/maps")
    if not maps.exists():
        return []
    files = set()
    for line in maps.read_text().splitlines():
        fields = line.split(maxsplit=5)
        if len(fields) == 6 and fields[5].startswith("/"):
            files.add(fields[5])
    return sorted(Path(name) for name in files)


@cache
def library() -> ctypes.CDLL:
    """libggml as libllama uses it, with the registry functions declared."""
    if sys.platform == "win32":
        path = library_dir() / "ggml.dll"
    else:
        mapped = [
            p for p in mapped_files() if p.name.split(".so")[0] == "libggml" and ".so" in p.name
        ]
        path = mapped[0] if mapped else library_dir() / "libggml.so"
    ggml = ctypes.CDLL(str(path))
    _declare(ggml, "ggml_backend_reg_count", ctypes.c_size_t)
    _declare(ggml, "ggml_backend_load_all_from_path", None, ctypes.c_char_p)
    _declare(ggml, "ggml_backend_reg_by_name", ctypes.c_void_p, ctypes.c_char_p)
    _declare(
        ggml, "ggml_backend_reg_get_proc_address", ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p
    )
    _declare(ggml, "ggml_backend_dev_by_type", ctypes.c_void_p, ctypes.c_int)
    _declare(ggml, "ggml_backend_dev_count", ctypes.c_size_t)
    _declare(ggml, "ggml_backend_dev_get", ctypes.c_void_p, ctypes.c_size_t)
    _declare(ggml, "ggml_backend_dev_type", ctypes.c_int, ctypes.c_void_p)
    _declare(
        ggml,
        "ggml_backend_dev_memory",
        None,
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_size_t),
        ctypes.POINTER(ctypes.c_size_t),
    )
    _declare(ggml, "ggml_backend_buft_name", ctypes.c_char_p, ctypes.c_void_p)
    return ggml


def _declare(ggml: ctypes.CDLL, name: str, restype: object, *argtypes: object) -> None:
    function = getattr(ggml, name)
    function.restype = restype
    function.argtypes = list(argtypes)
