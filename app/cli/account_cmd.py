"""`wardscribe account add`: create a local account; `account my-credentials`: the signer's own
credentials, for anyone signed in, local or directory account alike.

The first account of a standalone workstation needs no sign-in (there is nobody to sign in
yet); every later one is created by an administrator who signs in first. Passwords never come
from the command line, where every local user could read them (`ps`, /proc/PID/cmdline).
"""

import argparse
import getpass
import os
import sys

from app.cli.credentials import sign_in
from app.cli.options import add_start_options, start_options
from app.domain.roles import Role
from app.services.accounts import policy_password_hash
from app.services.session import Session
from app.services.startup import headless_credentials
from app.services.workstation import Workstation

NEW_PASSWORD_ENV = "WARDSCRIBE_NEW_PASSWORD"  # noqa: S105 - a variable name, not a secret


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = subparsers.add_parser("account", help="manage local accounts (standalone use)")
    actions = parser.add_subparsers(dest="account_action", required=True)
    add = actions.add_parser(
        "add",
        help="create a local account; the first one needs no sign-in, later ones an "
        "administrator's. The first account's password comes from WARDSCRIBE_PASSWORD or a "
        f"prompt; a later one's from {NEW_PASSWORD_ENV} or a prompt (one line of stdin each "
        "when it is not a terminal: the administrator's password, then the new one)",
    )
    add_start_options(add, in_subcommand=True)
    add.add_argument("--username", required=True)
    add.add_argument("--display-name", required=True)
    add.add_argument("--role", type=Role, choices=list(Role), required=True)
    add.add_argument(
        "--credentials",
        default="",
        help='professional credentials printed after the name on signed notes ("RN, BSN")',
    )
    add.set_defaults(handler=run_add)
    hashed = actions.add_parser(
        "hash-password",
        help="print the argon2id hash of a password for the machine policy's [administrator] "
        "password_hash; the password comes from a prompt (or one line of stdin), never argv",
    )
    hashed.set_defaults(handler=run_hash_password, protect=False)
    mine = actions.add_parser(
        "my-credentials",
        help="show, or set, the professional credentials printed after your own name on what "
        "you sign; anyone signed in, whether their account is local or in the directory",
    )
    add_start_options(mine, in_subcommand=True)
    mine.add_argument(
        "credentials",
        nargs="?",
        help='what to print after your name ("RN, BSN"); "" clears them, so your account\'s '
        "or the directory's apply again from your next sign-in",
    )
    mine.set_defaults(handler=run_my_credentials)


def _new_password(from_environment: str | None) -> str:
    if from_environment is not None:
        return from_environment
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("New account's password: ")
    if getpass.getpass("Repeat it: ") != first:
        raise SystemExit("wardscribe: the passwords differ; nothing was created.")
    return first


def _first_account_password() -> str:
    secret = headless_credentials().password
    return _new_password(None if secret is None else secret.get_secret_value())


def run_hash_password(_args: argparse.Namespace) -> int:
    """Print a hash IT can put in the policy; nothing is opened, stored or audited."""
    print(policy_password_hash(_new_password(None)))
    return 0


def run_add(args: argparse.Namespace) -> int:
    workstation = Workstation.open(start_options(args))
    administrator: Session | None = None
    try:
        if workstation.accounts.needs_administrator:
            administrator = sign_in(workstation)
            password = _new_password(os.environ.get(NEW_PASSWORD_ENV))
        else:
            password = _first_account_password()
        account = workstation.accounts.add(
            args.username,
            args.display_name,
            args.role,
            password,
            by=administrator,
            credentials=args.credentials,
        )
    finally:
        if administrator is not None:
            workstation.auth.sign_out(administrator)
        workstation.close()
    print(f"Created local account {account.username} ({account.role.value}).")
    return 0


def run_my_credentials(args: argparse.Namespace) -> int:
    """Sign in, set the credentials when given, and say how the signature reads now."""
    workstation = Workstation.open(start_options(args))
    try:
        session = sign_in(workstation)
        try:
            if args.credentials is not None:
                workstation.credentials.set_own(session, args.credentials)
            signature = session.principal.signature_name
        finally:
            workstation.auth.sign_out(session)
    finally:
        workstation.close()
    print(f"You sign as: {signature}")
    return 0
