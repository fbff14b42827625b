"""What `wardscribe draft` and `wardscribe summarize` share: sign in, generate, report.

Both store the result as a draft and print the same report, so a script reads either the same
way; a draft written from less than the whole source says so on stderr, never only in JSON.
"""

import argparse
import json
import signal
import sys
from types import FrameType

from app.cli.credentials import sign_in
from app.cli.options import start_options
from app.cli.patient_identity import PatientIdentity, add_patient_options, patient_identity
from app.domain.errors import InputRejected
from app.domain.grounded.draft import DraftMode
from app.domain.notes import Draft, NoteKind, Patient
from app.services.demo import demo_patients
from app.services.drafting import GenerationOutcome, GenerationRun
from app.services.session import Session
from app.services.workstation import Workstation


def add_patient_and_output_options(parser: argparse.ArgumentParser) -> None:
    add_patient_options(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")


def generate_and_report(
    args: argparse.Namespace, kind: NoteKind, notes: str, mode: DraftMode = DraftMode.GROUNDED
) -> int:
    """Draft `kind` from `notes` in `mode`, stream or print it, and return the exit status."""
    workstation = Workstation.open(start_options(args))
    try:
        session = sign_in(workstation)
        mrn = _patient_mrn(patient_identity(args, ask=not workstation.demo), workstation, session)
        generation = workstation.drafts.draft(session, mrn, kind, notes, mode=mode)
        draft = generation.draft
        _cancel_on_interrupt(generation)
        for piece in generation:
            if not args.json:
                sys.stdout.write(piece)
                sys.stdout.flush()
        outcome = generation.outcome
        assert outcome is not None
        if args.json:
            print(json.dumps(_report(workstation, draft, outcome), indent=2))
        else:
            print()
            _explain(outcome)
            print(f"Saved as draft {draft.id}.", file=sys.stderr)
        workstation.auth.sign_out(session)
        return 130 if outcome.cancelled else 0
    finally:
        workstation.close()


def _report(
    workstation: Workstation, draft: Draft, outcome: GenerationOutcome
) -> dict[str, object]:
    model = workstation.engine_host.info
    coverage = outcome.coverage
    return {
        "draft_id": draft.id,
        "kind": draft.kind.value,
        "template": {"id": draft.template_id, "version": draft.template_version},
        "layout": _layout(outcome.saved),
        "text": outcome.text,
        "cancelled": outcome.cancelled,
        "missing_sections": list(outcome.missing_sections),
        "coverage": None
        if coverage is None
        else {
            **coverage.model_dump(mode="json"),
            "status_line": coverage.status_line,
            "warning": coverage.warning,
        },
        "model": None
        if model is None
        else {"file": model.model_file, "sha256": model.model_sha256}
        if model.server is None
        else {"id": model.model_file, "server": model.server},
        "drafted_on": None if model is None else model.where,
        "timings": None if outcome.stats is None else outcome.stats.model_dump(),
        "guards": [finding.model_dump(mode="json") for finding in outcome.guards],
        "facts_only_reason": outcome.facts_only_reason,
    }


def _layout(saved: Draft | None) -> dict[str, object] | None:
    """The layout a grounded or facts-only draft was stored with; None for a whole note."""
    if saved is None or saved.layout_id is None:
        return None
    return {"id": saved.layout_id, "version": saved.layout_version}


def _explain(outcome: GenerationOutcome) -> None:
    if outcome.missing_sections:
        print(
            "Missing sections (not invented): " + ", ".join(outcome.missing_sections),
            file=sys.stderr,
        )
    if outcome.coverage is not None:
        print(outcome.coverage.status_line, file=sys.stderr)
        if outcome.coverage.warning is not None:
            print(f"WARNING: {outcome.coverage.warning}", file=sys.stderr)
    for finding in outcome.guards:
        print(f"WARNING: {finding.message}", file=sys.stderr)
    if outcome.facts_only_reason not in {None, "asked"}:
        print(
            "WARNING: no model could be loaded "
            f"({outcome.facts_only_reason}); the draft holds the facts from the notes only.",
            file=sys.stderr,
        )


def _patient_mrn(
    patient: PatientIdentity | None, workstation: Workstation, session: Session
) -> str:
    if patient is not None:
        if patient.name is not None:
            workstation.drafts.register_patient(
                session, Patient(mrn=patient.mrn, name=patient.name)
            )
        return patient.mrn
    if workstation.demo:
        return demo_patients()[0].mrn
    raise InputRejected(
        "Name the patient: --patient-file FILE holding the MRN (and a new patient's name on "
        "the next line), or --patient-file - to read them from stdin."
    )


def _cancel_on_interrupt(run: GenerationRun) -> None:
    def interrupt(_signum: int, _frame: FrameType | None) -> None:
        run.cancel.set()

    signal.signal(signal.SIGINT, interrupt)
