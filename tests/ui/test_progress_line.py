"""The waiting line: stage and time left, by the speed this workstation measured."""

from app.domain.generation import GenerationStats
from app.ui.progress_line import MeasuredSpeed, Stage, progress_line, seconds_left

LAST_RUN = GenerationStats(
    prompt_tokens=2100,
    reused_prompt_tokens=100,
    completion_tokens=300,
    prompt_seconds=20.0,
    generation_seconds=30.0,
    time_to_first_token=20.0,
    tokens_per_second=10.0,
    cancelled=False,
    hit_max_tokens=False,
)


def test_the_speed_is_measured_from_the_tokens_actually_read_and_written() -> None:
    assert MeasuredSpeed.of(LAST_RUN) == MeasuredSpeed(reading=100.0, writing=10.0)


def test_a_run_that_measured_nothing_gives_no_speed() -> None:
    cancelled_early = LAST_RUN.model_copy(update={"prompt_seconds": 0.0})
    assert MeasuredSpeed.of(cancelled_early) is None
    assert MeasuredSpeed.of(None) is None


def test_reading_counts_the_notes_left_and_the_whole_draft_to_write() -> None:
    speed = MeasuredSpeed(reading=100.0, writing=10.0)

    left = seconds_left(
        Stage.READING,
        speed,
        elapsed_in_stage=10.0,
        notes_tokens=3000,
        written_chars=0,
        max_tokens=600,
    )

    assert left == 20.0 + 60.0


def test_writing_falls_as_the_text_comes() -> None:
    speed = MeasuredSpeed(reading=100.0, writing=10.0)

    def after(chars: int) -> float:
        return seconds_left(
            Stage.WRITING,
            speed,
            elapsed_in_stage=0.0,
            notes_tokens=3000,
            written_chars=chars,
            max_tokens=600,
        )

    assert after(0) == 60.0
    assert after(1200) == 30.0
    assert after(4000) == 0.0


def test_the_line_names_the_stage_and_rounds_the_time_as_a_person_would() -> None:
    assert progress_line(Stage.READING, None) == "Reading the notes…"
    assert progress_line(Stage.WRITING, 2.0) == "Writing the draft… almost done"
    assert progress_line(Stage.WRITING, 42.0) == "Writing the draft… about 40 s left"
    assert progress_line(Stage.READING, 128.0) == "Reading the notes… about 2 min 10 s left"
    assert progress_line(Stage.READING, 181.0) == "Reading the notes… about 3 min left"
