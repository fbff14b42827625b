"""The further evaluation sets are well formed: the third held-out set of real nursing notes,
the dictated physician notes and both lists of the embedded model's own drafts. (Their figures
are reported by bench/factcheck.py, not asserted: the held-out sets are for measuring, not for
tuning.)"""

import json
from collections import Counter
from pathlib import Path

import pytest

from bench.factcheck import (
    DICTATED_DIR,
    HOLDOUT3_DIR,
    MODEL_DRAFTS_DIR,
    MODEL_DRAFTS_HELDOUT_DIR,
    apply_edit,
    load_real_manifest,
    read,
)


@pytest.mark.parametrize("directory", [HOLDOUT3_DIR, DICTATED_DIR], ids=["held out 3", "dictated"])
def test_each_planted_edit_changes_exactly_one_place_of_its_draft(directory: Path) -> None:
    manifest = load_real_manifest(directory)
    drafts = {case["id"]: read(directory, case["faithful"][0]) for case in manifest["cases"]}
    for edit in manifest["planted"]:
        base = drafts[edit["case"]]
        assert base.count(edit["find"]) == 1, edit["id"]
        planted, (start, end) = apply_edit(base, edit)
        assert planted != base and start <= end, edit["id"]


def test_the_third_held_out_set_drafts_fifteen_notes_of_patients_no_other_set_uses() -> None:
    cases = load_real_manifest(HOLDOUT3_DIR)["cases"]
    earlier = {
        case["note"].split("_")[0]
        for name in ("real", "real_holdout", "real_holdout2")
        for case in load_real_manifest(HOLDOUT3_DIR.parent / name)["cases"]
    }
    patients = {case["note"].split("_")[0] for case in cases}
    assert len(cases) >= 15
    assert len(patients) == len(cases)
    assert not patients & earlier


def test_the_third_held_out_set_plants_errors_of_every_asked_category() -> None:
    planted = load_real_manifest(HOLDOUT3_DIR)["planted"]
    categories = Counter(entry["category"] for entry in planted)
    assert len(planted) >= 100
    assert {
        "changed_dose",
        "changed_lab",
        "changed_vital",
        "wrong_side",
        "wrong_time",
        "invented_drug",
        "dropped_allergy",
        "wrong_code_status",
        "wrong_frequency",
        "wrong_route",
        "lasa_swap",
    } <= set(categories)


def test_the_dictated_set_has_ten_notes_with_faithful_and_planted_drafts() -> None:
    manifest = load_real_manifest(DICTATED_DIR)
    assert len(manifest["cases"]) >= 10
    assert {entry["case"] for entry in manifest["planted"]} == {
        case["id"] for case in manifest["cases"]
    }


@pytest.mark.parametrize(
    ("directory", "drafts"),
    [(MODEL_DRAFTS_DIR, 12), (MODEL_DRAFTS_HELDOUT_DIR, 6)],
    ids=["development", "held out"],
)
def test_every_listed_unsupported_statement_of_a_model_draft_is_in_that_draft(
    directory: Path, drafts: int
) -> None:
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["cases"]) == drafts
    for case in manifest["cases"]:
        draft = read(directory, case["draft"])
        for statement in case["unsupported"]:
            assert statement in draft, (case["id"], statement)
