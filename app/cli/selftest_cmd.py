"""`wardscribe self-test` and `wardscribe --self-test`: is this installation healthy?

The checks are the `app.services.selftest` use case; this prints its one-line verdict and exits
0 or 1, so deployment tools can act on the exit code and log the line.
"""

import argparse
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.services.selftest import SelfTestRequest
from app.services.selftest import self_test as run_self_test

_SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = subparsers.add_parser(
        "self-test",
        help="check this installation end to end without touching user data; prints one line",
        description="Checks the machine policy, encrypted storage, sign-in, the model's SHA-256, "
        "generation and the audit chain in a temporary data folder with an in-memory credential "
        "store, then deletes them. Exit status 0 means PASS.",
    )
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument(
        "--model", type=Path, metavar="PATH", help="test this GGUF file (requires --sha256)"
    )
    choice.add_argument(
        "--skip-model",
        action="store_true",
        help="check everything but the model (for a package built without one)",
    )
    parser.add_argument(
        "--sha256", type=_sha256_argument, metavar="HEX", help="the SHA-256 --model must have"
    )
    parser.set_defaults(handler=run, protect=False)


def add_self_test_flag(parser: argparse.ArgumentParser) -> None:
    """Give the main parser `--self-test`, the `self-test` subcommand with its defaults."""
    parser.add_argument(
        "--self-test",
        action=_SelfTestFlag,
        help="check this installation end to end and print one line (see `self-test --help`)",
    )


class _SelfTestFlag(argparse.Action):
    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        request = SelfTestRequest()
        namespace.handler = run
        namespace.protect = False
        namespace.model = request.model
        namespace.sha256 = request.sha256
        namespace.skip_model = request.skip_model


def _sha256_argument(text: str) -> str:
    if not _SHA256.match(text):
        raise argparse.ArgumentTypeError("a SHA-256 is 64 hexadecimal characters")
    return text.lower()


def run(args: argparse.Namespace) -> int:
    if args.model is not None and args.sha256 is None:
        print("WardScribe self-test: FAIL: model: --model needs --sha256 HEX")
        return 1
    request = SelfTestRequest(model=args.model, sha256=args.sha256, skip_model=args.skip_model)
    return self_test(request)


def self_test(request: SelfTestRequest) -> int:
    """Run the self-test, print its verdict, and return the exit status."""
    verdict = run_self_test(request)
    print(f"WardScribe self-test: {verdict.line}")
    return 0 if verdict.passed else 1
