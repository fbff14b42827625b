"""Grounded drafts against whole-model drafts, on real ICU nursing notes (issue 20).

    python -m bench.grounded generate --mode before --out DIR [--notes 20] [--max-tokens 300]
    python -m bench.grounded generate --mode after --out DIR [--notes 20]
    python -m bench.grounded table --out DIR
    python -m bench.grounded facts-only
    python -m bench.grounded facts-first

`generate` drafts every kind from the same real notes with the embedded model and appends one
JSON line per draft to `DIR/<mode>.jsonl` (so a run stopped part way keeps what it finished, and
a rerun skips what is there). `before` is the whole-note draft (`DraftMode.WHOLE`): the model
writes the whole note. `after` is the grounded draft: the fact sections assembled from the
notes, the model writing only the prose sections under the per-request number grammar.

`table` reads the drafts back and prints, per mode and kind: numbers in the draft that are not
in the notes, sentences the safety net flags (unsupported or contradicted facts and sentences
not found in the notes), empty and repeated sections and required passages the model left to
write (`app.domain.draft_problems`), a person's ratings (`DIR/ratings.json`: usable / needs
edits / unusable) and the time per draft. Beside `before` and `after` it shows `facts only`
(no model, so every kind of all twenty notes). `facts-only` times the facts-only
draft of two pages of notes; `facts-first` times, through the real service, the draft call to
the facts-only draft being shown.

The notes are the PhysioNet deid development split (`WARDSCRIBE_DEID_CORPUS` overrides where it
is); the drafts hold note text, so DIR belongs outside the repository.
"""

import argparse
import json
import os
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.domain.notes import NoteKind
from app.inference.protocol import Engine

CORPUS_ENV = "WARDSCRIBE_DEID_CORPUS"
DEFAULT_CORPUS = Path("/work/shared/corpora/physionet-deid-dev")
MIN_CHARS = 900
MAX_CHARS = 3_000
MODELS_DIR = Path("/tmp/models")
SEED = 20


def real_notes(count: int) -> list[tuple[str, str]]:
    """The first note of 900–3,000 characters of each patient, patients in corpus order.

    One note per patient so no patient's style counts twice; the length bounds keep notes that
    state enough facts to draft from and that fit the model's context with room to write.
    """
    directory = Path(os.environ.get(CORPUS_ENV, DEFAULT_CORPUS)) / "notes"
    chosen: dict[str, tuple[str, str]] = {}
    for path in sorted(directory.glob("p*_n*.txt")):
        patient = path.name.split("_", 1)[0]
        text = path.read_text(encoding="utf-8")
        if patient not in chosen and MIN_CHARS <= len(text) <= MAX_CHARS:
            chosen[patient] = (path.stem, text)
        if len(chosen) == count:
            break
    return list(chosen.values())


def _done(path: Path) -> set[tuple[str, str]]:
    if not path.exists():
        return set()
    done = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        done.add((record["note"], record["kind"]))
    return done


def _jobs(count: int, done: set[tuple[str, str]]) -> Iterator[tuple[str, str, NoteKind]]:
    for note_id, text in real_notes(count):
        for kind in NoteKind:
            if (note_id, kind.value) not in done:
                yield note_id, text, kind


def generate(mode: str, out: Path, count: int, max_tokens: int) -> None:
    from app.inference.engine import LlamaEngine
    from app.inference.model_files import assemble_embedded_model

    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{mode}.jsonl"
    engine = LlamaEngine(assemble_embedded_model(MODELS_DIR), n_ctx=4096)
    engine.load()
    draft = _before if mode == "before" else _after
    with target.open("a", encoding="utf-8") as file:
        for note_id, text, kind in _jobs(count, _done(target)):
            started = time.perf_counter()
            body = draft(engine, kind, text, max_tokens)
            seconds = time.perf_counter() - started
            record = {"note": note_id, "kind": kind.value, "text": body, "seconds": seconds}
            file.write(json.dumps(record) + "\n")
            file.flush()
            print(f"{mode} {note_id} {kind.value}: {seconds:.1f} s", flush=True)


def _before(engine: Engine, kind: NoteKind, source: str, max_tokens: int) -> str:
    from app.domain.note_templates import load_template
    from app.inference.prompt import build_messages

    template = load_template(kind)
    params = template.params.model_copy(
        update={"max_tokens": min(max_tokens, template.params.max_tokens), "seed": SEED}
    )
    return "".join(engine.generate(engine.tokenize(build_messages(template, source)), params))


def _after(engine: Engine, kind: NoteKind, source: str, max_tokens: int) -> str:
    from app.domain.generation import GenerationStats
    from app.domain.grounded.draft import plan_draft
    from app.domain.grounded.layout import shipped_layout
    from app.domain.note_templates import load_template
    from app.services.grounded import stream_grounded

    del max_tokens  # each passage has its own limit in the layout
    plan = plan_draft(kind, source, shipped_layout(""))
    stats: list[GenerationStats] = []
    pieces = stream_grounded(engine, load_template(kind), plan, threading.Event(), stats, seed=SEED)
    return "".join(pieces)


_NUMBER = re.compile(r"(?<![A-Za-z\d.,])\d+(?:[.,]\d+)*")
"""A number as a reader sees one: digits not glued to a word ("SpO2" holds no number)."""
_LIST_MARKER = re.compile(r"^[ \t]*\d+[.)][ \t]", re.MULTILINE)
"""The "1." of a numbered list is layout, not a number the draft states."""
RATINGS = ("usable", "needs edits", "unusable")


def foreign_numbers(source: str, draft: str) -> list[str]:
    """Numbers in the draft that the notes do not contain, as written or as the same value
    (list numbering left aside)."""
    from app.inference.number_grammar import numbers_in

    written = numbers_in(source)
    values = {_value(number) for number in written}
    return [
        number
        for number in _NUMBER.findall(_LIST_MARKER.sub("", draft))
        if number not in written and _value(number) not in values
    ]


def _value(number: str) -> float | None:
    try:
        return float(number.replace(",", ""))
    except ValueError:
        return None


def flagged_sentences(source: str, draft: str) -> int:
    """Sentences of the draft the safety net flags: not found in the notes, or holding an
    unsupported or contradicted fact."""
    from app.domain.factcheck import check_draft
    from app.domain.grounded.support import flagged_sentences as flagged

    return len(flagged(check_draft(source, draft)))


def section_problems(kind: NoteKind, draft: str) -> tuple[int, int, int]:
    """Empty sections, repeated passages and required passages left to write
    (`app.domain.draft_problems`)."""
    from app.domain.draft_problems import ProblemKind, find_problems
    from app.domain.note_templates import load_template

    template = load_template(kind)
    problems = find_problems(
        draft, headings=template.sections, instructions=template.instructions, patient_name=""
    )
    empty = sum(1 for problem in problems if problem.kind is ProblemKind.EMPTY_SECTION)
    repeated = sum(1 for problem in problems if problem.kind is ProblemKind.REPEATED_TEXT)
    to_write = sum(1 for problem in problems if problem.kind is ProblemKind.PASSAGE_TO_WRITE)
    return empty, repeated, to_write


def table(out: Path) -> None:
    notes = dict(real_notes(100))
    ratings = _ratings(out / "ratings.json")
    records = {
        mode: [json.loads(line) for line in (out / f"{mode}.jsonl").read_text().splitlines()]
        for mode in ("before", "after")
        if (out / f"{mode}.jsonl").exists()
    }
    for mode, rows in records.items():
        print(f"{mode}: {len({r['note'] for r in rows})} notes, {len(rows)} drafts")
    records["facts only"] = _facts_only_drafts()
    print(
        "| kind | mode | drafts | numbers not in notes / draft | drafts with any | "
        "flagged sentences / draft | empty sections | repeated | passages to write | "
        "usable / edits / unusable | seconds / draft |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for kind in NoteKind:
        for mode, rows in records.items():
            chosen = [r for r in rows if r["kind"] == kind.value]
            if not chosen:
                continue
            foreign = [len(foreign_numbers(notes[r["note"]], r["text"])) for r in chosen]
            flagged = [flagged_sentences(notes[r["note"]], r["text"]) for r in chosen]
            problems = [section_problems(kind, r["text"]) for r in chosen]
            rated = [ratings.get(f"{mode}/{r['note']}/{kind.value}", "") for r in chosen]
            counts = " / ".join(str(rated.count(rating)) for rating in RATINGS)
            print(
                f"| {kind.value} | {mode} | {len(chosen)} | {sum(foreign) / len(chosen):.2f} | "
                f"{sum(1 for f in foreign if f)} | {sum(flagged) / len(chosen):.2f} | "
                f"{sum(p[0] for p in problems)} | {sum(p[1] for p in problems)} | "
                f"{sum(p[2] for p in problems)} | {counts} | "
                f"{sum(r['seconds'] for r in chosen) / len(chosen):.0f} |"
            )


def _facts_only_drafts(count: int = 20) -> list[dict[str, Any]]:
    """Facts-only drafts of every kind of the first `count` notes: no model, so all of them."""
    from app.domain.grounded.draft import plan_draft
    from app.domain.grounded.layout import shipped_layout

    layout = shipped_layout("")
    drafts = []
    for note_id, text in real_notes(count):
        for kind in NoteKind:
            started = time.perf_counter()
            draft = plan_draft(kind, text, layout).facts_only
            seconds = time.perf_counter() - started
            drafts.append({"note": note_id, "kind": kind.value, "text": draft, "seconds": seconds})
    return drafts


def _ratings(path: Path) -> dict[str, str]:
    """A person's rating of each draft, `{"after/p001_n001/shift-sbar": "usable", …}`."""
    if not path.exists():
        return {}
    ratings: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return ratings


def facts_only_seconds(repeats: int = 5) -> None:
    """Processor time to a facts-only draft of every kind from a two-page note (the real notes
    joined until they are 6,000 characters)."""
    from app.domain.grounded.draft import plan_draft
    from app.domain.grounded.layout import shipped_layout

    layout = shipped_layout("")
    two_pages = ""
    for _, text in real_notes(100):
        if len(two_pages) >= 6_000:
            break
        two_pages += text + "\n"
    for kind in NoteKind:
        times = []
        for _ in range(repeats):
            started = time.process_time()
            draft = plan_draft(kind, two_pages, layout).facts_only
            times.append(time.process_time() - started)
        print(
            f"facts-only {kind.value}: {len(two_pages):,} chars of notes, {len(draft):,} of "
            f"draft, first {times[0]:.3f} s, slowest {max(times):.3f} s"
        )


def facts_first_seconds(repeats: int = 5) -> None:
    """Wall and processor time from the draft call to the facts-only draft being shown, through
    the real service on a demo workstation (SQLCipher files, audit, the draft created), for the
    same two pages of notes; the settings name a model file that is not there, so the run shows
    the facts while it would load the model and the timing holds no model work."""
    import json as json_module
    import tempfile

    from app.keys.memory_keyring import use_memory_keyring
    from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_patients
    from app.services.workstation import StartOptions, Workstation

    two_pages = ""
    for _, text in real_notes(100):
        if len(two_pages) >= 6_000:
            break
        two_pages += text + "\n"
    use_memory_keyring()
    with tempfile.TemporaryDirectory() as data:
        demo = Path(data) / "demo"
        demo.mkdir()
        absent = {"model_path": str(Path(data) / "absent.gguf"), "model_sha256": "0" * 64}
        (demo / "settings.json").write_text(json_module.dumps(absent), encoding="utf-8")
        workstation = Workstation.open(StartOptions(data_dir=Path(data), demo=True))
        try:
            session = workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
            mrn = demo_patients()[0].mrn
            for kind in NoteKind:
                times, processor = [], []
                for _ in range(repeats):
                    started, cpu = time.perf_counter(), time.process_time()
                    run = workstation.drafts.draft(session, mrn, kind, two_pages)
                    shown: list[tuple[float, float]] = []
                    run.on_draft_so_far = lambda _, at=shown: at.append(
                        (time.perf_counter(), time.process_time())
                    )
                    next(iter(run))
                    times.append(shown[0][0] - started)
                    processor.append(shown[0][1] - cpu)
                print(
                    f"facts shown {kind.value}: {len(two_pages):,} chars of notes, wall first "
                    f"{times[0]:.3f} s, slowest {max(times):.3f} s; processor first "
                    f"{processor[0]:.3f} s, slowest {max(processor):.3f} s"
                )
        finally:
            workstation.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate")
    gen.add_argument("--mode", choices=("before", "after"), required=True)
    gen.add_argument("--out", type=Path, required=True)
    gen.add_argument("--notes", type=int, default=20)
    gen.add_argument("--max-tokens", type=int, default=300)
    shown = sub.add_parser("table")
    shown.add_argument("--out", type=Path, required=True)
    sub.add_parser("facts-only")
    sub.add_parser("facts-first")
    args = parser.parse_args()
    if args.command == "generate":
        generate(args.mode, args.out, args.notes, args.max_tokens)
    elif args.command == "table":
        table(args.out)
    elif args.command == "facts-first":
        facts_first_seconds()
    else:
        facts_only_seconds()


if __name__ == "__main__":
    main()
