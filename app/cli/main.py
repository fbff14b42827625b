"""The `wardscribe` command: the window by default, headless subcommands otherwise."""

import argparse
import importlib
import sys
from collections.abc import Sequence

from pydantic import ValidationError

from app import __version__
from app.cli.options import add_start_options, start_options
from app.cli.selftest_cmd import add_self_test_flag
from app.domain.errors import WardScribeError
from app.services.startup import protect_process

_COMMAND_MODULES = (
    "app.cli.draft_cmd",
    "app.cli.summarize_cmd",
    "app.cli.audit_cmd",
    "app.cli.account_cmd",
    "app.cli.selftest_cmd",
    "app.cli.check_cmd",
    "app.cli.deidentify_cmd",
    "app.cli.doctor_cmd",
    "app.cli.backup_cmd",
    "app.cli.rekey_cmd",
    "app.cli.purge_cmd",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wardscribe",
        description="Local, encrypted, audited drafting of nursing and clinical notes.",
    )
    parser.add_argument("--version", action="version", version=f"WardScribe {__version__}")
    add_start_options(parser, in_subcommand=False)
    add_self_test_flag(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def _run_window(args: argparse.Namespace) -> int:
    from app.ui.application import run_window

    return run_window(start_options(args))


def main(argv: Sequence[str] | None = None) -> int:
    """Parse, protect the process, run the command.

    The window protects itself (`run_window`) so a refused start shows a dialog; the self-test
    runs in a scratch folder and must not create a crash log in the user's data folder.
    """
    args = build_parser().parse_args(argv)
    handler = getattr(args, "handler", _run_window)
    try:
        if handler is not _run_window and getattr(args, "protect", True):
            protect_process(start_options(args))
        return int(handler(args))
    except WardScribeError as error:
        print(f"wardscribe: {error}", file=sys.stderr)
        return 1
    except ValidationError as error:
        print(f"wardscribe: {_invalid_value(error)}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"wardscribe: {_file_problem(error)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _invalid_value(error: ValidationError) -> str:
    """Which value was refused and why, without echoing the value (it may be an MRN)."""
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "a value"
    return f"{field} is not accepted: {first['msg']}. Give a shorter or valid value."


def _file_problem(error: OSError) -> str:
    """A file or folder that could not be used, named, with the operating system's reason."""
    reason = error.strerror or str(error) or type(error).__name__
    where = "" if error.filename is None else f": {error.filename}"
    return f"{reason}{where}. Check the path and try again."
