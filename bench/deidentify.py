"""De-identification benchmark: recall per identifier type, wrong replacements, speed.

    python -m bench.deidentify [FOLDER] [--case upper|lower]
                               [--show-misses] [--show-wrong] [--held-out]

FOLDER holds `gold.json` and the notes it names, in the format of the development corpus
(default: ../shared/corpora/physionet-deid-dev, real ICU nursing notes with every identifier
tagged; see its README). The corpus is read in place, never copied.

- Recall: a tagged identifier counts as removed when every letter and digit of it lies inside
  a replacement. A tagged date that is only a year ("1977", "'09") is counted apart, with the
  corpus's own `DateYear` tags: Safe Harbor lets a year stay.
- Wrong replacements: each stretch of replaced text that overlaps no tagged identifier, per
  note; those with a drug, dose, vital sign, setting or fluid in them are counted apart.
- Speed: CPU milliseconds per two-page note (about 6,000 characters, built by joining corpus
  notes), after the engine is loaded; run with OMP_NUM_THREADS=1 for one core.
- `--case upper` or `--case lower` reads every note in capitals or in lower case, to show
  rules that lean on a capital letter.
- Development and held-out thirds: the corpus's patients are shuffled with a fixed seed and two
  thirds of them are the development part, the rest held out (a patient's notes never fall in
  both). Rules are studied on the development part only; every figure is printed for each part,
  so a rule fitted to the notes it was studied on shows as a gap between the two.

With --show-misses or --show-wrong the misses and wrong replacements of the development part
(of the held-out part with --held-out) are printed with their context: these are PHI
(surrogates in the corpus, real identifiers elsewhere), so only to a terminal, never to a log.
"""

import argparse
import json
import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain.deidentify import deidentify
from app.domain.deidentify.vocabulary import clinical_spans, is_clinical

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/physionet-deid-dev"
TWO_PAGES = 6000
SPLIT_SEED = 21
"""Fixed, so the development and held-out parts are the same patients on every run."""
DEVELOPMENT_SHARE = 2 / 3
CASES: dict[str, Callable[[str], str]] = {
    "as-written": str,
    "upper": str.upper,
    "lower": str.lower,
}
"""Nurses write in any case: the same notes in capitals or lower case show rules that lean on
a capital letter (the tagged spans keep their offsets)."""
_YEAR_ALONE = re.compile(r"'?(?:19|20)?\d{2}'?")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_NUMBER = re.compile(r"\d")


@dataclass
class Tally:
    removed: Counter[str] = field(default_factory=Counter)
    tagged: Counter[str] = field(default_factory=Counter)
    wrong: int = 0
    wrong_clinical: int = 0
    notes_with_wrong: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)
    wrong_examples: list[str] = field(default_factory=list)


def gold_type(phi: dict[str, Any]) -> str:
    """The corpus's type, with dates that are only a year reported as years."""
    kind: str = phi["type"]
    if kind == "Date" and _YEAR_ALONE.fullmatch(phi["text"].strip()):
        return "DateYear"
    return kind


def score_note(text: str, phis: list[dict[str, Any]], tally: Tally) -> None:
    covered = bytearray(len(text))
    for replacement in deidentify(text).replacements:
        covered[replacement.start : replacement.end] = b"\x01" * (
            replacement.end - replacement.start
        )
    tagged = bytearray(len(text))
    for phi in phis:
        start, end = phi["start"], phi["end"]
        tagged[start:end] = b"\x01" * (end - start)
        kind = gold_type(phi)
        tally.tagged[kind] += 1
        if all(covered[i] for i in range(start, end) if text[i].isalnum()):
            tally.removed[kind] += 1
        else:
            tally.misses.append((kind, _context(text, start, end)))
    protected = clinical_spans(text)
    wrong_here = 0
    position = 0
    while position < len(text):
        if not covered[position]:
            position += 1
            continue
        end = position
        while end < len(text) and covered[end]:
            end += 1
        stretch = text[position:end]
        if any(char.isalnum() for char in stretch) and not any(tagged[position:end]):
            wrong_here += 1
            clinical = any(is_clinical(word) for word in _WORD.findall(stretch)) or any(
                position < stop and begin < end for begin, stop in protected
            )
            tally.wrong_clinical += clinical
            tally.wrong_examples.append(_context(text, position, end))
        position = end
    tally.wrong += wrong_here
    tally.notes_with_wrong += wrong_here > 0


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - 30) : start].replace("\n", " ")
    after = text[end : end + 30].replace("\n", " ")
    return f"{before}[[{text[start:end]}]]{after}"


def two_page_notes(texts: list[str], count: int) -> list[str]:
    """Notes of about two pages, each joined from consecutive corpus notes."""
    pages: list[str] = []
    current: list[str] = []
    for text in texts:
        current.append(text)
        if sum(map(len, current)) >= TWO_PAGES:
            pages.append("\n\n".join(current))
            current = []
            if len(pages) == count:
                break
    return pages


def time_notes(texts: list[str]) -> float:
    """Median CPU milliseconds per text: the time one core spends, whatever else the machine
    runs (wall-clock time on a shared machine measures the neighbours too)."""
    times = []
    for text in texts:
        started = time.process_time()
        deidentify(text)
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times)


def split_patients(patients: list[str]) -> tuple[set[str], set[str]]:
    """Two thirds of the patients for development and the rest held out, by a fixed seed."""
    shuffled = sorted(set(patients))
    random.Random(SPLIT_SEED).shuffle(shuffled)
    cut = round(len(shuffled) * DEVELOPMENT_SHARE)
    return set(shuffled[:cut]), set(shuffled[cut:])


def print_tally(title: str, tally: Tally, note_count: int) -> None:
    """Recall per type, all but years, and wrong replacements for one part of the corpus."""
    print(f"\n{title}: {note_count} notes, {sum(tally.tagged.values())} tagged identifiers")
    print(f"{'type':<20}{'removed':>9}{'tagged':>8}{'recall':>9}")
    for kind in sorted(tally.tagged):
        removed, tagged = tally.removed[kind], tally.tagged[kind]
        print(f"{kind:<20}{removed:>9}{tagged:>8}{100 * removed / tagged:>8.1f}%")
    counted = [kind for kind in tally.tagged if kind != "DateYear"]
    removed = sum(tally.removed[kind] for kind in counted)
    tagged = sum(tally.tagged[kind] for kind in counted)
    print(f"{'all but years':<20}{removed:>9}{tagged:>8}{100 * removed / tagged:>8.1f}%")
    print(
        f"wrong replacements: {tally.wrong} in {tally.notes_with_wrong} of {note_count} notes "
        f"({tally.wrong / note_count:.3f} per note); touching clinical words or notation: "
        f"{tally.wrong_clinical}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--show-wrong", action="store_true")
    parser.add_argument(
        "--held-out", action="store_true", help="show the held-out part's misses, not development's"
    )
    parser.add_argument(
        "--case",
        choices=sorted(CASES),
        default="as-written",
        help="read every note as written, or all in capitals or lower case (offsets are kept)",
    )
    args = parser.parse_args()
    gold = json.loads((args.folder / "gold.json").read_text(encoding="utf-8"))
    notes = [
        (
            str(note["patient"]),
            CASES[args.case]((args.folder / note["note"]).read_text(encoding="utf-8")),
            note["phi"],
        )
        for note in gold["notes"]
    ]
    development, held_out = split_patients([patient for patient, _, _ in notes])
    started = time.perf_counter()
    deidentify("Mr Halvorsen seen 3/14 by Dr. Okafor.")
    print(f"engine loaded and first note read in {time.perf_counter() - started:.1f} s")
    tallies = {"development": Tally(), "held-out": Tally(), "all": Tally()}
    sizes: Counter[str] = Counter()
    started = time.perf_counter()
    for patient, text, phis in notes:
        part = "development" if patient in development else "held-out"
        sizes[part] += 1
        sizes["all"] += 1
        score_note(text, phis, tallies[part])
    elapsed = time.perf_counter() - started
    for part in ("development", "held-out"):
        for name in ("removed", "tagged"):
            getattr(tallies["all"], name).update(getattr(tallies[part], name))
        for name in ("wrong", "wrong_clinical", "notes_with_wrong"):
            setattr(
                tallies["all"], name, getattr(tallies["all"], name) + getattr(tallies[part], name)
            )
    print(
        f"patients: {len(development)} development, {len(held_out)} held out "
        f"(seed {SPLIT_SEED}, split by patient)"
    )
    for part, tally in tallies.items():
        title = f"{part} ({len(development if part == 'development' else held_out)} patients)"
        print_tally(title if part != "all" else "all notes", tally, sizes[part])
    print(f"\nwall time: {1000 * elapsed / len(notes):.1f} ms per note on average (with scoring)")
    pages = two_page_notes([text for _, text, _ in notes], 40)
    print(f"speed: {time_notes(pages):.1f} CPU ms median per two-page note ({len(pages)} notes)")
    shown = tallies["held-out" if args.held_out else "development"]
    if args.show_misses:
        for kind, context in shown.misses:
            print(f"MISS {kind:<18} {context}")
    if args.show_wrong:
        for context in shown.wrong_examples:
            print(f"WRONG {context}")


if __name__ == "__main__":
    main()
