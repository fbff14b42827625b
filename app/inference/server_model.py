"""What an OpenAI-compatible server says of the model it serves, besides its id.

`/v1/models` lists each model's `id`; llama.cpp's `llama-server` adds a `meta` object (the
bytes of the model's tensors, which is a little less than the file's size, the parameter count,
the vocabulary, the quantization and the training context) and vLLM adds `root` (the path or
repository it loaded) and `max_model_len`. Neither reports a hash of the model file, so the
client can check the id and, where the policy pins them (`model_meta`), those numbers, but cannot
prove which file's weights the server runs: a fine-tune of the same model, quantized the same
way, reports the same numbers. That rests on the server's administrators. The report is recorded
with every draft written on the server, so its provenance says what was known and no more.
"""

from typing import Any

from app.inference.errors import ServerUntrusted
from app.inference.server_policy import InferenceServerPolicy, parse_model_meta

_TOP_LEVEL = ("root", "max_model_len", "owned_by")
_META = (
    ("size", "size", " bytes"),
    ("n_params", "parameters", ""),
    ("n_ctx_train", "n_ctx_train", ""),
    ("n_vocab", "n_vocab", ""),
    ("ftype", "ftype", ""),
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


def check_model_meta(entry: dict[str, Any], policy: InferenceServerPolicy) -> str | None:
    """Raise ServerUntrusted unless the entry reports every number the policy pins.

    Returns what was checked (`n_params=…, size=…`) for the draft's provenance, or None when
    the policy pins nothing.
    """
    pinned = parse_model_meta(policy.model_meta)
    if not pinned:
        return None
    meta = entry.get("meta")
    reported = meta if isinstance(meta, dict) else {}
    differing = [
        f"{key}={reported.get(key, 'nothing')} (the policy pins {value})"
        for key, value in pinned.items()
        if reported.get(key) != value or isinstance(reported.get(key), bool)
    ]
    if differing:
        raise ServerUntrusted(
            f"The hospital server {policy.endpoint} serves {policy.model!r} but reports "
            f"{', '.join(differing)}: not the model file the machine policy approves; no note "
            "was sent."
        )
    return ", ".join(f"{key}={value}" for key, value in pinned.items())


def _short(value: object) -> str:
    text = str(value).replace("\n", " ")
    return text if len(text) <= _MAX_VALUE_CHARS else text[:_MAX_VALUE_CHARS] + "…"
