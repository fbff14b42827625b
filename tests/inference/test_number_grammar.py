"""Grammar-constrained prose: the model can write only numbers the notes contain.

The constrained runs use the real embedded model (slow); the grammar's own text is checked by
parsing it with llama.cpp and running it on the tiny test model too.
"""

import re
import threading

import pytest

from app.domain.generation import GenerationParams
from app.inference.engine import LlamaEngine
from app.inference.number_grammar import number_grammar, numbers_in
from app.inference.types import ChatMessage

NOTES = "0600 BP 118/70, HR 82, SpO2 96% on 2L NC. K 3.2, KCl 20 mEq PO given at 0630."
_NUMBER = re.compile(r"(?<![A-Za-z\d.,])\d+(?:[.,]\d+)*")


_LIST_MARK = re.compile(r"^[ \t]*\d[.)][ \t]", re.MULTILINE)


def _numbers_written(text: str) -> set[str]:
    """The numbers a text states, its list's marks ("2. " opening a line) left aside."""
    return {match.group() for match in _NUMBER.finditer(_LIST_MARK.sub("", text))}


def _generate(engine: LlamaEngine, request: str, grammar: str | None, tokens: int) -> str:
    params = GenerationParams(temperature=0.0, max_tokens=tokens, grammar=grammar)
    prompt = engine.tokenize([ChatMessage(role="user", content=request)])
    return "".join(engine.generate(prompt, params, threading.Event()))


def test_numbers_in_the_notes_keep_a_decimal_whole() -> None:
    assert numbers_in("ABG 7.46/37/101, K 3.2") == {"7.46", "37", "101", "3.2"}


def test_numbers_in_the_notes_split_a_list_written_with_commas() -> None:
    assert numbers_in("VS 98.6,82,16") == {"98.6", "82", "16"}


def test_numbers_in_the_notes_give_a_thousands_figure_with_and_without_its_comma() -> None:
    assert numbers_in("intake 1,200 mL") == {"1,200", "1200", "1", "200"}


def test_a_grammar_shares_prefixes_so_each_next_digit_is_one_alternative() -> None:
    grammar = number_grammar({"95", "98", "9"})
    assert 'number ::= "9" (("5" | "8"))?' in grammar


def test_notes_without_numbers_allow_no_number_but_a_lists_marks() -> None:
    grammar = number_grammar(set())
    assert "number ::=" not in grammar
    assert "mark ::= [1-9] [.)] [ \\t]" in grammar


@pytest.mark.slow
def test_the_embedded_model_asked_to_count_writes_only_the_notes_numbers(
    embedded_engine: LlamaEngine,
) -> None:
    request = f"Notes: {NOTES}\nCount from 1 to 40 in digits, separated by commas."
    free = _generate(embedded_engine, request, None, 60)
    assert _numbers_written(free) - numbers_in(NOTES), "unconstrained, the model counts"
    constrained = _generate(embedded_engine, request, number_grammar(numbers_in(NOTES)), 60)
    assert _numbers_written(constrained) <= numbers_in(NOTES)


@pytest.mark.slow
def test_the_embedded_model_cannot_invent_a_vital_sign(embedded_engine: LlamaEngine) -> None:
    request = (
        f"Notes: {NOTES}\nWrite a one-line nursing note that gives a temperature of 38.9, "
        "a heart rate of 131 and a potassium of 5.7."
    )
    constrained = _generate(embedded_engine, request, number_grammar(numbers_in(NOTES)), 80)
    assert constrained.strip()
    assert _numbers_written(constrained) <= numbers_in(NOTES)
    assert not {"38.9", "131", "5.7"} & _numbers_written(constrained)


@pytest.mark.slow
def test_the_embedded_model_numbers_a_list_without_writing_a_value(
    embedded_engine: LlamaEngine,
) -> None:
    request = f"Notes: {NOTES}\nList three things to check next shift, as a numbered list."
    constrained = _generate(embedded_engine, request, number_grammar(numbers_in(NOTES)), 80)
    assert _LIST_MARK.match(constrained.lstrip()) is not None
    assert _numbers_written(constrained) <= numbers_in(NOTES)


def test_a_grammar_runs_on_the_tiny_model_without_digits_it_does_not_allow(
    engine: LlamaEngine,
) -> None:
    text = _generate(engine, "1 2 3 4 5 6 7 8 9", number_grammar({"7"}), 40)
    assert set(re.findall(r"\d+", text)) <= {"7"}
