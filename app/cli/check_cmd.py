"""`wardscribe check`: compare a drafted note with its source notes and report what differs.

Offsets index the draft as read: UTF-8 (a byte-order mark dropped), Windows line endings read
as "\\n", which is how Python reads a text file.
"""

import argparse
import json
import sys
from pathlib import Path

from app.domain.errors import InputRejected
from app.domain.factcheck import FactCheckReport, check_draft
from app.importers.notes_file import read_notes_file

EXIT_BAD_INPUT = 2


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = subparsers.add_parser(
        "check",
        help="check a drafted note against its source notes",
        description=(
            "Flag facts in the draft that the source notes do not back (unsupported) or state "
            "otherwise (contradicted), and critical source facts the draft leaves out (omitted)."
        ),
    )
    parser.add_argument(
        "--source", required=True, type=Path, help="the source notes (.txt, .rtf or .docx)"
    )
    parser.add_argument(
        "--draft", required=True, type=Path, help="the drafted note (.txt, .rtf or .docx)"
    )
    parser.add_argument(
        "--json", action="store_true", help="print the findings as JSON with offsets into DRAFT"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        source = read_notes_file(args.source)
        draft = read_notes_file(args.draft)
    except InputRejected as error:
        print(f"wardscribe check: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    report = check_draft(source, draft)
    if args.json:
        print(json.dumps(report_as_json(report), ensure_ascii=False, indent=2))
    else:
        print(render_report(report, draft))
    return 0


def report_as_json(report: FactCheckReport) -> dict[str, list[dict[str, object]]]:
    """The report in the CLI's JSON contract: flag fields, no identifiers; beside them, every
    draft sentence with its support and the source sentences that back it (offsets only)."""
    flag_fields = {"text", "start", "end", "kind", "reason"}
    return {
        "unsupported": [flag.model_dump(include=flag_fields) for flag in report.unsupported],
        "contradicted": [
            flag.model_dump(include=flag_fields | {"source_text"}) for flag in report.contradicted
        ],
        "omitted": [omission.model_dump(include={"text", "kind"}) for omission in report.omitted],
        "evidence": [
            {
                "start": sentence.start,
                "end": sentence.end,
                "support": sentence.support,
                "supported": sentence.supported,
                "source": [span.model_dump() for span in sentence.evidence],
            }
            for sentence in report.sentences
        ],
    }


def render_report(report: FactCheckReport, draft: str) -> str:
    """The report as a nurse reads it, each flag placed by line and column in the draft."""
    if report.is_clean:
        return "No unsupported, contradicted or omitted facts found."
    lines = [
        f"{len(report.unsupported)} unsupported, {len(report.contradicted)} contradicted, "
        f"{len(report.omitted)} omitted."
    ]
    if report.unsupported:
        lines += ["", "Unsupported (in the draft, not in the source):"]
        for flag in report.unsupported:
            lines.append(f"  {_place(draft, flag.start)}  {flag.kind}  “{flag.text}”")
            lines.append(f"      {flag.reason}")
    if report.contradicted:
        lines += ["", "Contradicted (the source says otherwise):"]
        for contradiction in report.contradicted:
            place = _place(draft, contradiction.start)
            lines.append(f"  {place}  {contradiction.kind}  “{contradiction.text}”")
            lines.append(f"      {contradiction.reason}")
    if report.omitted:
        lines += ["", "Omitted (critical in the source, missing from the draft):"]
        for omission in report.omitted:
            lines.append(f"  {omission.kind}  “{omission.text}”")
            lines.append(f"      {omission.reason}")
    return "\n".join(lines)


def _place(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, col {column}"
