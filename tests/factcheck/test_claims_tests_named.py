"""A test or scan the draft names that the notes name under none of its names: "a CT scan"
where the notes took a chest x-ray."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "SPIKED TEMP TO 104. TYLENOL GIVEN. CXR DONE. BLD CX RESENT.\n"
    "CV: SR NO ECT. EKG UNCHANGED. TTE TOMORROW.\n"
)


def _reasons(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if "mention no" in flag.reason]


@pytest.mark.parametrize(
    ("draft", "study"),
    [
        ("The patient has been receiving a CT scan.", "CT scan"),
        ("A head CT was negative.", "CT scan"),
        ("An MRI of the brain is planned.", "MRI"),
        ("EEG showed slowing.", "EEG"),
    ],
)
def test_a_study_the_notes_never_mention_is_flagged(draft: str, study: str) -> None:
    assert _reasons(check_draft(SOURCE, draft)) == [
        f"Not found in the notes: the source notes mention no {study}."
    ]


@pytest.mark.parametrize(
    "draft",
    [
        "A chest x-ray was done.",
        "The 12-lead ECG is unchanged.",
        "An echocardiogram is planned for tomorrow.",
        "Blood cultures were resent.",
    ],
)
def test_a_study_the_notes_name_in_any_form_is_not_flagged(draft: str) -> None:
    assert _reasons(check_draft(SOURCE, draft)) == []


def test_a_chest_tube_written_ct_backs_a_ct_scan_too() -> None:
    """The notes' "CT" may be a scan or a chest tube: read broadly, it never flags."""
    source = "CT TO SUCTION, NO AIR LEAK."
    assert _reasons(check_draft(source, "A CT scan was done.")) == []
