"""nginx in front of `llama-server`, run with the hospital's `installer/server/nginx-mtls.conf`.

The server block is read from the installer and only its machine-specific values are replaced:
the listening port (127.0.0.1 and a free one), the certificate, key and workstation CA files,
the access log's path and llama-server's port behind it. Everything else (TLS versions, client
certificate checks, log format, buffering, timeouts) is the file as shipped, so a directive
nginx rejects, or a setting that buffers streams or logs notes, shows here.

nginx runs in the foreground as a child process with its own prefix, pid file and temporary
folders, never as the system service. It is named by `WARDSCRIBE_NGINX` (the binary), which
`installer/server/check-llama-server.sh` sets when nginx is installed.
"""

import os
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.remote.child_server import ChildServer, wait_listening
from tests.remote.llama_server import free_port
from tests.remote.real_llama_server import SERVER_DIR

NGINX_VARIABLE = "WARDSCRIBE_NGINX"
"""The environment variable naming an nginx binary to run the mutual-TLS front with."""
FRONT_CONFIG = SERVER_DIR / "nginx-mtls.conf"
_STARTUP_SECONDS = 10.0


@dataclass(frozen=True)
class FrontFiles:
    """The files the installed configuration names under /etc/wardscribe-server/tls/."""

    cert_file: Path
    key_file: Path
    client_ca_file: Path


def front_config(
    files: FrontFiles, *, port: int, upstream_port: int, access_log: Path, text: str
) -> str:
    """`text` (the shipped server block) with only the machine-specific values replaced.

    Each value must be found exactly once: a renamed directive fails here, not silently.
    """
    replacements = {
        "listen 8443 ssl;": f"listen 127.0.0.1:{port} ssl;",
        "/etc/wardscribe-server/tls/server.pem": str(files.cert_file),
        "/etc/wardscribe-server/tls/server.key": str(files.key_file),
        "/etc/wardscribe-server/tls/workstation-ca.pem": str(files.client_ca_file),
        "/var/log/nginx/wardscribe-llm.log": str(access_log),
        "http://127.0.0.1:8080;": f"http://127.0.0.1:{upstream_port};",
    }
    for shipped, value in replacements.items():
        if (found := text.count(shipped)) != 1:
            raise ValueError(f"{FRONT_CONFIG} holds {shipped!r} {found} times, not once")
        text = text.replace(shipped, value)
    return text


def main_config(prefix: Path, server_block: Path, error_log: Path) -> str:
    """The minimal nginx.conf a Debian install has around an included server block."""
    return f"""daemon off;
master_process on;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {error_log} info;
events {{ worker_connections 64; }}
http {{
    client_body_temp_path {prefix}/client-body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    access_log off;
    include {server_block};
}}
"""


class NginxFront(ChildServer):
    """A running nginx on 127.0.0.1 with the shipped front; a context manager that stops it
    gracefully, so the access log is complete when a test reads it."""

    def __init__(
        self, binary: Path, files: FrontFiles, *, upstream_port: int, directory: Path
    ) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        self.access_log = directory / "access.log"
        self.error_log = directory / "error.log"
        server_block = directory / "wardscribe-llm.conf"
        server_block.write_text(
            front_config(
                files,
                port=self.port,
                upstream_port=upstream_port,
                access_log=self.access_log,
                text=FRONT_CONFIG.read_text(encoding="utf-8"),
            ),
            encoding="utf-8",
        )
        config = directory / "nginx.conf"
        config.write_text(main_config(directory, server_block, self.error_log), encoding="utf-8")
        self._process = subprocess.Popen(
            [str(binary), "-p", str(directory), "-c", str(config), "-e", str(self.error_log)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def logs(self) -> str:
        """Both logs as nginx wrote them so far: what the server's administrator can read."""
        return "\n".join(
            path.read_text(encoding="utf-8", errors="replace")
            for path in (self.access_log, self.error_log)
            if path.exists()
        )

    def wait_ready(self) -> None:
        wait_listening(
            self._process, self.port, name="nginx", seconds=_STARTUP_SECONDS, log=self.logs
        )

    def kill(self) -> None:
        """SIGQUIT, nginx's graceful stop, so the access log is complete; then the process."""
        if self._process.poll() is None:
            self._process.send_signal(signal.SIGQUIT)
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                super().kill()


def configured_nginx() -> Path | None:
    """The nginx named in `WARDSCRIBE_NGINX`, or None when none is."""
    named = os.environ.get(NGINX_VARIABLE)
    return Path(named) if named else None
