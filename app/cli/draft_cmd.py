"""`wardscribe draft`: draft a note from a notes file without the window."""

import argparse
import json
import signal
import sys
from pathlib import Path
from types import FrameType

from app.cli.credentials import sign_in
from app.cli.options import add_start_options, start_options
from app.domain.errors import InputRejected
from app.domain.notes import NoteKind, Patient
from app.domain.source_input import decode_source_bytes
from app.services.demo import demo_patients
from app.services.drafting import GenerationRun
from app.services.workstation import Workstation


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
    parser.add_argument("--input", type=Path, required=True, help="UTF-8 text file of notes")
    parser.add_argument("--patient", metavar="MRN", help="the patient's MRN")
    parser.add_argument(
        "--patient-name", metavar="NAME", help="register the patient under this name if new"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    parser.set_defaults(handler=run)


def _read_notes(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputRejected(f"Cannot read {path}: {error.strerror}.") from None
    return decode_source_bytes(data)


def _patient_mrn(args: argparse.Namespace, workstation: Workstation) -> str:
    if args.patient is not None:
        return str(args.patient)
    if workstation.demo:
        return demo_patients()[0].mrn
    raise InputRejected("Name the patient with --patient MRN.")


def _cancel_on_interrupt(run: GenerationRun) -> None:
    def interrupt(_signum: int, _frame: FrameType | None) -> None:
        run.cancel.set()

    signal.signal(signal.SIGINT, interrupt)


def run(args: argparse.Namespace) -> int:
    notes = _read_notes(args.input)
    workstation = Workstation.open(start_options(args))
    try:
        session = sign_in(workstation)
        mrn = _patient_mrn(args, workstation)
        if args.patient_name:
            workstation.drafts.register_patient(session, Patient(mrn=mrn, name=args.patient_name))
        draft = workstation.drafts.create_draft(session, mrn, args.kind, notes)
        generation = workstation.drafts.generate(session, draft.id)
        _cancel_on_interrupt(generation)
        for piece in generation:
            if not args.json:
                sys.stdout.write(piece)
                sys.stdout.flush()
        outcome = generation.outcome
        assert outcome is not None
        model = workstation.engines.info
        if args.json:
            report = {
                "draft_id": draft.id,
                "kind": args.kind.value,
                "text": outcome.text,
                "cancelled": outcome.cancelled,
                "missing_sections": list(outcome.missing_sections),
                "model": None
                if model is None
                else {"file": model.model_file, "sha256": model.model_sha256},
                "timings": None if outcome.stats is None else outcome.stats.model_dump(),
            }
            print(json.dumps(report, indent=2))
        else:
            print()
            if outcome.missing_sections:
                print(
                    "Missing sections (not invented): " + ", ".join(outcome.missing_sections),
                    file=sys.stderr,
                )
            print(f"Saved as draft {draft.id}.", file=sys.stderr)
        workstation.auth.sign_out(session)
        return 130 if outcome.cancelled else 0
    finally:
        workstation.close()
