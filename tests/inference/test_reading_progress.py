"""The embedded model reads a prompt in batches and says which one it is on, so the desk can
say "part 3 of 8" while a long note is read; writing goes on from what was read."""

from collections.abc import Iterator
from itertools import pairwise

import pytest

from app.domain.generation import GenerationParams, ReadingProgress
from app.inference.engine import LlamaEngine
from app.inference.model_files import ModelSpec
from app.inference.types import ChatMessage

SMALL_BATCH = 16
GREEDY = GenerationParams(temperature=0.0, max_tokens=8)
NOTES = (
    "0700 Handover received. Alert and oriented. Pain 4/10 left hip at rest. "
    "0800 BP 132/78, HR 88, RR 16, SpO2 96% on room air. Oxycodone 5 mg PO given. "
    "1000 Mobilised to chair with one assist. 1200 Tolerating diet, voided 300 ml."
)


@pytest.fixture(scope="module")
def small_batch_engine(embedded_spec: ModelSpec) -> Iterator[LlamaEngine]:
    with LlamaEngine(embedded_spec, n_ctx=2048, n_threads=1, prompt_batch=SMALL_BATCH) as engine:
        engine.load()
        yield engine


def _chat(task: str) -> list[ChatMessage]:
    return [
        ChatMessage(role="system", content="You are a documentation assistant."),
        ChatMessage(role="user", content=f"{NOTES}\n\n{task}"),
    ]


def _read(engine: LlamaEngine, task: str) -> tuple[list[ReadingProgress], int]:
    reports: list[ReadingProgress] = []
    run = engine.generate(engine.tokenize(_chat(task)), GREEDY, reading=reports.append)
    text = "".join(run)
    assert text
    assert run.stats is not None
    return reports, run.stats.evaluated_prompt_tokens


@pytest.mark.slow
def test_a_prompt_larger_than_a_batch_is_reported_part_by_part(
    small_batch_engine: LlamaEngine,
) -> None:
    small_batch_engine.clear_cache()

    reports, evaluated = _read(small_batch_engine, "Write an SBAR note.")

    assert len(reports) >= 3
    assert [report.part for report in reports[:-1]] == list(range(1, len(reports)))
    assert all(report.total == evaluated for report in reports)
    assert reports[0].done == 0
    batches = [later.done - earlier.done for earlier, later in pairwise(reports)]
    assert all(batch >= SMALL_BATCH for batch in batches[:-1])
    assert sum(batches) == evaluated
    assert reports[-1].finished and reports[-1].part == reports[-1].parts == len(reports) - 1


@pytest.mark.slow
def test_the_count_of_parts_only_covers_what_was_not_read_before(
    small_batch_engine: LlamaEngine,
) -> None:
    small_batch_engine.clear_cache()
    first, _ = _read(small_batch_engine, "Write an SBAR note.")

    again, evaluated = _read(small_batch_engine, "Write a DAR note.")

    assert again[-1].total == evaluated < first[-1].total
    assert again[-1].parts < first[-1].parts


@pytest.mark.slow
def test_being_told_of_the_reading_changes_nothing_the_model_writes(
    small_batch_engine: LlamaEngine,
) -> None:
    prompt = small_batch_engine.tokenize(_chat("Write an SBAR note."))
    small_batch_engine.clear_cache()
    unreported = "".join(small_batch_engine.generate(prompt, GREEDY))
    small_batch_engine.clear_cache()
    reports: list[ReadingProgress] = []

    reported = "".join(small_batch_engine.generate(prompt, GREEDY, reading=reports.append))

    assert reported == unreported
    assert reports[-1].done == len(prompt)
