"""Narrative claims a draft sentence makes that word overlap cannot judge.

A small model reuses the notes' own words in claims the notes never make: a clinician turned
into the patient, a temperature written as an age, an age written as a duration, a cause the
notes never give, a reassurance nobody wrote. Each rule here reads one kind of claim and says
why the notes do not back it; `invention` returns the first such reason for a sentence, or
None.
"""

from app.domain.factcheck.claims.abilities import flipped_ability
from app.domain.factcheck.claims.actors import patient_doing_staff_work
from app.domain.factcheck.claims.ages import invented_age
from app.domain.factcheck.claims.amounts import invented_amount
from app.domain.factcheck.claims.assurances import invented_assurance
from app.domain.factcheck.claims.clauses import invented_clause
from app.domain.factcheck.claims.complaints import moved_complaint
from app.domain.factcheck.claims.conditions import invented_condition
from app.domain.factcheck.claims.diagnoses import invented_diagnosis
from app.domain.factcheck.claims.directions import swapped_direction
from app.domain.factcheck.claims.done_acts import done_act_as_plan
from app.domain.factcheck.claims.drug_as_patient import drug_as_patient
from app.domain.factcheck.claims.drug_levels import invented_drug_level
from app.domain.factcheck.claims.drug_status import turned_drug_status
from app.domain.factcheck.claims.durations import invented_duration
from app.domain.factcheck.claims.emphasis import invented_weight
from app.domain.factcheck.claims.expansions import wrong_expansion
from app.domain.factcheck.claims.frequency import flipped_frequency
from app.domain.factcheck.claims.garbled_words import garbled_word
from app.domain.factcheck.claims.generalisations import invented_generalisation
from app.domain.factcheck.claims.goals import goal_as_reading
from app.domain.factcheck.claims.judgements import contradicted_judgement
from app.domain.factcheck.claims.lifelong import invented_lifelong_history
from app.domain.factcheck.claims.links import invented_link
from app.domain.factcheck.claims.looks import look_of_a_measure
from app.domain.factcheck.claims.measures import invented_measure
from app.domain.factcheck.claims.moved_values import moved_value
from app.domain.factcheck.claims.names import invented_name, misspelt_name
from app.domain.factcheck.claims.negation import flipped_negation
from app.domain.factcheck.claims.notes import SourceNotes
from app.domain.factcheck.claims.people import invented_person
from app.domain.factcheck.claims.places import invented_place
from app.domain.factcheck.claims.planned_acts import plan_told_as_done
from app.domain.factcheck.claims.purposes import moved_purpose
from app.domain.factcheck.claims.qualities import flipped_quality
from app.domain.factcheck.claims.questioned_acts import questioned_act_as_decided
from app.domain.factcheck.claims.readings import implausible_reading, impossible_reading
from app.domain.factcheck.claims.rhythms import turned_rhythm
from app.domain.factcheck.claims.sex import unbacked_sex
from app.domain.factcheck.claims.shares import invented_share_of_time
from app.domain.factcheck.claims.shifts import patient_on_a_shift
from app.domain.factcheck.claims.specialists import invented_specialist
from app.domain.factcheck.claims.staff_states import staff_in_patient_state
from app.domain.factcheck.claims.subjects import moved_description
from app.domain.factcheck.claims.targets import invented_target
from app.domain.factcheck.claims.test_results import turned_result
from app.domain.factcheck.claims.tests_named import invented_test
from app.domain.factcheck.claims.tolerance import flipped_tolerance
from app.domain.factcheck.claims.trends import invented_trend
from app.domain.factcheck.claims.turned_changes import turned_change
from app.domain.factcheck.claims.unchanged_medications import medications_called_unchanged
from app.domain.factcheck.claims.undocumented import called_undocumented
from app.domain.factcheck.claims.years import invented_year

_RULES = (
    invented_name,
    misspelt_name,
    wrong_expansion,
    invented_person,
    drug_as_patient,
    invented_specialist,
    invented_place,
    invented_age,
    unbacked_sex,
    invented_duration,
    invented_lifelong_history,
    invented_share_of_time,
    impossible_reading,
    implausible_reading,
    contradicted_judgement,
    turned_rhythm,
    invented_target,
    goal_as_reading,
    patient_on_a_shift,
    moved_complaint,
    invented_generalisation,
    patient_doing_staff_work,
    staff_in_patient_state,
    invented_link,
    moved_purpose,
    flipped_ability,
    flipped_tolerance,
    flipped_frequency,
    flipped_quality,
    swapped_direction,
    invented_assurance,
    called_undocumented,
    medications_called_unchanged,
    invented_diagnosis,
    invented_drug_level,
    turned_drug_status,
    done_act_as_plan,
    plan_told_as_done,
    questioned_act_as_decided,
    invented_measure,
    invented_test,
    turned_result,
    look_of_a_measure,
    moved_description,
    moved_value,
    invented_trend,
    turned_change,
    invented_amount,
    invented_year,
    invented_condition,
    invented_clause,
    invented_weight,
    garbled_word,
)
_RULES_IN_CONTEXT = (flipped_negation,)
"""Rules that read a finding's negation in the notes, so a passage the notes write inside a
negation ("redness at the site" of "no redness at the site") is still theirs to judge."""


def invention(sentence: str, notes: SourceNotes) -> str | None:
    """Why the notes do not back what this draft sentence claims, or None where no rule sees
    an invented claim. A sentence the notes write themselves is theirs, whatever it says
    (looked for only once a rule has a reason, as most sentences give none), unless a rule in
    context finds the notes write it inside a negation."""
    for rule in _RULES:
        reason = rule(sentence, notes)
        if reason is not None:
            return None if notes.repeat(sentence) else reason
    for rule in _RULES_IN_CONTEXT:
        reason = rule(sentence, notes)
        if reason is not None:
            return reason
    return None


__all__ = ["SourceNotes", "invention"]
