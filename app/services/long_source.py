"""The prompt for one draft, whatever the length of its source.

A source that fits the context with room for the answer goes to the model whole, in one pass.
A longer one is fitted by `app.domain.long_notes`: parts condensed to their fact-bearing
sentences or digested to their facts and, at worst, the oldest left out; the model then writes
the draft from those extracts in one pass. Either way the prompt is a pure function of the
source, the template and the context size, so a regenerated draft starts with the same tokens
and reuses the cache.
"""

import threading
from dataclasses import dataclass

from app.domain.coverage import Coverage
from app.domain.long_notes import allocate, measure_source, whole_coverage
from app.domain.note_templates import NoteTemplate
from app.inference.errors import ContextOverflow
from app.inference.prompt import build_messages
from app.inference.protocol import Engine
from app.inference.types import Prompt

_MARGIN_TOKENS = 16
"""Joining the parts can tokenize a little differently from counting them one by one."""
_ATTEMPTS = 3


@dataclass(frozen=True)
class FittedPrompt:
    """The prompt the engine will run, counted once, and how much of the source it holds."""

    prompt: Prompt
    coverage: Coverage


def fit_prompt(
    engine: Engine, template: NoteTemplate, source: str, cancel: threading.Event
) -> FittedPrompt | None:
    """The prompt for drafting `source`, rendered and tokenized once: the engine generates from
    the very tokens counted here. None if `cancel` was set while the source was condensed.

    Raises ContextOverflow only when not even the newest part fits beside the instructions.
    """
    room = engine.info.n_ctx - template.params.max_tokens
    whole = engine.tokenize(build_messages(template, source))
    full_tokens = whole.length
    if full_tokens <= room:
        return FittedPrompt(whole, whole_coverage(source))
    budget = room - engine.tokenize(build_messages(template, "")).length - _MARGIN_TOKENS
    if budget <= 0:
        raise ContextOverflow(full_tokens, template.params.max_tokens, engine.info.n_ctx)
    measured = measure_source(source, engine.count_tokens, budget, stopped=cancel.is_set)
    if measured is None:
        return None
    for _ in range(_ATTEMPTS):
        if budget <= 0:
            break
        plan = allocate(measured, budget, engine.count_tokens)
        if not plan.text:
            break
        prompt = engine.tokenize(build_messages(template, plan.text))
        overflow = prompt.length - room
        if overflow <= 0:
            return FittedPrompt(prompt, plan.coverage)
        budget -= overflow + _MARGIN_TOKENS
    raise ContextOverflow(full_tokens, template.params.max_tokens, engine.info.n_ctx)
