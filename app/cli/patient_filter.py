"""The one patient an `audit export` or a `legal-hold` is about, read off the command line.

Both commands name a patient by MRN, and an argument is readable by every local user (`ps`,
/proc/PID/cmdline) while the command runs, so the MRN comes from `--patient-file FILE`, from
stdin (`--patient-file -`) or, where the command asks for it, a prompt at a terminal, exactly as
`draft` reads its patient. `--patient MRN` is still recognised, only to be refused with what to
do instead (without it, argparse would take `--patient` as an abbreviation of
`--patient-file`).
"""

import argparse
import sys

from app.cli.patient_identity import read_patient_file
from app.domain.errors import InputRejected

_ON_COMMAND_LINE = (
    "An MRN on the command line is visible to every local user while the command runs. "
    "Put the MRN in a file and pass --patient-file FILE, or pipe it in with --patient-file -."
)


def add_patient_file_option(container: "argparse._ActionsContainer", *, purpose: str) -> None:
    """`--patient-file` for `purpose` (e.g. "only events about this patient"), and the refused
    `--patient`."""
    container.add_argument(
        "--patient-file",
        metavar="FILE",
        help=f"a file (or - for stdin) holding the patient's MRN on one line: {purpose}",
    )
    container.add_argument("--patient", dest="refused_patient", help=argparse.SUPPRESS)


def patient_mrn(args: argparse.Namespace, *, ask: bool) -> str | None:
    """The MRN from --patient-file or, when `ask` and at a terminal, a prompt; None when
    nothing names a patient."""
    if args.refused_patient is not None:
        raise InputRejected(_ON_COMMAND_LINE)
    if args.patient_file is not None:
        return _only_line(read_patient_file(args.patient_file), args.patient_file)
    if ask and sys.stdin.isatty():
        return input("Patient MRN (Enter for none): ").strip() or None
    return None


def _only_line(text: str, source: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) != 1:
        raise InputRejected(f"The patient file {source} must hold the MRN alone, on one line.")
    return lines[0]
