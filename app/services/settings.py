"""Changing settings: personal preferences for anyone, workstation settings for IT only.

Personal preferences (font size, high contrast) belong to the person, not the workstation:
they are stored per user (`app.services.preferences`), audited as `preference_change`, and
`for_user` gives the settings as one signed-in person sees them. A setting the machine policy
sets is locked: the change is refused and the refusal audited, so a user cannot loosen a
control IT put in place. Workstation changes are written to the user settings file and take
effect at the next start for the model and the context size. Each change's audit event
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
from app.services.preferences import PREFERENCES_FILE, PreferencesFile
from app.services.session import Session
from app.services.settings_file import PERSONAL_SETTINGS, digest_reason


class SettingInvalid(WardScribeError):
    """A setting the person changed has a value WardScribe cannot use; the message says why."""


class SettingsService:
    """Changes the person's own settings within what the machine policy leaves open, saves them
    and audits each change (the setting's name, never a value that could hold PHI)."""

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
        self._preferences = PreferencesFile(user_file.parent / PREFERENCES_FILE)

    @property
    def current(self) -> LayeredSettings:
        """The workstation's settings, as they stand before anyone signs in."""
        return self._layered

    def for_user(self, session: Session) -> LayeredSettings:
        """The settings as this person sees them: the workstation's, with their own
        preferences over them, and the machine policy over both."""
        return combine({**self._user, **self._preferences.of(session.user_id)}, self._policy)

    def export_folder(self, session: Session) -> Path | None:
        """Where this person last saved an export, for the next save dialog to open there."""
        return self._preferences.folder(session.user_id)

    def remember_export_folder(self, session: Session, folder: Path) -> None:
        """A convenience of the save dialog, not a setting: stored for the person, not audited
        (the export itself is)."""
        self._preferences.store_folder(session.user_id, folder)

    def change(self, session: Session, name: str, value: object) -> LayeredSettings:
        """Change one setting; returns the settings as the person who changed it sees them."""
        if name in PERSONAL_SETTINGS:
            return self._change_preference(session, name, value)
        require(
            self._trail,
            session,
            Permission.SETTINGS_CHANGE,
            object_type="setting",
            object_id=name,
        )
        self._refuse_if_locked(session, name)
        user = {**self._user, name: value}
        layered = self._combined(user, name, value)
        self._write_user(user)
        self._user = user
        self._layered = layered
        self._audit(session, name, Outcome.SUCCESS, digest_reason(self._user_file))
        return self.for_user(session)

    def _change_preference(self, session: Session, name: str, value: object) -> LayeredSettings:
        """Anyone may change their own; it is stored for them alone and audited."""
        self._refuse_if_locked(session, name)
        own = {**self._preferences.of(session.user_id), name: value}
        layered = self._combined({**self._user, **own}, name, value)
        self._preferences.store(session.user_id, own)
        self._trail.record(
            session,
            AuditAction.PREFERENCE_CHANGE,
            Outcome.SUCCESS,
            object_type="setting",
            object_id=name,
        )
        return layered

    def _refuse_if_locked(self, session: Session, name: str) -> None:
        if self._layered.is_locked(name):
            self._audit(session, name, Outcome.DENIED, "locked_by_policy")
            raise AccessDenied(f"'{name}' is set by the machine policy and cannot be changed here.")

    def _combined(self, user: dict[str, object], name: str, value: object) -> LayeredSettings:
        try:
            return combine(user, self._policy)
        except ValidationError as error:
            problem = error.errors()[0]["msg"]
            raise SettingInvalid(f"'{name}' cannot be {value!r}: {problem}.") from None

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
