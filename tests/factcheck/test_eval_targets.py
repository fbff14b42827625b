"""The evaluation set meets the targets CI enforces: recall and false flags.

Latency is a benchmark (`python -m bench.factcheck`), not a test: timings on a shared machine
are not a verdict.
"""

from collections import Counter

import pytest

from app.domain.factcheck import check_draft
from bench.factcheck import (
    EVAL_DIR,
    FALSE_FLAG_TARGET,
    RECALL_TARGET,
    Corpus,
    Evaluation,
    Target,
    evaluate,
    evaluate_corpus,
    is_caught,
    load_manifest,
    read,
)

CATEGORIES = {
    "changed_dose",
    "invented_vital",
    "wrong_time",
    "wrong_side",
    "invented_drug",
    "dropped_allergy",
    "changed_lab",
    "wrong_route_frequency",
    "wrong_code_status",
}


def removes_one_passage(base: str, draft: str) -> bool:
    """Whether draft is base with one stretch of text taken out."""
    kept = 0
    while kept < len(draft) and draft[kept] == base[kept]:
        kept += 1
    return len(draft) < len(base) and base.endswith(draft[kept:])


@pytest.fixture(scope="module")
def evaluation() -> Evaluation:
    return evaluate()


def test_the_set_has_twelve_sources_with_two_faithful_drafts_each() -> None:
    cases = load_manifest()["cases"]
    assert len(cases) >= 12
    assert all(len(case["faithful"]) >= 2 for case in cases)


def test_the_set_plants_sixty_errors_across_every_category() -> None:
    planted = load_manifest()["planted"]
    assert len(planted) >= 60
    assert set(Counter(entry["category"] for entry in planted)) == CATEGORIES


def test_each_planted_span_slices_its_draft_to_the_planted_text() -> None:
    for entry in load_manifest()["planted"]:
        if "span" in entry and "text" in entry:
            start, end = entry["span"]
            assert read(EVAL_DIR, entry["draft"])[start:end] == entry["text"], entry["id"]


def test_each_dropped_allergy_is_in_the_source_and_removed_from_its_draft() -> None:
    manifest = load_manifest()
    sources = {case["id"]: read(EVAL_DIR, case["source"]) for case in manifest["cases"]}
    for entry in manifest["planted"]:
        if "omitted" in entry:
            base, draft = read(EVAL_DIR, entry["base"]), read(EVAL_DIR, entry["draft"])
            assert entry["omitted"].lower() in sources[entry["case"]].lower(), entry["id"]
            assert removes_one_passage(base, draft), entry["id"]


def test_recall_on_planted_errors_meets_the_target(evaluation: Evaluation) -> None:
    assert evaluation.recall >= RECALL_TARGET, evaluation.misses


def test_false_flags_on_faithful_drafts_stay_under_the_target(evaluation: Evaluation) -> None:
    assert evaluation.false_flag_rate <= FALSE_FLAG_TARGET, evaluation.false_flags


def test_an_invented_statement_labelled_narrative_is_caught_by_a_sentence_flag() -> None:
    source = "Pt alert and oriented x3. HR 80s SR. BP 120/70. Lungs clear. Voiding via foley."
    draft = "The patient is alert and oriented. His brother flew in from Denver to discuss hospice."
    invented = draft.index("His brother")
    target = Target("narrative", (invented, len(draft) - 1))
    assert is_caught(target, check_draft(source, draft))


def test_a_narrative_plant_is_not_caught_by_a_flag_outside_it() -> None:
    source = "Pt alert and oriented x3. HR 80s SR."
    draft = "HR 120s. Alert and oriented."
    target = Target("narrative", (draft.index("Alert"), len(draft)))
    assert not is_caught(target, check_draft(source, draft))


def test_a_miss_flagged_as_another_kind_is_counted_apart_and_not_as_caught() -> None:
    source = "RESP: LS clear. On 4L NP, sats 97%."
    draft = "Lungs clear. On 4 liters face mask, saturations 97%."
    device = draft.index("face mask")
    target = Target("device", (device, device + len("face mask")))

    result = evaluate_corpus(Corpus("one", [], [("plant", source, draft, target)]))

    assert (result.caught, result.flagged_as_another_kind) == (0, 1)
