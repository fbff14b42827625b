"""The user settings file, read through the settings service's rules and watched for hand edits.

`settings.json` is plain JSON in the user's own folder, so anyone at the OS account can edit it.
Every change the settings service makes is audited with the SHA-256 of the file it wrote
(`reason` `file:<digest>`); at each start the file is compared with the last digest the audit
log holds. A file that matches is the one the service wrote. One that differs was changed
outside WardScribe: that is audited (`settings_change`, denied, `changed_outside_app`, the
names of the settings it tried to set), and only its personal settings (font size, contrast),
which anyone may change in the app, are applied; workstation settings (idle lock, clipboard
clearing, model, context) keep their defaults until IT sets them through the app or the
machine policy. A data folder's first start adopts the file it finds (audited as
`file_adopted`), which is how IT pre-seeds a workstation. Every value read is validated against
the same limits as a change made in the app.
"""

import getpass
import hashlib
import json
from pathlib import Path

from pydantic import ValidationError

from app.domain.audit import AuditAction, AuditFilter, Outcome
from app.domain.errors import WardScribeError
from app.domain.settings import Settings
from app.services.audit_trail import AuditTrail

USER_SETTINGS_FILE = "settings.json"
"""Per-user preferences beside the databases; holds no patient data, so it is plain JSON."""
PERSONAL_SETTINGS = frozenset({"font_point_size", "high_contrast"})
"""Preferences about how the screen looks; every role may change its own."""
MAX_SETTINGS_BYTES = 64 * 1024
_DIGEST_PREFIX = "file:"
_DIGEST_CHARS = 56
"""Enough of the SHA-256 to vouch for a file, short enough for an audit `reason` code."""


class SettingsFileInvalid(WardScribeError):
    """settings.json is not valid JSON of known settings, or was changed outside WardScribe."""


def digest_reason(path: Path) -> str:
    """The `reason` code that vouches for the file as it is now."""
    data = path.read_bytes() if path.exists() else b""
    return _DIGEST_PREFIX + hashlib.sha256(data).hexdigest()[:_DIGEST_CHARS]


def read_user_settings(path: Path) -> dict[str, object]:
    """The file's settings, each checked against the limits a change in the app must meet."""
    if not path.exists():
        return {}
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_SETTINGS_BYTES + 1)
        if len(raw) > MAX_SETTINGS_BYTES:
            raise SettingsFileInvalid(
                f"The settings file {path} is larger than {MAX_SETTINGS_BYTES:,} bytes; delete "
                "it and set your preferences again in the app."
            )
        loaded = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError) as error:
        raise SettingsFileInvalid(f"The settings file {path} cannot be read: {error}") from None
    if not isinstance(loaded, dict):
        raise SettingsFileInvalid(f"The settings file {path} must hold a JSON object.")
    try:
        Settings.model_validate(loaded)
    except ValidationError as error:
        first = error.errors()[0]
        name = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise SettingsFileInvalid(
            f"The settings file {path} is invalid: {name}: {first['msg']}. Delete it or set "
            "the value again in the app."
        ) from None
    return loaded


def vouched_user_settings(trail: AuditTrail, path: Path) -> dict[str, object]:
    """The user settings to apply: all of them if the app wrote the file, else the personal."""
    values = read_user_settings(path)
    current = digest_reason(path)
    store = trail.store
    if store.head()[0] == 0:
        if values:
            _record(trail, Outcome.SUCCESS, "file_adopted", current)
        return values
    vouched = _last_vouched(trail)
    if current == vouched or (vouched is None and not path.exists()):
        return values
    outside = sorted(name for name in values if name not in PERSONAL_SETTINGS)
    _record(trail, Outcome.DENIED, "changed_outside_app", ",".join(outside)[:128] or None)
    return {name: value for name, value in values.items() if name in PERSONAL_SETTINGS}


def _last_vouched(trail: AuditTrail) -> str | None:
    """The digest of the file as the app last wrote or adopted it, per the audit log."""
    recent = trail.store.search(
        AuditFilter(action=AuditAction.SETTINGS_CHANGE, outcome=Outcome.SUCCESS), limit=50
    )
    for chained in recent:
        reason = chained.event.reason
        if reason is not None and reason.startswith(_DIGEST_PREFIX):
            return reason
        if chained.event.object_id is not None and chained.event.object_type == "settings_file":
            return chained.event.object_id
    return None


def _record(trail: AuditTrail, outcome: Outcome, reason: str, object_id: str | None) -> None:
    trail.record_unauthenticated(
        f"os:{getpass.getuser()}",
        AuditAction.SETTINGS_CHANGE,
        outcome,
        reason,
        object_type="settings_file",
        object_id=object_id,
    )
