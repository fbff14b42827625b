"""No text makes the checker crash, hang, or report offsets that do not slice the draft."""

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.deidentify import deidentify
from app.domain.factcheck import check_draft, extract_facts

CLINICAL_PIECES = [
    "BP 142/88",
    "HR",
    "96",
    " ",
    "\n",
    ", ",
    ". ",
    "/",
    "-",
    "at 0800",
    "K 3.3",
    "Lasix 40 mg IV",
    "metoprolol",
    "25",
    "mg",
    "PO BID",
    "q4h PRN",
    "2L NC",
    "RA",
    "L forearm",
    "PIV 20g",
    "Allergies:",
    "PCN",
    "NKDA",
    "DNR/DNI",
    "Full code",
    "6/10",
    "11/16",
    "1,550 mL",
    "urine",
    "net -",
    "T 38.4 C",
    "101.2 F",
    "x1",
    "two liters",
    "over",
    "out of 10",
    "(",
    ")",
    ";",
    "°",
    "µg",
    "->",
]

clinical_text = st.lists(st.sampled_from(CLINICAL_PIECES), max_size=80).map("".join)
any_text = st.text(max_size=1500)
settings.register_profile(
    "factcheck",
    deadline=2000,
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow],
)
FUZZ = settings.get_profile("factcheck")


@FUZZ
@given(st.one_of(clinical_text, any_text))
def test_extraction_never_crashes_and_facts_slice_the_text(text: str) -> None:
    for fact in extract_facts(text):
        assert text[fact.start : fact.end] == fact.text
        assert 0 <= fact.start < fact.end <= len(text)


@FUZZ
@given(st.one_of(clinical_text, any_text), st.one_of(clinical_text, any_text))
def test_every_flag_slices_the_draft_to_its_text(source: str, draft: str) -> None:
    report = check_draft(source, draft)
    for flag in [*report.unsupported, *report.contradicted]:
        assert draft[flag.start : flag.end] == flag.text


@FUZZ
@given(clinical_text)
def test_a_draft_identical_to_its_source_is_never_flagged(text: str) -> None:
    report = check_draft(text, text)
    assert report.unsupported == [] and report.contradicted == [] and report.omitted == []


@pytest.fixture(scope="module")
def loaded_deidentifier() -> None:
    """Loads the de-identifier's spaCy pipeline once (seconds), before the examples are timed."""
    deidentify("Warm-up note.")


@pytest.mark.usefixtures("loaded_deidentifier")
@FUZZ
@given(st.one_of(clinical_text, any_text))
def test_deidentification_never_crashes_and_replacements_index_the_original(text: str) -> None:
    result = deidentify(text)
    previous_end = 0
    for replacement in result.replacements:
        assert previous_end <= replacement.start < replacement.end <= len(text)
        previous_end = replacement.end


PATHOLOGICAL_SECONDS = 30.0
"""A regular expression that backtracks catastrophically takes minutes to hours on these inputs;
the checker and the de-identifier take seconds at most, even on a loaded two-core machine."""


@pytest.mark.parametrize(
    "text", ["1/" * 5000, "a " * 20000, "HR " * 5000, "9" * 20000, "Allergies: " * 3000]
)
def test_pathological_repetition_finishes_quickly(text: str) -> None:
    deidentify("warm-up: the lexicons load once, at first use")

    started = time.perf_counter()
    check_draft(text, text)
    checked = time.perf_counter()
    deidentify(text)
    finished = time.perf_counter()

    assert checked - started < PATHOLOGICAL_SECONDS
    assert finished - checked < PATHOLOGICAL_SECONDS
