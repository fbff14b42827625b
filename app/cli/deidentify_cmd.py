"""`wardscribe deidentify`: write a copy of a notes file with Safe Harbor identifiers replaced.

The copy goes to --output, or to standard output, and starts with a line saying how it was
made. Only counts of what was replaced, per kind, go to standard error, never the identifiers.
"""

import argparse
import sys
from pathlib import Path

from app.cli.check_cmd import EXIT_BAD_INPUT
from app.domain.deidentify import DateMethod, deidentify
from app.domain.errors import InputRejected
from app.importers.notes_file import read_notes_file


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = subparsers.add_parser(
        "deidentify",
        help="write a copy of a notes file with identifiers replaced by tokens",
        description=(
            "Replace HIPAA Safe Harbor identifiers (names, dates, ages over 89, record, phone "
            "and pager numbers, places and more): each person by one tag such as [PATIENT] or "
            "[RELATIVE-1], dates by [DATE] or shifted by one hidden offset. Review the copy "
            "before sharing it."
        ),
    )
    parser.add_argument(
        "--dates",
        choices=[method.value for method in DateMethod],
        default=DateMethod.REMOVE.value,
        help="remove dates (default) or shift them all by one random offset, keeping intervals",
    )
    parser.add_argument(
        "--input", required=True, type=Path, help="the notes file (.txt, .rtf or .docx)"
    )
    parser.add_argument(
        "--output", type=Path, help="where to write the copy (default: standard output)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.output is not None and _same_file(args.input, args.output):
        print(
            f"wardscribe deidentify: {args.output}: refusing to overwrite the input; "
            "choose another --output",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    try:
        text = read_notes_file(args.input)
    except InputRejected as error:
        print(f"wardscribe deidentify: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    result = deidentify(text, dates=DateMethod(args.dates))
    copy = f"{result.method}\n\n{result.text}"
    if args.output is None:
        sys.stdout.write(copy)
    else:
        try:
            args.output.write_text(copy, encoding="utf-8")
        except OSError as error:
            reason = error.strerror or "cannot be written"
            print(f"wardscribe deidentify: {args.output}: {reason.lower()}", file=sys.stderr)
            return EXIT_BAD_INPUT
    counts = result.counts()
    summary = ", ".join(f"{kind} {count}" for kind, count in counts.items()) or "none"
    print(
        f"wardscribe deidentify: replaced {len(result.replacements)} ({summary})", file=sys.stderr
    )
    return 0


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve()
    except OSError:
        return False
