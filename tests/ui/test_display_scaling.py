"""The real screens at 100%, 150% and 200% display scaling on a 1920x1080 monitor: the desk
opens at most of the screen and nothing is clipped.

The scale factor must be set before QApplication exists, so each scale runs the screens in a
child process (`tests/ui/children/scaled_desk.py`) on Qt's offscreen platform, configured as
one 1920x1080 monitor.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MONITOR = {"width": 1920, "height": 1080, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}


@pytest.mark.parametrize(
    ("scale", "logical"), [("1", [1920, 1080]), ("1.5", [1280, 720]), ("2", [960, 540])]
)
def test_every_screen_fits_a_scaled_full_hd_monitor_without_clipping(
    data_dir: Path, tmp_path: Path, scale: str, logical: list[int]
) -> None:
    config = tmp_path / "offscreen.json"
    config.write_text(json.dumps({"screens": [{"name": "monitor", "x": 0, "y": 0, **MONITOR}]}))
    environment = {
        **os.environ,
        "QT_SCALE_FACTOR": scale,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.ui.children.scaled_desk", str(data_dir)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["screen"] == logical
    assert report["problems"] == []
    width, height = report["desk"]
    assert width >= 0.85 * logical[0] and height >= 0.85 * logical[1], "opens at most of it"
