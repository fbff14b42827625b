"""Exporting a draft toward the EHR: clipboard text, PDF content and FHIR R4 JSON.

Every export is a disclosure of PHI, so each one is audited (who, when, which draft, which
format in `reason`) and none carries the text into the log. Only the author, or a role that
reads the unit's drafts, may export a draft. The service returns content; writing a file the
nurse chose is the caller's job.
"""

from enum import StrEnum
from typing import Any

from app.domain.audit import AuditAction
from app.domain.deidentify import DateMethod, deidentify
from app.domain.deidentify.review import MarkedCopy, marked_copy
from app.domain.errors import WardScribeError
from app.domain.notes import Draft, DraftStatus, NoteKind, Patient
from app.domain.review import VersionSummary
from app.exporters import fhir
from app.exporters.document import ExportDocument, Signature, export_document
from app.services.audit_trail import AuditTrail
from app.services.draft_access import DraftAccess
from app.services.session import Session
from app.storage.drafts import DraftStore
from app.storage.review import ReviewStore

_DRAFT = "draft"


class ExportFormat(StrEnum):
    """The audit `reason` code of each export."""

    CLIPBOARD = "clipboard"
    PDF = "pdf"
    FHIR_DOCUMENT_REFERENCE = "fhir_document_reference"
    FHIR_COMPOSITION = "fhir_composition"
    DEIDENTIFIED = "deidentified"


class NotExportable(WardScribeError):
    """The draft cannot be exported in this form (empty, or the wrong kind)."""


class ExportService:
    """Hands a draft to the EHR as clipboard text, PDF content or FHIR R4 JSON: each export a
    disclosure of PHI, so each is permission-checked through the draft-access rule and audited."""

    def __init__(
        self, store: DraftStore, trail: AuditTrail, reviews: ReviewStore | None = None
    ) -> None:
        """`reviews`, where given, lets a signed note's export name its signer and time."""
        self._store = store
        self._trail = trail
        self._reviews = reviews
        self._access = DraftAccess(store, trail)

    def as_text(self, session: Session, draft_id: str) -> str:
        """Patient header line, the note, and the AI-use footer, for pasting into the EHR."""
        return self._document(session, draft_id, ExportFormat.CLIPBOARD).as_text()

    def pdf_document(self, session: Session, draft_id: str) -> ExportDocument:
        """What a PDF shows: title, the patient header for every page, body and footer."""
        return self._document(session, draft_id, ExportFormat.PDF)

    def fhir_document_reference(self, session: Session, draft_id: str) -> dict[str, Any]:
        """The draft as a FHIR DocumentReference with its patient, author and reviewer; audited."""
        draft, patient = self._exportable(session, draft_id)
        resource = fhir.document_reference(
            draft,
            patient,
            author_name=_author_name(session, draft),
            reviewer=self._attester(session, draft),
        )
        self._audit(session, draft, ExportFormat.FHIR_DOCUMENT_REFERENCE)
        return resource

    def fhir_composition(self, session: Session, draft_id: str) -> dict[str, Any]:
        """A sectioned Composition; only discharge summaries have sections an EHR files."""
        draft, patient = self._exportable(session, draft_id)
        if draft.kind is not NoteKind.DISCHARGE:
            raise NotExportable(
                f"Only discharge summaries export as a FHIR Composition; this is a "
                f"{draft.kind.label.lower()}. Export it as a FHIR document instead."
            )
        resource = fhir.composition(
            draft,
            patient,
            author_name=_author_name(session, draft),
            reviewer=self._attester(session, draft),
        )
        self._audit(session, draft, ExportFormat.FHIR_COMPOSITION)
        return resource

    def deidentified(self, session: Session, draft_id: str) -> str:
        """The source notes and the draft with Safe Harbor identifiers replaced, for examples."""
        return self.deidentified_copy(session, draft_id).text

    def deidentified_copy(
        self, session: Session, draft_id: str, dates: DateMethod = DateMethod.REMOVE
    ) -> MarkedCopy:
        """The de-identified copy with where each replacement stands, for the nurse's review.

        The source notes and the draft are de-identified as one document, so a person keeps one
        tag across them and, with `dates=DateMethod.SHIFT`, every date of both moves by the same
        hidden offset, chosen anew for each copy, so intervals survive; the patient's charted
        name and MRN are replaced wherever they stand; the copy starts with the line saying how
        it was made, the date method included. A person must
        still read the copy before it leaves the hospital: the de-identifier misses some
        identifiers (see docs/factcheck.md).
        """
        draft, patient = self._exportable(session, draft_id)
        document = "\n\n".join(
            [
                "SOURCE NOTES (de-identified)",
                draft.source_text,
                f"{draft.kind.label.upper()} (de-identified)",
                draft.text,
            ]
        )
        result = deidentify(
            document, dates=dates, patient_names=[patient.name], identifiers=[patient.mrn]
        )
        self._audit(session, draft, ExportFormat.DEIDENTIFIED)
        return marked_copy(result, header=f"{result.method}\n\n")

    def _document(self, session: Session, draft_id: str, form: ExportFormat) -> ExportDocument:
        draft, patient = self._exportable(session, draft_id)
        document = export_document(
            draft, patient, _reviewer(session), self._signature(session, draft)
        )
        self._audit(session, draft, form)
        return document

    def _signature(self, session: Session, draft: Draft) -> Signature | None:
        """The latest signature of a signed note, naming the signer as they signed. A signature
        made before that name was kept names its signer only when they export it themselves
        (as they are named now), and calls them its author otherwise."""
        last = self._last_signed(draft)
        if last is None or last.signed_at is None:
            return None
        signer = last.signature_name or (
            session.principal.signature_name if last.signed_by == session.user_id else "its author"
        )
        return Signature(signer=signer, signed_at=last.signed_at)

    def _attester(self, session: Session, draft: Draft) -> str:
        """Who a FHIR resource says authenticated the note: its signer as they signed, where
        that name was kept with the signature; whoever exports it otherwise."""
        last = self._last_signed(draft)
        stored = None if last is None else last.signature_name
        return stored or _reviewer(session)

    def _last_signed(self, draft: Draft) -> VersionSummary | None:
        """A signed note's latest signed version; None for a note not signed."""
        if self._reviews is None or draft.status is not DraftStatus.SIGNED:
            return None
        signed = [
            item.summary
            for item in self._reviews.versions(draft.id)
            if item.summary.signed_at is not None
        ]
        return max(signed, key=lambda summary: summary.version) if signed else None

    def _exportable(self, session: Session, draft_id: str) -> tuple[Draft, Patient]:
        draft = self._access.readable(session, draft_id)
        if not draft.text.strip():
            raise NotExportable("The draft is empty. Generate or write it before exporting.")
        return draft, self._store.get_patient(draft.patient_mrn)

    def _audit(self, session: Session, draft: Draft, form: ExportFormat) -> None:
        self._trail.record(
            session,
            AuditAction.DRAFT_EXPORT,
            object_type=_DRAFT,
            object_id=draft.id,
            patient_ref=draft.patient_mrn,
            reason=form.value,
        )


def _reviewer(session: Session) -> str:
    """Whoever exports attests the review: the footer names them, with their credentials, not
    the model."""
    return session.principal.signature_name


def _author_name(session: Session, draft: Draft) -> str | None:
    return session.principal.display_name if draft.author_id == session.user_id else None
