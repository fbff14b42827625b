"""What an OpenAI-compatible server says of the model it serves, besides its id.

`/v1/models` lists each model's `id`; llama.cpp's `llama-server` adds a `meta` object (file
size in bytes, parameter count, training context) and vLLM adds `root` (the path or repository
it loaded) and `max_model_len`. Neither reports a hash of the model file, so the client can
check the id and, where given, the size and parameter count, but cannot prove which file's
weights the server runs: that rests on the server's administrators. The report is recorded
with every draft written on the server, so its provenance says what was known and no more.
"""

from typing import Any

_TOP_LEVEL = ("root", "max_model_len", "owned_by")
_META = (
    ("size", "size", " bytes"),
    ("n_params", "parameters", ""),
    ("n_ctx_train", "n_ctx_train", ""),
)
_MAX_VALUE_CHARS = 200


def model_report(entry: dict[str, Any]) -> str | None:
    """`root=…, size=… bytes, parameters=…`, from the fields the server gave; None if none."""
    parts = [f"{key}={_short(entry[key])}" for key in _TOP_LEVEL if entry.get(key) is not None]
    meta = entry.get("meta")
    if isinstance(meta, dict):
        parts += [
            f"{label}={_short(meta[key])}{unit}"
            for key, label, unit in _META
            if meta.get(key) is not None
        ]
    return ", ".join(parts) or None


def _short(value: object) -> str:
    text = str(value).replace("\n", " ")
    return text if len(text) <= _MAX_VALUE_CHARS else text[:_MAX_VALUE_CHARS] + "…"
