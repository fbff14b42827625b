"""llama.cpp's own `llama-server`, started with the flags the hospital's systemd unit gives it.

The command line is read from `installer/server/llama-server.service` and its settings from
`installer/server/llama-server.env`, so what runs here is what the server runs, with only the
machine-specific values replaced: loopback address and a free port, a throwaway certificate and
API key file, the model file, and (optionally) the slots and their context. A flag the binary
does not know, or a variable the unit uses that the settings file does not set, stops the start.

The binary is not built by the test suite (it takes far longer than CI's budget allows, see
docs/deployment.md); `installer/server/check-llama-server.sh` builds it and names it in
`WARDSCRIBE_LLAMA_SERVER`, which `tests/remote/conftest.py` then serves the tests from.
"""

import os
import re
import shlex
import ssl
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from tests.remote.child_server import ChildServer
from tests.remote.llama_server import free_port

BINARY_VARIABLE = "WARDSCRIBE_LLAMA_SERVER"
"""The environment variable naming a built `llama-server` to run the remote tests against."""
SERVER_DIR = Path(__file__).resolve().parents[2] / "installer" / "server"
UNIT_FILE = SERVER_DIR / "llama-server.service"
SETTINGS_FILE = SERVER_DIR / "llama-server.env"
_STARTUP_SECONDS = 120.0
_FILE_FLAGS = ("--ssl-cert-file", "--ssl-key-file", "--api-key-file")


def unit_settings(path: Path = SETTINGS_FILE) -> dict[str, str]:
    """The settings file's `NAME=value` lines, as systemd's EnvironmentFile reads them."""
    settings: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            settings[name.strip()] = value.strip()
    return settings


def unit_command(path: Path = UNIT_FILE) -> list[str]:
    """The unit's `ExecStart=` command, continuation lines joined, `${NAME}` left in place."""
    text = path.read_text(encoding="utf-8")
    match = re.search(r"^ExecStart=((?:.*\\\n)*.*)$", text, flags=re.MULTILINE)
    if match is None:
        raise ValueError(f"{path} has no ExecStart")
    return shlex.split(match.group(1).replace("\\\n", " "))


def expand(command: list[str], settings: dict[str, str]) -> list[str]:
    """`${NAME}` replaced from `settings`; a name the settings do not hold raises KeyError."""
    return [
        re.sub(r"\$\{(\w+)\}", lambda found: settings[found.group(1)], word) for word in command
    ]


class RealLlamaServer(ChildServer):
    """A running `llama-server`; the same interface as `LlamaServer`, so tests take either."""

    def __init__(
        self,
        binary: Path,
        model: Path,
        *,
        alias: str,
        cert_file: Path | None,
        key_file: Path | None,
        api_key_file: Path,
        log_file: Path,
        slots: int = 2,
        n_ctx: int = 4096,
        extra_flags: tuple[str, ...] = (),
    ) -> None:
        self.port = free_port()
        scheme = "http" if cert_file is None else "https"
        self.url = f"{scheme}://127.0.0.1:{self.port}"
        self.api_key_file: Path | None = api_key_file
        settings = {
            **unit_settings(),
            "LLAMA_HOST": "127.0.0.1",
            "LLAMA_PORT": str(self.port),
            "LLAMA_MODEL": str(model),
            "LLAMA_ALIAS": alias,
            "LLAMA_SLOTS": str(slots),
            "LLAMA_CTX_TOTAL": str(slots * n_ctx),
        }
        files = dict(zip(_FILE_FLAGS, (cert_file, key_file, api_key_file), strict=True))
        command = expand(unit_command(), settings)
        command[0] = str(binary)
        self.command = list(_with_files(command, files)) + list(extra_flags)
        self._log_file = log_file
        with log_file.open("wb") as log:
            self._process = subprocess.Popen(
                self.command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )

    @property
    def log(self) -> str:
        """What the server printed so far (its log, never a request's text with these flags)."""
        return self._log_file.read_text(encoding="utf-8", errors="replace")

    def wait_ready(self) -> None:
        """Until `/health` answers 200: the model is loaded (it answers 503 while loading)."""
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # only waiting for it to come up; tests check TLS
        deadline = time.monotonic() + _STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"llama-server exited: {self.log[-3000:]}")
            try:
                with urllib.request.urlopen(
                    f"{self.url}/health", context=context, timeout=2
                ) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"llama-server did not become healthy: {self.log[-3000:]}")


def _with_files(command: list[str], files: dict[str, Path | None]) -> Iterator[str]:
    """`command` with each file flag's value replaced; a flag given None is left out, value and
    all, as `nginx-mtls.conf` says to drop `--ssl-*` when nginx terminates TLS in front."""
    words = iter(command)
    for word in words:
        if word not in files:
            yield word
            continue
        next(words)
        if (path := files[word]) is not None:
            yield from (word, str(path))


def configured_binary() -> Path | None:
    """The `llama-server` named in `WARDSCRIBE_LLAMA_SERVER`, or None when none is."""
    named = os.environ.get(BINARY_VARIABLE)
    return Path(named) if named else None
