"""How often a finding happens, turned round: "persistent PVC" where the notes say "OCC PVC"."""

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "CV: SR C ST WHEN RETCHING, OCC PVC. BP LABILE.\n"
    "GI: CONSTANT NAUSEA, VOMITING CONTROLLED C ATIVAN.\n"
    "RESP: INTERMITTENT WHEEZES, FREQUENT WHEEZES AFTER NEB.\n"
)


def _reasons(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.contradicted + report.unsupported]


def test_a_finding_said_to_happen_often_where_the_notes_say_rarely_is_flagged() -> None:
    report = check_draft(SOURCE, "SR with ST when retching, persistent PVC.")
    assert "Contradicts the notes: the notes say PVC happens rarely, not persistent." in (
        _reasons(report)
    )


def test_a_finding_said_to_happen_rarely_where_the_notes_say_often_is_flagged() -> None:
    report = check_draft(SOURCE, "The patient has intermittent nausea, vomiting controlled.")
    assert any("happens often" in reason for reason in _reasons(report))


def test_the_notes_frequency_is_not_flagged() -> None:
    assert _reasons(check_draft(SOURCE, "Occasional PVCs, blood pressure labile.")) == []


def test_a_finding_the_notes_say_both_ways_is_not_judged() -> None:
    report = check_draft(SOURCE, "Frequent wheezes after the nebulizer.")
    assert not any("happens" in reason for reason in _reasons(report))
