"""`wardscribe draft`: draft a note from a notes file without the window."""

import argparse
from pathlib import Path

from app.cli.generation import add_patient_and_output_options, generate_and_report
from app.cli.options import add_start_options
from app.domain.grounded.draft import DraftMode
from app.domain.notes import NoteKind
from app.importers.notes_file import read_notes_file


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = subparsers.add_parser("draft", help="draft a note from shift notes in a file")
    add_start_options(parser, in_subcommand=True)
    parser.add_argument(
        "--kind",
        type=NoteKind,
        choices=list(NoteKind),
        default=NoteKind.SHIFT_SBAR,
        help="the kind of note to draft (default: shift-sbar)",
    )
    parser.add_argument(
        "--input", type=Path, required=True, help="notes file: UTF-8 .txt, .rtf or .docx"
    )
    parser.add_argument(
        "--mode",
        type=DraftMode,
        choices=list(DraftMode),
        default=DraftMode.GROUNDED,
        help="who writes what: grounded (default: facts copied from the notes, the model "
        "writes only the prose), facts-only (no model) or whole (the model writes the note)",
    )
    add_patient_and_output_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    return generate_and_report(args, args.kind, read_notes_file(args.input), args.mode)
