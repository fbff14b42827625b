"""`wardscribe doctor`: what this workstation runs on, for IT, without any patient data.

It loads the model (checking its SHA-256) to report the real backend: CUDA with the layers
offloaded and the VRAM in use, or CPU, and why a CUDA build fell back to the CPU; and which of
ggml's CPU variants this processor got, with the instruction sets it uses. Under a policy that
names an inference server it checks the server instead (TLS, pin, the model listed) and says
which tokenizer counts for long notes, or why this computer drafts instead. Nothing here reads a
draft.
"""

import argparse
import json

import keyring

from app import __version__
from app.cli.options import add_start_options, start_options
from app.inference.remote import RemoteEngine
from app.security.environment import Environment
from app.services.workstation import Workstation


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = subparsers.add_parser("doctor", help="report the model backend, storage and policy")
    add_start_options(parser, in_subcommand=True)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    workstation = Workstation.open(start_options(args))
    try:
        engine = workstation.engines.engine()
        info = workstation.engines.info or engine.info
        audit = workstation.audit.verify()
        report = {
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
    finally:
        workstation.close()
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for key, value in report.items():
            print(f"{key.replace('_', ' ')}: {value}")
    return 0 if audit.ok else 1
