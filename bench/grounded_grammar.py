"""Whether the number grammar lowers what the safety net flags in the model's prose (issue 20).

    python -m bench.grounded_grammar [--notes 6]

Drafts every kind of the first real notes of `bench.grounded` twice with the embedded model,
grounded as the desk drafts them, once under the per-request number grammar and once without
it, and keeps each passage as the model wrote it, before the passage filters. Prints, per
mode: passages written, numbers in them that the notes do not hold, and their sentences the
safety net flags (each passage checked alone against the notes); then, for the drafts as
finished (filters applied), numbers not in the notes and flagged sentences per draft. The
same seed drafts both modes, so what differs is the grammar.
"""

import argparse
import threading
import time
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field

from app.domain.generation import EngineInfo, GenerationParams, GenerationStats
from app.domain.notes import NoteKind
from app.inference.protocol import Engine
from app.inference.types import ChatMessage, Generation, Prompt, ReadingReport
from bench.grounded import SEED, flagged_sentences, foreign_numbers, real_notes


class RecordingEngine:
    """An engine that keeps each passage's text as the model wrote it, and writes it with the
    request's number grammar or, where `grammar` is False, without it."""

    def __init__(self, engine: Engine, *, grammar: bool) -> None:
        self._engine = engine
        self._grammar = grammar
        self.written: list[str] = []

    def load(self) -> EngineInfo:
        return self._engine.load()

    @property
    def info(self) -> EngineInfo:
        return self._engine.info

    def count_tokens(self, text: str) -> int:
        return self._engine.count_tokens(text)

    def tokenize(self, messages: Sequence[ChatMessage]) -> Prompt:
        return self._engine.tokenize(messages)

    def generate(
        self,
        prompt: Prompt,
        params: GenerationParams,
        cancel: threading.Event | None = None,
        reading: ReadingReport | None = None,
    ) -> Generation:
        if not self._grammar:
            params = params.model_copy(update={"grammar": None})
        inner = self._engine.generate(prompt, params, cancel, reading)

        def pieces(run: Generation) -> Generator[str, None, None]:
            text: list[str] = []
            try:
                for piece in inner:
                    text.append(piece)
                    yield piece
            finally:
                inner.close()
                run.stats = inner.stats
                self.written.append("".join(text))

        return Generation(pieces)

    def clear_cache(self) -> None:
        self._engine.clear_cache()

    def close(self) -> None:
        self._engine.close()


@dataclass
class Tally:
    """One mode's counts over every draft."""

    drafts: int = 0
    passages: int = 0
    passage_numbers: int = 0
    passage_flags: int = 0
    draft_numbers: int = 0
    draft_flags: int = 0
    seconds: list[float] = field(default_factory=list)


def draft_all(engine: RecordingEngine, count: int) -> Tally:
    """Every kind of the first `count` notes, grounded, with what the model wrote counted."""
    from app.domain.grounded.draft import plan_draft
    from app.domain.grounded.layout import shipped_layout
    from app.domain.note_templates import load_template
    from app.services.grounded import stream_grounded

    tally = Tally()
    for note_id, source in real_notes(count):
        for kind in NoteKind:
            engine.written.clear()
            plan = plan_draft(kind, source, shipped_layout(""))
            stats: list[GenerationStats] = []
            started = time.perf_counter()
            pieces = stream_grounded(
                engine, load_template(kind), plan, threading.Event(), stats, seed=SEED
            )
            draft = "".join(pieces)
            tally.seconds.append(time.perf_counter() - started)
            tally.drafts += 1
            tally.passages += len(engine.written)
            for passage in engine.written:
                tally.passage_numbers += len(foreign_numbers(source, passage))
                tally.passage_flags += flagged_sentences(source, passage)
            tally.draft_numbers += len(foreign_numbers(source, draft))
            tally.draft_flags += flagged_sentences(source, draft)
            print(f"{note_id} {kind.value}: {tally.seconds[-1]:.1f} s", flush=True)
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=6)
    args = parser.parse_args()

    from app.inference.engine import LlamaEngine
    from app.inference.model_files import assemble_embedded_model
    from bench.grounded import MODELS_DIR

    model = LlamaEngine(assemble_embedded_model(MODELS_DIR), n_ctx=4096)
    model.load()
    results = {}
    for grammar in (True, False):
        results[grammar] = draft_all(RecordingEngine(model, grammar=grammar), args.notes)
    print(
        "| mode | drafts | passages written | numbers not in the notes, as written | "
        "flagged sentences, as written | numbers not in the notes, finished | "
        "flagged sentences, finished | seconds / draft |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for grammar, tally in results.items():
        print(
            f"| {'number grammar' if grammar else 'no grammar'} | {tally.drafts} | "
            f"{tally.passages} | {tally.passage_numbers} | {tally.passage_flags} | "
            f"{tally.draft_numbers} | {tally.draft_flags} | "
            f"{sum(tally.seconds) / max(len(tally.seconds), 1):.0f} |"
        )


if __name__ == "__main__":
    main()
