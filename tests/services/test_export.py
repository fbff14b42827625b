"""Exporting drafts toward the EHR, through the service, on real SQLCipher files."""

import base64
from datetime import UTC, date

import pytest
from fhir.resources.R4B.composition import Composition
from fhir.resources.R4B.documentreference import DocumentReference

from app.domain.audit import AuditAction, Outcome
from app.domain.errors import AccessDenied
from app.domain.notes import NoteKind
from app.domain.patient_identity import identity_lines
from app.domain.roles import Role
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.export import ExportService, NotExportable
from app.services.session import Session
from app.services.workstation import Workstation
from tests.fixtures.audit_log import audit_store

NOTES = "0800 BP 132/84, HR 88, SpO2 95% RA. Pain 2/10. Ambulating with walker.\n"
SBAR = "Situation: stable, pain 2/10 — café break.\nBackground: day 2 post hip repair.\n"
SIGNABLE = "S: Stable shift. BP 132/84, HR 88, SpO2 95% RA. Pain 2/10.\n"
"""A draft every fact of which the notes back, so it can be signed."""
DISCHARGE = (
    "Admitted from ED overnight.\n"
    "Reason for admission: community-acquired pneumonia.\n"
    "Hospital course:\nIV ceftriaxone, then oral <amoxicillin> & rest.\n"
    "Discharge medications: amoxicillin 500 mg PO TID for 5 days.\n"
    "Follow-up: GP in 1 week.\n"
)


@pytest.fixture
def exports(demo_workstation: Workstation) -> ExportService:
    return demo_workstation.exports


@pytest.fixture
def nurse(demo_workstation: Workstation) -> Session:
    return demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)


def _draft(
    workstation: Workstation,
    session: Session,
    kind: NoteKind = NoteKind.SHIFT_SBAR,
    text: str = SBAR,
) -> str:
    draft = workstation.drafts.create_draft(session, "DEMO-1001", kind, NOTES)
    return workstation.drafts.save_text(session, draft.id, text, draft.revision).id


def _exports_audited(workstation: Workstation) -> list[tuple[str | None, str | None, str | None]]:
    return [
        (row.event.object_id, row.event.patient_ref, row.event.reason)
        for row in audit_store(workstation).events()
        if row.event.action is AuditAction.DRAFT_EXPORT
    ]


def _signed_in(workstation: Workstation, role: Role) -> Session:
    workstation.accounts.add(role.value, f"A {role.value}", role, "p" * 16)
    return workstation.auth.sign_in(role.value, "p" * 16)


def test_clipboard_text_has_the_patient_header_the_note_and_the_ai_footer(
    demo_workstation: Workstation, nurse: Session, exports: ExportService
) -> None:
    draft_id = _draft(demo_workstation, nurse)
    alex = demo_workstation.drafts.list_patients(nurse)[0]
    who, safety = identity_lines(alex, date.today())
    assert exports.as_text(nurse, draft_id) == (
        f"{who}\n{safety}\n4 West Med-Surg, bed 12A · encounter 2026-11-21\n\n"
        f"{SBAR.strip()}\n\n"
        "AI-assisted draft, reviewed by Demo Nurse, RN\n"
    )


def test_the_export_header_names_age_sex_allergies_and_code_status(
    demo_workstation: Workstation, nurse: Session, exports: ExportService
) -> None:
    header = exports.pdf_document(nurse, _draft(demo_workstation, nurse)).patient_header
    who, safety, _ = header.splitlines()
    assert who.startswith("Alex Demo · MRN DEMO-1001 · ") and who.endswith(" y M")
    assert safety == "Allergies: penicillin (hives) · Code status: Full code"


def test_pdf_content_carries_title_header_body_and_footer(
    demo_workstation: Workstation, nurse: Session, exports: ExportService
) -> None:
    document = exports.pdf_document(nurse, _draft(demo_workstation, nurse))
    assert document.title == "Shift note (SBAR)"
    assert document.patient_header.startswith("Alex Demo · MRN DEMO-1001")
    assert document.body == SBAR
    assert document.footer == "AI-assisted draft, reviewed by Demo Nurse, RN"


def test_a_fhir_document_reference_validates_and_carries_the_note(
    demo_workstation: Workstation, nurse: Session, exports: ExportService
) -> None:
    draft_id = _draft(demo_workstation, nurse)
    resource = exports.fhir_document_reference(nurse, draft_id)
    DocumentReference.model_validate(resource)
    assert resource["type"]["coding"][0] == {
        "system": "http://loinc.org",
        "code": "34746-8",
        "display": "Nurse note",
    }
    assert resource["subject"]["identifier"]["value"] == "DEMO-1001"
    assert resource["author"][0]["display"] == "Demo Nurse"
    assert (resource["status"], resource["docStatus"]) == ("current", "preliminary")
    attachment = resource["content"][0]["attachment"]
    assert attachment["contentType"] == "text/plain; charset=utf-8"
    assert base64.b64decode(attachment["data"]).decode("utf-8") == SBAR
    assert resource["masterIdentifier"]["value"] == f"urn:uuid:{draft_id}"


@pytest.mark.parametrize(
    ("kind", "code"),
    [(NoteKind.DISCHARGE, "18842-5"), (NoteKind.SUMMARY, "11506-3"), (NoteKind.IPASS, "34746-8")],
)
def test_each_note_kind_has_its_loinc_document_type(
    demo_workstation: Workstation, nurse: Session, exports: ExportService, kind: NoteKind, code: str
) -> None:
    resource = exports.fhir_document_reference(nurse, _draft(demo_workstation, nurse, kind))
    assert resource["type"]["coding"][0]["code"] == code


def test_a_discharge_summary_composition_has_one_section_per_heading_found(
    demo_workstation: Workstation, nurse: Session, exports: ExportService
) -> None:
    draft_id = _draft(demo_workstation, nurse, NoteKind.DISCHARGE, DISCHARGE)
    resource = exports.fhir_composition(nurse, draft_id)
    Composition.model_validate(resource)
    assert resource["type"]["coding"][0]["code"] == "18842-5"
    assert resource["subject"]["identifier"]["value"] == "DEMO-1001"
    sections = {section["title"]: section["text"]["div"] for section in resource["section"]}
    assert list(sections) == [
        "Discharge summary",
        "Reason for admission",
        "Hospital course",
        "Discharge medications",
        "Follow-up",
    ]
    assert "Admitted from ED overnight." in sections["Discharge summary"]
    assert "oral &lt;amoxicillin&gt; &amp; rest." in sections["Hospital course"]
    assert "AI-assisted draft, reviewed by Demo Nurse, RN" in resource["text"]["div"]


def test_only_a_discharge_summary_exports_as_a_composition(
    demo_workstation: Workstation, nurse: Session, exports: ExportService
) -> None:
    with pytest.raises(NotExportable):
        exports.fhir_composition(nurse, _draft(demo_workstation, nurse))


def test_an_empty_draft_is_not_exported(
    demo_workstation: Workstation, nurse: Session, exports: ExportService
) -> None:
    draft = demo_workstation.drafts.create_draft(nurse, "DEMO-1001", NoteKind.SHIFT_SBAR, NOTES)
    with pytest.raises(NotExportable):
        exports.as_text(nurse, draft.id)
    assert _exports_audited(demo_workstation) == []


def test_every_export_is_audited_with_its_format_and_never_the_text(
    demo_workstation: Workstation, nurse: Session, exports: ExportService
) -> None:
    draft_id = _draft(demo_workstation, nurse, NoteKind.DISCHARGE, DISCHARGE)
    exports.as_text(nurse, draft_id)
    exports.pdf_document(nurse, draft_id)
    exports.fhir_document_reference(nurse, draft_id)
    exports.fhir_composition(nurse, draft_id)
    assert _exports_audited(demo_workstation) == [
        (draft_id, "DEMO-1001", "clipboard"),
        (draft_id, "DEMO-1001", "pdf"),
        (draft_id, "DEMO-1001", "fhir_document_reference"),
        (draft_id, "DEMO-1001", "fhir_composition"),
    ]
    logged = "".join(row.event.model_dump_json() for row in audit_store(demo_workstation).events())
    assert "pneumonia" not in logged and "Alex Demo" not in logged


def test_a_compliance_officer_is_refused_and_the_refusal_audited(
    demo_workstation: Workstation, nurse: Session, exports: ExportService
) -> None:
    draft_id = _draft(demo_workstation, nurse)
    officer = _signed_in(demo_workstation, Role.COMPLIANCE_OFFICER)
    with pytest.raises(AccessDenied):
        exports.as_text(officer, draft_id)
    denials = [
        row.event
        for row in audit_store(demo_workstation).events()
        if row.event.action is AuditAction.ACCESS_DENIED
    ]
    assert [(event.outcome, event.reason) for event in denials] == [
        (Outcome.DENIED, "draft.read_own")
    ]
    assert _exports_audited(demo_workstation) == []


def test_another_nurse_cannot_export_my_draft(
    demo_workstation: Workstation, nurse: Session, exports: ExportService
) -> None:
    draft_id = _draft(demo_workstation, nurse)
    with pytest.raises(AccessDenied):
        exports.fhir_document_reference(_signed_in(demo_workstation, Role.NURSE), draft_id)
    assert _exports_audited(demo_workstation) == []


def test_a_charge_nurse_exports_as_reviewer_without_claiming_authorship(
    demo_workstation: Workstation, nurse: Session, exports: ExportService
) -> None:
    draft_id = _draft(demo_workstation, nurse)
    charge = _signed_in(demo_workstation, Role.CHARGE_NURSE)
    resource = exports.fhir_document_reference(charge, draft_id)
    assert "display" not in resource["author"][0]
    assert resource["author"][0]["identifier"]["value"] == nurse.user_id
    assert resource["authenticator"]["display"] == "A charge_nurse"
    assert exports.as_text(charge, draft_id).endswith("reviewed by A charge_nurse\n")


def test_a_deidentified_copy_replaces_the_patient_name_and_is_audited(
    demo_workstation: Workstation, nurse: Session, exports: ExportService
) -> None:
    draft = demo_workstation.drafts.create_draft(
        nurse, "DEMO-1001", NoteKind.SHIFT_SBAR, "Pt John Smith, MRN 12345678. BP 120/80.\n"
    )
    demo_workstation.drafts.save_text(
        nurse, draft.id, "Situation: Mr. Smith stable, BP 120/80.", draft.revision
    )
    copy = exports.deidentified(nurse, draft.id)
    assert "Smith" not in copy and "12345678" not in copy
    assert "BP 120/80" in copy
    assert _exports_audited(demo_workstation)[-1] == (draft.id, "DEMO-1001", "deidentified")


def test_a_signed_notes_export_names_its_signer_credentials_and_signing_time(
    demo_workstation: Workstation, nurse: Session, exports: ExportService
) -> None:
    draft_id = _draft(demo_workstation, nurse, text=SIGNABLE)
    signed = demo_workstation.review.sign(nurse, draft_id, attestation=True)
    [version] = demo_workstation.review.history(nurse, signed.id)
    assert version.signed_at is not None
    when = version.signed_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")

    text = exports.as_text(nurse, draft_id)

    footer = f"AI-assisted draft, verified and signed by Demo Nurse, RN on {when}"
    assert text.endswith(footer + "\n")
    assert exports.pdf_document(nurse, draft_id).footer == footer


def test_the_credentials_given_to_an_account_follow_its_name_on_what_it_signs(
    demo_workstation: Workstation, exports: ExportService
) -> None:
    demo_workstation.accounts.add(
        "rn.lee", "R. Lee", Role.NURSE, "rn-lee-password", credentials="RN, BSN"
    )
    lee = demo_workstation.auth.sign_in("rn.lee", "rn-lee-password")
    draft_id = _draft(demo_workstation, lee, text=SIGNABLE)
    demo_workstation.review.sign(lee, draft_id, attestation=True)

    text = exports.as_text(lee, draft_id)

    assert lee.principal.credentials == "RN, BSN"
    assert "verified and signed by R. Lee, RN, BSN on " in text


def test_a_signed_note_exported_by_someone_else_names_its_signer(
    demo_workstation: Workstation, nurse: Session, exports: ExportService
) -> None:
    draft_id = _draft(demo_workstation, nurse, text=SIGNABLE)
    demo_workstation.review.sign(nurse, draft_id, attestation=True)
    charge = _signed_in(demo_workstation, Role.CHARGE_NURSE)

    footer = exports.pdf_document(charge, draft_id).footer

    assert footer.startswith("AI-assisted draft, verified and signed by Demo Nurse, RN on ")


def test_a_signed_note_keeps_the_credentials_its_signer_had_when_signing(
    demo_workstation: Workstation, nurse: Session, exports: ExportService
) -> None:
    draft_id = _draft(demo_workstation, nurse, text=SIGNABLE)
    demo_workstation.review.sign(nurse, draft_id, attestation=True)

    demo_workstation.credentials.set_own(nurse, "RN, BSN")

    signed = "verified and signed by Demo Nurse, RN on "
    assert nurse.principal.signature_name == "Demo Nurse, RN, BSN"
    assert signed in exports.as_text(nurse, draft_id)
    assert signed in exports.pdf_document(nurse, draft_id).footer
    [version] = demo_workstation.review.history(nurse, draft_id)
    assert version.signature_name == "Demo Nurse, RN"
    fhir = exports.fhir_document_reference(nurse, draft_id)
    assert fhir["authenticator"]["display"] == "Demo Nurse, RN"


def test_an_unsigned_drafts_export_says_only_who_reviewed_it(
    demo_workstation: Workstation, nurse: Session, exports: ExportService
) -> None:
    footer = exports.pdf_document(nurse, _draft(demo_workstation, nurse)).footer
    assert footer == "AI-assisted draft, reviewed by Demo Nurse, RN"
