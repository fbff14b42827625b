"""The further evaluation sets are well formed: the third held-out set of real nursing notes,
the dictated physician notes and every list of the embedded model's own drafts. (Their figures
are reported by bench/factcheck.py, not asserted: the held-out sets are for measuring, not for
tuning.)"""

import json
from collections import Counter
from pathlib import Path

import pytest

from bench.factcheck import (
    CORPUS_ENV,
    DICTATED_DIR,
    HOLDOUT3_DIR,
    HOLDOUT4_DIR,
    HOLDOUT5_DIR,
    HOLDOUT6_DIR,
    HOLDOUT7_DIR,
    HOLDOUT8_DIR,
    HOLDOUT9_DIR,
    HOLDOUT10_DIR,
    HOLDOUT11_DIR,
    HOLDOUT12_DIR,
    HOLDOUT13_DIR,
    HOLDOUT14_DIR,
    HOLDOUT15_DIR,
    HOLDOUT16_DIR,
    HOLDOUT17_DIR,
    HOLDOUT18_DIR,
    HOLDOUT19_DIR,
    HOLDOUT20_DIR,
    HOLDOUT21_DIR,
    HOLDOUT22_DIR,
    HOLDOUT23_DIR,
    HOLDOUT24_DIR,
    HOLDOUT25_DIR,
    HOLDOUT26_DIR,
    HOLDOUT27_DIR,
    MODEL_DRAFTS_DIR,
    MODEL_DRAFTS_HELDOUT2_DIR,
    MODEL_DRAFTS_HELDOUT3_DIR,
    MODEL_DRAFTS_HELDOUT4_DIR,
    MODEL_DRAFTS_HELDOUT5_DIR,
    MODEL_DRAFTS_HELDOUT6_DIR,
    MODEL_DRAFTS_HELDOUT7_DIR,
    MODEL_DRAFTS_HELDOUT8_DIR,
    MODEL_DRAFTS_HELDOUT9_DIR,
    MODEL_DRAFTS_HELDOUT10_DIR,
    MODEL_DRAFTS_HELDOUT11_DIR,
    MODEL_DRAFTS_HELDOUT12_DIR,
    MODEL_DRAFTS_HELDOUT13_DIR,
    MODEL_DRAFTS_HELDOUT14_DIR,
    MODEL_DRAFTS_HELDOUT15_DIR,
    MODEL_DRAFTS_HELDOUT16_DIR,
    MODEL_DRAFTS_HELDOUT17_DIR,
    MODEL_DRAFTS_HELDOUT18_DIR,
    MODEL_DRAFTS_HELDOUT19_DIR,
    MODEL_DRAFTS_HELDOUT20_DIR,
    MODEL_DRAFTS_HELDOUT21_DIR,
    MODEL_DRAFTS_HELDOUT22_DIR,
    MODEL_DRAFTS_HELDOUT23_DIR,
    MODEL_DRAFTS_HELDOUT24_DIR,
    MODEL_DRAFTS_HELDOUT25_DIR,
    MODEL_DRAFTS_HELDOUT26_DIR,
    MODEL_DRAFTS_HELDOUT27_DIR,
    MODEL_DRAFTS_HELDOUT28_DIR,
    MODEL_DRAFTS_HELDOUT29_DIR,
    MODEL_DRAFTS_HELDOUT30_DIR,
    MODEL_DRAFTS_HELDOUT31_DIR,
    MODEL_DRAFTS_HELDOUT32_DIR,
    MODEL_DRAFTS_HELDOUT33_DIR,
    MODEL_DRAFTS_HELDOUT34_DIR,
    MODEL_DRAFTS_HELDOUT35_DIR,
    MODEL_DRAFTS_HELDOUT36_DIR,
    MODEL_DRAFTS_HELDOUT37_DIR,
    MODEL_DRAFTS_HELDOUT_DIR,
    REPO_ROOT,
    apply_edit,
    load_real_manifest,
    read,
    real_notes_dir,
)


@pytest.mark.parametrize(
    "directory",
    [
        HOLDOUT3_DIR,
        HOLDOUT4_DIR,
        HOLDOUT5_DIR,
        HOLDOUT6_DIR,
        HOLDOUT7_DIR,
        HOLDOUT8_DIR,
        HOLDOUT9_DIR,
        HOLDOUT10_DIR,
        HOLDOUT11_DIR,
        HOLDOUT12_DIR,
        HOLDOUT13_DIR,
        HOLDOUT14_DIR,
        HOLDOUT15_DIR,
        HOLDOUT16_DIR,
        HOLDOUT17_DIR,
        HOLDOUT18_DIR,
        HOLDOUT19_DIR,
        HOLDOUT20_DIR,
        HOLDOUT21_DIR,
        HOLDOUT22_DIR,
        HOLDOUT23_DIR,
        HOLDOUT24_DIR,
        HOLDOUT25_DIR,
        HOLDOUT26_DIR,
        HOLDOUT27_DIR,
        DICTATED_DIR,
    ],
    ids=[
        "held out 3",
        "held out 4",
        "held out 5",
        "held out 6",
        "held out 7",
        "held out 8",
        "held out 9",
        "held out 10",
        "held out 11",
        "held out 12",
        "held out 13",
        "held out 14",
        "held out 15",
        "held out 16",
        "held out 17",
        "held out 18",
        "held out 19",
        "held out 20",
        "held out 21",
        "held out 22",
        "held out 23",
        "held out 24",
        "held out 25",
        "held out 26",
        "held out 27",
        "dictated",
    ],
)
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


def test_the_dictated_notes_are_kept_in_the_repository() -> None:
    manifest = load_real_manifest(DICTATED_DIR)
    notes_dir = REPO_ROOT / manifest["corpus"]
    assert notes_dir.resolve().is_relative_to(REPO_ROOT)
    assert all((notes_dir / case["note"]).is_file() for case in manifest["cases"])
    assert (notes_dir / "README.md").is_file()


def test_the_dictated_notes_are_read_from_the_repository_whatever_the_override(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(CORPUS_ENV, str(tmp_path))
    manifest = load_real_manifest(DICTATED_DIR)
    assert real_notes_dir(manifest) == REPO_ROOT / manifest["corpus"]


def test_each_dropped_allergy_of_the_dictated_set_is_in_its_note() -> None:
    manifest = load_real_manifest(DICTATED_DIR)
    notes_dir = REPO_ROOT / manifest["corpus"]
    notes = {
        case["id"]: (notes_dir / case["note"]).read_text(encoding="utf-8").lower()
        for case in manifest["cases"]
    }
    dropped = [edit for edit in manifest["planted"] if "omitted" in edit]
    assert dropped
    for edit in dropped:
        assert edit["omitted"].lower() in notes[edit["case"]], edit["id"]


@pytest.mark.parametrize(
    ("directory", "drafts"),
    [
        (MODEL_DRAFTS_DIR, 12),
        (MODEL_DRAFTS_HELDOUT_DIR, 6),
        (MODEL_DRAFTS_HELDOUT2_DIR, 8),
        (MODEL_DRAFTS_HELDOUT3_DIR, 8),
        (MODEL_DRAFTS_HELDOUT4_DIR, 8),
        (MODEL_DRAFTS_HELDOUT5_DIR, 10),
        (MODEL_DRAFTS_HELDOUT6_DIR, 10),
        (MODEL_DRAFTS_HELDOUT7_DIR, 10),
        (MODEL_DRAFTS_HELDOUT8_DIR, 10),
        (MODEL_DRAFTS_HELDOUT9_DIR, 10),
        (MODEL_DRAFTS_HELDOUT10_DIR, 10),
        (MODEL_DRAFTS_HELDOUT11_DIR, 10),
        (MODEL_DRAFTS_HELDOUT12_DIR, 12),
        (MODEL_DRAFTS_HELDOUT13_DIR, 12),
        (MODEL_DRAFTS_HELDOUT14_DIR, 14),
        (MODEL_DRAFTS_HELDOUT15_DIR, 14),
        (MODEL_DRAFTS_HELDOUT16_DIR, 14),
        (MODEL_DRAFTS_HELDOUT17_DIR, 14),
        (MODEL_DRAFTS_HELDOUT18_DIR, 14),
        (MODEL_DRAFTS_HELDOUT19_DIR, 14),
        (MODEL_DRAFTS_HELDOUT20_DIR, 14),
        (MODEL_DRAFTS_HELDOUT21_DIR, 14),
        (MODEL_DRAFTS_HELDOUT22_DIR, 14),
        (MODEL_DRAFTS_HELDOUT23_DIR, 14),
        (MODEL_DRAFTS_HELDOUT24_DIR, 14),
        (MODEL_DRAFTS_HELDOUT25_DIR, 14),
        (MODEL_DRAFTS_HELDOUT26_DIR, 14),
        (MODEL_DRAFTS_HELDOUT27_DIR, 14),
        (MODEL_DRAFTS_HELDOUT28_DIR, 14),
        (MODEL_DRAFTS_HELDOUT29_DIR, 14),
        (MODEL_DRAFTS_HELDOUT30_DIR, 14),
        (MODEL_DRAFTS_HELDOUT31_DIR, 14),
        (MODEL_DRAFTS_HELDOUT32_DIR, 14),
        (MODEL_DRAFTS_HELDOUT33_DIR, 13),
        (MODEL_DRAFTS_HELDOUT34_DIR, 14),
        (MODEL_DRAFTS_HELDOUT35_DIR, 14),
        (MODEL_DRAFTS_HELDOUT36_DIR, 14),
        (MODEL_DRAFTS_HELDOUT37_DIR, 14),
    ],
    ids=[
        "development",
        "held out",
        "held out 2",
        "held out 3",
        "held out 4",
        "held out 5",
        "held out 6",
        "held out 7",
        "held out 8",
        "held out 9",
        "held out 10",
        "held out 11",
        "held out 12",
        "held out 13",
        "held out 14",
        "held out 15",
        "held out 16",
        "held out 17",
        "held out 18",
        "held out 19",
        "held out 20",
        "held out 21",
        "held out 22",
        "held out 23",
        "held out 24",
        "held out 25",
        "held out 26",
        "held out 27",
        "held out 28",
        "held out 29",
        "held out 30",
        "held out 31",
        "held out 32",
        "held out 33",
        "held out 34",
        "held out 35",
        "held out 36",
        "held out 37",
    ],
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
