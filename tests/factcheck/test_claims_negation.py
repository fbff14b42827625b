"""A draft that flips the notes' negation: it affirms a finding the notes only rule out
("redness at the site" against "no redness"), or rules out one the notes only record ("no
edema" against "+2 edema BLE"). A finding the notes both affirm and negate, or leave in doubt,
is never judged."""

from app.domain.factcheck import check_draft
from app.domain.factcheck.claims.negation_scope import Mention, Stance, mentions

SOURCE = (
    "NEURO: A&O X3, MAE, afebrile.\n"
    "CV: NSR 70S, no ectopy. +2 edema BLE.\n"
    "RESP: LS rhonchi, denies CP/SOB.\n"
    "SKIN: R FA IV site with no redness, swelling or drainage.\n"
    "GI: abd soft, nontender. No BM this shift. Denies pain but c/o nausea.\n"
)


def _flips(source: str, draft: str) -> list[str]:
    """The reasons the check gives for flipped negations in the draft."""
    return [
        flag.reason
        for flag in check_draft(source, draft).unsupported
        if flag.reason.startswith("Contradicts the notes")
    ]


def test_a_finding_the_notes_only_negate_is_flagged_where_the_draft_affirms_it() -> None:
    assert _flips(SOURCE, "There is redness at the IV site.") == [
        "Contradicts the notes: the notes say no redness."
    ]


def test_a_negated_passage_of_the_notes_without_its_negation_is_flagged() -> None:
    assert _flips(SOURCE, "BM this shift.") == ["Contradicts the notes: the notes say no stool."]


def test_an_abbreviated_negated_finding_is_flagged_where_the_draft_spells_it_out() -> None:
    assert _flips(SOURCE, "The patient complains of chest pain.") == [
        "Contradicts the notes: the notes say no chest pain."
    ]


def test_a_finding_the_notes_only_record_is_flagged_where_the_draft_negates_it() -> None:
    [reason] = _flips(SOURCE, "No edema in the legs.")
    assert "record edema" in reason


def test_a_graded_pitting_edema_is_recorded_edema() -> None:
    assert _flips("1+ pitting edema to ankles.\n", "No edema noted.") != []


def test_every_finding_of_a_negated_list_is_negated() -> None:
    assert _flips(SOURCE, "Drainage at the IV site.") == [
        "Contradicts the notes: the notes say no drainage."
    ]


def test_a_word_that_says_a_finding_is_absent_negates_it() -> None:
    assert _flips(SOURCE, "The abdomen was tender to touch.") == [
        "Contradicts the notes: the notes say no tenderness."
    ]


def test_a_draft_that_keeps_the_negation_is_not_flagged() -> None:
    assert _flips(SOURCE, "The patient denies chest pain and shortness of breath.") == []


def test_a_finding_the_notes_affirm_anywhere_is_not_flagged() -> None:
    source = "No redness at IV site.\nSacrum with redness, skin intact.\n"
    assert _flips(source, "Redness at the sacrum.") == []


def test_a_finding_the_notes_negate_anywhere_is_not_flagged_where_the_draft_negates_it() -> None:
    source = "+2 edema BLE.\nNo edema of the arms.\n"
    assert _flips(source, "No edema in the arms.") == []


def test_a_finding_the_draft_only_watches_for_is_not_affirmed() -> None:
    assert _flips("No bleeding at groin site.\n", "Continue to monitor for bleeding.") == []


def test_a_finding_the_notes_call_past_is_not_judged() -> None:
    assert _flips("No further emesis.\n", "The patient vomited once.") == []


def test_a_finding_the_notes_say_resolved_is_not_judged() -> None:
    assert _flips("C/o nausea earlier, now resolved.\n", "No nausea at present.") == []


def test_a_sentence_that_resolves_the_finding_before_it_leaves_that_finding_in_doubt() -> None:
    assert _flips("C/o nausea. Resolved with zofran.\n", "No nausea at present.") == []


def test_a_negation_ends_at_but() -> None:
    assert _flips(SOURCE, "The patient complained of nausea.") == []


def test_a_clause_joined_by_and_with_its_own_verb_ends_a_reason_for() -> None:
    source = "Went into SVT at rate 140's for > 5 minutes.\nneuro: AxOx3, no pain, PERL.\n"
    draft = "He was in SVT for 5 minutes and was experiencing pain."
    assert _flips(source, draft) == ["Contradicts the notes: the notes say no pain."]


def test_a_finding_given_as_the_reason_for_a_drug_stays_in_doubt() -> None:
    source = "neuro: AxOx3, follows commands, no pain, PERL.\n"
    assert _flips(source, "Morphine was ordered for pain and was not needed.") == []


def test_a_comma_parts_a_negation_from_the_next_clause() -> None:
    assert _flips("No fever, cough productive of thick sputum.\n", "Productive cough.") == []


def test_a_negation_cut_off_by_an_abbreviations_full_stop_is_not_read_as_affirming() -> None:
    source = "Right groin D/I without palp. hematoma.\n"
    assert _flips(source, "Right groin dry and intact without hematoma.") == []


def test_pulmonary_edema_is_not_the_edema_a_draft_rules_out() -> None:
    assert _flips("CXR with pulm edema.\n", "No edema of the legs.") == []


def test_a_plain_pain_is_not_judged_where_the_notes_name_a_kind_of_pain() -> None:
    source = "Pt has been CP free since cath.\nC/o low back pain, relieved by repositioning.\n"
    assert _flips(source, "Pain free since the cath.") == []


def test_ectopy_the_notes_rule_out_is_flagged_where_the_draft_records_it() -> None:
    assert _flips(SOURCE, "Heart rhythm NSR with ectopy.") == [
        "Contradicts the notes: the notes say no ectopy."
    ]


def test_a_bowel_movement_the_notes_rule_out_is_flagged() -> None:
    assert _flips(SOURCE, "The patient had a BM this shift.") == [
        "Contradicts the notes: the notes say no stool."
    ]


def test_a_negation_after_its_finding_negates_it() -> None:
    assert mentions("edema: none") == [Mention("edema", Stance.NEGATED)]


def test_a_finding_outside_every_trigger_is_affirmed() -> None:
    assert mentions("LS rhonchi") == [Mention("rhonchi", Stance.AFFIRMED)]


def test_a_pseudo_negation_negates_nothing() -> None:
    assert mentions("no change in edema") == [Mention("edema", Stance.AFFIRMED)]


def test_a_fever_against_notes_that_write_a_febrile_is_flagged() -> None:
    source = "CARDIAC: SB IN THE 40'S. A-FEBRILE. V-WIRES ONLY.\n"
    assert _flips(source, "The patient also has a fever.") == [
        "Contradicts the notes: the notes say no fever."
    ]


def test_afebrile_against_notes_that_write_a_febrile_is_not_flagged() -> None:
    report = check_draft("CARDIAC: SB IN THE 40'S. A-FEBRILE.\n", "The patient is afebrile.")
    assert report.unsupported == []


def test_a_cough_the_notes_call_productive_is_flagged_where_the_draft_says_not() -> None:
    source = "RESP: COUGHS OFTEN, OCC SEEMS PRODUCTIVE, BUT SWALLOWS ALL SPUTUM.\n"
    draft = "He coughs often and swallows the sputum, which is not productive."
    assert _flips(source, draft) == [
        "Contradicts the notes: the notes record productive cough and never say it is absent."
    ]
