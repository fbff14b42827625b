"""`wardscribe backup` and `wardscribe restore`: encrypted copies IT can restore anywhere.

The backup key is a 256-bit key of its own, kept in the credential store; IT escrows it with
`wardscribe backup --export-key` (or installs the hospital's with `--import-key`), and supplies
it on a replacement computer through WARDSCRIBE_BACKUP_KEY.
"""

import argparse
import os
import re
import sys
from pathlib import Path

from app.cli.credentials import sign_in
from app.cli.options import add_start_options, start_options
from app.domain.errors import AuthenticationFailed, InputRejected
from app.services.maintenance import BACKUP_KEY_ENV, restore
from app.services.session import Session
from app.services.workstation import Workstation

_HEX_KEY = re.compile("[0-9a-fA-F]{64}")


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    backup = subparsers.add_parser(
        "backup", help="copy the encrypted data under the backup key (WardScribe may be open)"
    )
    add_start_options(backup, in_subcommand=True)
    what = backup.add_mutually_exclusive_group(required=True)
    what.add_argument("--to", type=Path, metavar="DIR", help="write a new backup folder in DIR")
    what.add_argument(
        "--export-key", action="store_true", help="print the backup key (hex) for IT to escrow"
    )
    what.add_argument(
        "--import-key",
        action="store_true",
        help=f"store the escrowed key read from {BACKUP_KEY_ENV} or standard input",
    )
    backup.set_defaults(handler=run_backup)

    restore = subparsers.add_parser(
        "restore", help="replace the data with a verified backup (close WardScribe first)"
    )
    add_start_options(restore, in_subcommand=True)
    restore.add_argument(
        "--from", dest="source", type=Path, required=True, metavar="DIR", help="a backup folder"
    )
    restore.set_defaults(handler=run_restore)


def sign_in_headless(workstation: Workstation) -> Session:
    """`sign_in`, with a closed standard input reported as a refusal rather than a traceback."""
    try:
        return sign_in(workstation)
    except EOFError:
        raise AuthenticationFailed(
            "No username or password was given: set WARDSCRIBE_USER and WARDSCRIBE_PASSWORD, "
            "or run the command in a terminal.",
            "no_credentials",
        ) from None


def run_backup(args: argparse.Namespace) -> int:
    workstation = Workstation.open(start_options(args))
    try:
        session = sign_in_headless(workstation)
        lifecycle = workstation.lifecycle
        if args.export_key:
            print(lifecycle.export_backup_key(session))
            return 0
        if args.import_key:
            lifecycle.import_backup_key(session, _supplied_key(required=True) or b"")
            print("Backup key stored in the credential store.")
            return 0
        summary = lifecycle.back_up(session, args.to, _supplied_key(required=False))
    finally:
        workstation.close()
    print(f"Backup written to {summary.folder} ({summary.audit_events} audit events).")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    restored = restore(
        start_options(args), sign_in_headless, args.source, _supplied_key(required=False)
    )
    summary = restored.summary
    print(f"Restored {args.source} ({summary.audit_events} audit events, key {restored.key_id}).")
    if summary.set_aside is not None:
        print(f"The data it replaced is kept, still encrypted, in {summary.set_aside}.")
    return 0


def _supplied_key(*, required: bool) -> bytes | None:
    """The key IT supplies: WARDSCRIBE_BACKUP_KEY, else (for --import-key) standard input."""
    text = os.environ.get(BACKUP_KEY_ENV, "").strip()
    if not text and required:
        text = sys.stdin.readline().strip()
    if not text:
        return None
    if not _HEX_KEY.fullmatch(text):
        raise InputRejected("A backup key is 64 hexadecimal digits (256 bits).")
    return bytes.fromhex(text)
