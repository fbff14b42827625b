"""Portable against native llama.cpp on this CPU, interleaved so machine load hits both alike.

    python -m bench.cpu_variants --model PATH --native LLAMA_BENCH --portable LLAMA_BENCH
        [--rounds 4] [--threads 1]

`--native` is llama-bench built with `GGML_NATIVE=ON` from the llama.cpp sources vendored in
llama-cpp-python; `--portable` is the same sources built as `installer/llama_wheel.py` builds
them (`GGML_NATIVE=OFF`, `GGML_BACKEND_DL`, `GGML_CPU_ALL_VARIANTS`), which loads the variant this
CPU gets. Each round runs native, portable, then the app's engine (the installed portable wheel,
through LlamaEngine), for generation (tg64) and prompt processing (pp256); the best of the rounds
is compared, the figure least disturbed by other work on the machine.
"""

import argparse
import json
import subprocess
from pathlib import Path

from app.domain.generation import GenerationParams, GenerationStats
from app.inference.engine import LlamaEngine
from app.inference.model_files import ModelSpec, sha256_of
from app.inference.types import ChatMessage

GENERATION_TOKENS = 64
PROMPT_TOKENS = 256


def main() -> None:
    args = _parse_args()
    spec = ModelSpec(path=args.model, sha256=sha256_of(args.model))
    results: dict[str, dict[str, list[float]]] = {
        side: {"tg": [], "pp": []} for side in ("native", "portable", "engine")
    }
    with LlamaEngine(spec, n_ctx=2048, n_threads=args.threads) as engine:
        info = engine.load()
        print(f"engine CPU variant: {info.cpu_variant}")
        for round_number in range(1, args.rounds + 1):
            for side, binary in (("native", args.native), ("portable", args.portable)):
                pp, tg = _llama_bench(binary, args.model, args.threads)
                results[side]["pp"].append(pp)
                results[side]["tg"].append(tg)
            pp, tg = _engine_speeds(engine)
            results["engine"]["pp"].append(pp)
            results["engine"]["tg"].append(tg)
            print(
                f"round {round_number}: "
                + ", ".join(
                    f"{side} pp{PROMPT_TOKENS} {r['pp'][-1]:.1f} tg{GENERATION_TOKENS} "
                    f"{r['tg'][-1]:.1f}"
                    for side, r in results.items()
                )
            )
    best = {side: {kind: max(v) for kind, v in r.items()} for side, r in results.items()}
    for side in ("portable", "engine"):
        print(
            f"{side}/native, best runs: "
            f"tg{GENERATION_TOKENS} {best[side]['tg'] / best['native']['tg']:.0%}, "
            f"pp{PROMPT_TOKENS} {best[side]['pp'] / best['native']['pp']:.0%}"
        )


def _llama_bench(binary: Path, model: Path, threads: int) -> tuple[float, float]:
    """(pp tokens/s, tg tokens/s) of one llama-bench repetition."""
    output = subprocess.run(
        [
            str(binary),
            "-m",
            str(model),
            "-t",
            str(threads),
            "-p",
            str(PROMPT_TOKENS),
            "-n",
            str(GENERATION_TOKENS),
            "-r",
            "1",
            "-fa",
            "1",
            "-o",
            "json",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = json.loads(output)
    speed = {("pp" if row["n_prompt"] else "tg"): float(row["avg_ts"]) for row in rows}
    return speed["pp"], speed["tg"]


def _engine_speeds(engine: LlamaEngine) -> tuple[float, float]:
    """(prompt tokens/s, generation tokens/s) of the engine, each as llama-bench measures it.

    Prompt speed from a fresh prompt of about PROMPT_TOKENS tokens; generation speed from a
    prompt of a few tokens, so that, as in tg64, the tokens are generated on a near-empty context.
    """
    long_prompt = " ".join(f"obs{n}" for n in range(PROMPT_TOKENS // 3))
    prompt_stats = _run(engine, long_prompt, max_tokens=1)
    generation_stats = _run(engine, "Hi", max_tokens=GENERATION_TOKENS)
    return (
        prompt_stats.evaluated_prompt_tokens / prompt_stats.prompt_seconds,
        generation_stats.tokens_per_second,
    )


def _run(engine: LlamaEngine, content: str, *, max_tokens: int) -> GenerationStats:
    engine.clear_cache()
    run = engine.generate(
        engine.tokenize([ChatMessage(role="user", content=content)]),
        GenerationParams(temperature=0.0, max_tokens=max_tokens),
    )
    for _piece in run:
        pass
    stats = run.stats
    if stats is None or not stats.completion_tokens:
        raise RuntimeError("the engine generated nothing")
    return stats


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--native", type=Path, required=True, help="llama-bench, GGML_NATIVE=ON")
    parser.add_argument("--portable", type=Path, required=True, help="llama-bench, portable")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1)
    return parser.parse_args()


if __name__ == "__main__":
    main()
