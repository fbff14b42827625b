"""Drafts the audit log expects: deletions and purges made in the app are not losses."""

from pathlib import Path

from app.domain.notes import NoteKind
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.workstation import StartOptions, Workstation
from app.storage.draft_ledger import expected_draft_ids
from tests.fixtures.audit_log import audit_store

NOTES = "0800 HR 80, BP 120/80.\n"


def test_a_draft_deleted_in_the_app_is_not_expected_and_the_folder_reopens(
    data_dir: Path, demo_workstation: Workstation
) -> None:
    nurse = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    kept = demo_workstation.drafts.create_draft(nurse, "DEMO-1001", NoteKind.SHIFT_SBAR, NOTES)
    deleted = demo_workstation.drafts.create_draft(nurse, "DEMO-1001", NoteKind.SHIFT_SBAR, NOTES)
    demo_workstation.drafts.delete_draft(nurse, deleted.id)
    demo_workstation.close()

    reopened = Workstation.open(StartOptions(data_dir=data_dir, demo=True))
    try:
        assert expected_draft_ids(audit_store(reopened)) == {kept.id}
    finally:
        reopened.close()
