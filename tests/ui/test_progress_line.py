"""The waiting line: the stage, the part of the notes being read and the time left, by the
speed this run measured, or this workstation's last one until it has."""

from app.domain.generation import GenerationStats, MeasuredSpeed, ReadingProgress
from app.ui.progress_line import RunProgress, Stage, TimeLeft, progress_line, time_left

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
STORED = MeasuredSpeed(reading=100.0, writing=10.0)
PREPARING = RunProgress(
    stage=Stage.READING, elapsed_in_stage=10.0, notes_tokens=3000, max_tokens=600
)
PART_3_OF_8 = ReadingProgress(done=1024, total=4096, part=3, parts=8)


def test_the_speed_is_measured_from_the_tokens_actually_read_and_written() -> None:
    assert MeasuredSpeed.of(LAST_RUN) == MeasuredSpeed(reading=100.0, writing=10.0)


def test_a_run_that_measured_nothing_gives_no_speed() -> None:
    cancelled_early = LAST_RUN.model_copy(update={"prompt_seconds": 0.0})
    assert MeasuredSpeed.of(cancelled_early) is None
    assert MeasuredSpeed.of(None) is None


def test_before_the_model_reads_the_notes_are_timed_by_the_last_speed() -> None:
    assert time_left(PREPARING, STORED) == TimeLeft(20.0 + 60.0)


def test_with_no_speed_measured_anywhere_there_is_no_estimate() -> None:
    assert time_left(PREPARING, None) is None
    assert progress_line(PREPARING, None) == "Reading the notes · estimating…"


def test_after_the_first_batch_the_reading_is_timed_by_this_run() -> None:
    reading = RunProgress(
        stage=Stage.READING,
        elapsed_in_stage=30.0,
        notes_tokens=3000,
        max_tokens=600,
        reading=PART_3_OF_8,
        reading_rate=64.0,
        since_report=8.0,
    )

    assert time_left(reading, STORED) == TimeLeft((4096 - 1024) / 64.0 - 8.0 + 60.0)
    assert time_left(reading, None) == TimeLeft(40.0, reading_only=True)


def test_writing_falls_as_the_text_comes() -> None:
    def after(chars: int) -> float | None:
        left = time_left(
            RunProgress(
                stage=Stage.WRITING,
                elapsed_in_stage=0.0,
                notes_tokens=3000,
                max_tokens=600,
                written_chars=chars,
            ),
            STORED,
        )
        return None if left is None else left.seconds

    assert after(0) == 60.0
    assert after(1200) == 30.0
    assert after(4000) == 0.0


def test_writing_is_timed_by_this_run_once_measured() -> None:
    writing = RunProgress(
        stage=Stage.WRITING,
        elapsed_in_stage=5.0,
        notes_tokens=3000,
        max_tokens=600,
        written_chars=400,
        writing_rate=20.0,
    )

    assert time_left(writing, STORED) == TimeLeft(25.0)
    assert time_left(writing, None) == TimeLeft(25.0)


def test_the_line_names_the_part_being_read_and_the_time_left() -> None:
    reading = RunProgress(
        stage=Stage.READING,
        elapsed_in_stage=0.0,
        notes_tokens=0,
        max_tokens=600,
        reading=PART_3_OF_8,
    )

    assert progress_line(reading, TimeLeft(120.0)) == (
        "Reading the notes: part 3 of 8 · about 2 min left"
    )
    assert progress_line(reading, TimeLeft(50.0, reading_only=True)) == (
        "Reading the notes: part 3 of 8 · about 50 s left to read"
    )


def test_a_prompt_read_in_one_batch_names_no_parts() -> None:
    one_part = RunProgress(
        stage=Stage.READING,
        elapsed_in_stage=0.0,
        notes_tokens=0,
        max_tokens=600,
        reading=ReadingProgress(done=0, total=300, part=1, parts=1),
    )

    assert progress_line(one_part, None) == "Reading the notes · estimating…"


def test_the_time_is_rounded_as_a_person_would_say_it() -> None:
    writing = RunProgress(stage=Stage.WRITING, elapsed_in_stage=0.0, notes_tokens=0, max_tokens=1)

    assert progress_line(writing, TimeLeft(2.0)) == "Writing the draft · almost done"
    assert progress_line(writing, TimeLeft(42.0)) == "Writing the draft · about 40 s left"
    assert progress_line(writing, TimeLeft(128.0)) == "Writing the draft · about 2 min 10 s left"
    assert progress_line(writing, TimeLeft(181.0)) == "Writing the draft · about 3 min left"
