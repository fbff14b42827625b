"""Measure the fact checker on the evaluation sets in tests/factcheck/eval/, corpus by corpus.

Two corpora: the project's synthetic notes (`manifest.json`: sources, faithful drafts and
planted drafts stored whole), and drafts of real ICU nursing notes (`real/manifest.json`: the
notes are read by id from the PhysioNet deid corpus outside the repository, each planted error
is one find-and-replace edit of a faithful draft). A corpus whose notes are absent is skipped.

Recall: the share of planted errors caught. An error counts as caught only when a flag of the
planted kind overlaps the planted span (an invented statement, which held out 19 onwards label
"narrative", is the checker's "sentence" kind: a statement the notes do not support), or, for
a dropped allergy, when the allergy is listed as omitted. False flags: unsupported or
contradicted flags on faithful drafts, per draft and as the share of drafts with any. Latency:
the median processor time of check_draft on a two-page draft and its source notes (processor
time, so that other work on a shared machine does not count against the checker; elapsed time
is printed beside it). Beside it, the same draft checked against notes read already
(`read_notes`), as the desk checks a draft again while it is edited; the target is judged on
the first check, which reads the notes too.

Run: python -m bench.factcheck [--verbose]
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NotRequired, TypedDict

from app.domain.factcheck import FactCheckReport, Flag, check_against, check_draft, read_notes

EVAL_DIR = Path(__file__).resolve().parent.parent / "tests" / "factcheck" / "eval"
REAL_DIR = EVAL_DIR / "real"
HOLDOUT_DIR = EVAL_DIR / "real_holdout"
"""Drafts of further real notes, first measured after the rules were written (its misses later
showed general gaps, so it is no longer unseen)."""
HOLDOUT2_DIR = EVAL_DIR / "real_holdout2"
"""Drafts of six more real notes, measured once after the first round of rules."""
HOLDOUT3_DIR = EVAL_DIR / "real_holdout3"
"""Drafts of fifteen more real notes of patients no other set uses, first measured before the
second round of rules (issue 19's medication guard and shorthand work)."""
HOLDOUT4_DIR = EVAL_DIR / "real_holdout4"
"""Drafts of seven more real notes, first measured on 7 December 2026 before the shorthand and
lexicon rules their false flags and misses prompted."""
HOLDOUT5_DIR = EVAL_DIR / "real_holdout5"
"""Drafts of six more real notes, first measured after the rules held out 4 prompted and
before the readings their own false flags prompted."""
HOLDOUT6_DIR = EVAL_DIR / "real_holdout6"
"""Drafts of six more real notes, first measured after the rules held out 5 prompted and
before the readings their own misses and false flags prompted."""
HOLDOUT7_DIR = EVAL_DIR / "real_holdout7"
"""Drafts of six more real notes, first measured after the readings held out 6 prompted and
before those their own misses and false flags prompted."""
HOLDOUT8_DIR = EVAL_DIR / "real_holdout8"
"""Drafts of six more real notes, first measured after the readings held out 7 prompted and
before those their own misses and false flags prompted."""
HOLDOUT9_DIR = EVAL_DIR / "real_holdout9"
"""Drafts of six more real notes, first measured after every reading held out 8 prompted and
before those their own false flags prompted."""
HOLDOUT10_DIR = EVAL_DIR / "real_holdout10"
"""Drafts of seven real notes (five of them notes earlier sets had used) by an author who never
read the checker's rules, first measured after every reading held out 9 prompted and before
those their own misses and false flags prompted."""
HOLDOUT11_DIR = EVAL_DIR / "real_holdout11"
"""Drafts of ten more real notes no set had used, by the author of held out 10, first measured
after the readings held out 10 prompted and before those their own misses and false flags
prompted."""
HOLDOUT12_DIR = EVAL_DIR / "real_holdout12"
"""Drafts of ten more real notes no set had used, by the author of held out 10 and 11, first
measured after the readings held out 11 prompted and before those their own misses and false
flags prompted."""
HOLDOUT13_DIR = EVAL_DIR / "real_holdout13"
"""Drafts of ten more real notes no set had used, by the author of held out 10 to 12, first
measured after the readings held out 12 prompted and before those their own misses and false
flags prompted."""
HOLDOUT14_DIR = EVAL_DIR / "real_holdout14"
"""Drafts of ten more real notes no set had used, by the author of held out 10 to 13, first
measured after the readings held out 13 and the model's held out 26 prompted and before those
their own misses and false flags prompted."""
HOLDOUT15_DIR = EVAL_DIR / "real_holdout15"
"""Drafts of ten more real notes no set had used, by the author of held out 10 to 14, first
measured after every reading held out 14 and the model's held out 27 prompted and before those
their own misses and false flags prompted."""
HOLDOUT16_DIR = EVAL_DIR / "real_holdout16"
"""Drafts of ten more real notes no set had used, by the author of held out 10 to 15, first
measured after every reading held out 15 and the model's held out 28 prompted and before those
their own misses and false flags prompted."""
HOLDOUT17_DIR = EVAL_DIR / "real_holdout17"
"""Drafts of ten more real notes no set had used, by the author of held out 10 to 16, first
measured after every reading held out 16 prompted and before those its own misses and false
flags prompted."""
HOLDOUT18_DIR = EVAL_DIR / "real_holdout18"
"""Drafts of ten more real notes no set had used, by the author of held out 10 to 17, first
measured after every reading held out 17 and the model's held out 29 prompted and before those
its own misses and false flags prompted."""
HOLDOUT19_DIR = EVAL_DIR / "real_holdout19"
"""Drafts of ten more real notes no set had used, by the author of held out 10 to 18, first
measured after every reading held out 18 and the model's held out 30 prompted and before those
its own misses and false flags prompted."""
HOLDOUT20_DIR = EVAL_DIR / "real_holdout20"
"""Drafts of ten more real notes no set had used, by the author of held out 10 to 19, first
measured after every reading held out 19 and the model's held out 31 prompted and before those
its own misses and false flags prompted."""
HOLDOUT21_DIR = EVAL_DIR / "real_holdout21"
"""Drafts of ten more real notes no set had used, by the author of held out 10 to 20, measured
once after every reading of held out 19 and 20 and used for no rule."""
HOLDOUT22_DIR = EVAL_DIR / "real_holdout22"
"""Drafts of ten more real notes no set had used, by an author who never read the checker's
rules, first measured after every reading of held out 19 and 20 and before those its own misses
and false flags prompted."""
HOLDOUT23_DIR = EVAL_DIR / "real_holdout23"
"""Drafts of ten more real notes no set had used (of three patients other sets use), by an
author who never read the checker's rules, measured once after every reading of held out 22
and used for no rule."""
HOLDOUT24_DIR = EVAL_DIR / "real_holdout24"
"""Drafts of ten more real notes no set had used (seven of patients p001 and p015, three of
the last unused notes over 3,000 bytes), by an author who never read the checker's rules, first
measured on 8 December 2026 before the readings its misses and false flags prompted."""
HOLDOUT25_DIR = EVAL_DIR / "real_holdout25"
"""Drafts of sixteen short real notes (450 to 710 bytes, one per patient) no set had used, by
an author who never read the checker's rules, first measured with held out 24."""
HOLDOUT26_DIR = EVAL_DIR / "real_holdout26"
"""Drafts of sixteen more real notes no set had used (eight of patients p001 and p015, eight
short notes of other patients), by another author who never read the rules, first measured after the
readings those two prompted."""
HOLDOUT27_DIR = EVAL_DIR / "real_holdout27"
"""Drafts of sixteen more real notes no set had used (six of patient p001, ten short notes of
other patients), by another author who never read the rules, measured once after every reading of 8
December and used for no rule."""
DICTATED_DIR = EVAL_DIR / "dictated"
"""Dictated physician notes (MTSamples) with faithful summaries and planted errors."""
MODEL_DRAFTS_DIR = EVAL_DIR / "model_drafts"
"""The embedded model's own drafts of real notes, every unsupported statement listed by a reader."""
MODEL_DRAFTS_HELDOUT_DIR = EVAL_DIR / "model_drafts_heldout"
"""Six more of the model's drafts, of patients no other set uses, drafted and read after the
claim rules were written: the estimate for drafts nobody tuned the rules on."""
MODEL_DRAFTS_HELDOUT2_DIR = EVAL_DIR / "model_drafts_heldout2"
"""Eight more of the model's drafts, of patients no other set uses, drafted and read after the
first held-out list had been used for rules, and never used for any rule since."""
MODEL_DRAFTS_HELDOUT3_DIR = EVAL_DIR / "model_drafts_heldout3"
"""Eight more of the model's drafts, of patients no other set uses, drafted and read after the
last rules of 6 December 2026 were written, and never used for any rule."""
MODEL_DRAFTS_HELDOUT4_DIR = EVAL_DIR / "model_drafts_heldout4"
"""Eight more of the model's drafts, of patients no other set uses, drafted and read after the
rules held out 3 prompted, and used for one rule after its first measurement."""
MODEL_DRAFTS_HELDOUT5_DIR = EVAL_DIR / "model_drafts_heldout5"
"""Ten more of the model's drafts, of patients no other set uses, drafted and read after the
rules held out 4 and the earlier lists prompted: first measured unseen, then used for rules."""
MODEL_DRAFTS_HELDOUT6_DIR = EVAL_DIR / "model_drafts_heldout6"
"""Ten more of the model's drafts, drafted and read after the rules held out 5 prompted: first
measured unseen, then used for rules."""
MODEL_DRAFTS_HELDOUT7_DIR = EVAL_DIR / "model_drafts_heldout7"
"""Ten more of the model's drafts, drafted and read after the rules held out 6 prompted: first
measured unseen, then used for rules."""
MODEL_DRAFTS_HELDOUT8_DIR = EVAL_DIR / "model_drafts_heldout8"
"""Ten more of the model's drafts, drafted and read after the rules held out 7 prompted: first
measured unseen, then used for rules."""
MODEL_DRAFTS_HELDOUT9_DIR = EVAL_DIR / "model_drafts_heldout9"
"""Ten more of the model's drafts, drafted and read after the rules held out 8 prompted: first
measured unseen, then used for rules."""
MODEL_DRAFTS_HELDOUT10_DIR = EVAL_DIR / "model_drafts_heldout10"
"""Ten more of the model's drafts, drafted and read after the rules held out 9 prompted: first
measured unseen, then used for rules."""
MODEL_DRAFTS_HELDOUT11_DIR = EVAL_DIR / "model_drafts_heldout11"
"""Ten more of the model's drafts, drafted and read after the rules held out 10 prompted: first
measured unseen; the subjects rule, written from held out 10, flags one of its misses."""
MODEL_DRAFTS_HELDOUT12_DIR = EVAL_DIR / "model_drafts_heldout12"
"""Twelve more of the model's drafts, drafted and read after every rule: first measured
unseen, then used for one change."""
MODEL_DRAFTS_HELDOUT13_DIR = EVAL_DIR / "model_drafts_heldout13"
"""Twelve more of the model's drafts, drafted and read before the rules of 7 December 2026:
first measured unseen, then used for rules."""
MODEL_DRAFTS_HELDOUT14_DIR = EVAL_DIR / "model_drafts_heldout14"
"""Fourteen more of the model's drafts, drafted and read after the rules held out 13 prompted:
first measured unseen, then used for rules."""
MODEL_DRAFTS_HELDOUT15_DIR = EVAL_DIR / "model_drafts_heldout15"
"""Fourteen more of the model's drafts, drafted and read after the rules held out 14 prompted:
first measured unseen, then used for rules."""
MODEL_DRAFTS_HELDOUT16_DIR = EVAL_DIR / "model_drafts_heldout16"
"""Fourteen more of the model's drafts, drafted and read after the rules held out 15 prompted:
first measured unseen, then used for rules."""
MODEL_DRAFTS_HELDOUT17_DIR = EVAL_DIR / "model_drafts_heldout17"
"""Fourteen more of the model's drafts, drafted and read after the rules held out 16 prompted:
first measured unseen, then used for rules."""
MODEL_DRAFTS_HELDOUT18_DIR = EVAL_DIR / "model_drafts_heldout18"
"""Fourteen more of the model's drafts, drafted and read after the rules held out 17 prompted:
first measured unseen, then used for rules."""
MODEL_DRAFTS_HELDOUT19_DIR = EVAL_DIR / "model_drafts_heldout19"
"""Fourteen more of the model's drafts, drafted and read after the rules held out 18 prompted:
first measured unseen, then used for rules."""
MODEL_DRAFTS_HELDOUT20_DIR = EVAL_DIR / "model_drafts_heldout20"
"""Fourteen more of the model's drafts, drafted and read after the rules held out 19 prompted:
first measured unseen, then used for rules."""
MODEL_DRAFTS_HELDOUT21_DIR = EVAL_DIR / "model_drafts_heldout21"
"""Fourteen more of the model's drafts, drafted and read after the rules held out 20 prompted:
first measured unseen, then used for rules."""
MODEL_DRAFTS_HELDOUT22_DIR = EVAL_DIR / "model_drafts_heldout22"
"""Fourteen more of the model's drafts, drafted and read after the rules held out 21 prompted:
first measured unseen, then used for rules."""
MODEL_DRAFTS_HELDOUT23_DIR = EVAL_DIR / "model_drafts_heldout23"
"""Fourteen more of the model's drafts, drafted and read after the rules held out 22 prompted:
first measured unseen, then used for rules."""
MODEL_DRAFTS_HELDOUT24_DIR = EVAL_DIR / "model_drafts_heldout24"
"""Fourteen more of the model's drafts (five of notes earlier sets had used), read by a reader
who never ran the checker, after the rules held out 23 prompted: first measured before any rule
they prompted, then used for one rule."""
MODEL_DRAFTS_HELDOUT25_DIR = EVAL_DIR / "model_drafts_heldout25"
"""Fourteen more of the model's drafts of notes no set had used, read by the reader of held out
24, after the readings held out 10 and 24 prompted: first measured unseen, then used for
rules."""
MODEL_DRAFTS_HELDOUT26_DIR = EVAL_DIR / "model_drafts_heldout26"
"""Fourteen more of the model's drafts of notes no set had used, read by the reader of held out
24 and 25, after the readings held out 11 to 13 prompted: first measured unseen, then used for
rules."""
MODEL_DRAFTS_HELDOUT27_DIR = EVAL_DIR / "model_drafts_heldout27"
"""Fourteen more of the model's drafts of notes no set had used, read by the reader of held out
24 to 26, after every reading of 7 December: measured unseen and used for no rule."""
MODEL_DRAFTS_HELDOUT28_DIR = EVAL_DIR / "model_drafts_heldout28"
"""Fourteen more of the model's drafts of notes no set had used, read by a reader who never ran
the checker, after every reading of 7 December's first round: first measured unseen, then used
for rules."""
MODEL_DRAFTS_HELDOUT29_DIR = EVAL_DIR / "model_drafts_heldout29"
"""Fourteen more of the model's drafts of notes no set had used, read by the reader of held out
28, after the readings held out 15 to 17 prompted: measured unseen."""
MODEL_DRAFTS_HELDOUT30_DIR = EVAL_DIR / "model_drafts_heldout30"
"""Fourteen more of the model's drafts of notes no set had used, read by the reader of held out
28 and 29, after every reading of 7 December: measured unseen."""
MODEL_DRAFTS_HELDOUT31_DIR = EVAL_DIR / "model_drafts_heldout31"
"""Fourteen more of the model's drafts of notes no set had used, read by another reader, after
every reading of held out 18 and 30: measured unseen."""
MODEL_DRAFTS_HELDOUT32_DIR = EVAL_DIR / "model_drafts_heldout32"
"""Fourteen more of the model's drafts of notes no set had used, read by the reader of held out
31, after every reading of held out 19 and 20: measured unseen."""
MODEL_DRAFTS_HELDOUT33_DIR = EVAL_DIR / "model_drafts_heldout33"
"""Thirteen more of the model's drafts of notes no set had used, read by the reader of held out
31 and 32, measured once after every reading of that stop and used for no rule."""
MODEL_DRAFTS_HELDOUT34_DIR = EVAL_DIR / "model_drafts_heldout34"
"""Fourteen more of the model's drafts of notes no set had used, read by a reader who never ran
the checker, after every reading of held out 22: measured unseen."""
MODEL_DRAFTS_HELDOUT35_DIR = EVAL_DIR / "model_drafts_heldout35"
"""Fourteen more of the model's drafts of short notes no set had used (one per patient), read by
another reader, first measured on 8 December 2026 with held out 24 and 25."""
MODEL_DRAFTS_HELDOUT36_DIR = EVAL_DIR / "model_drafts_heldout36"
"""Fourteen more of the model's drafts of notes no set had used (seven of patients p001 and
p015, seven short notes of other patients), read by another reader, first measured
after the readings held out 24 to 26 prompted."""
MODEL_DRAFTS_HELDOUT37_DIR = EVAL_DIR / "model_drafts_heldout37"
"""Fourteen more of the model's drafts of notes no set had used (five of patients p001 and
p015, nine short notes of other patients), read by another reader, measured once after every
reading of 8 December and used for no rule."""
MODEL_DRAFT_SETS = (
    (MODEL_DRAFTS_DIR, "the embedded model's own drafts of real notes"),
    (MODEL_DRAFTS_HELDOUT_DIR, "the embedded model's own drafts of real notes (held out)"),
    (MODEL_DRAFTS_HELDOUT2_DIR, "the embedded model's own drafts of real notes (held out 2)"),
    (MODEL_DRAFTS_HELDOUT3_DIR, "the embedded model's own drafts of real notes (held out 3)"),
    (MODEL_DRAFTS_HELDOUT4_DIR, "the embedded model's own drafts of real notes (held out 4)"),
    (MODEL_DRAFTS_HELDOUT5_DIR, "the embedded model's own drafts of real notes (held out 5)"),
    (MODEL_DRAFTS_HELDOUT6_DIR, "the embedded model's own drafts of real notes (held out 6)"),
    (MODEL_DRAFTS_HELDOUT7_DIR, "the embedded model's own drafts of real notes (held out 7)"),
    (MODEL_DRAFTS_HELDOUT8_DIR, "the embedded model's own drafts of real notes (held out 8)"),
    (MODEL_DRAFTS_HELDOUT9_DIR, "the embedded model's own drafts of real notes (held out 9)"),
    (MODEL_DRAFTS_HELDOUT10_DIR, "the embedded model's own drafts of real notes (held out 10)"),
    (MODEL_DRAFTS_HELDOUT11_DIR, "the embedded model's own drafts of real notes (held out 11)"),
    (MODEL_DRAFTS_HELDOUT12_DIR, "the embedded model's own drafts of real notes (held out 12)"),
    (MODEL_DRAFTS_HELDOUT13_DIR, "the embedded model's own drafts of real notes (held out 13)"),
    (MODEL_DRAFTS_HELDOUT14_DIR, "the embedded model's own drafts of real notes (held out 14)"),
    (MODEL_DRAFTS_HELDOUT15_DIR, "the embedded model's own drafts of real notes (held out 15)"),
    (MODEL_DRAFTS_HELDOUT16_DIR, "the embedded model's own drafts of real notes (held out 16)"),
    (MODEL_DRAFTS_HELDOUT17_DIR, "the embedded model's own drafts of real notes (held out 17)"),
    (MODEL_DRAFTS_HELDOUT18_DIR, "the embedded model's own drafts of real notes (held out 18)"),
    (MODEL_DRAFTS_HELDOUT19_DIR, "the embedded model's own drafts of real notes (held out 19)"),
    (MODEL_DRAFTS_HELDOUT20_DIR, "the embedded model's own drafts of real notes (held out 20)"),
    (MODEL_DRAFTS_HELDOUT21_DIR, "the embedded model's own drafts of real notes (held out 21)"),
    (MODEL_DRAFTS_HELDOUT22_DIR, "the embedded model's own drafts of real notes (held out 22)"),
    (MODEL_DRAFTS_HELDOUT23_DIR, "the embedded model's own drafts of real notes (held out 23)"),
    (MODEL_DRAFTS_HELDOUT24_DIR, "the embedded model's own drafts of real notes (held out 24)"),
    (MODEL_DRAFTS_HELDOUT25_DIR, "the embedded model's own drafts of real notes (held out 25)"),
    (MODEL_DRAFTS_HELDOUT26_DIR, "the embedded model's own drafts of real notes (held out 26)"),
    (MODEL_DRAFTS_HELDOUT27_DIR, "the embedded model's own drafts of real notes (held out 27)"),
    (MODEL_DRAFTS_HELDOUT28_DIR, "the embedded model's own drafts of real notes (held out 28)"),
    (MODEL_DRAFTS_HELDOUT29_DIR, "the embedded model's own drafts of real notes (held out 29)"),
    (MODEL_DRAFTS_HELDOUT30_DIR, "the embedded model's own drafts of real notes (held out 30)"),
    (MODEL_DRAFTS_HELDOUT31_DIR, "the embedded model's own drafts of real notes (held out 31)"),
    (MODEL_DRAFTS_HELDOUT32_DIR, "the embedded model's own drafts of real notes (held out 32)"),
    (MODEL_DRAFTS_HELDOUT33_DIR, "the embedded model's own drafts of real notes (held out 33)"),
    (MODEL_DRAFTS_HELDOUT34_DIR, "the embedded model's own drafts of real notes (held out 34)"),
    (MODEL_DRAFTS_HELDOUT35_DIR, "the embedded model's own drafts of real notes (held out 35)"),
    (MODEL_DRAFTS_HELDOUT36_DIR, "the embedded model's own drafts of real notes (held out 36)"),
    (MODEL_DRAFTS_HELDOUT37_DIR, "the embedded model's own drafts of real notes (held out 37)"),
)
REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_ENV = "WARDSCRIBE_FACTCHECK_NOTES"
"""Overrides where the real notes are read from (the manifest names a path from the repository)."""
TWO_PAGES_CHARS = 6_000
"""About two printed pages of dense nursing text (roughly 1,000 words)."""

RECALL_TARGET = 0.95
FALSE_FLAG_TARGET = 0.05
"""Synthetic set: the share of faithful drafts with any flag."""
FLAGS_PER_DRAFT_TARGET = 0.3
"""Real notes (issue 19): unsupported or contradicted flags per faithful draft."""
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


class RealCase(TypedDict):
    id: str
    note: str
    """The note's file name in the corpus."""
    faithful: list[str]


class Edit(TypedDict):
    """One planted error: the single occurrence of `find` in the case's first faithful draft
    replaced by `replace`."""

    id: str
    case: str
    category: str
    kind: str
    find: str
    replace: str
    omitted: NotRequired[str]


class RealManifest(TypedDict):
    description: str
    corpus: str
    cases: list[RealCase]
    planted: list[Edit]


class ModelDraftCase(TypedDict):
    id: str
    note: str
    draft: str
    unsupported: list[str]
    """Each statement the note does not support, as written in the draft (its first place)."""


class ModelDraftManifest(TypedDict):
    description: str
    corpus: str
    cases: list[ModelDraftCase]


@dataclass
class ModelDraftEvaluation:
    """How many of a reader's unsupported statements the checker flags, and what else it flags."""

    statements: int = 0
    flagged: int = 0
    drafts: int = 0
    other_flags: int = 0
    """Flags on text outside every listed statement (wherever it is repeated): on statements
    the notes do support, on headings, or on text the reader did not count as a statement."""
    other: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.flagged / self.statements if self.statements else 0.0


def evaluate_model_drafts(directory: Path = MODEL_DRAFTS_DIR) -> ModelDraftEvaluation | None:
    """The model's drafts against the reader's list, or None where the notes are absent."""
    manifest: ModelDraftManifest = json.loads(
        (directory / "manifest.json").read_text(encoding="utf-8")
    )
    override = os.environ.get(CORPUS_ENV)
    notes_dir = Path(override) if override else REPO_ROOT / manifest["corpus"]
    if not notes_dir.is_dir():
        return None
    result = ModelDraftEvaluation()
    for case in manifest["cases"]:
        source = (notes_dir / case["note"]).read_text(encoding="utf-8")
        draft = read(directory, case["draft"])
        report = check_draft(source, draft)
        flags = [*report.unsupported, *report.contradicted]
        spans = []
        result.drafts += 1
        for statement in case["unsupported"]:
            start = draft.index(statement)
            end = start + len(statement)
            spans.extend(_occurrences(draft, statement))
            result.statements += 1
            if any(flag.start < end and start < flag.end for flag in flags):
                result.flagged += 1
            else:
                result.misses.append(f"{case['id']}: {statement!r}")
        elsewhere = [
            flag
            for flag in flags
            if not any(flag.start < end and start < flag.end for start, end in spans)
        ]
        result.other_flags += len(elsewhere)
        result.other.extend(f"{case['id']}: {flag.kind} {flag.text[:80]!r}" for flag in elsewhere)
    return result


def _occurrences(text: str, part: str) -> list[tuple[int, int]]:
    """Every place `part` is written in `text`: a model that loops repeats its inventions."""
    places: list[tuple[int, int]] = []
    start = text.find(part)
    while start >= 0:
        places.append((start, start + len(part)))
        start = text.find(part, start + 1)
    return places


@dataclass(frozen=True)
class Target:
    """What a check must flag: a kind over a span of the draft, or an omitted allergen."""

    kind: str
    span: tuple[int, int] | None = None
    omitted: str | None = None
    base: str | None = None
    """The faithful draft the error was planted in, to tell a catch from a flag it already had."""


@dataclass(frozen=True)
class Corpus:
    """An evaluation set as the measurement reads it: texts, not file names."""

    name: str
    faithful: list[tuple[str, str, str]]
    """(label, source, faithful draft)"""
    planted: list[tuple[str, str, str, Target]]
    """(label, source, planted draft, what must be flagged)"""


@dataclass
class Evaluation:
    planted: int = 0
    caught: int = 0
    caught_new: int = 0
    """Caught by a flag the faithful draft did not already carry there (a planted error that
    lands on a false flag is caught only by chance)."""
    flagged_as_another_kind: int = 0
    """Missed planted errors that a flag of another kind overlaps (an oxygen device planted as
    a device and flagged as oxygen delivery): a nurse sees them flagged; recall does not count
    them."""
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
    def strict_recall(self) -> float:
        return self.caught_new / self.planted if self.planted else 0.0

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


def load_real_manifest(real_dir: Path = REAL_DIR) -> RealManifest:
    manifest: RealManifest = json.loads((real_dir / "manifest.json").read_text(encoding="utf-8"))
    return manifest


def read(eval_dir: Path, relative: str) -> str:
    return (eval_dir / relative).read_text(encoding="utf-8")


def real_notes_dir(manifest: RealManifest) -> Path | None:
    """Where the real notes are, or None where this machine has no copy of the corpus.

    A corpus kept in the repository (the public-domain dictated notes) is always read from
    there: the override names the PhysioNet notes, which stay outside it."""
    path = REPO_ROOT / manifest["corpus"]
    override = os.environ.get(CORPUS_ENV)
    if override and not path.resolve().is_relative_to(REPO_ROOT):
        path = Path(override)
    return path if path.is_dir() else None


def apply_edit(draft: str, edit: Edit) -> tuple[str, tuple[int, int]]:
    """The planted draft and the span of what changed, widened to whole words."""
    start = draft.index(edit["find"])
    find, replace = edit["find"], edit["replace"]
    planted = draft[:start] + replace + draft[start + len(find) :]
    prefix = 0
    while prefix < min(len(find), len(replace)) and find[prefix] == replace[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < min(len(find), len(replace)) - prefix
        and find[len(find) - 1 - suffix] == replace[len(replace) - 1 - suffix]
    ):
        suffix += 1
    low, high = start + prefix, start + len(replace) - suffix
    while low > 0 and not planted[low - 1].isspace():
        low -= 1
    while high < len(planted) and not planted[high].isspace():
        high += 1
    return planted, (low, high)


def synthetic_corpus(eval_dir: Path = EVAL_DIR) -> Corpus:
    manifest = load_manifest(eval_dir)
    sources = {case["id"]: read(eval_dir, case["source"]) for case in manifest["cases"]}
    faithful = [
        (path, sources[case["id"]], read(eval_dir, path))
        for case in manifest["cases"]
        for path in case["faithful"]
    ]
    planted: list[tuple[str, str, str, Target]] = []
    for entry in manifest["planted"]:
        span = entry.get("span")
        target = Target(
            entry["kind"],
            (span[0], span[1]) if span else None,
            entry.get("omitted"),
            read(eval_dir, entry["base"]),
        )
        label = f"{entry['id']}: {entry['note']}"
        planted.append((label, sources[entry["case"]], read(eval_dir, entry["draft"]), target))
    return Corpus("synthetic", faithful, planted)


def real_corpus(
    real_dir: Path = REAL_DIR, name: str = "real nursing notes (development)"
) -> Corpus | None:
    """Drafts of real nursing notes, or None where the notes are not on this machine."""
    manifest = load_real_manifest(real_dir)
    notes_dir = real_notes_dir(manifest)
    if notes_dir is None:
        return None
    sources = {
        case["id"]: (notes_dir / case["note"]).read_text(encoding="utf-8")
        for case in manifest["cases"]
    }
    drafts = {case["id"]: read(real_dir, case["faithful"][0]) for case in manifest["cases"]}
    faithful = [
        (path, sources[case["id"]], read(real_dir, path))
        for case in manifest["cases"]
        for path in case["faithful"]
    ]
    planted: list[tuple[str, str, str, Target]] = []
    for edit in manifest["planted"]:
        draft, span = apply_edit(drafts[edit["case"]], edit)
        omitted = edit.get("omitted")
        target = Target(edit["kind"], None if omitted else span, omitted, drafts[edit["case"]])
        label = f"{edit['id']}: {edit['find']!r} -> {edit['replace']!r}"
        planted.append((label, sources[edit["case"]], draft, target))
    return Corpus(name, faithful, planted)


def corpora() -> list[Corpus]:
    """Every evaluation corpus present on this machine."""
    real = [
        real_corpus(),
        real_corpus(HOLDOUT_DIR, "real nursing notes (held out)"),
        real_corpus(HOLDOUT2_DIR, "real nursing notes (held out 2)"),
        real_corpus(HOLDOUT3_DIR, "real nursing notes (held out 3)"),
        real_corpus(HOLDOUT4_DIR, "real nursing notes (held out 4)"),
        real_corpus(HOLDOUT5_DIR, "real nursing notes (held out 5)"),
        real_corpus(HOLDOUT6_DIR, "real nursing notes (held out 6)"),
        real_corpus(HOLDOUT7_DIR, "real nursing notes (held out 7)"),
        real_corpus(HOLDOUT8_DIR, "real nursing notes (held out 8)"),
        real_corpus(HOLDOUT9_DIR, "real nursing notes (held out 9)"),
        real_corpus(HOLDOUT10_DIR, "real nursing notes (held out 10)"),
        real_corpus(HOLDOUT11_DIR, "real nursing notes (held out 11)"),
        real_corpus(HOLDOUT12_DIR, "real nursing notes (held out 12)"),
        real_corpus(HOLDOUT13_DIR, "real nursing notes (held out 13)"),
        real_corpus(HOLDOUT14_DIR, "real nursing notes (held out 14)"),
        real_corpus(HOLDOUT15_DIR, "real nursing notes (held out 15)"),
        real_corpus(HOLDOUT16_DIR, "real nursing notes (held out 16)"),
        real_corpus(HOLDOUT17_DIR, "real nursing notes (held out 17)"),
        real_corpus(HOLDOUT18_DIR, "real nursing notes (held out 18)"),
        real_corpus(HOLDOUT19_DIR, "real nursing notes (held out 19)"),
        real_corpus(HOLDOUT20_DIR, "real nursing notes (held out 20)"),
        real_corpus(HOLDOUT21_DIR, "real nursing notes (held out 21)"),
        real_corpus(HOLDOUT22_DIR, "real nursing notes (held out 22)"),
        real_corpus(HOLDOUT23_DIR, "real nursing notes (held out 23)"),
        real_corpus(HOLDOUT24_DIR, "real nursing notes (held out 24)"),
        real_corpus(HOLDOUT25_DIR, "real nursing notes (held out 25)"),
        real_corpus(HOLDOUT26_DIR, "real nursing notes (held out 26)"),
        real_corpus(HOLDOUT27_DIR, "real nursing notes (held out 27)"),
        real_corpus(DICTATED_DIR, "dictated physician notes (MTSamples)"),
    ]
    return [synthetic_corpus(), *(corpus for corpus in real if corpus is not None)]


FLAG_KIND_OF_PLANTED = {"narrative": "sentence"}
"""Planted kinds a set names otherwise than the checker: an invented statement is flagged as a
sentence the notes do not support."""


def is_caught(target: Target, report: FactCheckReport) -> bool:
    """Whether the report flags the planted error: right kind, overlapping the planted span."""
    kind = FLAG_KIND_OF_PLANTED.get(target.kind, target.kind)
    if target.omitted is not None:
        wanted = target.omitted.lower()
        return any(
            omission.kind == kind
            and (wanted in omission.text.lower() or omission.text.lower() in wanted)
            for omission in report.omitted
        )
    return any(
        flag.kind == kind or flag.kind.startswith(kind + ".")
        for flag in _flags_over(target, report)
    )


def _flags_over(target: Target, report: FactCheckReport) -> list[Flag]:
    """The report's flags, of any kind, that overlap the planted span (none without one)."""
    if target.span is None:
        return []
    start, end = target.span
    return [
        flag
        for flag in [*report.unsupported, *report.contradicted]
        if flag.start < end and start < flag.end
    ]


def evaluate_corpus(corpus: Corpus) -> Evaluation:
    result = Evaluation()
    for label, source, draft in corpus.faithful:
        report = check_draft(source, draft)
        flags = [*report.unsupported, *report.contradicted]
        result.faithful += 1
        result.faithful_flags += len(flags)
        result.faithful_omissions += len(report.omitted)
        if flags:
            result.faithful_flagged += 1
            result.false_flags.extend(
                f"{label}: {flag.kind} {flag.text!r} - {flag.reason}" for flag in flags
            )
    for label, source, draft, target in corpus.planted:
        result.planted += 1
        report = check_draft(source, draft)
        if is_caught(target, report):
            result.caught += 1
            if target.base is None or not _already_flagged(target, source, target.base):
                result.caught_new += 1
        else:
            result.misses.append(label)
            if _flags_over(target, report):
                result.flagged_as_another_kind += 1
    return result


def _already_flagged(target: Target, source: str, base: str) -> bool:
    """Whether the faithful draft already has a flag of the planted kind where the edit is."""
    if target.span is None:
        return False
    return is_caught(target, check_draft(source, base))


def evaluate(eval_dir: Path = EVAL_DIR) -> Evaluation:
    """The synthetic set, which CI measures on every machine."""
    return evaluate_corpus(synthetic_corpus(eval_dir))


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


def two_page_pair_of(corpus: Corpus) -> tuple[str, str]:
    """About two pages of a corpus's faithful drafts and the notes they restate."""
    sources: list[str] = []
    drafts: list[str] = []
    for _, source, draft in corpus.faithful:
        if source not in sources:
            sources.append(source)
        drafts.append(draft)
        if sum(map(len, drafts)) >= TWO_PAGES_CHARS:
            break
    return "\n\n".join(sources), "\n\n".join(drafts)


@dataclass(frozen=True)
class Timing:
    cpu_seconds: float
    """Median processor time of one check: what the checker costs, whatever else runs."""
    wall_seconds: float
    """Median elapsed time of one check on this machine as loaded at the time."""
    fastest_cpu_seconds: float
    """The fastest check: the machine's best case, least disturbed by other work."""


def time_check(source: str, draft: str, runs: int = 200) -> Timing:
    """A first check of the draft: the notes are read, then the draft checked against them."""
    return _timed(lambda: check_draft(source, draft), runs)


def time_check_against_read_notes(source: str, draft: str, runs: int = 200) -> Timing:
    """A check of the draft against notes read already, as the desk checks an edited draft:
    the notes are read once, before the timed runs."""
    notes = read_notes(source)
    return _timed(lambda: check_against(notes, draft), runs)


def _timed(check: Callable[[], FactCheckReport], runs: int) -> Timing:
    check()
    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(runs):
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        check()
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

    met = True
    found = corpora()
    if len(found) == 1:
        print(f"real notes not found (set {CORPUS_ENV}); measuring the synthetic set only")
    for corpus in found:
        result = evaluate_corpus(corpus)
        source, draft = two_page_pair_of(corpus)
        timing = time_check(source, draft, args.runs)
        again = time_check_against_read_notes(source, draft, args.runs)
        print(f"== {corpus.name}")
        print(
            f"planted errors caught:  {result.caught}/{result.planted} "
            f"(recall {result.recall:.1%}; {result.caught_new} by a flag the faithful draft "
            f"did not already have there, {result.strict_recall:.1%}; "
            f"{result.flagged_as_another_kind} more missed errors flagged as another kind)"
        )
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
            "  against the notes read already (an edited draft checked again): median "
            f"{again.cpu_seconds * 1000:.1f} ms CPU, "
            f"fastest {again.fastest_cpu_seconds * 1000:.1f} ms CPU"
        )
        if args.verbose:
            for miss in result.misses:
                print(f"  missed: {miss}")
            for flag in result.false_flags:
                print(f"  false flag: {flag}")
        met = (
            met
            and result.recall >= RECALL_TARGET
            and result.flags_per_faithful_draft <= FLAGS_PER_DRAFT_TARGET
            and timing.cpu_seconds < LATENCY_TARGET_SECONDS
        )
    for directory, title in MODEL_DRAFT_SETS:
        model = evaluate_model_drafts(directory)
        if model is None:
            continue
        print(f"== {title} (statements read by a person)")
        print(
            f"unsupported statements flagged: {model.flagged}/{model.statements} "
            f"({model.recall:.1%}) in {model.drafts} drafts; {model.other_flags} flags elsewhere"
        )
        if args.verbose:
            for miss in model.misses:
                print(f"  missed: {miss}")
            for flag in model.other:
                print(f"  flag elsewhere: {flag}")
    print(
        f"machine: {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs, load average "
        f"{', '.join(f'{load:.1f}' for load in os.getloadavg())}; "
        f"calibration loop sum(range(3_000_000)) {calibration_seconds() * 1000:.0f} ms CPU"
    )
    print("targets met" if met else "targets NOT met")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
