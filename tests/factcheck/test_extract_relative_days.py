"""Days and parts of the day told relative to the note (tomorrow, tonight, this morning): read
in a draft's plain words, backed by any of the ways the notes write them, or a time of day."""

import pytest

from app.domain.factcheck import check_draft
from tests.factcheck.helpers import only


def _flags(source: str, draft: str) -> list[str]:
    report = check_draft(source, draft)
    return [flag.text for flag in [*report.unsupported, *report.contradicted]]


def test_a_day_a_draft_names_is_a_date_and_a_part_of_the_day_a_time() -> None:
    assert only("Next dialysis planned for tomorrow.", "date").values("relative day") == [
        "tomorrow"
    ]
    assert only("Wean milrinone tonight.", "time").values("relative day") == ["tonight"]


def test_the_day_after_tomorrow_is_not_tomorrow() -> None:
    source = "Renal: HD tomorrow, last HD today."

    assert "day after tomorrow" in _flags(source, "HD planned for the day after tomorrow.")
    assert _flags(source, "HD planned for tomorrow.") == []


@pytest.mark.parametrize(
    ("source", "draft"),
    [
        ("Plan: wean milrinone in am.", "Wean milrinone tomorrow."),
        ("Slept well noc. Plan to diurese.", "Plan to diurese tonight."),
        ("Mycostatin applied this pm.", "Mycostatin applied this afternoon."),
        ("Kayexalate given yest.", "Kayexalate was given yesterday."),
        ("Taken off BiPAP and placed on 3L NC at 0730.", "She came off BiPAP this morning."),
    ],
    ids=["in-am", "noc", "this-pm", "yest", "clock-time"],
)
def test_a_day_the_notes_write_their_own_way_or_time_backs_the_draft(
    source: str, draft: str
) -> None:
    assert _flags(source, draft) == []


def test_a_part_of_the_day_the_notes_never_name_is_flagged() -> None:
    source = "Plan: wean milrinone in am. Labs at 0400."

    assert _flags(source, "Wean milrinone this afternoon.") == ["this afternoon"]


def test_an_invented_event_with_a_day_the_notes_name_is_still_an_unsupported_sentence() -> None:
    source = "Case management to contact his friend. Pt resting this pm."
    draft = "Social work met with her this afternoon and reviewed the rehab list."

    report = check_draft(source, draft)
    assert [flag.kind for flag in report.unsupported] == ["sentence"]
