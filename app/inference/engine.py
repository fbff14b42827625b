"""The local model: loaded once, drafting one text at a time, stoppable at any moment.

The generation loop talks to llama.cpp directly (decode, a native sampler chain, incremental
detokenization) because every bit of Python work per token is paid hundreds of times per second
on a GPU. Prompts are evaluated in batches of at least 512 tokens (smaller ones lose a third of
the CPU's prompt throughput) while llama.cpp's abort callback watches for a cancel request, so
Stop is honoured within a second even in the middle of a batch on the CPU; on a GPU, where the
callback is not consulted, batches are sized to take about a quarter of a second. The tokens
already in the KV cache are reused whenever a new prompt starts the same way.
"""

import contextlib
import os
import threading
import time
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import llama_cpp

from app.domain.generation import EngineInfo, GenerationParams, GenerationStats, ReadingProgress
from app.inference import cpu_backend, native
from app.inference.chat_prompt import ChatPromptRenderer
from app.inference.errors import (
    ChatTemplateUnsupported,
    ContextOverflow,
    GenerationFailed,
    ModelLoadFailed,
)
from app.inference.gpu_memory import gpu_memory_in_use
from app.inference.grammar_sampler import LazyGrammar
from app.inference.model_files import ModelSpec, verify_model
from app.inference.text_stream import TextStream
from app.inference.types import ChatMessage, Generation, Prompt, ReadingReport

_N_BATCH = 2048
_N_UBATCH = 512
_PROMPT_CHUNK_SECONDS = 0.25
_MIN_PROMPT_CHUNK = _N_UBATCH
"""On an idle 2-vCPU EPYC, 32-token chunks reached 68% of the prompt rate of 512-token ones."""
_DECODE_ABORTED = 2
_PENALTY_LAST_N = 64
_LOCK_POLL_SECONDS = 0.05


@dataclass
class _Loaded:
    """Native handles of a loaded model, freed together by `LlamaEngine.close`."""

    model: Any
    context: Any
    memory: Any
    vocab: native.Vocab
    renderer: ChatPromptRenderer
    stop_sequences: frozenset[str]
    info: EngineInfo


class LlamaEngine:
    """A GGUF model run in-process by llama.cpp.

    `count_tokens` and `info` may be called from any thread. `generate` serialises: a second call
    waits until the first stream is exhausted or closed. Close or exhaust every stream you start;
    an abandoned, unclosed stream keeps the engine busy until it is garbage-collected.
    """

    def __init__(
        self,
        spec: ModelSpec,
        n_ctx: int = 8192,
        n_threads: int | None = None,
        prompt_batch: int = _MIN_PROMPT_CHUNK,
    ) -> None:
        """`prompt_batch` is the smallest batch the prompt is read in; smaller costs speed."""
        self._spec = spec
        self._prompt_batch = prompt_batch
        self._n_ctx = n_ctx
        self._n_threads = n_threads or default_thread_count()
        self._loaded: _Loaded | None = None
        self._load_lock = threading.Lock()
        self._generation_lock = threading.Lock()
        self._context_tokens: list[int] = []

    def __enter__(self) -> "LlamaEngine":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def load(self) -> EngineInfo:
        """Check the model file's hash, then load it; later calls return the loaded model's info."""
        return self._require_loaded().info

    @property
    def info(self) -> EngineInfo:
        return self._require_loaded().info

    def count_tokens(self, text: str) -> int:
        """Tokens `text` takes as plain text, with this model's tokenizer."""
        return len(self._require_loaded().vocab.tokenize(text, parse_special=False))

    def tokenize(self, messages: Sequence[ChatMessage]) -> Prompt:
        """The chat rendered by the model's template and tokenized, markup included."""
        tokens = self._tokenize_prompt(self._require_loaded(), messages)
        return Prompt(tuple(messages), len(tokens), tuple(tokens))

    def generate(
        self,
        prompt: Prompt,
        params: GenerationParams,
        cancel: threading.Event | None = None,
        reading: ReadingReport | None = None,
    ) -> Generation:
        """Stream the model's answer to `prompt` as text pieces; close the run to stop early.

        Raises ContextOverflow at once if the prompt plus `params.max_tokens` exceeds the
        context. Setting `cancel` ends the stream within a second; the run's `stats` say so.
        `reading` is told before each prompt batch and when the prompt is read; generation
        goes on from the evaluated batches, none read twice.
        """
        loaded = self._require_loaded()
        started = time.perf_counter()
        if prompt.tokens is None:
            raise ValueError("The prompt was counted by another engine; tokenize it with this one.")
        tokens = list(prompt.tokens)
        n_ctx = loaded.info.n_ctx
        if len(tokens) + params.max_tokens > n_ctx:
            raise ContextOverflow(len(tokens), params.max_tokens, n_ctx)
        stop = cancel or threading.Event()
        return Generation(
            lambda run: self._stream(
                run, loaded, tokens, params, cancel=stop, started=started, reading=reading
            )
        )

    def clear_cache(self) -> None:
        """Forget the evaluated prompt (e.g. when the screen locks) so no note stays in memory."""
        with self._generation_lock:
            if self._loaded is not None:
                llama_cpp.llama_memory_clear(self._loaded.memory, True)
            self._context_tokens.clear()

    def close(self) -> None:
        """Free the model and its context. The engine can be loaded again afterwards."""
        with self._load_lock, self._generation_lock:
            loaded, self._loaded = self._loaded, None
            self._context_tokens.clear()
            if loaded is not None:
                llama_cpp.llama_free(loaded.context)
                llama_cpp.llama_model_free(loaded.model)

    def _require_loaded(self) -> _Loaded:
        with self._load_lock:
            if self._loaded is None:
                self._loaded = self._load()
            return self._loaded

    def _load(self) -> _Loaded:
        verify_model(self._spec)
        native.init_backend()
        cpu = cpu_backend.describe()
        supports_gpu = native.gpu_offload_supported()
        offload = supports_gpu
        memory_before = gpu_memory_in_use() if offload else None
        cpu_fallback_reason = None
        with contextlib.ExitStack() as undo:
            try:
                model, context = self._load_native(undo, offload, cpu)
            except ModelLoadFailed as error:
                if not offload:
                    raise
                cpu_fallback_reason = f"The GPU could not run the model ({error})"
                offload = False
                model, context = self._load_native(undo, offload, cpu)
            vocab = native.Vocab(model)
            template = native.chat_template(model)
            if template is None:
                raise ChatTemplateUnsupported(
                    f"The model file {self._spec.path} has no chat template "
                    "(GGUF key tokenizer.chat_template); WardScribe needs one to prompt it."
                )
            renderer = ChatPromptRenderer(
                template, bos_token=vocab.bos_text, eos_token=vocab.eos_text
            )
            memory_after = gpu_memory_in_use() if offload else None
            info = EngineInfo(
                backend="CUDA" if offload else "CPU",
                n_gpu_layers=native.layer_count(model) if offload else 0,
                n_ctx=int(llama_cpp.llama_n_ctx(context)),
                model_file=self._spec.path.name,
                model_sha256=self._spec.sha256.lower(),
                gpu_offload_supported=supports_gpu,
                cpu_fallback_reason=cpu_fallback_reason,
                cpu_variant=cpu.summary(),
                amx_buffers_disabled=cpu.offers_amx,
                vram_used_bytes=(
                    memory_after - memory_before
                    if memory_before is not None and memory_after is not None
                    else None
                ),
            )
            loaded = _Loaded(
                model=model,
                context=context,
                memory=llama_cpp.llama_get_memory(context),
                vocab=vocab,
                renderer=renderer,
                stop_sequences=vocab.stop_sequences(),
                info=info,
            )
            undo.pop_all()
        return loaded

    def _load_native(
        self, undo: contextlib.ExitStack, offload: bool, cpu: cpu_backend.CpuBackend
    ) -> tuple[Any, Any]:
        """Model and context, every layer on the GPU when `offload`; freed by `undo` on failure.

        A half-built GPU attempt frees itself, so the caller can retry on the CPU. A CPU backend
        that offers AMX weight buffers gets none of the extra buffer types: ggml's AMX path
        crashes on Q4_K models (llama.cpp issue 20824).
        """
        with contextlib.ExitStack() as attempt:
            model = native.load_model(
                self._spec.path, n_gpu_layers=-1 if offload else 0, extra_buffers=not cpu.offers_amx
            )
            attempt.callback(llama_cpp.llama_model_free, model)
            context = native.create_context(
                model,
                n_ctx=self._n_ctx,
                n_batch=_N_BATCH,
                n_ubatch=_N_UBATCH,
                n_threads=self._n_threads,
                path=self._spec.path,
            )
            attempt.callback(llama_cpp.llama_free, context)
            undo.push(attempt.pop_all())
        return model, context

    def _tokenize_prompt(self, loaded: _Loaded, messages: Sequence[ChatMessage]) -> list[int]:
        vocab = loaded.vocab
        tokens: list[int] = []
        for part in loaded.renderer.render(messages):
            tokens.extend(vocab.tokenize(part.text, parse_special=part.markup))
        if vocab.adds_bos and (not tokens or tokens[0] != vocab.bos):
            tokens.insert(0, vocab.bos)
        return tokens

    def _stream(
        self,
        run: Generation,
        loaded: _Loaded,
        prompt: list[int],
        params: GenerationParams,
        *,
        cancel: threading.Event,
        started: float,
        reading: ReadingReport | None,
    ) -> Generator[str, None, None]:
        while not self._generation_lock.acquire(timeout=_LOCK_POLL_SECONDS):
            if cancel.is_set():
                run.stats = _cancelled_before_start(len(prompt))
                return
        try:
            if self._loaded is not loaded:
                raise GenerationFailed("The model was closed before generation started.")
            generation = _Generation(
                loaded=loaded,
                context_tokens=self._context_tokens,
                prompt=prompt,
                params=params,
                cancel=cancel,
                started=started,
                reading=reading,
                prompt_batch=self._prompt_batch,
            )
            try:
                yield from generation.run()
            finally:
                run.stats = generation.stats
        finally:
            self._generation_lock.release()


class _Generation:
    """One generate() call, run while holding the engine's generation lock.

    `context_tokens` is the engine's record of what the KV cache holds; it is kept exact after
    every decode so the next call can reuse it.
    """

    def __init__(
        self,
        *,
        loaded: _Loaded,
        context_tokens: list[int],
        prompt: list[int],
        params: GenerationParams,
        cancel: threading.Event,
        started: float,
        reading: ReadingReport | None,
        prompt_batch: int,
    ) -> None:
        self._loaded = loaded
        self._context_tokens = context_tokens
        self._prompt = prompt
        self._params = params
        self._cancel = cancel
        self._started = started
        self._reading = reading
        self._prompt_batch = prompt_batch
        self._token = (llama_cpp.llama_token * 1)()
        self._abort = llama_cpp.ggml_abort_callback(lambda _data: cancel.is_set())
        """Kept here so the callback lives as long as llama.cpp may call it."""
        self.stats = _cancelled_before_start(len(prompt))
        """Filled in when run() ends, however it ends."""

    def run(self) -> Generator[str, None, None]:
        reused = self._drop_stale_cache()
        prompt_started = time.perf_counter()
        prompt_finished: float | None = None
        first_text_at: float | None = None
        completion_tokens = 0
        cancelled = True
        hit_max_tokens = False
        try:
            if not self._evaluate_prompt(reused):
                return
            prompt_finished = time.perf_counter()
            sampler = self._make_sampler()
            grammar: LazyGrammar | None = None
            stream = TextStream(self._loaded.stop_sequences)
            try:
                grammar = self._make_grammar()
                for token in self._sample_tokens(sampler, grammar):
                    completion_tokens += 1
                    text = stream.feed(self._loaded.vocab.piece(token))
                    if text:
                        first_text_at = first_text_at or time.perf_counter()
                        yield text
                    if stream.stopped:
                        break
                    if completion_tokens >= self._params.max_tokens:
                        hit_max_tokens = True
                        break
                    if self._cancel.is_set():
                        return
                    self._decode([token])
                if tail := stream.finish():
                    first_text_at = first_text_at or time.perf_counter()
                    yield tail
                cancelled = False
            finally:
                llama_cpp.llama_sampler_free(sampler)
                if grammar is not None:
                    grammar.close()
        finally:
            finished = time.perf_counter()
            if prompt_finished is None:
                prompt_finished = finished
            generation_seconds = finished - prompt_finished
            self.stats = GenerationStats(
                prompt_tokens=len(self._prompt),
                reused_prompt_tokens=reused,
                completion_tokens=completion_tokens,
                prompt_seconds=prompt_finished - prompt_started,
                generation_seconds=generation_seconds,
                time_to_first_token=(
                    first_text_at - self._started if first_text_at is not None else None
                ),
                tokens_per_second=(
                    completion_tokens / generation_seconds if generation_seconds > 0 else 0.0
                ),
                cancelled=cancelled,
                hit_max_tokens=hit_max_tokens,
            )

    def _drop_stale_cache(self) -> int:
        """Keep the longest cached prefix of the prompt; return how many tokens that saves.

        The last prompt token is always evaluated again, because sampling needs its logits.
        """
        cached = self._context_tokens
        limit = min(len(cached), len(self._prompt) - 1)
        reused = 0
        while reused < limit and cached[reused] == self._prompt[reused]:
            reused += 1
        if not llama_cpp.llama_memory_seq_rm(self._loaded.memory, 0, reused, -1):
            llama_cpp.llama_memory_clear(self._loaded.memory, True)
            reused = 0
        del cached[reused:]
        return reused

    def _evaluate_prompt(self, start: int) -> bool:
        """Evaluate the prompt from `start`; False if cancelled before it was all evaluated.

        The abort callback is set for the prompt only: during generation it would be called for
        every node of every one-token graph, which costs more than the cancel check per token.
        Batches grow with the measured rate (GPU) and the count of parts follows them.
        """
        context = self._loaded.context
        llama_cpp.llama_set_abort_callback(context, self._abort, None)
        try:
            position = start
            chunk = self._prompt_batch
            part = 1
            while position < len(self._prompt):
                if self._cancel.is_set():
                    return False
                self._report(start, position, part, chunk)
                tokens = self._prompt[position : position + chunk]
                chunk_started = time.perf_counter()
                if not self._decode(tokens):
                    return False
                llama_cpp.llama_synchronize(context)
                elapsed = time.perf_counter() - chunk_started
                position += len(tokens)
                rate = len(tokens) / max(elapsed, 1e-6)
                chunk = max(self._prompt_batch, min(_N_BATCH, int(rate * _PROMPT_CHUNK_SECONDS)))
                part += 1
            if self._cancel.is_set():
                return False
            self._report(start, position, part - 1, chunk)
            return True
        finally:
            llama_cpp.llama_set_abort_callback(context, llama_cpp.ggml_abort_callback(), None)

    def _report(self, start: int, position: int, part: int, chunk: int) -> None:
        """Tell the caller how far the prompt is read: `part` is read next, or was the last."""
        if self._reading is None:
            return
        left = len(self._prompt) - position
        self._reading(
            ReadingProgress(
                done=position - start,
                total=len(self._prompt) - start,
                part=part,
                parts=part + max(0, -(-left // chunk) - 1) if left else part,
            )
        )

    def _sample_tokens(self, sampler: Any, grammar: LazyGrammar | None) -> Iterator[int]:
        """Tokens sampled on the native side, each one the grammar allows, until the model
        ends its turn."""
        context = self._loaded.context
        vocab = self._loaded.vocab
        while True:
            token = int(llama_cpp.llama_sampler_sample(sampler, context, -1))
            if grammar is not None:
                token = grammar.choose(context, token)
            if vocab.ends_turn(token):
                return
            yield token

    def _decode(self, tokens: list[int]) -> bool:
        """Evaluate `tokens`; False if the abort callback stopped it part way.

        An aborted batch leaves its finished micro-batches in the KV cache; they are removed so
        the cache holds exactly what `context_tokens` records.
        """
        if len(tokens) == 1:
            self._token[0] = tokens[0]
            token_array = self._token
        else:
            token_array = (llama_cpp.llama_token * len(tokens))(*tokens)
        # The batch points into token_array, which must outlive the decode call.
        batch = llama_cpp.llama_batch_get_one(token_array, len(tokens))
        status = llama_cpp.llama_decode(self._loaded.context, batch)
        if status == _DECODE_ABORTED:
            if not llama_cpp.llama_memory_seq_rm(
                self._loaded.memory, 0, len(self._context_tokens), -1
            ):
                self._forget_cache()
            return False
        if status != 0:
            self._forget_cache()
            raise GenerationFailed(f"llama.cpp failed to evaluate the prompt (status {status}).")
        self._context_tokens.extend(tokens)
        return True

    def _forget_cache(self) -> None:
        llama_cpp.llama_memory_clear(self._loaded.memory, True)
        self._context_tokens.clear()

    def _make_grammar(self) -> LazyGrammar | None:
        """The request's grammar, checked token by token; None when the request has none."""
        if self._params.grammar is None:
            return None
        vocab = self._loaded.vocab
        return LazyGrammar(vocab.handle, vocab.size, self._params.grammar, self._params)

    def _make_sampler(self) -> Any:
        """A native sampler chain; it picks tokens without copying logits into Python.

        Repetition is penalised over generated tokens only: a draft should repeat the notes' facts.
        """
        params = self._params
        chain = llama_cpp.llama_sampler_chain_init(llama_cpp.llama_sampler_chain_default_params())

        def add(sampler: Any) -> None:
            llama_cpp.llama_sampler_chain_add(chain, sampler)

        top_k = params.top_k or self._loaded.vocab.size
        if params.temperature == 0.0 and params.repeat_penalty == 1.0:
            add(llama_cpp.llama_sampler_init_greedy())
            return chain
        # Penalties cost a hash lookup per candidate, so they run after top-k narrows the field.
        add(llama_cpp.llama_sampler_init_top_k(top_k))
        if params.repeat_penalty != 1.0:
            add(
                llama_cpp.llama_sampler_init_penalties(
                    self._loaded.vocab.size, _PENALTY_LAST_N, params.repeat_penalty, 0.0, 0.0
                )
            )
        if params.temperature == 0.0:
            add(llama_cpp.llama_sampler_init_greedy())
            return chain
        add(llama_cpp.llama_sampler_init_top_p(params.top_p, 1))
        add(llama_cpp.llama_sampler_init_temp(params.temperature))
        seed = llama_cpp.LLAMA_DEFAULT_SEED if params.seed is None else params.seed
        add(llama_cpp.llama_sampler_init_dist(seed))
        return chain


def _cancelled_before_start(prompt_tokens: int) -> GenerationStats:
    return GenerationStats(
        prompt_tokens=prompt_tokens,
        reused_prompt_tokens=0,
        completion_tokens=0,
        prompt_seconds=0.0,
        generation_seconds=0.0,
        time_to_first_token=None,
        tokens_per_second=0.0,
        cancelled=True,
        hit_max_tokens=False,
    )


def default_thread_count() -> int:
    """One thread fewer than the CPUs this process may use, and at least one.

    llama.cpp's threads meet at a barrier after every graph node, so one descheduled thread
    stalls all of them. With every CPU taken, anything else running (the UI, an EHR client)
    causes exactly that: on a busy 2-vCPU EPYC, two threads generated 0.5-1.8 tokens/s against
    10-12 for one.
    """
    if hasattr(os, "sched_getaffinity"):
        usable = len(os.sched_getaffinity(0))
    else:
        usable = os.cpu_count() or 1
    return max(1, usable - 1)
