"""A passage the model left unwritten: shown for the nurse to write, blocking signing only where
it is a required narrative (the note's narrative, or a section with nothing else in it)."""

from app.domain.draft_problems import PASSAGE_MARKER, DraftProblem, ProblemKind, find_problems
from app.domain.grounded.draft import plan_draft
from app.domain.grounded.layout import shipped_layout
from app.domain.note_templates import load_template
from app.domain.notes import NoteKind
from tests.grounded.notes import SHIFT


def _problems(kind: NoteKind, draft: str) -> list[DraftProblem]:
    template = load_template(kind)
    return find_problems(
        draft, headings=template.sections, instructions=template.instructions, patient_name=""
    )


def _facts_only(kind: NoteKind) -> str:
    return plan_draft(kind, SHIFT, shipped_layout("")).facts_only


def test_a_section_with_facts_and_an_unwritten_passage_is_not_empty() -> None:
    draft = _facts_only(NoteKind.SHIFT_SBAR)
    assert "Vital signs:\n- Blood pressure" in draft and PASSAGE_MARKER in draft
    found = [(p.kind, p.section) for p in _problems(NoteKind.SHIFT_SBAR, draft)]
    assert (ProblemKind.EMPTY_SECTION, "Assessment") not in found
    assert (ProblemKind.PASSAGE_TO_WRITE, "Assessment") not in found


def test_a_section_that_is_only_an_unwritten_passage_blocks_as_a_passage_to_write() -> None:
    problems = _problems(NoteKind.SHIFT_SBAR, _facts_only(NoteKind.SHIFT_SBAR))
    [situation] = [p for p in problems if p.section == "Situation"]
    assert situation.kind is ProblemKind.PASSAGE_TO_WRITE
    assert situation.text == PASSAGE_MARKER
    assert "wrote no passage" in situation.reason


def test_the_narrative_of_a_note_without_headings_is_a_required_passage() -> None:
    for kind in (NoteKind.SHIFT_NARRATIVE, NoteKind.SUMMARY):
        kinds = [p.kind for p in _problems(kind, _facts_only(kind))]
        assert kinds == [ProblemKind.PASSAGE_TO_WRITE], kind


def test_writing_the_passage_clears_the_finding() -> None:
    draft = _facts_only(NoteKind.SHIFT_SBAR).replace(
        PASSAGE_MARKER, "68 yo M with CHF exacerbation, short of breath overnight.", 1
    )
    assert not [p for p in _problems(NoteKind.SHIFT_SBAR, draft) if p.section == "Situation"]


def test_a_heading_left_with_nothing_at_all_is_still_an_empty_section() -> None:
    draft = (
        "Situation:\n\nBackground:\nAllergies: none.\n\n"
        "Assessment:\nHR 80.\n\nRecommendation:\nRecheck K."
    )
    [problem] = _problems(NoteKind.SHIFT_SBAR, draft)
    assert (problem.kind, problem.section) == (ProblemKind.EMPTY_SECTION, "Situation")
