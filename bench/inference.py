"""Inference benchmark: the app's engine path, and native llama-bench on the same file.

    python -m bench.inference --model PATH [--n-ctx 8192] [--threads N] [--llama-bench PATH]
        [--reps 5] [--repeats 3] [--sources 512,1024,4096,32768]

Measured in one run through LlamaEngine, exactly as the app drafts: model load (hash check
included), time to first token for ~512-, 1K-, 4K- and (when --n-ctx allows) 32K-token sources
built into a real SBAR prompt, the same prompt again (prefix reuse), and generation speed over
128 tokens. Time to first token is the whole path a draft takes from its chat messages: the
template rendered and tokenized (`Engine.tokenize`), the prompt evaluated, the first visible
text sampled; the tokenizing share is printed beside it. If llama-bench is on PATH or given, it
runs on the same file with the same threads, flash attention and GPU offload, and the engine is
set against it in --reps pairs taken in turn (engine, native, engine, native, ...): prompt
processing (the smallest source's prompt against native pp512) and generation (against native
tg128). On a shared machine the load moves within minutes, so a ratio is only fair between
measurements seconds apart: the bench prints each pair, the median of the per-pair ratios and
each side's median rate. Beside every measurement it prints CPU time and wall time (the
engine's process CPU time; llama-bench's from `getrusage` of the children, its model load and
warm-up included) and the load average at start and end: CPU time well below wall time times
the threads means other work took the cores. Last, the largest source's time to first token is
set against native prompt processing of a prompt just as long (the 32K target). Native reads
token ids and does no tokenizing, so the engine's side carries the extra work. The notes are
synthetic.
"""

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.domain.generation import GenerationParams, GenerationStats
from app.domain.note_templates import NoteTemplate, load_template
from app.domain.notes import NoteKind
from app.inference.engine import LlamaEngine, default_thread_count
from app.inference.model_files import ModelSpec, sha256_of
from app.inference.prompt import build_messages
from app.inference.types import ChatMessage
from bench.synthetic_notes import shift_event

SOURCE_SIZES = (512, 1024, 4096, 32768)
GENERATION_TOKENS = 128
NATIVE_PROMPT_TOKENS = 512
_ANSWER_ROOM = 64


@dataclass(frozen=True)
class TimedRun:
    """One run as a draft takes it, timed from its chat messages."""

    stats: GenerationStats
    tokenize_seconds: float
    """Rendering the chat template and tokenizing it."""
    first_text_seconds: float
    """From the messages to the first visible text: tokenizing, prompt and first token."""
    cpu_seconds: float
    """This process's CPU time over the whole run, all its threads together."""
    wall_seconds: float


@dataclass(frozen=True)
class Measured:
    """One side of a pair: its rate, and the CPU and wall time it took, so that a reader can
    see whether other work on the machine held it back."""

    tokens_per_second: float
    cpu_seconds: float
    wall_seconds: float

    def describe(self) -> str:
        return (
            f"{self.tokens_per_second:,.1f} tok/s "
            f"(CPU {self.cpu_seconds:.2f} s, wall {self.wall_seconds:.2f} s)"
        )


@dataclass(frozen=True)
class NativeBench:
    """llama-bench on the engine's file with the engine's threads, flash attention and offload,
    one repetition a call so that its runs can alternate with the engine's."""

    binary: Path
    model: Path
    threads: int
    offload: bool

    def prompt(self, tokens: int, *, warmup: bool = True) -> Measured:
        """Native prompt processing of `tokens` tokens (ppN)."""
        return self._measure(
            *("-p", str(tokens)), *("-n", "0"), *(() if warmup else ("--no-warmup",))
        )

    def generation(self, tokens: int) -> Measured:
        """Native generation of `tokens` tokens (tgN)."""
        return self._measure(*("-p", "0"), *("-n", str(tokens)))

    def _measure(self, *arguments: str) -> Measured:
        """One llama-bench repetition; its CPU time is the children's, model load and warm-up
        included, since only the whole process can be measured from outside."""
        command = [
            str(self.binary),
            *("-m", str(self.model)),
            *("-t", str(self.threads)),
            *("-fa", "1"),
            *("-ngl", "99" if self.offload else "0"),
            *arguments,
            *("-r", "1"),
            *("-o", "json"),
        ]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, text=True, check=True)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        [result] = json.loads(completed.stdout)
        return Measured(float(result["avg_ts"]), cpu, wall)


def main() -> None:
    args = _parse_args()
    print(f"machine: {_machine()}")
    print(f"load average at start: {_load_average()}")
    print(f"model: {args.model} ({args.model.stat().st_size / 2**20:,.0f} MiB)")

    hash_started = time.perf_counter()
    spec = ModelSpec(path=args.model, sha256=sha256_of(args.model))
    print(f"sha256 of the file: {time.perf_counter() - hash_started:.2f} s")

    engine = LlamaEngine(spec, n_ctx=args.n_ctx, n_threads=args.threads)
    load_started = time.perf_counter()
    info = engine.load()
    print(f"load (hash check + llama.cpp): {time.perf_counter() - load_started:.2f} s")
    print(
        f"backend {info.backend}, n_gpu_layers {info.n_gpu_layers}, n_ctx {info.n_ctx}, "
        f"threads {args.threads}, vram used {info.vram_used_bytes}"
    )
    llama_bench = args.llama_bench or shutil.which("llama-bench")
    native = (
        None
        if llama_bench is None
        else NativeBench(Path(llama_bench), args.model, args.threads, info.n_gpu_layers > 0)
    )

    template = load_template(NoteKind.SHIFT_SBAR)
    first_token = template.params.model_copy(update={"max_tokens": 1, "temperature": 0.0})
    smallest, largest = _first_token_table(
        engine, info.n_ctx, template, first_token, sorted(args.sources), args.repeats
    )
    if native is None:
        tg_rates = [_generation(engine).tokens_per_second for _ in range(args.reps)]
        print(
            f"\ngeneration through the engine, {GENERATION_TOKENS} tokens: "
            f"median {statistics.median(tg_rates):,.1f} tok/s "
            f"(runs: {', '.join(f'{rate:.1f}' for rate in tg_rates)})"
        )
        print("\nllama-bench not found (use --llama-bench PATH): no native comparison")
    else:
        if largest is not None:
            _against_native_prompt(largest, native)
        if smallest is None:
            print("\nprompt processing in turn skipped: no source fits --n-ctx")
        else:
            prompt = smallest
            _in_turn(
                f"prompt processing: engine (the smallest source's prompt) / native "
                f"pp{NATIVE_PROMPT_TOKENS}",
                args.reps,
                lambda: _prompt(engine, prompt, first_token),
                lambda: native.prompt(NATIVE_PROMPT_TOKENS),
            )
        _in_turn(
            f"generation: engine / native tg{GENERATION_TOKENS}",
            args.reps,
            lambda: _generation(engine),
            lambda: native.generation(GENERATION_TOKENS),
        )
    engine.close()
    print(f"\nload average at end: {_load_average()}")


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.inference",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--model", type=Path, required=True, help="GGUF file to benchmark")
    parser.add_argument("--n-ctx", type=int, default=8192, help="context size (default 8192)")
    parser.add_argument(
        "--threads", type=int, default=default_thread_count(), help="default: the engine's"
    )
    parser.add_argument("--llama-bench", type=Path, default=None, help="native llama-bench")
    parser.add_argument(
        "--reps",
        type=int,
        default=5,
        help="engine/native pairs, taken in turn, for each ratio (default 5)",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=3,
        help="fresh runs of the smallest source, best of (default 3)",
    )
    parser.add_argument(
        "--sources",
        type=_sizes,
        default=SOURCE_SIZES,
        help="source sizes in tokens, comma-separated (default 512,1024,4096,32768)",
    )
    return parser.parse_args()


def _sizes(text: str) -> tuple[int, ...]:
    return tuple(int(size) for size in text.split(","))


def _first_token_table(
    engine: LlamaEngine,
    n_ctx: int,
    template: NoteTemplate,
    first_token: GenerationParams,
    sizes: list[int],
    repeats: int,
) -> tuple[list[ChatMessage] | None, TimedRun | None]:
    """Time to first token for each source size that fits the context, the smallest
    `repeats` times (best of); returns the smallest source's messages and the largest's run,
    for the comparisons with native."""
    print(
        "\nsource tokens | prompt tokens | time to first token (tokenize, CPU) | prompt tok/s "
        "| regenerate TTFT"
    )
    smallest: list[ChatMessage] | None = None
    largest: TimedRun | None = None
    for size in sizes:
        messages = build_messages(template, _synthetic_notes(engine, size))
        prompt_tokens = len(engine.tokenize(messages))
        if prompt_tokens + first_token.max_tokens + _ANSWER_ROOM > n_ctx:
            print(f"{size:>13,} | skipped: needs --n-ctx above {prompt_tokens + _ANSWER_ROOM:,}")
            continue
        runs = repeats if smallest is None else 1
        smallest = smallest or messages
        firsts = [_run(engine, messages, first_token, fresh=True) for _ in range(runs)]
        again = _run(engine, messages, first_token, fresh=False)
        first = min(firsts, key=lambda timed: timed.first_text_seconds)
        largest = first
        print(
            f"{size:>13,} | {first.stats.prompt_tokens:>13,} | {first.first_text_seconds:>17.3f} s "
            f"({first.tokenize_seconds * 1000:.0f} ms, {first.cpu_seconds:.2f} s) "
            f"| {max(_prompt_rate(run) for run in firsts):>12,.1f} "
            f"| {again.first_text_seconds:.3f} s ({again.stats.evaluated_prompt_tokens} evaluated)"
        )
    return smallest, largest


def _in_turn(
    name: str, reps: int, engine_side: Callable[[], Measured], native_side: Callable[[], Measured]
) -> None:
    """Engine and native one repetition each, in turn, so that each ratio compares two
    measurements taken seconds apart under the same load."""
    print(f"\n{name}, in turn:")
    pairs: list[tuple[Measured, Measured]] = []
    for rep in range(1, reps + 1):
        ours = engine_side()
        theirs = native_side()
        pairs.append((ours, theirs))
        print(
            f"  pair {rep}: engine {ours.describe()}, native {theirs.describe()}: "
            f"{ours.tokens_per_second / theirs.tokens_per_second:.0%}"
        )
    ratio = statistics.median(
        ours.tokens_per_second / theirs.tokens_per_second for ours, theirs in pairs
    )
    engine_median = statistics.median(ours.tokens_per_second for ours, _ in pairs)
    native_median = statistics.median(theirs.tokens_per_second for _, theirs in pairs)
    print(
        f"  median of the per-pair ratios {ratio:.0%}; medians: engine {engine_median:,.1f}, "
        f"native {native_median:,.1f} tok/s"
    )


def _against_native_prompt(largest: TimedRun, native: NativeBench) -> None:
    """The largest source's time to first token against native prompt processing of a prompt
    just as long, run straight after it, so that the attention cost (it grows with the
    context) and the load are the same. No warm-up: the engine has just read the file, and a
    warm-up would read a 32K prompt twice."""
    tokens = largest.stats.prompt_tokens
    measured = native.prompt(tokens, warmup=False)
    native_seconds = tokens / measured.tokens_per_second
    print(
        f"\nlargest source: engine time to first token {largest.first_text_seconds:,.2f} s "
        f"(tokenizing included; CPU {largest.cpu_seconds:,.2f} s), native pp{tokens} "
        f"{native_seconds:,.2f} s (llama-bench CPU {measured.cpu_seconds:,.2f} s, wall "
        f"{measured.wall_seconds:,.2f} s): engine takes "
        f"{largest.first_text_seconds / native_seconds:.0%} of native"
    )


def _synthetic_notes(engine: LlamaEngine, target_tokens: int) -> str:
    """Made-up shift events, with varying values, until the text holds `target_tokens` tokens."""
    lines: list[str] = []
    tokens = 0
    step = 0
    while tokens < target_tokens:
        batch = [shift_event(step + offset) for offset in range(20)]
        step += 20
        lines.extend(batch)
        tokens += engine.count_tokens("\n".join(batch)) + 1
    return "\n".join(lines)


def _run(
    engine: LlamaEngine, messages: list[ChatMessage], params: GenerationParams, *, fresh: bool
) -> TimedRun:
    """Tokenize and generate as a draft does, timed from the messages; a run that yields no
    text counts its first text at its end."""
    if fresh:
        engine.clear_cache()
    cpu_started = time.process_time()
    started = time.perf_counter()
    prompt = engine.tokenize(messages)
    tokenized = time.perf_counter()
    run = engine.generate(prompt, params)
    first_text: float | None = None
    for _ in run:
        first_text = first_text or time.perf_counter()
    finished = time.perf_counter()
    cpu = time.process_time() - cpu_started
    assert run.stats is not None
    return TimedRun(
        run.stats,
        tokenized - started,
        (first_text or finished) - started,
        cpu,
        finished - started,
    )


def _prompt_rate(run: TimedRun) -> float:
    return run.stats.evaluated_prompt_tokens / run.stats.prompt_seconds


def _prompt(engine: LlamaEngine, messages: list[ChatMessage], params: GenerationParams) -> Measured:
    """The engine reading `messages` from a cleared cache."""
    run = _run(engine, messages, params, fresh=True)
    return Measured(_prompt_rate(run), run.cpu_seconds, run.wall_seconds)


def _generation(engine: LlamaEngine) -> Measured:
    """The engine generating GENERATION_TOKENS tokens after a short prompt."""
    messages = [
        ChatMessage(role="system", content="You are a helpful assistant."),
        ChatMessage(
            role="user",
            content="Write a long, detailed essay about the history of nursing, "
            "from Florence Nightingale to modern intensive care.",
        ),
    ]
    params = GenerationParams(temperature=0.0, max_tokens=GENERATION_TOKENS)
    run = _run(engine, messages, params, fresh=True)
    if run.stats.completion_tokens < GENERATION_TOKENS:
        print(f"  note: the model stopped after {run.stats.completion_tokens} tokens")
    return Measured(run.stats.tokens_per_second, run.cpu_seconds, run.wall_seconds)


def _load_average() -> str:
    return ", ".join(f"{load:.2f}" for load in os.getloadavg()) + " (1, 5, 15 min)"


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {_cpus()} CPUs, {platform.system()} {platform.release()}"


def _cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


if __name__ == "__main__":
    main()
