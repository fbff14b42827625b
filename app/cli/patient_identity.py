"""Which patient a headless draft is for, read where other local users cannot see it.

A process's command line is readable by every local user (`ps`, /proc/PID/cmdline) for as long
as it runs, so an MRN or a name given as an argument would be shown to all of them for the
whole generation. The patient comes from a file (`--patient-file FILE`), stdin
(`--patient-file -`) or, at a terminal, a prompt: the MRN on the first line, and the name on
the second when the patient is new.
"""

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from app.domain.errors import InputRejected

MAX_PATIENT_FILE_BYTES = 4096
_ON_COMMAND_LINE = (
    "Patient identity on the command line is visible to every local user while the draft runs. "
    "Put the MRN (and, for a new patient, the name on the next line) in a file and pass "
    "--patient-file FILE, or pipe them in with --patient-file -."
)


@dataclass(frozen=True, slots=True)
class PatientIdentity:
    mrn: str
    name: str | None
    """Given only to register a patient the workstation does not know yet."""


def add_patient_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--patient-file",
        metavar="FILE",
        help="a file (or - for stdin) holding the patient's MRN on its first line and, for a "
        "new patient, the name on the second; at a terminal you are asked instead",
    )
    for refused in ("--patient", "--patient-name"):
        parser.add_argument(
            refused, dest=f"refused_{refused[2:].replace('-', '_')}", help=argparse.SUPPRESS
        )


def patient_identity(args: argparse.Namespace, *, ask: bool) -> PatientIdentity | None:
    """The patient named by --patient-file or, when `ask` and at a terminal, a prompt; None
    when nothing names one."""
    if args.refused_patient is not None or args.refused_patient_name is not None:
        raise InputRejected(_ON_COMMAND_LINE)
    if args.patient_file is not None:
        return _parse(read_patient_file(args.patient_file), args.patient_file)
    if ask and sys.stdin.isatty():
        mrn = input("Patient MRN (Enter for none): ").strip()
        if not mrn:
            return None
        name = input("Patient name, if new (Enter to skip): ").strip()
        return PatientIdentity(mrn, name or None)
    return None


def read_patient_file(source: str) -> str:
    """The text of a small patient file, or of stdin for "-", refused past a few kilobytes."""
    try:
        if source == "-":
            data = sys.stdin.buffer.read(MAX_PATIENT_FILE_BYTES + 1)
        else:
            with Path(source).open("rb") as file:
                data = file.read(MAX_PATIENT_FILE_BYTES + 1)
    except OSError as error:
        raise InputRejected(f"Cannot read the patient file {source}: {error.strerror}.") from None
    if len(data) > MAX_PATIENT_FILE_BYTES:
        raise InputRejected(
            f"The patient file {source} is longer than {MAX_PATIENT_FILE_BYTES} bytes; it holds "
            "only the MRN and the name."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputRejected(f"The patient file {source} is not UTF-8 text.") from None


def _parse(text: str, source: str) -> PatientIdentity:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines or len(lines) > 2:
        raise InputRejected(
            f"The patient file {source} must hold the MRN on its first line and, optionally, "
            "the patient's name on the second."
        )
    return PatientIdentity(lines[0], lines[1] if len(lines) == 2 else None)
