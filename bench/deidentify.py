"""De-identification benchmark: recall per identifier type, wrong replacements, speed.

    python -m bench.deidentify [FOLDER] [--show-misses] [--show-wrong]

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

With --show-misses or --show-wrong the misses and wrong replacements are printed with their
context: these are PHI (surrogates in the corpus, real identifiers elsewhere), so only to a
terminal, never to a log.
"""

import argparse
import json
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain.deidentify import deidentify
from app.domain.deidentify.vocabulary import clinical_spans, is_clinical

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/physionet-deid-dev"
TWO_PAGES = 6000
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--show-wrong", action="store_true")
    args = parser.parse_args()
    gold = json.loads((args.folder / "gold.json").read_text(encoding="utf-8"))
    notes = [
        ((args.folder / note["note"]).read_text(encoding="utf-8"), note["phi"])
        for note in gold["notes"]
    ]
    started = time.perf_counter()
    deidentify("Mr Halvorsen seen 3/14 by Dr. Okafor.")
    print(f"engine loaded and first note read in {time.perf_counter() - started:.1f} s")
    tally = Tally()
    started = time.perf_counter()
    for text, phis in notes:
        score_note(text, phis, tally)
    elapsed = time.perf_counter() - started
    print(f"{len(notes)} notes, {sum(tally.tagged.values())} tagged identifiers")
    print(f"{'type':<20}{'removed':>9}{'tagged':>8}{'recall':>9}")
    for kind in sorted(tally.tagged):
        removed, tagged = tally.removed[kind], tally.tagged[kind]
        print(f"{kind:<20}{removed:>9}{tagged:>8}{100 * removed / tagged:>8.1f}%")
    counted = [kind for kind in tally.tagged if kind != "DateYear"]
    removed = sum(tally.removed[kind] for kind in counted)
    tagged = sum(tally.tagged[kind] for kind in counted)
    print(f"{'all but years':<20}{removed:>9}{tagged:>8}{100 * removed / tagged:>8.1f}%")
    print(
        f"wrong replacements: {tally.wrong} in {tally.notes_with_wrong} of {len(notes)} notes "
        f"({tally.wrong / len(notes):.3f} per note); touching clinical words or notation: "
        f"{tally.wrong_clinical}"
    )
    print(f"wall time: {1000 * elapsed / len(notes):.1f} ms per note on average (with scoring)")
    pages = two_page_notes([text for text, _ in notes], 40)
    print(f"speed: {time_notes(pages):.1f} CPU ms median per two-page note ({len(pages)} notes)")
    if args.show_misses:
        for kind, context in tally.misses:
            print(f"MISS {kind:<18} {context}")
    if args.show_wrong:
        for context in tally.wrong_examples:
            print(f"WRONG {context}")


if __name__ == "__main__":
    main()
