"""The machine policy's `[inference_server]` section: the one hospital server that may draft.

Only the machine policy can name it, never the user's settings: sending notes off the
workstation is IT's decision, and every value here is what the connection is checked against.
"""

from pathlib import Path
from typing import Self
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

MODEL_META_KEYS = frozenset({"n_params", "size", "n_vocab", "n_ctx_train", "n_embd", "vocab_type"})
"""The numbers `llama-server` reports of its model (`/v1/models`, `meta`) that a policy may pin."""
_MODEL_META = r"^\w+=\d+(, ?\w+=\d+)*$"


class InferenceServerPolicy(BaseModel):
    """Where drafts are written when the workstation does not run the model itself."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    url: str = Field(min_length=9, max_length=2048)
    """`https://host:port`, optionally with a path prefix in front of `/v1/...`."""
    model: str = Field(min_length=1, max_length=256)
    """The model id the server must list at `/v1/models` before the first draft is sent."""
    ca_file: Path | None = None
    """PEM bundle of the CA that issued the server's certificate (or the self-signed certificate
    itself); without it the operating system's trust store is used."""
    pinned_sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    """SHA-256 of the server certificate (DER), checked after the chain and the host name."""
    client_cert_file: Path | None = None
    client_key_file: Path | None = None
    """For servers that require mutual TLS; both or neither."""
    api_key_file: Path | None = None
    """A file holding the server's API key (`llama-server --api-key-file`), sent as a bearer
    token; readable only by the accounts that run WardScribe."""
    model_meta: str | None = Field(default=None, max_length=512, pattern=_MODEL_META)
    """What `llama-server` must report of the model besides its name, as `key=value` pairs from
    its `/v1/models` `meta` (`n_params=8030261248, size=4912898304`): the name alone could be put
    on any file. No server reports a hash of the file, so this pins the kind of file (its
    parameter count, tensor bytes, vocabulary, quantization), not the exact weights."""
    context_tokens: int = Field(default=8192, ge=512, le=1_048_576)
    """Tokens one request may use on the server (a slot's context, not the whole KV cache)."""
    connect_timeout_seconds: float = Field(default=5.0, gt=0, le=60)
    read_timeout_seconds: float = Field(default=120.0, gt=0, le=3600)
    """The longest silence allowed while a draft streams, the wait for its first words included."""
    allow_local_fallback: bool = False
    """When the server cannot be reached at start, draft on this computer instead (with a
    banner) rather than not at all."""

    @field_validator("url")
    @classmethod
    def _https_only(cls, url: str) -> str:
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            raise ValueError("must be an https:// URL with a host name")
        if parts.query or parts.fragment or parts.username or parts.password:
            raise ValueError("must not carry a query, a fragment or credentials")
        return url.rstrip("/")

    @field_validator("model_meta")
    @classmethod
    def _known_meta(cls, meta: str | None) -> str | None:
        unknown = set(parse_model_meta(meta)) - MODEL_META_KEYS
        if unknown:
            raise ValueError(
                f"names {', '.join(sorted(unknown))}; llama-server reports "
                f"{', '.join(sorted(MODEL_META_KEYS))}"
            )
        return meta

    @model_validator(mode="after")
    def _client_pair(self) -> Self:
        if (self.client_cert_file is None) != (self.client_key_file is None):
            raise ValueError("client_cert_file and client_key_file go together")
        return self

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @property
    def endpoint(self) -> str:
        """`host:port`, as the window and the audit log name the server."""
        parts = urlsplit(self.url)
        return f"{parts.hostname}:{parts.port or 443}"


def parse_model_meta(meta: str | None) -> dict[str, int]:
    """`n_params=1, size=2` as `{"n_params": 1, "size": 2}`; empty for None."""
    if meta is None:
        return {}
    pairs = (pair.strip().partition("=") for pair in meta.split(","))
    return {key: int(value) for key, _, value in pairs}
