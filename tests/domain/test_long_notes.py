"""Splitting a long source at note boundaries, condensing parts, and fitting them to a budget."""

import re

import pytest

from app.domain.coverage import PartStatus
from app.domain.long_notes import (
    MeasuredPart,
    allocate,
    condense,
    measure,
    measure_source,
    split_source,
    whole_coverage,
)
from tests.fixtures.long_notes import day_note, multi_day_notes, varied_day_notes


def characters(text: str) -> int:
    """A tokenizer stand-in: one token per character keeps the arithmetic checkable."""
    return len(text)


def _measured(text: str) -> list[MeasuredPart]:
    return [measure(part, characters) for part in split_source(text)]


def test_each_dated_line_starts_a_part_labelled_with_its_timestamp() -> None:
    text = "2026-11-18 06:00 BP 120/80.\nHR 72.\n2026-11-19 06:00 BP 118/76.\n"
    parts = split_source(text)
    assert [(part.label, part.first_line, part.last_line) for part in parts] == [
        ("2026-11-18 06:00", 1, 2),
        ("2026-11-19 06:00", 3, 4),
    ]


@pytest.mark.parametrize("stamp", ["2026-11-20 07:00", "11/20/2026 0700", "11/20 0700", "Day 3"])
def test_the_usual_ways_of_dating_a_note_each_start_a_part(stamp: str) -> None:
    text = f"0600 HR 80.\n{stamp}: BP 120/80.\nHR 72.\n"
    assert [part.label for part in split_source(text)] == ["", stamp]


def test_hospital_days_and_note_headers_start_parts() -> None:
    text = "Day 1\nBP 120/80.\nNight shift note\nHR 72.\nPOD 2: ambulating.\n"
    assert [part.label for part in split_source(text)] == ["Day 1", "Night shift note", "POD 2"]


def test_a_header_directly_above_a_dated_line_opens_one_part_not_two() -> None:
    text = "Nursing note\n2026-11-18 06:00 BP 120/80.\nHR 72.\n"
    parts = split_source(text)
    assert [part.label for part in parts] == ["Nursing note 2026-11-18 06:00"]


def test_timed_entries_do_not_split_a_note_that_is_small_enough() -> None:
    text = "0700 BP 120/80.\n0800 HR 72.\n0900 Resting.\n"
    assert len(split_source(text)) == 1


def test_an_oversized_note_is_split_at_timed_entries_and_keeps_every_line() -> None:
    text = day_note(1, entries=12)
    parts = split_source(text, max_part_chars=400)
    assert len(parts) > 1
    assert all(len(part.text) <= 400 for part in parts)
    assert "\n".join(part.text for part in parts) == text
    assert parts[1].label.startswith("2026-11-10 07:00, ")


def test_a_line_opening_with_a_volume_is_not_taken_for_a_timed_entry() -> None:
    text = "0700 Intake 600 mL.\n1000 mL urine output overnight.\n0800 HR 72.\n"
    parts = split_source(text, max_part_chars=60)
    assert [part.text.split()[0] for part in parts] == ["0700", "0800"]


def test_condensing_keeps_fact_sentences_word_for_word_and_drops_narrative() -> None:
    text = (
        "2026-11-18 06:00 Night note.\n"
        "0700 Watched television with her daughter. BP 142/88, HR 96.\n"
        "0800 Chatted about the weather and the garden.\n"
        "0815 Metoprolol 25 mg PO given. PIV L forearm 20g patent.\n"
    )
    assert condense(text) == (
        "2026-11-18 06:00 Night note.\n"
        "0700 BP 142/88, HR 96.\n"
        "0815 Metoprolol 25 mg PO given. PIV L forearm 20g patent."
    )


def test_allergies_and_code_status_survive_condensing() -> None:
    text = "Admission.\nLikes tea. Allergies: penicillin (hives). Full code. Enjoys crosswords."
    condensed = condense(text)
    assert "Allergies: penicillin (hives)." in condensed
    assert "Full code." in condensed
    assert "crosswords" not in condensed


def test_notes_within_the_budget_all_go_whole() -> None:
    text = multi_day_notes(3_000)
    plan = allocate(_measured(text), len(text) + 100, characters)
    assert {part.status for part in plan.coverage.parts} == {PartStatus.WHOLE}
    assert plan.coverage.warning is None


def test_notes_over_the_budget_keep_the_newest_whole_and_condense_older_ones() -> None:
    measured = _measured(multi_day_notes(6_000))
    whole = sum(item.cost(PartStatus.WHOLE) for item in measured)
    condensed = sum(item.cost(PartStatus.CONDENSED) for item in measured)
    plan = allocate(measured, (whole + condensed) // 2, characters)
    statuses = [part.status for part in plan.coverage.parts]
    assert statuses[-1] is PartStatus.WHOLE
    assert statuses[0] is PartStatus.CONDENSED
    assert PartStatus.LEFT_OUT not in statuses
    assert plan.coverage.warning is None


def test_notes_too_long_to_condense_reach_the_model_as_facts_and_none_is_left_out() -> None:
    plan = allocate(_measured(multi_day_notes(20_000)), 3_000, characters)
    statuses = [part.status for part in plan.coverage.parts]
    assert statuses[-1] is PartStatus.WHOLE
    assert set(statuses[:-1]) == {PartStatus.FACTS}
    assert plan.coverage.warning is None


@pytest.mark.parametrize("budget", [3_000, 3_500, 5_000])
def test_neighbouring_notes_share_digests_and_recent_notes_get_the_finer_ones(budget: int) -> None:
    plan = allocate(_measured(multi_day_notes(20_000)), budget, characters)
    notes_per_digest = [
        int(match.group(1)) if (match := re.search(r"\((\d+) notes\):$", line)) else 1
        for line in plan.text.splitlines()
        if line.startswith("Facts from ")
    ]
    assert sum(notes_per_digest) == plan.coverage.count(PartStatus.FACTS)
    assert max(notes_per_digest) > 1
    assert notes_per_digest == sorted(notes_per_digest, reverse=True)


def test_spare_budget_condenses_the_newest_digested_notes_first() -> None:
    measured = _measured(multi_day_notes(20_000))
    plan = allocate(measured, 9_000, characters)
    statuses = [part.status for part in plan.coverage.parts]
    assert PartStatus.CONDENSED in statuses and PartStatus.FACTS in statuses
    first_condensed = statuses.index(PartStatus.CONDENSED)
    assert set(statuses[first_condensed:-1]) <= {PartStatus.CONDENSED, PartStatus.WHOLE}
    assert set(statuses[:first_condensed]) == {PartStatus.FACTS}


def test_when_one_digest_of_the_older_notes_is_too_big_the_oldest_are_left_out_by_name() -> None:
    measured = _measured(varied_day_notes(40_000))
    plan = allocate(measured, measured[-1].cost(PartStatus.WHOLE) + 2_500, characters)
    statuses = [part.status for part in plan.coverage.parts]
    first_kept = statuses.index(PartStatus.FACTS)
    assert first_kept > 0
    assert set(statuses[:first_kept]) == {PartStatus.LEFT_OUT}
    assert PartStatus.LEFT_OUT not in statuses[first_kept:]
    warning = plan.coverage.warning
    assert warning is not None
    assert f"{first_kept} source parts" in warning
    assert f"notes before {plan.coverage.parts[first_kept].label}" in warning
    assert "part 1 (lines 1–14, 2026-11-10 07:00)" in warning


def test_the_plan_keeps_the_source_order_and_the_wording_of_everything_not_digested() -> None:
    text = multi_day_notes(20_000)
    plan = allocate(_measured(text), 9_000, characters)
    pieces = plan.text.split("\n\n")
    kept = [piece for piece in pieces if not piece.startswith("Facts from ")]
    days = [line for piece in kept for line in piece.splitlines() if "Nursing note" in line]
    assert days == sorted(days)
    assert all(line in text for piece in kept for line in piece.splitlines())


@pytest.mark.parametrize("budget", [1_500, 3_000, 6_000])
def test_the_plan_fits_its_budget(budget: int) -> None:
    measured = measure_source(multi_day_notes(20_000), characters, budget)
    assert measured is not None
    assert len(allocate(measured, budget, characters).text) <= budget


def test_notes_written_newest_first_lose_their_last_parts_not_their_first() -> None:
    days = varied_day_notes(40_000).split("\n\n")
    measured = _measured("\n".join(reversed(days)))
    plan = allocate(measured, measured[0].cost(PartStatus.WHOLE) + 2_500, characters)
    statuses = [part.status for part in plan.coverage.parts]
    assert statuses[0] is PartStatus.WHOLE
    assert statuses[-1] is PartStatus.LEFT_OUT


def test_planning_stops_when_asked() -> None:
    assert measure_source(multi_day_notes(20_000), characters, 3_000, stopped=lambda: True) is None


def test_a_source_sent_in_one_pass_is_reported_whole_part_by_part() -> None:
    coverage = whole_coverage(multi_day_notes(3_000))
    assert len(coverage.parts) == 3
    assert coverage.complete
    assert coverage.status_line == "Coverage: 3 of 3 parts whole"
