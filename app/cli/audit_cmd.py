"""`wardscribe audit verify`: is the audit log intact?"""

import argparse

from app.cli.options import add_start_options, start_options
from app.services.workstation import Workstation


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = subparsers.add_parser("audit", help="work with the audit log")
    actions = parser.add_subparsers(dest="audit_action", required=True)
    verify = actions.add_parser("verify", help="check the hash chain; exit 1 at the first bad row")
    add_start_options(verify, in_subcommand=True)
    verify.set_defaults(handler=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    workstation = Workstation.open(start_options(args))
    try:
        result = workstation.audit.verify()
    finally:
        workstation.close()
    if result.ok:
        print(f"Audit log intact: {result.events_checked} events verified.")
        return 0
    print(
        f"Audit log BROKEN at row {result.first_bad_seq}: {result.problem} "
        f"({result.events_checked} events checked before it)."
    )
    return 1
