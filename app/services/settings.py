"""Changing settings: personal preferences for anyone, workstation settings for IT only.

A setting the machine policy sets is locked: the change is refused and the refusal audited, so
a user cannot loosen a control IT put in place. Changes are written to the user settings file
and take effect at the next start for the model and the context size. Each change's audit event
carries the digest of the file written (`app.services.settings_file`), so a later edit made
outside the app is found at the next start; a change starts from the values in effect, never
from what is on disk now, so it cannot vouch for a hand edit.
"""

import json
import os
import tempfile
from pathlib import Path

from pydantic import ValidationError

from app.domain.audit import AuditAction, Outcome
from app.domain.errors import AccessDenied, WardScribeError
from app.domain.roles import Permission
from app.domain.settings import LayeredSettings, combine
from app.services.access import require
from app.services.audit_trail import AuditTrail
from app.services.session import Session
from app.services.settings_file import PERSONAL_SETTINGS, digest_reason


class SettingInvalid(WardScribeError):
    pass


class SettingsService:
    def __init__(
        self,
        trail: AuditTrail,
        layered: LayeredSettings,
        user_file: Path,
        policy: dict[str, object],
        user_values: dict[str, object],
    ) -> None:
        """`user_values`: the user settings in effect, as `vouched_user_settings` returned them."""
        self._trail = trail
        self._layered = layered
        self._user_file = user_file
        self._policy = policy
        self._user = dict(user_values)

    @property
    def current(self) -> LayeredSettings:
        return self._layered

    def change(self, session: Session, name: str, value: object) -> LayeredSettings:
        if name not in PERSONAL_SETTINGS:
            require(
                self._trail,
                session,
                Permission.SETTINGS_CHANGE,
                object_type="setting",
                object_id=name,
            )
        if self._layered.is_locked(name):
            self._audit(session, name, Outcome.DENIED, "locked_by_policy")
            raise AccessDenied(f"'{name}' is set by the machine policy and cannot be changed here.")
        user = {**self._user, name: value}
        try:
            layered = combine(user, self._policy)
        except ValidationError as error:
            problem = error.errors()[0]["msg"]
            raise SettingInvalid(f"'{name}' cannot be {value!r}: {problem}.") from None
        self._write_user(user)
        self._user = user
        self._layered = layered
        self._audit(session, name, Outcome.SUCCESS, digest_reason(self._user_file))
        return layered

    def _audit(self, session: Session, name: str, outcome: Outcome, reason: str | None) -> None:
        self._trail.record(
            session,
            AuditAction.SETTINGS_CHANGE,
            outcome,
            object_type="setting",
            object_id=name,
            reason=reason,
        )

    def _write_user(self, values: dict[str, object]) -> None:
        """Replace the file atomically so a crash leaves the old settings or the new, not half."""
        handle, temporary = tempfile.mkstemp(dir=self._user_file.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(values, file, indent=2, default=str)
            file.flush()
            os.fsync(file.fileno())
        Path(temporary).replace(self._user_file)
