"""How fast this workstation's model reads and writes, kept between sessions.

A long note takes minutes on a CPU, and the nurse waiting for it should be told about how long
from the first draft of the day, not only from the second. The rates (tokens per second) are a
fact about the machine, with no patient or person in them, so they are kept in `speed.json`
beside `settings.json`, plain JSON, replaced atomically after each draft the model finished.
A file that is missing or cannot be read counts as no measurement: the desk says
"estimating…" until the next draft measures again.
"""

import json
import os
import tempfile
import threading
from pathlib import Path

from pydantic import ValidationError

from app.domain.generation import GenerationStats, MeasuredSpeed

SPEED_FILE = "speed.json"
_MAX_BYTES = 4096


class SpeedRecord:
    """The last speed measured here, in memory for the desk and on disk for the next start.

    Read once when the workstation opens; written by the thread that finished a run. The desk
    reads `last` from memory only, so it never waits on the disk.
    """

    def __init__(self, path: Path | None) -> None:
        """Read `path` now; None keeps the speed in memory only (tests, one-off commands)."""
        self._path = path
        self._lock = threading.Lock()
        self._last = _read(path) if path is not None else None

    @property
    def last(self) -> MeasuredSpeed | None:
        """The most recent measurement; None until one exists here."""
        return self._last

    def record(self, stats: GenerationStats | None) -> None:
        """Keep the speed of a finished run; a run that measured too little changes nothing."""
        speed = MeasuredSpeed.of(stats)
        if speed is None:
            return
        with self._lock:
            self._last = speed
            if self._path is not None:
                _write(self._path, speed)


def _read(path: Path) -> MeasuredSpeed | None:
    try:
        with path.open("rb") as file:
            raw = file.read(_MAX_BYTES + 1)
    except OSError:
        return None
    if len(raw) > _MAX_BYTES:
        return None
    try:
        return MeasuredSpeed.model_validate(json.loads(raw))
    except (ValueError, ValidationError):
        return None


def _write(path: Path, speed: MeasuredSpeed) -> None:
    """Replace the file whole, so a crash leaves the old measurement or the new one."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".speed-", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump(speed.model_dump(), file)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
