"""`wardscribe account add`: create a local account on a standalone workstation."""

import argparse
import getpass
import sys

from app.cli.options import add_start_options, start_options
from app.domain.roles import Role
from app.security.environment import Environment
from app.services.workstation import Workstation


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = subparsers.add_parser("account", help="manage local accounts (standalone use)")
    actions = parser.add_subparsers(dest="account_action", required=True)
    add = actions.add_parser(
        "add",
        help="create a local account; the password comes from WARDSCRIBE_PASSWORD or a prompt",
    )
    add_start_options(add, in_subcommand=True)
    add.add_argument("--username", required=True)
    add.add_argument("--display-name", required=True)
    add.add_argument("--role", type=Role, choices=list(Role), required=True)
    add.set_defaults(handler=run_add)


def _new_password() -> str:
    secret = Environment().password
    if secret is not None:
        return secret.get_secret_value()
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("New password: ")
    if getpass.getpass("Repeat it: ") != first:
        raise SystemExit("wardscribe: the passwords differ; nothing was created.")
    return first


def run_add(args: argparse.Namespace) -> int:
    password = _new_password()
    workstation = Workstation.open(start_options(args))
    try:
        account = workstation.accounts.add(args.username, args.display_name, args.role, password)
    finally:
        workstation.close()
    print(f"Created local account {account.username} ({account.role.value}).")
    return 0
