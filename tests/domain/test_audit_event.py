from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from app.domain.audit import (
    GENESIS_HASH,
    AuditAction,
    AuditEvent,
    Outcome,
    canonical_json,
    chain_hash,
)


def _event(**changes: object) -> AuditEvent:
    fields: dict[str, object] = {
        "occurred_at": datetime(2026, 11, 23, 8, 0, tzinfo=UTC),
        "user_id": "u-1",
        "role": "nurse",
        "action": AuditAction.DRAFT_SAVE,
        "object_type": "draft",
        "object_id": "d-1",
        "patient_ref": "MRN-1",
        "outcome": Outcome.SUCCESS,
        "workstation": "ward4-pc1",
        "app_version": "0.1.0",
    }
    fields.update(changes)
    return AuditEvent.model_validate(fields)


def test_times_are_stored_in_utc_whatever_zone_they_came_in() -> None:
    local = datetime(2026, 11, 23, 10, 0, tzinfo=timezone(timedelta(hours=2)))
    assert _event(occurred_at=local).occurred_at == datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValidationError):
        _event(occurred_at=datetime(2026, 11, 23, 8, 0))


def test_reason_must_be_a_short_code_not_free_text() -> None:
    with pytest.raises(ValidationError):
        _event(reason="Patient John Smith said his pain is 8/10")


def test_unknown_fields_such_as_note_text_are_refused() -> None:
    with pytest.raises(ValidationError):
        _event(note_text="BP 120/80")


def test_canonical_json_is_stable_and_includes_the_sequence_number() -> None:
    event = _event()
    assert canonical_json(3, event) == canonical_json(3, _event())
    assert b'"seq":3' in canonical_json(3, event)
    assert canonical_json(3, event) != canonical_json(4, event)


def test_chain_hash_depends_on_the_previous_hash() -> None:
    event = _event()
    assert chain_hash(GENESIS_HASH, 1, event) != chain_hash("1" * 64, 1, event)
