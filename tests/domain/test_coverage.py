"""The coverage report: one status line always, a loud warning only when parts were left out."""

from app.domain.coverage import Coverage, PartCoverage, PartStatus


def _coverage(*statuses: PartStatus) -> Coverage:
    return Coverage(
        parts=tuple(
            PartCoverage(
                index=index,
                label=f"2026-11-{10 + index} 06:00",
                first_line=index * 10 - 9,
                last_line=index * 10,
                characters=500,
                status=status,
            )
            for index, status in enumerate(statuses, start=1)
        )
    )


WHOLE, CONDENSED, FACTS, LEFT_OUT = (
    PartStatus.WHOLE,
    PartStatus.CONDENSED,
    PartStatus.FACTS,
    PartStatus.LEFT_OUT,
)


def test_the_status_line_counts_each_form_the_parts_took() -> None:
    coverage = _coverage(LEFT_OUT, LEFT_OUT, FACTS, CONDENSED, CONDENSED, CONDENSED, WHOLE)
    assert coverage.status_line == (
        "Coverage: 1 of 7 parts whole, 3 condensed, 1 as facts only, 2 LEFT OUT"
    )


def test_facts_only_parts_give_no_warning_but_the_draft_is_not_complete() -> None:
    coverage = _coverage(FACTS, WHOLE)
    assert coverage.warning is None
    assert not coverage.complete


def test_condensed_parts_alone_give_no_warning() -> None:
    coverage = _coverage(CONDENSED, WHOLE)
    assert coverage.warning is None
    assert not coverage.complete


def test_the_warning_names_the_left_out_parts_and_the_oldest_note_kept() -> None:
    warning = _coverage(LEFT_OUT, LEFT_OUT, CONDENSED, WHOLE).warning
    assert warning == (
        "2 source parts (notes before 2026-11-13 06:00) were LEFT OUT: part 1 (lines 1–10, "
        "2026-11-11 06:00), part 2 (lines 11–20, 2026-11-12 06:00). The draft does not cover "
        "them; read them in the source notes."
    )


def test_a_long_list_of_left_out_parts_is_cut_short_with_a_count() -> None:
    warning = _coverage(*[LEFT_OUT] * 8, WHOLE).warning
    assert warning is not None
    assert "part 5 (" in warning and "part 6 (" not in warning
    assert "and 3 more" in warning


def test_the_report_survives_a_round_trip_through_json() -> None:
    coverage = _coverage(LEFT_OUT, CONDENSED, WHOLE)
    assert Coverage.model_validate_json(coverage.model_dump_json()) == coverage
