"""Each person's own preferences (font size, high contrast), kept apart from the workstation's.

A ward workstation is shared: one nurse's 16-point font or high-contrast theme must not greet
the next one who signs in. `preferences.json`, beside `settings.json`, maps a digest of each
user id to that person's preferences; only the personal settings are kept there and each is
checked against the limits a change in the app must meet. It holds no patient data and no
names, so it is plain JSON; an entry that fails the check is ignored, and the person gets the
workstation's values until they set their own again.
"""

import hashlib
import json
import os
import tempfile
from pathlib import Path

from pydantic import ValidationError

from app.domain.settings import Settings
from app.services.settings_file import MAX_SETTINGS_BYTES, PERSONAL_SETTINGS

PREFERENCES_FILE = "preferences.json"


def user_key(user_id: str) -> str:
    """The file's key for a user: a digest, so the file names nobody."""
    return hashlib.sha256(user_id.encode("utf-8")).hexdigest()[:32]


class PreferencesFile:
    """Reads and atomically replaces the per-user preferences file."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def of(self, user_id: str) -> dict[str, object]:
        """The user's own preferences, each valid, or none."""
        entry = self._read().get(user_key(user_id))
        if not isinstance(entry, dict):
            return {}
        kept = {name: value for name, value in entry.items() if name in PERSONAL_SETTINGS}
        try:
            Settings.model_validate(kept)
        except ValidationError:
            return {}
        return kept

    def store(self, user_id: str, values: dict[str, object]) -> None:
        everyone = self._read()
        everyone[user_key(user_id)] = values
        handle, temporary = tempfile.mkstemp(dir=self._path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(everyone, file, indent=2)
            file.flush()
            os.fsync(file.fileno())
        Path(temporary).replace(self._path)

    def _read(self) -> dict[str, object]:
        try:
            with self._path.open("rb") as file:
                raw = file.read(MAX_SETTINGS_BYTES + 1)
        except FileNotFoundError:
            return {}
        if len(raw) > MAX_SETTINGS_BYTES:
            return {}
        try:
            loaded = json.loads(raw.decode("utf-8"))
        except ValueError:
            return {}
        return loaded if isinstance(loaded, dict) else {}
