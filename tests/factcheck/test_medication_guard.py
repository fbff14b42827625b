"""The medication guard: high-alert drugs and look-alike/sound-alike swaps are findings of their
own kind, each naming the ISMP list it comes from, and block signing like every flag."""

from app.domain.factcheck import check_draft
from app.domain.factcheck.medication_guard import (
    HIGH_ALERT_KIND,
    LASA_KIND,
    generic_of,
    lists_dir,
    read_rows,
)


def _flags(source: str, draft: str) -> list[tuple[str, str]]:
    report = check_draft(source, draft)
    return [(flag.kind, flag.text) for flag in [*report.unsupported, *report.contradicted]]


def test_a_changed_heparin_rate_is_a_high_alert_finding() -> None:
    flags = _flags("Heparin gtt at 1000 units/hr.", "Heparin drip at 1200 units/hr.")
    assert [kind for kind, _ in flags] == [HIGH_ALERT_KIND]


def test_a_high_alert_finding_names_the_ismp_category() -> None:
    report = check_draft("Insulin 4 units sc given.", "Given 8 units of insulin subcutaneously.")
    (flag,) = report.contradicted
    assert "high-alert medication (ISMP: insulin" in flag.reason


def test_a_high_alert_drug_the_notes_never_name_is_a_high_alert_finding() -> None:
    flags = _flags("Pain controlled with tylenol.", "Pain controlled with fentanyl 50 mcg IV.")
    assert HIGH_ALERT_KIND in {kind for kind, _ in flags}


def test_a_look_alike_swap_names_the_drug_the_notes_give() -> None:
    report = check_draft("Hydralazine 10 mg IV for SBP 180.", "Hydroxyzine 10 mg IV for SBP 180.")
    (flag,) = report.unsupported
    assert flag.kind == LASA_KIND
    assert "hydralazine" in flag.reason


def test_brand_names_on_the_list_are_read_as_their_generics() -> None:
    flags = _flags("Regular insulin 4 units sc.", "Humalog 4 units subcutaneously.")
    assert [kind for kind, _ in flags] == [LASA_KIND]


def test_a_drug_listed_for_iv_use_only_is_not_high_alert_by_mouth() -> None:
    flags = _flags("Lopressor 25 mg po bid.", "Metoprolol 50 mg by mouth twice daily.")
    assert [kind for kind, _ in flags] == ["medication"]


def test_a_faithful_high_alert_order_is_not_flagged() -> None:
    assert _flags("Heparin gtt at 1000 units/hr.", "Heparin drip at 1000 units an hour.") == []


def test_a_drug_that_is_neither_high_alert_nor_a_look_alike_keeps_the_plain_kind() -> None:
    flags = _flags("Tylenol 650 mg po given.", "Acetaminophen 1000 mg by mouth given.")
    assert [kind for kind, _ in flags] == ["medication"]


def test_every_name_on_both_lists_is_a_drug_the_lexicon_reads() -> None:
    rows = [
        *(row[:1] for row in read_rows(lists_dir() / "ismp-high-alert.tsv")),
        *(row[:2] for row in read_rows(lists_dir() / "lasa-pairs.tsv")),
    ]
    unread = [name for row in rows for name in row if generic_of(name) is None]
    assert unread == []


def test_both_list_files_name_their_source_and_edition() -> None:
    for name in ("ismp-high-alert.tsv", "lasa-pairs.tsv"):
        header = (lists_dir() / name).read_text(encoding="utf-8").split("\n\n")[0]
        assert "Institute for Safe Medication Practices" in header
        assert "edition" in header
