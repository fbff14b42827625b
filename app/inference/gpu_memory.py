"""How much dedicated GPU memory is in use, read from ggml's device registry.

llama-cpp-python does not bind ggml's device functions, so they are declared here against the
ggml library it ships. Any failure means "unknown" (None): this feeds an About box, not a decision.
"""

import ctypes
from typing import Any

_GGML_BACKEND_DEVICE_TYPE_GPU = 1


def gpu_memory_in_use() -> int | None:
    """Bytes in use on all dedicated GPUs together (by any process), or None without a GPU."""
    ggml = _ggml_library()
    if ggml is None:
        return None
    in_use = 0
    found = False
    for index in range(ggml.ggml_backend_dev_count()):
        device = ggml.ggml_backend_dev_get(index)
        if ggml.ggml_backend_dev_type(device) != _GGML_BACKEND_DEVICE_TYPE_GPU:
            continue
        free, total = ctypes.c_size_t(), ctypes.c_size_t()
        ggml.ggml_backend_dev_memory(device, ctypes.byref(free), ctypes.byref(total))
        in_use += total.value - free.value
        found = True
    return in_use if found else None


def _ggml_library() -> Any:
    try:
        from llama_cpp._ggml import libggml
    except (ImportError, OSError):
        return None
    try:
        libggml.ggml_backend_dev_count.restype = ctypes.c_size_t
        libggml.ggml_backend_dev_count.argtypes = []
        libggml.ggml_backend_dev_get.restype = ctypes.c_void_p
        libggml.ggml_backend_dev_get.argtypes = [ctypes.c_size_t]
        libggml.ggml_backend_dev_type.restype = ctypes.c_int
        libggml.ggml_backend_dev_type.argtypes = [ctypes.c_void_p]
        libggml.ggml_backend_dev_memory.restype = None
        libggml.ggml_backend_dev_memory.argtypes = [
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_size_t),
            ctypes.POINTER(ctypes.c_size_t),
        ]
    except AttributeError:
        return None
    return libggml
