"""`wardscribe rekey`: move drafts.db and audit.db to new keys (IT; close WardScribe first)."""

import argparse

from app.cli.backup_cmd import sign_in_headless
from app.cli.options import add_start_options, start_options
from app.services.maintenance import refuse_if_in_use
from app.services.workstation import Workstation


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = subparsers.add_parser(
        "rekey", help="re-encrypt both databases under new keys (close WardScribe first)"
    )
    add_start_options(parser, in_subcommand=True)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    options = start_options(args)
    refuse_if_in_use(options)
    workstation = Workstation.open(options)
    try:
        session = sign_in_headless(workstation)
        workstation.lifecycle.rotate_keys(session)
    finally:
        workstation.close()
    print("Both databases are now encrypted under new keys; the old keys were discarded.")
    return 0
