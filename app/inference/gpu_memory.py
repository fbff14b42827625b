"""How much dedicated GPU memory is in use, read from ggml's device registry.

Any failure means "unknown" (None): this feeds an About box, not a decision.
"""

import ctypes

from app.inference import ggml

_GGML_BACKEND_DEVICE_TYPE_GPU = 1


def gpu_memory_in_use() -> int | None:
    """Bytes in use on all dedicated GPUs together (by any process), or None without a GPU."""
    try:
        library = ggml.library()
    except (OSError, AttributeError):
        return None
    in_use = 0
    found = False
    for index in range(library.ggml_backend_dev_count()):
        device = library.ggml_backend_dev_get(index)
        if library.ggml_backend_dev_type(device) != _GGML_BACKEND_DEVICE_TYPE_GPU:
            continue
        free, total = ctypes.c_size_t(), ctypes.c_size_t()
        library.ggml_backend_dev_memory(device, ctypes.byref(free), ctypes.byref(total))
        in_use += total.value - free.value
        found = True
    return in_use if found else None
