"""WardScribe locks when the operating system locks the desktop session.

The Linux signals travel over real D-Bus daemons (the private buses from conftest.py), sent by
`dbus-send` as the screen saver and systemd-logind would send them.
"""

import ctypes
import os
import shutil
import subprocess
from collections.abc import Callable

import pytest
from PySide6.QtCore import SLOT, QByteArray, QObject, Slot
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow
from app.ui.session_lock_watch import (
    WM_WTSSESSION_CHANGE,
    WTS_SESSION_LOCK,
    SessionLockWatch,
    WindowsMessage,
    WindowsSessionFilter,
    logind_session_path,
)

NOTES = "0800 BP 128/80, HR 76. Alert and oriented.\n"
WTS_SESSION_UNLOCK = 0x8


@pytest.fixture
def buses(private_buses: dict[str, str]) -> dict[str, str]:
    if not private_buses or shutil.which("dbus-send") is None:
        pytest.skip("dbus-daemon and dbus-send are needed (apt-get install dbus)")
    return private_buses


class _Probe(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.arrived = False

    @Slot()
    def probe(self) -> None:
        self.arrived = True


def _settle(qtbot: QtBot, bus: str) -> None:
    """Wait until the daemon applies the match rules this process asked for so far.

    Qt hands subscriptions to its D-Bus thread, which sends them without waiting. A probe
    subscribed last becomes active last, so once a probe signal arrives, so would the watch's.
    """
    probe = _Probe()
    connection = QDBusConnection.sessionBus() if bus == "session" else QDBusConnection.systemBus()
    assert connection.connect(
        "", "/test/probe", "org.wardscribe.Test", "Probe", probe, SLOT("probe()")
    )

    def probe_arrived() -> bool:
        _send(bus, "/test/probe", "org.wardscribe.Test.Probe")
        qtbot.wait(50)
        return probe.arrived

    qtbot.waitUntil(probe_arrived, timeout=5_000)


def _send(bus: str, path: str, member: str, *arguments: str) -> None:
    address = os.environ[f"DBUS_{bus.upper()}_BUS_ADDRESS"]
    subprocess.run(
        ["dbus-send", f"--bus={address}", "--type=signal", path, member, *arguments],
        check=True,
        timeout=10,
    )


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    """The watch's parent; the fixture keeps it (and so the watch) alive for the test."""
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _watch(qtbot: QtBot, window: QWidget) -> tuple[SessionLockWatch, list[None]]:
    watch = SessionLockWatch(window, platform="linux")
    locks: list[None] = []
    watch.os_session_locked.connect(lambda: locks.append(None))
    _settle(qtbot, "session")
    _settle(qtbot, "system")
    return watch, locks


def test_the_desk_locks_when_the_screen_saver_locks_the_desktop(
    qtbot: QtBot, buses: dict[str, str], desk: MainWindow
) -> None:
    desk.source_edit.setPlainText(NOTES)
    _settle(qtbot, "session")

    _send("session", "/", "org.freedesktop.ScreenSaver.ActiveChanged", "boolean:true")

    qtbot.waitUntil(lambda: desk.is_locked, timeout=5_000)
    assert desk.lock_screen.isVisible()
    assert desk.source_edit.toPlainText() == ""


def test_gnome_screen_saver_locking_locks_too(
    qtbot: QtBot, buses: dict[str, str], window: QWidget
) -> None:
    _, locks = _watch(qtbot, window)

    _send(
        "session", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver.ActiveChanged", "boolean:true"
    )

    qtbot.waitUntil(lambda: len(locks) == 1, timeout=5_000)


def test_the_screen_saver_going_away_does_not_lock(
    qtbot: QtBot, buses: dict[str, str], window: QWidget
) -> None:
    _, locks = _watch(qtbot, window)

    _send("session", "/", "org.freedesktop.ScreenSaver.ActiveChanged", "boolean:false")
    _send("session", "/", "org.freedesktop.ScreenSaver.ActiveChanged", "boolean:true")

    # Signals from one bus arrive in order: once the second locked, the first was handled.
    qtbot.waitUntil(lambda: len(locks) >= 1, timeout=5_000)
    assert len(locks) == 1


def test_logind_locking_this_session_locks(
    qtbot: QtBot, buses: dict[str, str], window: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_SESSION_ID", "7")
    _, locks = _watch(qtbot, window)

    _send("system", "/org/freedesktop/login1/session/_37", "org.freedesktop.login1.Session.Lock")

    qtbot.waitUntil(lambda: len(locks) == 1, timeout=5_000)


def test_logind_locking_another_session_does_not_lock(
    qtbot: QtBot, buses: dict[str, str], window: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_SESSION_ID", "c2")
    _, locks = _watch(qtbot, window)

    _send("system", "/org/freedesktop/login1/session/c3", "org.freedesktop.login1.Session.Lock")
    _send("system", "/org/freedesktop/login1/session/c2", "org.freedesktop.login1.Session.Lock")

    qtbot.waitUntil(lambda: len(locks) >= 1, timeout=5_000)
    assert len(locks) == 1


def test_logind_session_paths_use_systemd_escaping() -> None:
    assert logind_session_path("c2") == "/org/freedesktop/login1/session/c2"
    assert logind_session_path("12") == "/org/freedesktop/login1/session/_312"
    assert logind_session_path("c1-x") == "/org/freedesktop/login1/session/c1_2dx"


# -- Windows --------------------------------------------------------------------------------
# WTSRegisterSessionNotification and a real Windows message loop cannot run on this Linux
# test machine: these tests hand the filter a MSG built in memory, and the registration call
# is replaced by a stand-in.


def _message_address(message: WindowsMessage) -> int:
    return ctypes.addressof(message)


def _filter_sees(wparam: int) -> int:
    locks: list[None] = []
    native_filter = WindowsSessionFilter(lambda: locks.append(None))
    message = WindowsMessage(message=WM_WTSSESSION_CHANGE, wParam=wparam)
    handled = native_filter.nativeEventFilter(
        QByteArray(b"windows_generic_MSG"), _message_address(message)
    )
    assert handled == (False, 0), "the message must go on to Qt and other filters"
    return len(locks)


def test_a_windows_session_lock_message_locks() -> None:
    """Mocked Windows: a WM_WTSSESSION_CHANGE / WTS_SESSION_LOCK MSG built in memory."""
    assert _filter_sees(WTS_SESSION_LOCK) == 1


def test_a_windows_session_unlock_message_does_not_lock() -> None:
    """Mocked Windows: a WM_WTSSESSION_CHANGE / WTS_SESSION_UNLOCK MSG built in memory."""
    assert _filter_sees(WTS_SESSION_UNLOCK) == 0


def test_on_windows_the_desk_window_is_registered_until_the_watch_goes(
    qtbot: QtBot, window: QWidget
) -> None:
    """Mocked Windows: the WTSRegisterSessionNotification call is a stand-in."""
    calls: list[str] = []

    def register(registered: QWidget) -> Callable[[], None]:
        assert registered is window
        calls.append("register")
        return lambda: calls.append("unregister")

    watch = SessionLockWatch(window, platform="win32", register_for_session_changes=register)
    assert watch.watching == ["WM_WTSSESSION_CHANGE"]
    with qtbot.waitSignal(watch.destroyed, timeout=5_000):
        watch.deleteLater()

    assert calls == ["register", "unregister"]
