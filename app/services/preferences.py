"""Each person's own preferences (font size, high contrast), kept apart from the workstation's.

A ward workstation is shared: one nurse's 16-point font or high-contrast theme must not greet
the next one who signs in. `preferences.json`, beside `settings.json`, maps a digest of each
user id to that person's preferences; only the personal settings are kept there and each is
checked against the limits a change in the app must meet. It holds no patient data and no
names, so it is plain JSON; an entry that fails the check is ignored, and the person gets the
workstation's values until they set their own again. Beside them each entry keeps the folder
the person last saved an export to, so the next save dialog opens there; a folder that no
longer exists is forgotten.
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
_FOLDER = "export_folder"
_MAX_FOLDER_CHARS = 4096


def user_key(user_id: str) -> str:
    """The file's key for a user: a digest, so the file names nobody."""
    return hashlib.sha256(user_id.encode("utf-8")).hexdigest()[:32]


class PreferencesFile:
    """Reads and atomically replaces the per-user preferences file."""

    def __init__(self, path: Path) -> None:
        """Preferences of every user of this computer live in the one file at `path`."""
        self._path = path

    def of(self, user_id: str) -> dict[str, object]:
        """The user's own preferences, each valid, or none."""
        entry = self._entry(self._read(), user_id)
        kept = {name: value for name, value in entry.items() if name in PERSONAL_SETTINGS}
        try:
            Settings.model_validate(kept)
        except ValidationError:
            return {}
        return kept

    def folder(self, user_id: str) -> Path | None:
        """The folder the user last saved an export to, if it still exists."""
        value = self._entry(self._read(), user_id).get(_FOLDER)
        if not isinstance(value, str) or len(value) > _MAX_FOLDER_CHARS:
            return None
        folder = Path(value)
        return folder if folder.is_absolute() and folder.is_dir() else None

    def store(self, user_id: str, values: dict[str, object]) -> None:
        """Replace the user's preferences, keeping the rest of their entry."""
        everyone = self._read()
        entry = self._entry(everyone, user_id)
        kept = {name: value for name, value in entry.items() if name not in PERSONAL_SETTINGS}
        everyone[user_key(user_id)] = {**kept, **values}
        self._write(everyone)

    def store_folder(self, user_id: str, folder: Path) -> None:
        """Remember the folder the user saved an export to, offered first next time."""
        everyone = self._read()
        everyone[user_key(user_id)] = {**self._entry(everyone, user_id), _FOLDER: str(folder)}
        self._write(everyone)

    @staticmethod
    def _entry(everyone: dict[str, object], user_id: str) -> dict[str, object]:
        entry = everyone.get(user_key(user_id))
        return dict(entry) if isinstance(entry, dict) else {}

    def _write(self, everyone: dict[str, object]) -> None:
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
