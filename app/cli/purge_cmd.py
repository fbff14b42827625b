"""`wardscribe purge` and `wardscribe legal-hold`: retention as the machine policy sets it."""

import argparse

from app.cli.backup_cmd import sign_in_headless
from app.cli.options import add_start_options, start_options
from app.cli.patient_filter import add_patient_file_option, patient_mrn
from app.domain.errors import InputRejected
from app.domain.legal_hold import HoldKind
from app.services.workstation import Workstation


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    purge = subparsers.add_parser(
        "purge", help="delete drafts and signed notes past the policy's retention, for good"
    )
    add_start_options(purge, in_subcommand=True)
    purge.add_argument(
        "--dry-run", action="store_true", help="count what would be purged, delete nothing"
    )
    purge.set_defaults(handler=run_purge)

    hold = subparsers.add_parser(
        "legal-hold",
        help="stop purges for a patient or a draft",
        description="Names the patient by a file or stdin (--patient-file), or asks at a "
        "terminal when neither a patient file nor --draft is given.",
    )
    add_start_options(hold, in_subcommand=True)
    hold.add_argument("action", choices=["place", "release"])
    target = hold.add_mutually_exclusive_group()
    add_patient_file_option(target, purpose="hold or release this patient")
    target.add_argument("--draft", metavar="DRAFT_ID")
    hold.set_defaults(handler=run_hold)


def run_purge(args: argparse.Namespace) -> int:
    workstation = Workstation.open(start_options(args))
    try:
        session = sign_in_headless(workstation)
        report = workstation.lifecycle.purge_expired(session, dry_run=args.dry_run)
    finally:
        workstation.close()
    verb = "Would purge" if args.dry_run else "Purged"
    print(
        f"{verb} {report.drafts} drafts and {report.signed} signed notes; "
        f"{len(report.patients_removed)} patients left with no notes were removed; "
        f"{report.held_back} kept by legal holds."
    )
    return 0


def run_hold(args: argparse.Namespace) -> int:
    kind, ref = _hold_target(args)
    workstation = Workstation.open(start_options(args))
    try:
        session = sign_in_headless(workstation)
        if args.action == "place":
            workstation.lifecycle.place_legal_hold(session, kind, ref)
            print(f"Legal hold placed on {kind.value} {ref}.")
            return 0
        released = workstation.lifecycle.release_legal_hold(session, kind, ref)
    finally:
        workstation.close()
    print(f"Legal hold released on {kind.value} {ref}." if released else "There was no such hold.")
    return 0 if released else 1


def _hold_target(args: argparse.Namespace) -> tuple[HoldKind, str]:
    mrn = patient_mrn(args, ask=args.draft is None)
    if mrn is not None:
        return HoldKind.PATIENT, mrn
    if args.draft is not None:
        return HoldKind.DRAFT, str(args.draft)
    raise InputRejected(
        "Name the patient with --patient-file FILE (or - for stdin), or the draft with --draft."
    )
