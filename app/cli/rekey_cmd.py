"""`wardscribe rekey`: move drafts.db and audit.db to new keys (IT; close WardScribe first)."""

import argparse

from app.cli.backup_cmd import sign_in_headless
from app.cli.options import add_start_options, start_options
from app.keys.keystore import KeyStore
from app.security.environment import Environment
from app.services.workstation import Workstation
from app.storage.backup import ensure_not_in_use
from app.storage.locations import DataLocations


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = subparsers.add_parser(
        "rekey", help="re-encrypt both databases under new keys (close WardScribe first)"
    )
    add_start_options(parser, in_subcommand=True)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    options = start_options(args)
    locations = DataLocations.resolve(options.data_dir or Environment().data_dir, options.demo)
    ensure_not_in_use(locations, KeyStore().database_key)
    workstation = Workstation.open(options)
    try:
        session = sign_in_headless(workstation)
        workstation.lifecycle.rotate_keys(session)
    finally:
        workstation.close()
    print("Both databases are now encrypted under new keys; the old keys were discarded.")
    return 0
