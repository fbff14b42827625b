"""Writing the prose of a grounded draft with the model, around facts copied from the notes.

The fact sections are streamed at once; each prose passage follows when the model has written
it, under a grammar that allows only numbers the notes contain (`app.inference.number_grammar`,
so no number in a grounded draft is one the notes do not hold), cleaned
(`app.domain.grounded.prose`: what the slot did not ask for, repeats, sentences that take the
instruction's words for the notes' content, conditions in words the notes never use, and the
model speaking as the patient), rid of reasons the notes never give
(`app.domain.grounded.links`), not written elsewhere in the draft, and kept only in the
sentences the safety net finds in the notes, judged in the draft as it will stand
(`app.domain.grounded.support`). A passage the notes hold nothing to write from (its slot's
`needs`) is not asked for and stays for the nurse. A passage whose prompt with the notes would
not fit the context is written from the facts alone, which were read from every note (as many
of them as fit).
"""

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing

from app.domain.generation import GenerationStats, ReadingProgress
from app.domain.grounded.draft import GroundedPlan, facts_listing
from app.domain.grounded.links import without_invented_links
from app.domain.grounded.prose import (
    clean_prose,
    without_echoed_task,
    without_first_person,
    without_instruction_words,
    without_listed,
    without_repeats,
    without_unbacked_conditions,
)
from app.domain.grounded.render import PROSE_PENDING, compose
from app.domain.grounded.support import kept_in_draft
from app.domain.note_templates import NoteTemplate
from app.inference.errors import ContextOverflow
from app.inference.grounded_prompt import prose_messages, task_line
from app.inference.number_grammar import number_grammar, numbers_in
from app.inference.protocol import Engine
from app.inference.types import Prompt


def stream_grounded(
    engine: Engine,
    template: NoteTemplate,
    plan: GroundedPlan,
    cancel: threading.Event,
    stats: list[GenerationStats],
    *,
    seed: int | None = None,
    reading: Callable[[ReadingProgress], None] | None = None,
    exchanged: Callable[[], None] | None = None,
) -> Iterator[str]:
    """The draft's text in order: literal text at once, each passage once written.

    Appends each passage's run statistics to `stats`. Stops, without the rest, when `cancel`
    is set. `reading` is told how far the first passage's prompt is read: that is where the
    notes are read; later passages reuse them and read only their own instruction.
    `exchanged` is called as each passage's request ends, however it ends, so the caller can
    audit that request to a server before the next one replaces it (each passage is a request
    of its own, with the notes).
    """
    source = plan.facts.source
    facts = facts_listing(plan.facts)
    grammar = number_grammar(numbers_in(source))
    written = [part.text for part in plan.parts if part.slot is None]
    yielded: list[str] = []
    for index, part in enumerate(plan.parts):
        if cancel.is_set():
            return
        if part.slot is None:
            yielded.append(part.text)
            yield part.text
            continue
        slot = plan.slot(part.slot)
        if not slot.written_from(source):
            yielded.append(PROSE_PENDING)
            yield PROSE_PENDING
            continue
        heading = plan.heading_of(part.slot)
        params = template.params.model_copy(
            update={"max_tokens": slot.max_tokens, "grammar": grammar, "seed": seed}
        )
        prompt = _fitting_prompt(
            engine,
            template,
            params.max_tokens,
            source=source,
            facts=facts,
            heading=heading,
            instruction=slot.instruction,
        )
        try:
            run = engine.generate(prompt, params, cancel, reading)
            reading = None
            with closing(run):
                text = "".join(run)
        finally:
            if exchanged is not None:
                exchanged()
        if run.stats is not None:
            stats.append(run.stats)
        if cancel.is_set():
            return
        others = [name for name in plan.headings() if name != heading]
        asked = task_line(template, heading, slot.instruction)
        text = without_echoed_task(text, task_line(template, heading, ""))
        cut_off = run.stats is not None and run.stats.hit_max_tokens
        passage = without_listed(clean_prose(text, heading, others, asked, cut_off=cut_off), facts)
        passage = without_instruction_words(passage, asked, source)
        passage = without_first_person(passage, source)
        passage = without_unbacked_conditions(passage, source)
        passage = without_invented_links(passage, source)
        passage = without_repeats(passage, "".join(written))
        later = compose(plan.parts[index + 1 :], {})
        passage = kept_in_draft(source, "".join(yielded), passage, later) or PROSE_PENDING
        written.append(passage)
        yielded.append(passage)
        yield passage


def _fitting_prompt(
    engine: Engine,
    template: NoteTemplate,
    max_tokens: int,
    *,
    source: str,
    facts: str,
    heading: str,
    instruction: str,
) -> Prompt:
    """The passage's prompt with the notes; if that is too long for the context, with the
    facts alone; if even that is, with the facts' first half, then quarter, and so on."""
    room = engine.info.n_ctx - max_tokens
    prompt = engine.tokenize(prose_messages(template, source, facts, heading, instruction))
    lines = facts.splitlines()
    while prompt.length > room:
        if not lines:
            raise ContextOverflow(prompt.length, max_tokens, engine.info.n_ctx)
        listing = "\n".join(lines)
        prompt = engine.tokenize(prose_messages(template, None, listing, heading, instruction))
        lines = lines[: len(lines) // 2]
    return prompt


def combined_stats(runs: Sequence[GenerationStats]) -> GenerationStats | None:
    """One draft's numbers from its passages' runs: tokens and seconds summed, the time to
    the first token the first run's, the rate over all generated tokens."""
    if not runs:
        return None
    completion = sum(run.completion_tokens for run in runs)
    generation_seconds = sum(run.generation_seconds for run in runs)
    return GenerationStats(
        prompt_tokens=sum(run.prompt_tokens for run in runs),
        reused_prompt_tokens=sum(run.reused_prompt_tokens for run in runs),
        completion_tokens=completion,
        prompt_seconds=sum(run.prompt_seconds for run in runs),
        generation_seconds=generation_seconds,
        time_to_first_token=runs[0].time_to_first_token,
        tokens_per_second=completion / generation_seconds if generation_seconds > 0 else 0.0,
        cancelled=any(run.cancelled for run in runs),
        hit_max_tokens=any(run.hit_max_tokens for run in runs),
    )
