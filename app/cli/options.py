"""Options every entry point shares, accepted before or after the subcommand."""

import argparse
from pathlib import Path

from app.services.workstation import StartOptions


def add_start_options(parser: argparse.ArgumentParser, *, in_subcommand: bool) -> None:
    """Add --demo and --data-dir; a subcommand's copy must not reset what the main parser read."""
    default_demo: object = argparse.SUPPRESS if in_subcommand else False
    default_dir: object = argparse.SUPPRESS if in_subcommand else None
    parser.add_argument(
        "--demo",
        action="store_true",
        default=default_demo,
        help="use the demo data directory and the demo account (refused under a machine policy)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=default_dir,
        metavar="DIR",
        help="where the encrypted databases and the model live (default: the user data folder; "
        "also WARDSCRIBE_DATA_DIR)",
    )


def start_options(args: argparse.Namespace) -> StartOptions:
    return StartOptions(data_dir=args.data_dir, demo=args.demo)
