"""Locks WardScribe when the operating system locks the person's desktop session.

A nurse who locks the workstation (Win+L, Super+L) expects the notes to be locked too; without
this, unlocking the desktop with a colleague's help or a shared kiosk logon would show the
previous person's draft until WardScribe's own idle lock fires. The platform says so where it
can:

- Linux: the screen saver's `ActiveChanged(true)` on the session bus
  (`org.freedesktop.ScreenSaver`, `org.gnome.ScreenSaver`) and systemd-logind's `Lock` for this
  session (`XDG_SESSION_ID`) on the system bus.
- Windows: `WM_WTSSESSION_CHANGE` with `WTS_SESSION_LOCK`, after
  `WTSRegisterSessionNotification` for the desk's window.

Elsewhere (macOS) nothing is watched and the idle lock alone applies. Senders are not checked:
a forged signal can only lock, never unlock, and unlocking always needs the password.
"""

import ctypes
import os
import sys
from collections.abc import Callable
from typing import Final

from PySide6.QtCore import (
    SLOT,
    QAbstractNativeEventFilter,
    QByteArray,
    QCoreApplication,
    QObject,
    Signal,
    Slot,
)
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QWidget

_SCREEN_SAVER_INTERFACES: Final = ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver")
_LOGIND_SESSION_INTERFACE: Final = "org.freedesktop.login1.Session"
_LOGIND_SESSION_PATH: Final = "/org/freedesktop/login1/session/"

WINDOWS_MESSAGE_EVENT: Final = b"windows_generic_MSG"
WM_WTSSESSION_CHANGE: Final = 0x02B1
WTS_SESSION_LOCK: Final = 0x7
_NOTIFY_FOR_THIS_SESSION: Final = 0


def logind_session_path(session_id: str) -> str:
    """The object path logind publishes a session under (systemd's bus label escaping)."""
    escaped = "".join(
        char
        if char.isascii() and char.isalnum() and not (index == 0 and char.isdigit())
        else f"_{ord(char):02x}"
        for index, char in enumerate(session_id)
    )
    return _LOGIND_SESSION_PATH + (escaped or "_")


class WindowsMessage(ctypes.Structure):
    """The `MSG` Qt hands a native event filter on Windows (winuser.h)."""

    _fields_ = (
        ("hwnd", ctypes.c_void_p),
        ("message", ctypes.c_uint32),
        ("wParam", ctypes.c_size_t),
        ("lParam", ctypes.c_ssize_t),
        ("time", ctypes.c_uint32),
        ("pt_x", ctypes.c_int32),
        ("pt_y", ctypes.c_int32),
    )


NativeEventType = QByteArray | bytes | bytearray | memoryview
"""How Qt names the kind of a native event (`windows_generic_MSG` on Windows)."""


def is_session_lock(event_type: NativeEventType, message_address: int) -> bool:
    """Whether one native event is Windows telling a registered window the session locked."""
    name = event_type.data() if isinstance(event_type, QByteArray) else bytes(event_type)
    if name != WINDOWS_MESSAGE_EVENT or not message_address:
        return False
    message = WindowsMessage.from_address(message_address)
    kind: int = message.message
    detail: int = message.wParam
    return kind == WM_WTSSESSION_CHANGE and detail == WTS_SESSION_LOCK


class WindowsSessionFilter(QAbstractNativeEventFilter):
    """Reads Windows' session-change messages and calls back when the desktop locks."""

    def __init__(self, on_lock: Callable[[], None]) -> None:
        """`on_lock` is called when Windows reports the session locked."""
        super().__init__()
        self._on_lock = on_lock

    def nativeEventFilter(self, eventType: NativeEventType, message: int) -> tuple[bool, int]:
        """Call `on_lock` on a session-lock message; never swallow the message."""
        if is_session_lock(eventType, int(message)):
            self._on_lock()
        return False, 0  # other windows and Qt itself may want the message too


def _register_for_session_changes(window: QWidget) -> Callable[[], None]:
    """Ask Windows to send `window` session notifications; returns the matching unregister."""
    if sys.platform == "win32":
        wtsapi = ctypes.WinDLL("wtsapi32")
        handle = ctypes.c_void_p(int(window.winId()))
        if not wtsapi.WTSRegisterSessionNotification(handle, _NOTIFY_FOR_THIS_SESSION):
            return lambda: None
        return lambda: wtsapi.WTSUnRegisterSessionNotification(handle)
    return lambda: None


class SessionLockWatch(QObject):
    """Locks WardScribe when the operating system's session locks (Windows session messages;
    the screen saver's or systemd-logind's D-Bus signal on Linux).

    Signals:
        os_session_locked(): the desktop session locked.
    """

    os_session_locked = Signal()
    """The desktop session locked: lock WardScribe the way the idle lock does."""

    def __init__(
        self,
        window: QWidget,
        *,
        platform: str = sys.platform,
        register_for_session_changes: Callable[
            [QWidget], Callable[[], None]
        ] = _register_for_session_changes,
    ) -> None:
        """Starts listening at once; `platform` and the registration are replaceable for tests."""
        super().__init__(window)
        self.watching: list[str] = []
        """What this watch listens to, for diagnostics: interfaces or the Windows message."""
        if platform.startswith("linux"):
            self._watch_dbus()
        elif platform == "win32":
            self._watch_windows(window, register_for_session_changes)

    def _watch_dbus(self) -> None:
        for interface in _SCREEN_SAVER_INTERFACES:
            if self._subscribe(
                QDBusConnection.sessionBus(),
                "",
                interface,
                "ActiveChanged",
                "_screen_saver_active(bool)",
            ):
                self.watching.append(f"{interface}.ActiveChanged")
        session_id = os.environ.get("XDG_SESSION_ID")
        if session_id and self._subscribe(
            QDBusConnection.systemBus(),
            logind_session_path(session_id),
            _LOGIND_SESSION_INTERFACE,
            "Lock",
            "_logind_lock()",
        ):
            self.watching.append(f"{_LOGIND_SESSION_INTERFACE}.Lock")

    def _subscribe(
        self, bus: QDBusConnection, path: str, interface: str, name: str, slot: str
    ) -> bool:
        """Deliver the signal `interface.name` (from any sender, any path if `path` is empty)."""
        # PySide6's stubs type the slot as bytes, but the binding accepts only SLOT()'s str.
        connected: bool = bus.connect(  # type: ignore[call-overload]
            "", path, interface, name, self, SLOT(slot)
        )
        return connected

    def _watch_windows(
        self, window: QWidget, register: Callable[[QWidget], Callable[[], None]]
    ) -> None:
        application = QCoreApplication.instance()
        if application is None:
            return
        native_filter = WindowsSessionFilter(self.os_session_locked.emit)
        application.installNativeEventFilter(native_filter)
        unregister = register(window)
        self._native_filter = native_filter
        self.watching.append("WM_WTSSESSION_CHANGE")

        def stop() -> None:
            unregister()
            application.removeNativeEventFilter(native_filter)

        self.destroyed.connect(stop)

    @Slot(bool)
    def _screen_saver_active(self, active: bool) -> None:
        if active:
            self.os_session_locked.emit()

    @Slot()
    def _logind_lock(self) -> None:
        self.os_session_locked.emit()
