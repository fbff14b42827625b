"""This workstation's model speed is kept between sessions, so the first draft of the day
already says about how long it takes; it is two rates, never anything of a note."""

import json
from pathlib import Path

from app.domain.generation import GenerationStats, MeasuredSpeed, ReadingProgress
from app.domain.grounded.draft import DraftMode
from app.domain.notes import NoteKind
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.measured_speed import SPEED_FILE, SpeedRecord
from app.services.workstation import StartOptions, Workstation

NOTES = "0800 BP 132/84, HR 88, SpO2 95% RA. Pain 2/10. Ambulating with walker.\n"
FINISHED = GenerationStats(
    prompt_tokens=2000,
    reused_prompt_tokens=0,
    completion_tokens=300,
    prompt_seconds=20.0,
    generation_seconds=30.0,
    time_to_first_token=20.0,
    tokens_per_second=10.0,
    cancelled=False,
    hit_max_tokens=False,
)


def test_a_recorded_speed_is_there_at_the_next_start(tmp_path: Path) -> None:
    SpeedRecord(tmp_path / SPEED_FILE).record(FINISHED)

    assert SpeedRecord(tmp_path / SPEED_FILE).last == MeasuredSpeed(reading=100.0, writing=10.0)


def test_a_run_that_measured_nothing_keeps_the_last_speed(tmp_path: Path) -> None:
    record = SpeedRecord(tmp_path / SPEED_FILE)
    record.record(FINISHED)

    record.record(FINISHED.model_copy(update={"prompt_seconds": 0.0}))

    assert SpeedRecord(tmp_path / SPEED_FILE).last == MeasuredSpeed(reading=100.0, writing=10.0)


def test_a_damaged_file_counts_as_no_measurement(tmp_path: Path) -> None:
    (tmp_path / SPEED_FILE).write_text('{"reading": -3, "writing": "fast"}', encoding="utf-8")

    assert SpeedRecord(tmp_path / SPEED_FILE).last is None


def _draft_once(workstation: Workstation) -> list[ReadingProgress]:
    session = workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    run = workstation.drafts.draft(
        session, "DEMO-1001", NoteKind.SHIFT_SBAR, NOTES, mode=DraftMode.WHOLE
    )
    reports: list[ReadingProgress] = []
    run.on_reading = reports.append
    "".join(run)
    return reports


def test_a_finished_draft_leaves_its_speed_for_the_next_session(
    data_dir: Path, demo_workstation: Workstation
) -> None:
    assert demo_workstation.drafts.measured_speed is None

    _draft_once(demo_workstation)
    measured = demo_workstation.drafts.measured_speed
    demo_workstation.close()
    reopened = Workstation.open(StartOptions(data_dir=data_dir, demo=True))

    try:
        assert measured is not None
        assert reopened.drafts.measured_speed == measured
    finally:
        reopened.close()


def test_the_kept_speed_holds_two_rates_and_nothing_of_the_notes(
    demo_workstation: Workstation,
) -> None:
    _draft_once(demo_workstation)

    kept = (demo_workstation.locations.root / SPEED_FILE).read_text(encoding="utf-8")

    assert set(json.loads(kept)) == {"reading", "writing"}
    assert "132/84" not in kept


def test_the_caller_of_a_draft_is_told_how_far_the_notes_are_read(
    demo_workstation: Workstation,
) -> None:
    reports = _draft_once(demo_workstation)

    assert reports[0].done == 0
    assert reports[-1].finished
