"""UI tests: the real window on Qt's offscreen platform, real services underneath."""

import os
import shutil
import subprocess
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.workstation import Workstation
from app.ui.application import WindowController
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_BUS_VARIABLES = ("DBUS_SESSION_BUS_ADDRESS", "DBUS_SYSTEM_BUS_ADDRESS")
_DAEMON_OPTIONS = ("--nofork", "--print-address=1")
_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@pytest.fixture(scope="session", autouse=True)
def private_buses(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A private D-Bus daemon as the session bus and another as the system bus, for every test.

    Each desk listens on D-Bus for the desktop session locking (`app/ui/session_lock_watch.py`);
    on a developer's machine it must not hear the real screen saver lock mid-test. Qt resolves
    the bus addresses once per process, so they are set before the first test opens a desk,
    and kept: the daemons run in pytest's own process tree (`dbus-run-session` would give the
    bus to a child instead) and end when pytest does (`setpriv --pdeathsig`). Stopping them
    earlier would end pytest too: GLib clients in this process (keyring's libsecret probe)
    raise SIGTERM when their session bus goes away. The buses activate no services, so no
    real Secret Service starts behind the tests. Without `dbus-daemon` or `setpriv` nothing is
    set and the D-Bus tests skip.
    """
    daemon, setpriv = shutil.which("dbus-daemon"), shutil.which("setpriv")
    if daemon is None or setpriv is None:
        return {}
    config = tmp_path_factory.mktemp("dbus") / "bus.conf"
    config.write_text(_BUS_CONFIG)
    addresses: dict[str, str] = {}
    for name in _BUS_VARIABLES:
        process = subprocess.Popen(
            [setpriv, "--pdeathsig=TERM", daemon, f"--config-file={config}", *_DAEMON_OPTIONS],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert process.stdout is not None
        addresses[name] = os.environ[name] = process.stdout.readline().strip()
    return addresses


def sign_in(qtbot: QtBot, controller: WindowController, password: str = DEMO_PASSWORD) -> None:
    dialog = controller.sign_in_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.username, DEMO_USERNAME)
    qtbot.keyClicks(dialog.password, password)
    dialog.sign_in_button.click()


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    """A runner owned by the application, as the app's runner outlives every widget using it.

    A runner without a parent is destroyed as soon as the test drops it, while Qt may still
    deliver its workers' queued results: that ends the process, not just the test.
    """
    runner = TaskRunner(qapp)
    yield runner
    runner.wait(10_000)


@pytest.fixture
def controller(qtbot: QtBot, demo_workstation: Workstation) -> Iterator[WindowController]:
    controller = WindowController(demo_workstation)
    controller.start()
    yield controller
    window = controller.window
    if window is not None:
        window.confirm_discard = lambda: True
        window.close()
    controller.tasks.wait(10_000)


FIRST_DEMO_MRN = "DEMO-1001"


def choose_patient(qtbot: QtBot, desk: MainWindow, mrn: str) -> None:
    """Pick `mrn` in the patient bar as a nurse does, and wait until the desk works for them."""
    picker = desk.patient_bar.picker
    picker.setCurrentIndex(picker.findData(mrn))
    qtbot.waitUntil(
        lambda: desk.patient_bar.current is not None and desk.patient_bar.current.mrn == mrn,
        timeout=5_000,
    )


@pytest.fixture
def signed_in_desk(qtbot: QtBot, controller: WindowController) -> MainWindow:
    """The desk right after sign-in, its patient list loaded and no patient chosen."""
    sign_in(qtbot, controller)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)
    window = controller.window
    assert window is not None
    qtbot.waitUntil(lambda: window.patient_bar.picker.count() > 0, timeout=5_000)
    return window


@pytest.fixture
def desk(qtbot: QtBot, signed_in_desk: MainWindow) -> MainWindow:
    """The desk with the first demo patient chosen, as a nurse does before pasting notes."""
    choose_patient(qtbot, signed_in_desk, FIRST_DEMO_MRN)
    return signed_in_desk
