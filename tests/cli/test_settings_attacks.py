"""Issue 17, item 7: settings.json edited by hand, as anyone at the OS account can."""

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Runner
from tests.cli.local_user import audit_events, effective_settings


@pytest.fixture
def used_folder(wardscribe: Runner, tmp_path: Path) -> Path:
    """A data folder WardScribe has started on before, with no settings of its own."""
    data_dir = tmp_path / "data"
    started = wardscribe("audit", "verify", "--data-dir", str(data_dir))
    assert started.returncode == 0, started.stderr
    return data_dir


def _write(data_dir: Path, settings: dict[str, object]) -> None:
    (data_dir / "settings.json").write_text(json.dumps(settings))


def test_a_hand_edited_idle_lock_and_clipboard_delay_are_not_applied(
    wardscribe: Runner, used_folder: Path
) -> None:
    _write(used_folder, {"idle_lock_minutes": 240, "clipboard_clear_seconds": 3600})

    settings = effective_settings(wardscribe, used_folder)

    assert (settings["idle_lock_minutes"], settings["clipboard_clear_seconds"]) == (10, 60)


def test_a_hand_edit_is_audited_naming_the_settings_it_tried_to_change(
    wardscribe: Runner, used_folder: Path
) -> None:
    _write(used_folder, {"idle_lock_minutes": 240, "clipboard_clear_seconds": 3600})

    effective_settings(wardscribe, used_folder)

    detected = next(
        e for e in audit_events(wardscribe, used_folder) if e["reason"] == "changed_outside_app"
    )
    assert (detected["action"], detected["outcome"], detected["object_id"]) == (
        "settings_change",
        "denied",
        "clipboard_clear_seconds,idle_lock_minutes",
    )
    assert str(detected["user_id"]).startswith("os:")


def test_a_hand_edited_personal_preference_still_applies(
    wardscribe: Runner, used_folder: Path
) -> None:
    _write(used_folder, {"font_point_size": 16, "idle_lock_minutes": 240})

    settings = effective_settings(wardscribe, used_folder)

    assert (settings["font_point_size"], settings["idle_lock_minutes"]) == (16, 10)


def test_a_value_beyond_the_services_limits_is_refused_with_the_settings_name(
    wardscribe: Runner, used_folder: Path
) -> None:
    _write(used_folder, {"idle_lock_minutes": 100_000})

    started = wardscribe("audit", "verify", "--data-dir", str(used_folder))

    assert started.returncode == 1
    assert "idle_lock_minutes" in started.stderr
    assert "Traceback" not in started.stderr


def test_deleting_the_settings_file_the_workstation_started_with_is_audited(
    wardscribe: Runner, tmp_path: Path
) -> None:
    seeded = tmp_path / "data"
    seeded.mkdir()
    _write(seeded, {"idle_lock_minutes": 5})
    assert effective_settings(wardscribe, seeded)["idle_lock_minutes"] == 5
    (seeded / "settings.json").unlink()

    effective_settings(wardscribe, seeded)

    reasons = [e["reason"] for e in audit_events(wardscribe, seeded)]
    assert "file_adopted" in reasons
    assert "changed_outside_app" in reasons
