"""What this workstation runs on, for IT's `wardscribe doctor`, without any patient data.

It loads the model (checking its SHA-256) to report the real backend, or checks the hospital's
inference server the policy names (TLS, pin, the model listed) and which tokenizer counts long
notes there; and it verifies the audit chain. Nothing here reads a draft.
"""

from dataclasses import dataclass

import keyring

from app import __version__
from app.inference.remote import RemoteEngine
from app.security.environment import Environment
from app.services.workstation import Workstation


@dataclass(frozen=True)
class DoctorReport:
    """The facts `doctor` prints, in order, and whether the audit chain held."""

    facts: dict[str, object]
    healthy: bool


def examine(workstation: Workstation) -> DoctorReport:
    """Load the engine and verify the audit log of an open workstation, and describe both."""
    engine = workstation.engine_host.engine()
    info = workstation.engine_host.info or engine.info
    audit = workstation.audit.verify()
    facts: dict[str, object] = {
        "version": __version__,
        "data_dir": str(workstation.locations.root),
        "machine_policy": str(Environment().policy_path())
        if workstation.policy is not None
        else None,
        "locked_settings": sorted(workstation.settings.locked),
        "credential_store": type(keyring.get_keyring()).__module__,
        "audit_chain": {"intact": audit.ok, "events": audit.events_checked},
        "drafts_on": info.where,
        "model": {"file": info.model_file, "sha256": info.model_sha256, "verified": True}
        if info.server is None
        else {"id": info.model_file, "listed_by_server": True},
        "server": None
        if not isinstance(engine, RemoteEngine)
        else {"endpoint": info.server, "tokenizer": engine.tokenizer_name},
        "server_fallback_reason": info.server_fallback_reason,
        "backend": info.backend,
        "cpu_backend": info.cpu_variant,
        "amx_buffers_disabled": info.amx_buffers_disabled,
        "cpu_fallback_reason": info.cpu_fallback_reason,
        "gpu_offload_supported": info.gpu_offload_supported,
        "layers_offloaded": info.n_gpu_layers,
        "vram_used_bytes": info.vram_used_bytes,
        "context_tokens": info.n_ctx,
    }
    return DoctorReport(facts, audit.ok)
