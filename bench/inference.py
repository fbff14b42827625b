"""Inference benchmark: the app's engine path, and native llama-bench on the same file.

    python -m bench.inference --model PATH [--n-ctx 8192] [--threads N] [--llama-bench PATH]

Measured in one run through LlamaEngine, exactly as the app drafts: model load (hash check
included), time to first token for ~512-, 1K-, 4K- and (when --n-ctx allows) 32K-token sources
built into a real SBAR prompt, the same prompt again (prefix reuse), and generation speed over
128 tokens. Time to first token is the whole path a draft takes from its chat messages: the
template rendered and tokenized (`Engine.tokenize`), the prompt evaluated, the first visible
text sampled; the tokenizing share is printed beside it. If llama-bench is on PATH or given, it
runs on the same file with the same threads, flash attention and GPU offload, and the
engine/native ratios for prompt processing (pp512) and generation (tg128) are printed, from the
best of --repeats runs on each side (best-of is the figure least disturbed by other work on the
machine), and the largest source's time to first token is set against native prompt processing
of a prompt just as long (the 32K target). Native reads token ids and does no tokenizing, so the
engine's side of that comparison carries the extra work. The notes are synthetic.
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.domain.generation import GenerationParams, GenerationStats
from app.domain.note_templates import load_template
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


@dataclass(frozen=True)
class NativeResult:
    """Tokens per second of each llama-bench repetition."""

    pp512: list[float]
    tg128: list[float]


def main() -> None:
    args = _parse_args()
    print(f"machine: {_machine()}")
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

    template = load_template(NoteKind.SHIFT_SBAR)
    first_token = template.params.model_copy(update={"max_tokens": 1, "temperature": 0.0})
    print(
        "\nsource tokens | prompt tokens | time to first token (tokenize) | prompt tok/s "
        "| regenerate TTFT"
    )
    pp_rates: list[float] = []
    largest: TimedRun | None = None
    for size in SOURCE_SIZES:
        messages = build_messages(template, _synthetic_notes(engine, size))
        prompt_tokens = len(engine.tokenize(messages))
        if prompt_tokens + first_token.max_tokens + _ANSWER_ROOM > info.n_ctx:
            print(f"{size:>13,} | skipped: needs --n-ctx above {prompt_tokens + _ANSWER_ROOM:,}")
            continue
        runs = args.repeats if size == SOURCE_SIZES[0] else 1
        firsts = [_run(engine, messages, first_token, fresh=True) for _ in range(runs)]
        again = _run(engine, messages, first_token, fresh=False)
        first = min(firsts, key=lambda timed: timed.first_text_seconds)
        rates = [run.stats.evaluated_prompt_tokens / run.stats.prompt_seconds for run in firsts]
        pp_rates = pp_rates or rates
        largest = first
        print(
            f"{size:>13,} | {first.stats.prompt_tokens:>13,} | {first.first_text_seconds:>17.3f} s "
            f"({first.tokenize_seconds * 1000:.0f} ms) | {max(rates):>12,.1f} "
            f"| {again.first_text_seconds:.3f} s ({again.stats.evaluated_prompt_tokens} evaluated)"
        )

    tg_rates = [_generation_rate(engine) for _ in range(args.repeats)]
    print(
        f"\ngeneration through the engine, {GENERATION_TOKENS} tokens: best {max(tg_rates):,.1f} "
        f"tok/s (runs: {', '.join(f'{rate:.1f}' for rate in tg_rates)})"
    )
    engine.close()

    llama_bench = args.llama_bench or shutil.which("llama-bench")
    if llama_bench is None:
        print("\nllama-bench not found (use --llama-bench PATH): no native comparison")
        return
    native = _native_bench(
        Path(llama_bench), args.model, args.threads, args.repeats, info.n_gpu_layers > 0
    )
    print(
        f"\nnative llama-bench: pp512 best {max(native.pp512):,.1f} tok/s "
        f"(runs: {', '.join(f'{rate:.1f}' for rate in native.pp512)}), "
        f"tg128 best {max(native.tg128):,.1f} tok/s "
        f"(runs: {', '.join(f'{rate:.1f}' for rate in native.tg128)})"
    )
    print(f"engine/native tg128 (best runs): {max(tg_rates) / max(native.tg128):.0%}")
    if pp_rates:
        print(
            f"engine/native prompt processing (best runs): "
            f"{max(pp_rates) / max(native.pp512):.0%} (engine: the smallest source's prompt)"
        )
    if largest is not None:
        tokens = largest.stats.prompt_tokens
        native_seconds = tokens / _native_prompt_rate(
            Path(llama_bench), args.model, args.threads, tokens, info.n_gpu_layers > 0
        )
        print(
            f"largest source: engine time to first token {largest.first_text_seconds:,.2f} s "
            f"(tokenizing included), native pp{tokens} {native_seconds:,.2f} s: engine takes "
            f"{largest.first_text_seconds / native_seconds:.0%} of native"
        )


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.inference", description=__doc__)
    parser.add_argument("--model", type=Path, required=True, help="GGUF file to benchmark")
    parser.add_argument("--n-ctx", type=int, default=8192, help="context size (default 8192)")
    parser.add_argument(
        "--threads", type=int, default=default_thread_count(), help="default: the engine's"
    )
    parser.add_argument("--llama-bench", type=Path, default=None, help="native llama-bench")
    parser.add_argument("--repeats", type=int, default=3, help="generation runs to average")
    return parser.parse_args()


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
    started = time.perf_counter()
    prompt = engine.tokenize(messages)
    tokenized = time.perf_counter()
    run = engine.generate(prompt, params)
    first_text: float | None = None
    for _ in run:
        first_text = first_text or time.perf_counter()
    finished = time.perf_counter()
    assert run.stats is not None
    return TimedRun(run.stats, tokenized - started, (first_text or finished) - started)


def _generation_rate(engine: LlamaEngine) -> float:
    messages = [
        ChatMessage(role="system", content="You are a helpful assistant."),
        ChatMessage(
            role="user",
            content="Write a long, detailed essay about the history of nursing, "
            "from Florence Nightingale to modern intensive care.",
        ),
    ]
    params = GenerationParams(temperature=0.0, max_tokens=GENERATION_TOKENS)
    stats = _run(engine, messages, params, fresh=True).stats
    if stats.completion_tokens < GENERATION_TOKENS:
        print(f"  note: the model stopped after {stats.completion_tokens} tokens")
    return stats.tokens_per_second


def _native_bench(
    binary: Path, model: Path, threads: int, repeats: int, offload: bool
) -> NativeResult:
    results = _llama_bench(
        binary,
        model,
        threads,
        offload,
        *("-p", str(NATIVE_PROMPT_TOKENS)),
        *("-n", str(GENERATION_TOKENS)),
        *("-r", str(repeats)),
    )
    pp = next(result for result in results if result["n_prompt"] > 0 and result["n_gen"] == 0)
    tg = next(result for result in results if result["n_gen"] > 0 and result["n_prompt"] == 0)
    return NativeResult(pp512=pp["samples_ts"], tg128=tg["samples_ts"])


def _native_prompt_rate(
    binary: Path, model: Path, threads: int, tokens: int, offload: bool
) -> float:
    """Native tokens/s over a prompt as long as the engine's largest one, so the time to first
    token compares with the same attention cost (it grows with the context). No warm-up: the
    pp512/tg128 run has just warmed the model, and a warm-up would read a 32K prompt twice."""
    results = _llama_bench(
        binary,
        model,
        threads,
        offload,
        *("-p", str(tokens)),
        *("-n", "0"),
        *("-r", "1"),
        "--no-warmup",
    )
    rate: float = results[0]["avg_ts"]
    return rate


def _llama_bench(
    binary: Path, model: Path, threads: int, offload: bool, *arguments: str
) -> list[dict[str, Any]]:
    command = [
        str(binary),
        *("-m", str(model)),
        *("-t", str(threads)),
        *("-fa", "1"),
        *("-ngl", "99" if offload else "0"),
        *arguments,
        *("-o", "json"),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=True)
    results: list[dict[str, Any]] = json.loads(completed.stdout)
    return results


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
