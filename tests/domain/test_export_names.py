"""Proposed export file names name no patient unless the policy asks for the MRN."""

from datetime import UTC, datetime

from app.domain.export_names import export_file_name
from app.domain.notes import NoteKind

DAY = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


def test_by_default_the_name_carries_kind_day_and_draft_id_only() -> None:
    name = export_file_name(NoteKind.SHIFT_SBAR, DAY, "3f2a9c1e-77aa-4b", ".pdf")

    assert name == f"shift-sbar_{DAY.astimezone():%Y-%m-%d}_3f2a9c1e.pdf"


def test_a_policy_that_allows_the_mrn_adds_it_made_safe_for_a_file_system() -> None:
    name = export_file_name(NoteKind.DISCHARGE, DAY, "abc", ".fhir.json", mrn="MRN/00 42")

    assert name.endswith("_abc_MRN-00-42.fhir.json")
    assert "/" not in name and " " not in name
