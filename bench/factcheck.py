"""Measure the fact checker on the evaluation set in tests/factcheck/eval/.

Recall: the share of planted errors caught. An error counts as caught only when a flag of the
planted kind overlaps the planted span, or, for a dropped allergy, when the allergy is listed
as omitted. False flags: the share of faithful drafts with any unsupported or contradicted flag.
Latency: the median processor time of check_draft on a two-page draft and its source notes
(processor time, so that other work on a shared machine does not count against the checker;
elapsed time is printed beside it).

Run: python -m bench.factcheck [--verbose]
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NotRequired, TypedDict

from app.domain.factcheck import FactCheckReport, check_draft

EVAL_DIR = Path(__file__).resolve().parent.parent / "tests" / "factcheck" / "eval"
TWO_PAGES_CHARS = 6_000
"""About two printed pages of dense nursing text (roughly 1,000 words)."""

RECALL_TARGET = 0.95
FALSE_FLAG_TARGET = 0.05
LATENCY_TARGET_SECONDS = 0.050


class Case(TypedDict):
    id: str
    source: str
    faithful: list[str]


class Planted(TypedDict):
    id: str
    case: str
    base: str
    draft: str
    category: str
    kind: str
    note: str
    span: NotRequired[list[int]]
    """[start, end) of the planted text in the draft; absent for a dropped allergy."""
    text: NotRequired[str]
    omitted: NotRequired[str]
    """For a dropped allergy: the allergen as the source writes it."""


class Manifest(TypedDict):
    description: str
    cases: list[Case]
    planted: list[Planted]


@dataclass
class Evaluation:
    planted: int = 0
    caught: int = 0
    faithful: int = 0
    faithful_flagged: int = 0
    faithful_flags: int = 0
    faithful_omissions: int = 0
    misses: list[str] = field(default_factory=list)
    false_flags: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.caught / self.planted if self.planted else 0.0

    @property
    def false_flag_rate(self) -> float:
        return self.faithful_flagged / self.faithful if self.faithful else 0.0

    @property
    def flags_per_faithful_draft(self) -> float:
        return self.faithful_flags / self.faithful if self.faithful else 0.0

    @property
    def omissions_per_faithful_draft(self) -> float:
        return self.faithful_omissions / self.faithful if self.faithful else 0.0


def load_manifest(eval_dir: Path = EVAL_DIR) -> Manifest:
    manifest: Manifest = json.loads((eval_dir / "manifest.json").read_text(encoding="utf-8"))
    return manifest


def read(eval_dir: Path, relative: str) -> str:
    return (eval_dir / relative).read_text(encoding="utf-8")


def is_caught(planted: Planted, report: FactCheckReport) -> bool:
    """Whether the report flags the planted error: right kind, overlapping the planted span."""
    kind = planted["kind"]
    if "omitted" in planted:
        wanted = planted["omitted"].lower()
        return any(
            omission.kind == kind
            and (wanted in omission.text.lower() or omission.text.lower() in wanted)
            for omission in report.omitted
        )
    start, end = planted["span"]
    flags = [*report.unsupported, *report.contradicted]
    return any(
        (flag.kind == kind or flag.kind.startswith(kind + "."))
        and flag.start < end
        and start < flag.end
        for flag in flags
    )


def evaluate(eval_dir: Path = EVAL_DIR) -> Evaluation:
    manifest = load_manifest(eval_dir)
    sources = {case["id"]: read(eval_dir, case["source"]) for case in manifest["cases"]}
    result = Evaluation()
    for case in manifest["cases"]:
        for draft_path in case["faithful"]:
            report = check_draft(sources[case["id"]], read(eval_dir, draft_path))
            flags = [*report.unsupported, *report.contradicted]
            result.faithful += 1
            result.faithful_flags += len(flags)
            result.faithful_omissions += len(report.omitted)
            if flags:
                result.faithful_flagged += 1
                result.false_flags.extend(
                    f"{draft_path}: {flag.kind} {flag.text!r} - {flag.reason}" for flag in flags
                )
    for planted in manifest["planted"]:
        report = check_draft(sources[planted["case"]], read(eval_dir, planted["draft"]))
        result.planted += 1
        if is_caught(planted, report):
            result.caught += 1
        else:
            result.misses.append(f"{planted['id']}: {planted['note']}")
    return result


def two_page_pair(eval_dir: Path = EVAL_DIR) -> tuple[str, str]:
    """A draft of about two pages and the source notes it restates, from whole cases."""
    manifest = load_manifest(eval_dir)
    source_parts: list[str] = []
    draft_parts: list[str] = []
    for case in manifest["cases"]:
        source_parts.append(read(eval_dir, case["source"]))
        for path in case["faithful"]:
            draft_parts.append(read(eval_dir, path))
            if sum(map(len, draft_parts)) >= TWO_PAGES_CHARS:
                return "\n\n".join(source_parts), "\n\n".join(draft_parts)
    return "\n\n".join(source_parts), "\n\n".join(draft_parts)


@dataclass(frozen=True)
class Timing:
    cpu_seconds: float
    """Median processor time of one check: what the checker costs, whatever else runs."""
    wall_seconds: float
    """Median elapsed time of one check on this machine as loaded at the time."""
    fastest_cpu_seconds: float
    """The fastest check: the machine's best case, least disturbed by other work."""


def time_check(source: str, draft: str, runs: int = 200) -> Timing:
    check_draft(source, draft)
    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(runs):
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        check_draft(source, draft)
        cpu.append(time.process_time() - cpu_start)
        wall.append(time.perf_counter() - wall_start)
    return Timing(statistics.median(cpu), statistics.median(wall), min(cpu))


def calibration_seconds() -> float:
    """Processor time of a fixed pure-Python loop, to compare the speed of two machines."""
    started = time.process_time()
    sum(range(3_000_000))
    return time.process_time() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list misses and false flags")
    parser.add_argument("--runs", type=int, default=200, help="timed runs for the median")
    args = parser.parse_args(argv)

    result = evaluate()
    source, draft = two_page_pair()
    timing = time_check(source, draft, args.runs)
    print(f"planted errors caught:  {result.caught}/{result.planted} (recall {result.recall:.1%})")
    print(
        f"faithful drafts flagged: {result.faithful_flagged}/{result.faithful} "
        f"(false-flag rate {result.false_flag_rate:.1%}; "
        f"{result.flags_per_faithful_draft:.2f} flags and "
        f"{result.omissions_per_faithful_draft:.2f} omissions per faithful draft)"
    )
    print(
        f"check_draft on a {len(draft):,}-char draft against a {len(source):,}-char source: "
        f"median {timing.cpu_seconds * 1000:.1f} ms CPU, {timing.wall_seconds * 1000:.1f} ms "
        f"wall, fastest {timing.fastest_cpu_seconds * 1000:.1f} ms CPU, over {args.runs} runs"
    )
    print(
        f"machine: {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs, load average "
        f"{', '.join(f'{load:.1f}' for load in os.getloadavg())}; "
        f"calibration loop sum(range(3_000_000)) {calibration_seconds() * 1000:.0f} ms CPU"
    )
    if args.verbose:
        for miss in result.misses:
            print(f"  missed: {miss}")
        for flag in result.false_flags:
            print(f"  false flag: {flag}")
    met = (
        result.recall >= RECALL_TARGET
        and result.false_flag_rate <= FALSE_FLAG_TARGET
        and timing.cpu_seconds < LATENCY_TARGET_SECONDS
    )
    print("targets met" if met else "targets NOT met")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
