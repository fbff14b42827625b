"""The fact sections of a grounded draft, read from the notes by rule."""

import re
import time

from app.domain.grounded.assemble import GroundedFacts, assemble_facts
from app.domain.grounded.catalogue import FactSection
from app.domain.grounded.draft import plan_draft
from app.domain.grounded.layout import shipped_layout
from app.domain.notes import NoteKind
from tests.grounded.notes import SHIFT


def _texts(facts: GroundedFacts, section: FactSection) -> list[str]:
    return [line.text for line in facts.lines(section)]


def test_every_line_carries_evidence_that_is_the_notes_own_text() -> None:
    facts = assemble_facts(SHIFT)
    for section in FactSection:
        for line in facts.lines(section):
            assert line.evidence
            for span in line.evidence:
                written = " ".join(SHIFT[span.start : span.end].split())
                assert written.strip(" ,;:-") in line.text


def test_vital_signs_are_listed_per_measure_with_their_trend_in_order() -> None:
    vitals = _texts(assemble_facts(SHIFT), FactSection.VITALS)
    heart_rate = next(line for line in vitals if line.startswith("Heart rate"))
    assert re.search(r"96.*104.*88.*82", heart_rate)
    blood_pressure = next(line for line in vitals if line.startswith("Blood pressure"))
    assert blood_pressure.index("142/88") < blood_pressure.index("118/70")


def test_intake_and_output_keep_the_notes_units() -> None:
    listed = " ".join(_texts(assemble_facts(SHIFT), FactSection.INTAKE_OUTPUT))
    assert "900 mL" in listed
    assert "1650 mL" in listed


def test_abnormal_labs_come_first_and_say_which_way() -> None:
    labs = _texts(assemble_facts(SHIFT), FactSection.LABS)
    abnormal = [line for line in labs if line.endswith(("(low)", "(high)"))]
    assert labs[: len(abnormal)] == abnormal
    assert any("K 3.2" in line and line.endswith("(low)") for line in labs)
    assert any("Na 138" in line and not line.endswith(")") for line in labs)


def test_medications_are_grouped_new_changed_stopped_then_given() -> None:
    medications = _texts(assemble_facts(SHIFT), FactSection.MEDICATIONS)
    statuses = [line.split(":", 1)[0] for line in medications]
    assert statuses == sorted(statuses, key=["New", "Changed", "Stopped/held", "Given"].index)
    assert "New: Started ceftriaxone 1 g IV daily." in medications
    assert any(line.startswith("Changed: Metoprolol increased to 50 mg") for line in medications)
    assert any(line.startswith("Stopped/held: Heparin gtt stopped") for line in medications)
    assert any(line.startswith("Given: KCl 20 mEq PO given") for line in medications)


def test_allergies_code_status_and_lines_are_copied_as_written() -> None:
    facts = assemble_facts(SHIFT)
    assert any("penicillin (hives)" in line for line in _texts(facts, FactSection.ALLERGIES))
    assert any("FULL CODE" in line for line in _texts(facts, FactSection.CODE_STATUS))
    lines = " ".join(_texts(facts, FactSection.LINES))
    assert "PICC" in lines
    assert "Foley" in lines


def test_the_plan_is_the_nurses_lines_word_for_word() -> None:
    plan = _texts(assemble_facts(SHIFT), FactSection.PLAN)
    assert plan == [
        "Recheck K at 1200.",
        "Wean O2 to keep SpO2 > 92%.",
        "Daily weight in the morning.",
    ]


def test_pending_tests_are_listed() -> None:
    pending = _texts(assemble_facts(SHIFT), FactSection.PENDING)
    assert "Repeat BMP pending." in pending
    assert "Blood cultures sent." in pending


def test_a_section_the_notes_say_nothing_of_is_empty() -> None:
    facts = assemble_facts("Pt resting comfortably. Family at bedside.")
    assert all(not facts.lines(section) for section in FactSection)


def test_a_clause_is_listed_in_one_section_only() -> None:
    facts = assemble_facts(SHIFT)
    spans = [
        (span.start, span.end)
        for section in FactSection
        if section not in {FactSection.VITALS, FactSection.INTAKE_OUTPUT, FactSection.LABS}
        for line in facts.lines(section)
        for span in line.evidence
    ]
    assert len(spans) == len(set(spans))


def test_a_facts_only_draft_of_a_two_page_note_takes_under_a_second() -> None:
    two_pages = (SHIFT + "\n") * 9
    assert len(two_pages) >= 6_000
    started = time.process_time()
    draft = plan_draft(NoteKind.SHIFT_SBAR, two_pages, shipped_layout("")).facts_only
    assert time.process_time() - started < 1.0
    assert "Recheck K at 1200." in draft


def test_a_line_copied_forward_into_later_notes_is_listed_once() -> None:
    medications = _texts(assemble_facts(SHIFT + "\n" + SHIFT), FactSection.MEDICATIONS)
    assert medications.count("New: Started ceftriaxone 1 g IV daily.") == 1


def test_a_plan_heading_inside_a_run_on_line_opens_the_plan() -> None:
    run_on = (
        "ARRIVED FROM EW 2100; NS BOLUS GIVEN; A: NO DISTRESS; "
        "P: TREND BP RANGE; OBSERVE FOR HYPOTENSION."
    )
    assert _texts(assemble_facts(run_on), FactSection.PLAN) == [
        "TREND BP RANGE",
        "OBSERVE FOR HYPOTENSION.",
    ]


def test_a_pulse_after_a_semicolon_is_not_a_plan_heading() -> None:
    run_on = "VS: BP 110/60; P: 88; RR 18. Resting."
    assert _texts(assemble_facts(run_on), FactSection.PLAN) == []
