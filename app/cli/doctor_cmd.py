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

from app.cli.options import add_start_options, start_options
from app.services.doctor import examine
from app.services.workstation import Workstation


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = subparsers.add_parser("doctor", help="report the model backend, storage and policy")
    add_start_options(parser, in_subcommand=True)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    workstation = Workstation.open(start_options(args))
    try:
        report = examine(workstation)
    finally:
        workstation.close()
    if args.json:
        print(json.dumps(report.facts, indent=2))
    else:
        for key, value in report.facts.items():
            print(f"{key.replace('_', ' ')}: {value}")
    return 0 if report.healthy else 1
