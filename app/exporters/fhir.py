"""FHIR R4 resources for a draft, built and validated with fhir.resources.

fhir.resources 8 models R5 at its top level; R4B is the R4-compatible package, and the two
resources used here (DocumentReference, Composition) are identical in R4 and R4B.
"""

import base64
import html
from typing import Any

from fhir.resources.R4B.composition import Composition
from fhir.resources.R4B.documentreference import DocumentReference

from app.domain.note_templates import load_template, split_sections
from app.domain.notes import Draft, DraftStatus, NoteKind, Patient
from app.exporters.document import ai_footer

LOINC = "http://loinc.org"

DOCUMENT_TYPES: dict[NoteKind, tuple[str, str]] = {
    NoteKind.SHIFT_SBAR: ("34746-8", "Nurse note"),
    NoteKind.SHIFT_DAR: ("34746-8", "Nurse note"),
    NoteKind.SHIFT_NARRATIVE: ("34746-8", "Nurse note"),
    NoteKind.IPASS: ("34746-8", "Nurse note"),
    NoteKind.DISCHARGE: ("18842-5", "Discharge summary"),
    NoteKind.SUMMARY: ("11506-3", "Progress note"),
}
"""LOINC document type per note kind; an I-PASS handoff is written by nurses, so a nurse note."""

_DOC_STATUS = {
    DraftStatus.DRAFT: "preliminary",
    DraftStatus.REVIEWED: "preliminary",
    DraftStatus.SIGNED: "final",
}
"""Only a signed note is final; a reviewed one may still change."""

_MRN_TYPE = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR"}]}
_USER_SYSTEM = "urn:wardscribe:user"


def _subject(patient: Patient) -> dict[str, Any]:
    return {"identifier": {"type": _MRN_TYPE, "value": patient.mrn}, "display": patient.name}


def _author(draft: Draft, author_name: str | None) -> dict[str, Any]:
    author: dict[str, Any] = {"identifier": {"system": _USER_SYSTEM, "value": draft.author_id}}
    if author_name:
        author["display"] = author_name
    return author


def _type(kind: NoteKind) -> dict[str, Any]:
    code, display = DOCUMENT_TYPES[kind]
    return {"coding": [{"system": LOINC, "code": code, "display": display}], "text": kind.label}


def document_reference(
    draft: Draft, patient: Patient, *, author_name: str | None, reviewer: str
) -> dict[str, Any]:
    """A DocumentReference carrying the note as a base64 UTF-8 text/plain attachment.

    `author_name` is known only when the reviewer wrote the draft; the reviewer (who exported
    it) is the authenticator.
    """
    resource = DocumentReference.model_validate(
        {
            "resourceType": "DocumentReference",
            "masterIdentifier": {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{draft.id}"},
            "status": "current",
            "docStatus": _DOC_STATUS[draft.status],
            "type": _type(draft.kind),
            "subject": _subject(patient),
            "date": draft.updated_at.isoformat(),
            "author": [_author(draft, author_name)],
            "authenticator": {"display": reviewer},
            "description": ai_footer(reviewer),
            "content": [
                {
                    "attachment": {
                        "contentType": "text/plain; charset=utf-8",
                        "data": base64.b64encode(draft.text.encode()).decode("ascii"),
                        "title": draft.kind.label,
                        "creation": draft.created_at.isoformat(),
                    }
                }
            ],
        }
    )
    return _json(resource)


def composition(
    draft: Draft, patient: Patient, *, author_name: str | None, reviewer: str
) -> dict[str, Any]:
    """A Composition with one section per template heading found in the draft, in text order.

    The AI-use disclosure is the resource's own narrative, where every FHIR viewer shows it.
    """
    template = load_template(draft.kind)
    resource = Composition.model_validate(
        {
            "resourceType": "Composition",
            "identifier": {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{draft.id}"},
            "status": _DOC_STATUS[draft.status],
            "type": _type(draft.kind),
            "subject": _subject(patient),
            "date": draft.updated_at.isoformat(),
            "author": [_author(draft, author_name)],
            "text": _narrative(ai_footer(reviewer)),
            "title": draft.kind.label,
            "section": [
                {"title": title, "text": _narrative(body)}
                for title, body in split_sections(template, draft.text)
            ],
        }
    )
    return _json(resource)


def _narrative(text: str) -> dict[str, str]:
    lines = "<br/>".join(html.escape(line, quote=False) for line in text.splitlines())
    div = (
        f'<div xmlns="http://www.w3.org/1999/xhtml">{lines or html.escape("Not documented")}</div>'
    )
    return {"status": "generated", "div": div}


def _json(resource: DocumentReference | Composition) -> dict[str, Any]:
    dumped: dict[str, Any] = resource.model_dump(mode="json", exclude_none=True, by_alias=True)
    return dumped
