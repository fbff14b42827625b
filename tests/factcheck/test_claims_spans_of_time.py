"""Spans of time a draft states that the notes never give: a number of days, weeks, months or
years in any form, and a vague span ("for several months", "over the past few weeks") where
the notes give no span of that unit at all."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "NEURO: A&O X3, MAE.\n"
    "CV: HR 80S SR. HYPOTENSIVE TO 80S OVERNIGHT, NEO STARTED.\n"
    "RESP: HX COPD, ON 2L NC, SATS 95%.\n"
)


def _sentence_flags(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if flag.kind == "sentence"]


def _span_flags(report: FactCheckReport) -> list[str]:
    """The sentence flags that name a span of time, whatever else the sentence's words do."""
    return [reason for reason in _sentence_flags(report) if "span of" in reason]


@pytest.mark.parametrize(
    "draft",
    [
        "She has had chest pain for the past 3 months",
        "She has been on neo for 2 months",
        "Her breathing has worsened over the past two weeks",
        "She has had COPD for about 3 years",
        "She was hypotensive for 2-3 days",
        "She has a 5-day history of cough",
        "She was intubated 3 weeks ago",
    ],
)
def test_a_numbered_span_the_notes_never_give_is_flagged(draft: str) -> None:
    [reason] = _sentence_flags(check_draft(SOURCE, draft))
    assert "span of" in reason


def test_an_age_written_y_o_is_no_span_of_years() -> None:
    report = check_draft("58 y.o. woman. " + SOURCE, "She has had COPD for 58 years")
    [reason] = _sentence_flags(report)
    assert "58 years" in reason


def test_a_number_word_inside_another_word_is_no_span() -> None:
    report = check_draft("TENDS TO BE ANXIOUS. " + SOURCE, "She has been anxious for 10 days")
    assert len(_sentence_flags(report)) == 1


def test_a_span_in_weeks_is_backed_by_the_same_days() -> None:
    report = check_draft("COUGH X 14 DAYS. " + SOURCE, "She has had a cough for 2 weeks")
    assert _sentence_flags(report) == []


@pytest.mark.parametrize(
    "draft",
    [
        "She has been in the hospital for several months",
        "Her breathing has been worsening over the past few weeks",
        "Family members have visited her for several years",
        "Her condition has changed over the past several days",
        "Several years ago she had a heart attack",
    ],
)
def test_a_vague_span_in_notes_that_give_no_span_is_flagged(draft: str) -> None:
    [reason] = _sentence_flags(check_draft(SOURCE, draft))
    assert "no span of" in reason


@pytest.mark.parametrize(
    ("history", "draft"),
    [
        ("COUGH X 10 DAYS.", "Her cough has worsened over the past several days"),
        ("SOB STARTED 1 WEEK AGO.", "Her breathing has worsened over the past few weeks"),
        ("S/P CHOLECYSTECTOMY 13YRS AGO.", "She had a cholecystectomy several years ago"),
        ("S/P MI 1992.", "She had an MI many years ago"),
        ("SOB FOR SEVERAL WEEKS.", "Her breathing has worsened over the past few weeks"),
        ("FOLLOW UP WITH PCP IN THE NEXT COUPLE WEEKS.", "Follow up with PCP in a couple of weeks"),
    ],
)
def test_a_vague_span_is_backed_by_a_span_of_its_unit_in_any_form(history: str, draft: str) -> None:
    assert _span_flags(check_draft(history + "\n" + SOURCE, draft)) == []


def test_a_span_of_ten_days_is_not_a_few_weeks() -> None:
    report = check_draft(
        "COUGH X 10 DAYS.\n" + SOURCE, "Her cough has worsened over the past few weeks"
    )
    [reason] = _sentence_flags(report)
    assert "weeks" in reason


def test_a_span_of_years_is_not_several_days() -> None:
    report = check_draft(
        "S/P MI 13YRS AGO.\n" + SOURCE, "She has been hypotensive for several days"
    )
    assert len(_sentence_flags(report)) == 1


def test_a_vague_span_the_notes_give_is_never_flagged() -> None:
    source = "PLAN: WEAN NEO OVER THE NEXT FEW DAYS.\n" + SOURCE
    assert _sentence_flags(check_draft(source, "Neo will be weaned over the next few days")) == []


def test_a_time_of_day_is_no_span() -> None:
    assert _span_flags(check_draft(SOURCE, "She has been on neo over the past 24 hours")) == []


def test_a_span_in_seconds_the_notes_never_give_is_flagged() -> None:
    draft = "She has been receiving oral medication in the last 70 seconds"

    assert _span_flags(check_draft(SOURCE, draft)) == [
        "Not found in the notes: the source notes never give a span of 70 seconds."
    ]


def test_a_span_in_seconds_the_notes_give_is_not_flagged() -> None:
    notes = SOURCE + "CAP REFILL < 3 SECS. RUN OF VT X 30 SEC, SELF LIMITING.\n"

    assert _span_flags(check_draft(notes, "She had a run of VT for 30 seconds.")) == []


def test_a_vague_span_backed_only_by_a_span_of_another_thing_is_flagged() -> None:
    notes = SOURCE + "HAS HAD COUGH SINCE LUNG SURGERY 20 YRS AGO.\n"
    draft = "She has been on neo for several years"

    assert _span_flags(check_draft(notes, draft)) == [
        "Not found in the notes: the source notes give no span of years that “for several "
        "years” could stand for."
    ]


@pytest.mark.parametrize(
    ("draft", "span"),
    [
        ("She slept for 12 hours", "12 hours"),
        ("She slept well, with a sleep duration of 12 hours", "12 hours"),
        ("Her chest pain lasted about 1 hour", "1 hour"),
        ("Neo was started 3 hours ago", "3 hours"),
    ],
)
def test_a_span_of_hours_the_notes_never_give_is_flagged(draft: str, span: str) -> None:
    assert _span_flags(check_draft(SOURCE, draft)) == [
        f"Not found in the notes: the source notes never give a span of {span}."
    ]


@pytest.mark.parametrize(
    "source_line",
    ["SLEPT X 4 HRS.", "SLEPT 4H.", "OFF NEO FOR 4 HOURS."],
)
def test_a_span_of_hours_the_notes_give_is_not_flagged(source_line: str) -> None:
    report = check_draft(source_line + "\n" + SOURCE, "She slept for 4 hours")
    assert _span_flags(report) == []


def test_hours_are_backed_by_the_same_span_in_days() -> None:
    report = check_draft("NPO X 2 DAYS.\n" + SOURCE, "She has been NPO for 48 hours")
    assert _span_flags(report) == []


def test_a_window_of_hours_is_no_span() -> None:
    assert _span_flags(check_draft(SOURCE, "She has been on neo for the last 12 hours")) == []


def test_a_time_of_day_in_four_digits_is_no_calendar_year() -> None:
    notes = "Dr. Wolfe spoke with family at 2000. neo added ~ 2000 and titrated.\n"
    report = check_draft(notes, "The patient has been unwell for several years.")
    assert any("span of years" in reason for reason in _span_flags(report))


def test_a_calendar_year_still_backs_a_span_of_years() -> None:
    notes = "PMH: s/p MI 1992, COPD.\n"
    report = check_draft(notes, "She has had heart trouble for several years since the MI.")
    assert _span_flags(report) == []
