"""Process hardening at start-up, so a crash cannot write notes to disk.

A core dump is a copy of memory, decrypted notes included; a default Python traceback prints the
exception's message, which can quote whatever text was being processed. So: no core dumps (and,
on Linux, no ptrace attach by other processes of the same user), new files private to the user,
and crash reports that name the exception type and code locations only. faulthandler writes
fatal-error tracebacks to a file in the data folder; those hold file names, line numbers and
function names, never values.

Windows has no core dumps, but Windows Error Reporting can collect a minidump (memory) of a
crashing process: SetErrorMode suppresses the fault dialog, and WerAddExcludedApplication keeps
WER from reporting WardScribe. macOS crash reports (ReportCrash) hold stacks and registers, not
the heap, and setrlimit covers core files there.
"""

import faulthandler
import os
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TextIO

CRASH_LOG = "crash.log"
_PRIVATE_UMASK = 0o077
_PR_SET_DUMPABLE = 4
_crash_log: TextIO | None = None
"""Held open for the life of the process: faulthandler writes to its descriptor at a crash."""


@dataclass(frozen=True, slots=True)
class HardeningReport:
    core_dumps_disabled: bool
    ptrace_blocked: bool
    crash_log: Path


def harden_process(data_dir: Path) -> HardeningReport:
    """Apply every protection this platform offers; call once, before any note is loaded."""
    global _crash_log  # noqa: PLW0603 - one crash log per process, by design
    if os.name == "posix":
        os.umask(_PRIVATE_UMASK)
    core_dumps_disabled = _disable_core_dumps()
    ptrace_blocked = _block_ptrace()
    _suppress_windows_error_reporting()
    path = data_dir / CRASH_LOG
    if _crash_log is None:
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        _crash_log = open(descriptor, "a", encoding="utf-8", errors="replace")  # noqa: SIM115
    faulthandler.enable(file=_crash_log, all_threads=True)
    report = _reporter(_crash_log, path)
    sys.excepthook = report
    threading.excepthook = lambda args: report(args.exc_type, args.exc_value, args.exc_traceback)
    sys.unraisablehook = lambda args: report(args.exc_type, args.exc_value, args.exc_traceback)
    return HardeningReport(core_dumps_disabled, ptrace_blocked, path)


def describe_without_values(
    exc_type: type[BaseException],
    exc_value: BaseException | None,
    tb: TracebackType | None,
) -> str:
    """The exception's type and where it passed, for it and each exception chained to it.

    `str(exc)` and the exception's arguments are never read: they can hold note text.
    """
    lines = [f"{exc_type.__module__}.{exc_type.__qualname__}"]
    lines += _locations(tb)
    seen = {id(exc_value)}
    chained = _chained(exc_value)
    while chained is not None and id(chained) not in seen:
        seen.add(id(chained))
        kind = type(chained)
        lines.append(f"raised while handling {kind.__module__}.{kind.__qualname__}")
        lines += _locations(chained.__traceback__)
        chained = _chained(chained)
    return "\n".join(lines)


Reporter = Callable[[type[BaseException], BaseException | None, TracebackType | None], None]


def _reporter(log: TextIO, path: Path) -> Reporter:
    def report(
        exc_type: type[BaseException],
        exc_value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # If this hook raised, Python would print the original exception, message and all.
        try:
            described = describe_without_values(exc_type, exc_value, tb)
            stamp = datetime.now(UTC).isoformat(timespec="seconds")
            log.write(f"{stamp} WardScribe stopped on an unexpected error:\n{described}\n\n")
            log.flush()
            sys.stderr.write(
                f"WardScribe stopped on an unexpected error ({exc_type.__qualname__}). Details "
                f"without patient data are in {path.name} in the data folder.\n"
            )
        except BaseException:
            os.write(2, b"WardScribe stopped on an unexpected error.\n")

    return report


def _locations(tb: TracebackType | None) -> list[str]:
    return [
        f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}'
        for frame in traceback.extract_tb(tb)
    ]


def _chained(error: BaseException | None) -> BaseException | None:
    if error is None:
        return None
    return error.__cause__ or (None if error.__suppress_context__ else error.__context__)


def _disable_core_dumps() -> bool:
    if sys.platform == "win32":
        return True  # no core files; WER minidumps are handled separately
    import resource

    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        return False
    return resource.getrlimit(resource.RLIMIT_CORE) == (0, 0)


def _block_ptrace() -> bool:
    """Linux: not dumpable means no core dump even for setuid tricks, and no same-user ptrace."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _suppress_windows_error_reporting() -> None:
    if sys.platform != "win32":
        return
    import ctypes

    sem_failcriticalerrors, sem_nogpfaulterrorbox = 0x0001, 0x0002
    ctypes.windll.kernel32.SetErrorMode(sem_failcriticalerrors | sem_nogpfaulterrorbox)
    try:
        ctypes.windll.wer.WerAddExcludedApplication(Path(sys.executable).name, False)
    except OSError:
        return
