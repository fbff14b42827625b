"""Audit events and the hash chain that makes the log tamper-evident.

An event records who did what to which object and how it ended, never the content: no note text,
no prompt, no model output. `reason` is a short machine code (``wrong_password``), not prose, so
free text cannot leak into the log through it.
"""

import hashlib
import json
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

GENESIS_HASH = "0" * 64
"""The `prev_hash` of the first row: a chain always starts from a known value."""


class AuditAction(StrEnum):
    ACCOUNT_CREATE = "account_create"
    ACCOUNT_PROVISION = "account_provision"
    """The machine policy's administrator was created (`created:it_admin`) or brought back to
    the policy's password and role (`restored:it_admin`); `user_id` is `machine_policy`."""
    SIGN_IN = "sign_in"
    EMERGENCY_ACCESS = "emergency_access"
    """A break-glass sign-in, allowed or refused; `reason` carries why it was used."""
    SIGN_OUT = "sign_out"
    SESSION_EXPIRE = "session_expire"
    SESSION_LOCK = "session_lock"
    SESSION_UNLOCK = "session_unlock"
    PATIENT_LIST = "patient_list"
    PATIENT_REGISTER = "patient_register"
    DRAFT_CREATE = "draft_create"
    DRAFT_OPEN = "draft_open"
    DRAFT_LIST = "draft_list"
    DRAFT_GENERATE = "draft_generate"
    DRAFT_CANCEL = "draft_cancel"
    DRAFT_GUARD = "draft_guard"
    """A guard on generation fired (a loop stopped, notes copied, a draft unfinished, notes too
    thin, instructions in the notes); `reason` names which (`guards:loop.unfinished`)."""
    DRAFT_SAVE = "draft_save"
    DRAFT_DELETE = "draft_delete"
    SETTINGS_CHANGE = "settings_change"
    PREFERENCE_CHANGE = "preference_change"
    """A person changed one of their own preferences (font size, contrast); `object_id` names
    it. Kept apart from `settings_change`, whose events vouch for the workstation's file."""
    CREDENTIALS_CHANGE = "credentials_change"
    """A person set (`reason` `set`) or cleared (`cleared`) the professional credentials
    printed after their name on what they sign; the event holds neither the old nor the new."""
    ACCESS_DENIED = "access_denied"
    RETENTION_PURGE = "retention_purge"
    LEGAL_HOLD_PLACE = "legal_hold_place"
    LEGAL_HOLD_RELEASE = "legal_hold_release"
    BACKUP_CREATE = "backup_create"
    BACKUP_KEY_EXPORT = "backup_key_export"
    BACKUP_KEY_IMPORT = "backup_key_import"
    BACKUP_RESTORE = "backup_restore"
    KEY_ROTATE = "key_rotate"
    NETWORK_BLOCKED = "network_blocked"
    AUDIT_VERIFY = "audit_verify"
    DRAFT_EXPORT = "draft_export"
    """A draft left the app (clipboard, PDF, FHIR); `reason` names the format, never the text."""
    DRAFT_CHECK = "draft_check"
    FLAG_RESOLVE = "flag_resolve"
    DRAFT_REVIEW = "draft_review"
    DRAFT_SIGN = "draft_sign"
    DRAFT_AMEND = "draft_amend"
    DRAFT_HISTORY = "draft_history"
    AUDIT_SEARCH = "audit_search"
    """Someone read the audit log; `patient_ref` and `object_id` name the patient and user
    searched for."""
    AUDIT_EXPORT = "audit_export"
    """Audit events left the app as a file; `reason` names the format."""
    SERVER_GENERATE = "server_generate"
    """A draft was written on the hospital's inference server: `object_id` names the server and
    model, `reason` how it ended, its token counts and durations
    (`completed:prompt:P:out:C:first_ms:F:ms:T`)."""


class Outcome(StrEnum):
    SUCCESS = "success"
    FAILURE = "failure"
    DENIED = "denied"


def _require_utc(moment: datetime) -> datetime:
    if moment.utcoffset() is None:
        raise ValueError("audit times must carry a timezone")
    return moment.astimezone(UTC)


ShortCode = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_.:-]{1,64}$")]
ObjectRef = Annotated[str, StringConstraints(max_length=128)]
DraftDigest = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]


class AuditEvent(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    occurred_at: Annotated[datetime, AfterValidator(_require_utc)]
    user_id: ObjectRef
    role: ObjectRef | None
    action: AuditAction
    object_type: ShortCode | None = None
    object_id: ObjectRef | None = None
    patient_ref: ObjectRef | None = None
    outcome: Outcome
    reason: ShortCode | None = None
    workstation: ObjectRef
    app_version: ObjectRef
    break_glass: bool = False
    draft_revision: int | None = Field(default=None, ge=1)
    """For an event about a draft: the draft's revision as the event left it, so the log knows
    each draft's latest revision and a drafts.db rolled back to an older copy is found."""
    draft_digest: DraftDigest | None = None
    """A keyed digest of that revision (`app.domain.draft_digest`), never the text itself: a
    draft changed in place, at the same revision, no longer matches it."""


class AuditFilter(BaseModel):
    """Which events an audit review asks for; every field left empty matches everything.

    `since` is inclusive and `until` exclusive; both count in whole seconds (a fraction is
    dropped), which is how the stored times can be compared as text.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    user_id: ObjectRef | None = None
    patient_ref: ObjectRef | None = None
    action: AuditAction | None = None
    outcome: Outcome | None = None
    since: Annotated[datetime, AfterValidator(_require_utc)] | None = None
    until: Annotated[datetime, AfterValidator(_require_utc)] | None = None


class ChainedEvent(BaseModel):
    """An event as stored: its place in the log and the hashes that bind it to its neighbours."""

    model_config = ConfigDict(frozen=True)

    seq: int = Field(ge=1)
    event: AuditEvent
    prev_hash: str
    hash: str


def canonical_json(seq: int, event: AuditEvent) -> bytes:
    """The exact bytes that are hashed: sorted keys, no spaces, so any reader can recompute them.

    The sequence number is inside the hashed bytes, so renumbering rows breaks the chain as
    surely as editing them.
    """
    body = {"seq": seq, **event.model_dump(mode="json")}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def chain_hash(prev_hash: str, seq: int, event: AuditEvent) -> str:
    return hashlib.sha256(bytes.fromhex(prev_hash) + canonical_json(seq, event)).hexdigest()
