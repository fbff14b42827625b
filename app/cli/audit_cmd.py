"""`wardscribe audit verify`: is the audit log intact? `wardscribe audit export`: the events a
compliance officer asks for, as CSV or JSON."""

import argparse
import contextlib
from datetime import datetime
from pathlib import Path

from app.cli.credentials import sign_in
from app.cli.options import add_start_options, start_options
from app.cli.patient_filter import add_patient_file_option, patient_mrn
from app.domain.audit import AuditAction, AuditFilter, Outcome
from app.services.audit_review import AuditExportFormat
from app.services.workstation import Workstation


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = subparsers.add_parser("audit", help="work with the audit log")
    actions = parser.add_subparsers(dest="audit_action", required=True)
    verify = actions.add_parser("verify", help="check the hash chain; exit 1 at the first bad row")
    add_start_options(verify, in_subcommand=True)
    verify.set_defaults(handler=run_verify)
    export = actions.add_parser(
        "export",
        help="write matching audit events to a file (compliance officer)",
        description="Signs in like `draft` (WARDSCRIBE_USER / WARDSCRIBE_PASSWORD or a prompt); "
        "needs the audit.export permission. Times without a zone are local time; --since is "
        "inclusive, --until exclusive. The export is itself audited.",
    )
    add_start_options(export, in_subcommand=True)
    export.add_argument(
        "--format", choices=[f.value for f in AuditExportFormat], default="csv", dest="fmt"
    )
    export.add_argument("--user", metavar="USER_ID", help="only this user's events")
    add_patient_file_option(export, purpose="only events about this patient")
    export.add_argument("--action", choices=[a.value for a in AuditAction])
    export.add_argument("--outcome", choices=[o.value for o in Outcome])
    export.add_argument("--since", type=_moment, metavar="ISO-TIME", help="e.g. 2025-03-01")
    export.add_argument("--until", type=_moment, metavar="ISO-TIME")
    export.add_argument("--to", type=Path, required=True, metavar="FILE")
    export.set_defaults(handler=run_export)


def run_verify(args: argparse.Namespace) -> int:
    workstation = Workstation.open(start_options(args))
    try:
        result = workstation.audit.verify()
    finally:
        workstation.close()
    print(result.describe())
    return 0 if result.ok else 1


def run_export(args: argparse.Namespace) -> int:
    query = AuditFilter(
        user_id=args.user,
        patient_ref=patient_mrn(args, ask=False),
        action=args.action,
        outcome=args.outcome,
        since=args.since,
        until=args.until,
    )
    target: Path = args.to
    partial = target.with_name(f".{target.name}.partial")
    workstation = Workstation.open(start_options(args))
    try:
        session = sign_in(workstation)
        try:
            with partial.open("w", encoding="utf-8", newline="") as out:
                written = workstation.audit.export(session, query, AuditExportFormat(args.fmt), out)
            partial.replace(target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
            workstation.auth.sign_out(session)
    finally:
        workstation.close()
    print(f"Exported {written} audit events to {target}.")
    return 0


def _moment(text: str) -> datetime:
    """An ISO 8601 date or time; one without a zone is this computer's local time."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 date or time: {text!r}") from None
    return moment if moment.utcoffset() is not None else moment.astimezone()
