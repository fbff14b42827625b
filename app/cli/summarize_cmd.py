"""`wardscribe summarize`: summarize one long note, or several note files, without the window.

Several files are read in the order given and joined with a ruled line between them, so each
file starts a part of its own and the coverage report can say which one was condensed or left
out.
"""

import argparse
from pathlib import Path

from app.cli.generation import add_patient_and_output_options, generate_and_report
from app.cli.options import add_start_options
from app.domain.notes import NoteKind
from app.importers.notes_file import read_notes_file

FILE_SEPARATOR = "\n\n----------\n\n"


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = subparsers.add_parser(
        "summarize", help="summarize long notes from one or more files, oldest first"
    )
    add_start_options(parser, in_subcommand=True)
    parser.add_argument(
        "--input",
        type=Path,
        action="append",
        required=True,
        help="notes file (.txt, .rtf or .docx); repeat for several files, oldest first",
    )
    add_patient_and_output_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    notes = FILE_SEPARATOR.join(read_notes_file(path).strip() for path in args.input)
    return generate_and_report(args, NoteKind.SUMMARY, notes)
