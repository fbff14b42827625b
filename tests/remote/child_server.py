"""A server a test runs as a child process on loopback, and the wait for it to come up.

The test servers (llama-cpp-python's server, llama.cpp's `llama-server`, the nginx front) differ
in how they start and how they say they are ready; how a test waits for a port, freezes a server
mid-stream and kills it, whatever happened, is the same for each and lives here once.
"""

import signal
import socket
import subprocess
import time
from collections.abc import Callable
from types import TracebackType
from typing import Self


class ChildServer:
    """A started server process; a context manager that waits until it is ready (`wait_ready`)
    and kills it on exit, whatever happened. A subclass starts `_process` in its constructor."""

    _process: subprocess.Popen[bytes]

    def __enter__(self) -> Self:
        """The server, once it is ready; killed, with its log in the error, if it never is."""
        try:
            self.wait_ready()
        except RuntimeError:
            self.kill()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Kill the server, whatever happened in the block."""
        self.kill()

    def wait_ready(self) -> None:
        """Return once the server answers; RuntimeError if it exits or never does."""
        raise NotImplementedError

    @property
    def pid(self) -> int:
        """The server's process id."""
        return self._process.pid

    def kill(self) -> None:
        """Kill the server (a frozen one too) and reap it."""
        if self._process.poll() is None:
            self._process.send_signal(signal.SIGCONT)
            self._process.kill()
        self._process.wait(timeout=10)

    def pause(self) -> None:
        """Freeze the server (SIGSTOP): it keeps its connections but answers nothing."""
        self._process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        """Let a frozen server go on (SIGCONT)."""
        self._process.send_signal(signal.SIGCONT)


def wait_listening(
    process: subprocess.Popen[bytes],
    port: int,
    *,
    name: str,
    seconds: float,
    log: Callable[[], str],
) -> None:
    """Return once something accepts connections on 127.0.0.1:`port`. RuntimeError, with the
    tail of `log()`, if `process` exits first or nothing listens within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited: {log()[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{name} did not start: {log()[-3000:]}")
