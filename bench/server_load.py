"""Load benchmark: N workstations drafting shift notes at once against one inference server.

    python -m bench.server_load --url https://llm.ward:8443 --model ID --ca-file CA.pem \\
        [--pin SHA256] [--client-cert PEM --client-key PEM] [--api-key-file FILE] \\
        [--workstations 1,8,16,40] [--note-tokens 1500] [--max-tokens 300] [--context 8192]

    python -m bench.server_load --serve-model PATH [...]   # functional run, no GPU server
    python -m bench.server_load --serve-model PATH --llama-server BIN --slots 4 [...]

Each simulated workstation is a `RemoteEngine` of its own (its own TLS connection, as separate
machines would have), drafting an SBAR through the app's real template from a synthetic note of
a different patient, so the server cannot answer one from another's cached prompt. All start
together; the run prints, for each level of concurrency, p50/p95 time to first token and to the
finished note, the wall time for the whole ward, and aggregate generated tokens per second.

`--serve-model` starts llama-cpp-python's server on 127.0.0.1 with a throwaway CA (the test
helpers in tests/remote): it handles one request at a time, so its numbers show the protocol
works end to end, not what a GPU server with parallel slots can do. With `--llama-server`, the
model is served by that llama.cpp `llama-server` binary instead, started with the systemd unit's
flags (installer/server) and `--slots` parallel slots of `--context` tokens each, continuously
batched: the same curve as on a GPU server, at this machine's speed.
"""

import argparse
import contextlib
import secrets
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.domain.generation import GenerationParams
from app.domain.note_templates import load_template
from app.domain.notes import NoteKind
from app.inference.prompt import build_messages
from app.inference.remote import RemoteEngine
from app.inference.server_policy import InferenceServerPolicy
from app.inference.types import ChatMessage
from bench.synthetic_notes import shift_event


@dataclass(frozen=True)
class Draft:
    """One workstation's draft: seconds from its request to the first text and to the end."""

    first_text: float | None
    finished: float
    completion_tokens: int
    error: str | None


@dataclass(frozen=True)
class LoadResult:
    workstations: int
    wall_seconds: float
    drafts: list[Draft]

    def line(self) -> str:
        done = [draft for draft in self.drafts if draft.error is None]
        firsts = [draft.first_text for draft in done if draft.first_text is not None]
        tokens = sum(draft.completion_tokens for draft in done)
        return (
            f"{self.workstations:>4} {len(done):>4} {_p(firsts, 50):>8} {_p(firsts, 95):>8} "
            f"{_p([d.finished for d in done], 50):>9} {_p([d.finished for d in done], 95):>9} "
            f"{self.wall_seconds:>8.1f} {tokens / self.wall_seconds:>9.1f}"
        )


HEADER = "  ws   ok  ttft50s  ttft95s  note50s   note95s    wall_s   tok/s"


def main() -> None:
    args = _parse_args()
    with _server(args) as policy:
        print(f"server: {policy.endpoint}, model {policy.model}")
        notes = _patients(policy, max(args.workstations), args.note_tokens)
        print(f"notes: ~{args.note_tokens} tokens each, SBAR, up to {args.max_tokens} tokens out")
        print(HEADER)
        for count in args.workstations:
            result = run_ward(policy, notes[:count], args.max_tokens)
            print(result.line(), flush=True)
            for draft in result.drafts:
                if draft.error is not None:
                    print(f"     error: {draft.error}")


def run_ward(policy: InferenceServerPolicy, notes: list[str], max_tokens: int) -> LoadResult:
    """Every workstation drafts from its own note at once; returns when all have finished."""
    template = load_template(NoteKind.SHIFT_SBAR)
    params = template.params.model_copy(update={"max_tokens": max_tokens, "seed": 1})
    engines = [RemoteEngine(policy) for _ in notes]
    for engine in engines:
        engine.load()  # TLS, pin and model checked before the clock starts
    drafts: list[Draft | None] = [None] * len(notes)
    start = threading.Barrier(len(notes) + 1)

    def workstation(index: int) -> None:
        messages = build_messages(template, notes[index])
        start.wait()
        drafts[index] = _draft(engines[index], messages, params)

    threads = [threading.Thread(target=workstation, args=(i,)) for i in range(len(notes))]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    for engine in engines:
        engine.close()
    return LoadResult(len(notes), wall, [draft for draft in drafts if draft is not None])


def _draft(engine: RemoteEngine, messages: list[ChatMessage], params: GenerationParams) -> Draft:
    began = time.perf_counter()
    first: float | None = None
    try:
        run = engine.generate(engine.tokenize(messages), params)
        for _ in run:
            first = first or time.perf_counter() - began
    except Exception as error:  # a benchmark reports every failure and goes on
        return Draft(first, time.perf_counter() - began, 0, f"{type(error).__name__}: {error}")
    stats = run.stats
    tokens = 0 if stats is None else stats.completion_tokens
    return Draft(first, time.perf_counter() - began, tokens, None)


def _patients(policy: InferenceServerPolicy, count: int, note_tokens: int) -> list[str]:
    """`count` different patients' notes of about `note_tokens` tokens, by the server's count."""
    with RemoteEngine(policy) as engine:
        per_event = engine.count_tokens(shift_event(0)) + 1
    events = max(1, note_tokens // per_event)
    return [
        "\n".join(shift_event(step, patient) for step in range(events)) for patient in range(count)
    ]


@contextlib.contextmanager
def _server(args: argparse.Namespace) -> Iterator[InferenceServerPolicy]:
    if args.serve_model is None:
        yield InferenceServerPolicy(
            url=args.url,
            model=args.model,
            ca_file=args.ca_file,
            pinned_sha256=args.pin,
            client_cert_file=args.client_cert,
            client_key_file=args.client_key,
            api_key_file=args.api_key_file,
            context_tokens=args.context,
            read_timeout_seconds=600,
        )
        return
    from tests.remote.llama_server import LlamaServer
    from tests.remote.pki import Authority
    from tests.remote.real_llama_server import RealLlamaServer

    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch)
        authority = Authority(directory, "bench")
        certificate = authority.server("llm", ips=("127.0.0.1",))
        key_file = directory / "api-keys"
        key_file.write_text(secrets.token_urlsafe(24) + "\n", encoding="utf-8")
        server = (
            LlamaServer(
                args.serve_model,
                alias="bench-model",
                cert_file=certificate.cert_file,
                key_file=certificate.key_file,
                n_ctx=args.context,
                log_file=directory / "server.log",
            )
            if args.llama_server is None
            else RealLlamaServer(
                args.llama_server,
                args.serve_model,
                alias="bench-model",
                cert_file=certificate.cert_file,
                key_file=certificate.key_file,
                api_key_file=key_file,
                slots=args.slots,
                n_ctx=args.context,
                log_file=directory / "server.log",
            )
        )
        with server:
            yield InferenceServerPolicy(
                url=server.url,
                model="bench-model",
                ca_file=authority.ca_file,
                pinned_sha256=certificate.sha256,
                api_key_file=None if args.llama_server is None else key_file,
                context_tokens=args.context,
                read_timeout_seconds=600,
            )


def _p(values: list[float], percentile: int) -> str:
    if not values:
        return "-"
    if len(values) == 1:
        return f"{values[0]:.2f}"
    return f"{statistics.quantiles(values, n=100, method='inclusive')[percentile - 1]:.2f}"


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url")
    parser.add_argument("--model")
    parser.add_argument("--ca-file", type=Path)
    parser.add_argument("--pin")
    parser.add_argument("--client-cert", type=Path)
    parser.add_argument("--client-key", type=Path)
    parser.add_argument("--api-key-file", type=Path)
    parser.add_argument("--serve-model", type=Path, help="start a loopback llama_cpp.server")
    parser.add_argument(
        "--llama-server",
        type=Path,
        help="with --serve-model: serve it with this llama.cpp llama-server binary instead",
    )
    parser.add_argument(
        "--slots", type=int, default=1, help="llama-server's parallel slots (default 1)"
    )
    parser.add_argument(
        "--workstations",
        type=lambda text: [int(part) for part in text.split(",")],
        default=[1, 8, 16, 40],
        help="comma-separated levels of concurrency (default 1,8,16,40)",
    )
    parser.add_argument("--note-tokens", type=int, default=1500)
    parser.add_argument("--max-tokens", type=int, default=300)
    parser.add_argument("--context", type=int, default=8192)
    args = parser.parse_args()
    if args.serve_model is None and (args.url is None or args.model is None):
        parser.error("give --url and --model, or --serve-model for a loopback functional run")
    return args


if __name__ == "__main__":
    main()
