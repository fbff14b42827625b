"""A plan or pending line of one word ("CONT.", "?") tells nothing and is left out."""

from app.domain.grounded.assemble import assemble_facts
from app.domain.grounded.catalogue import FactSection


def test_a_one_word_plan_line_is_left_out() -> None:
    source = "P: FOLLOW UP AM LABS\n ?\n CONT.\n WEAN VENT AS TOLERATED\n"
    plan = [line.text for line in assemble_facts(source).lines(FactSection.PLAN)]
    assert plan == ["FOLLOW UP AM LABS", "WEAN VENT AS TOLERATED"]
