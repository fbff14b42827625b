"""Child of the process-protection tests: start WardScribe through a real entry point, then
report what protects the process and what its audit log holds.

argv: MODE DATA_DIR [NOTES]. MODE `draft` runs `wardscribe draft --demo` through `main()`;
MODE `window` runs the window's `run_window` until the sign-in dialog is up, then quits. Then
one attempt to reach a host outside the policy is made with a demo workstation open. Prints one
JSON object as the last line.
"""

import ctypes
import json
import resource
import socket
import sys
from pathlib import Path

from app.cli.main import main as cli_main
from app.keys.keystore import KeyStore
from app.security.network_guard import installed_guard
from app.services.workstation import StartOptions, Workstation
from app.storage.audit import AuditStore
from app.storage.database import EncryptedDatabase

PR_GET_DUMPABLE = 3


def run_window_briefly(data_dir: Path) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.application import run_window

    app = QApplication(sys.argv[:1])
    QTimer.singleShot(1500, app.quit)
    return run_window(StartOptions(data_dir=data_dir, demo=True))


def audit_actions(demo_root: Path) -> list[list[object]]:
    path = demo_root / "audit.db"
    with EncryptedDatabase(path, KeyStore().database_key(path)) as db:
        store = AuditStore(db)
        try:
            return [
                [chained.event.action.value, chained.event.object_id, chained.event.reason]
                for chained in store.events()
            ]
        finally:
            store.close()


def try_to_connect(data_dir: Path) -> str:
    workstation = Workstation.open(StartOptions(data_dir=data_dir, demo=True))
    try:
        socket.create_connection(("updates.example.org", 443), timeout=2).close()
    except PermissionError:
        return "blocked"
    except OSError as error:
        return f"error:{type(error).__name__}"
    finally:
        workstation.close()
    return "connected"


def main(mode: str, data_dir: Path, notes: str | None) -> None:
    if mode == "draft":
        assert notes is not None
        status = cli_main(
            ["draft", "--demo", "--data-dir", str(data_dir), "--input", notes, "--json"]
        )
    else:
        status = run_window_briefly(data_dir)
    demo_root = data_dir / "demo"
    before = audit_actions(demo_root)
    attempt = try_to_connect(data_dir)
    after = audit_actions(demo_root)
    libc = ctypes.CDLL(None, use_errno=True)
    print(
        json.dumps(
            {
                "status": status,
                "guard_installed": installed_guard() is not None,
                "core_limit": list(resource.getrlimit(resource.RLIMIT_CORE)),
                "dumpable": libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0),
                "excepthook": sys.excepthook.__qualname__,
                "crash_log": (demo_root / "crash.log").exists(),
                "events_before_attempt": before,
                "attempt": attempt,
                "events_after_attempt": after,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None)
