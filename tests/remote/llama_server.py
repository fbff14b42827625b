"""llama-cpp-python's own OpenAI-compatible server, run for a test on loopback over TLS.

`python -m tests.remote.llama_server` is `python -m llama_cpp.server` with one addition: uvicorn's
client-certificate options, which llama_cpp.server's command line does not expose, so mutual TLS
can be tested too. `LlamaServer` starts it as a child process bound to 127.0.0.1 and stops it.
It serves one request at a time: enough to prove the protocol, not to load-test a GPU server.
"""

import argparse
import os
import socket
import ssl
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.remote.child_server import ChildServer, wait_listening

_STARTUP_SECONDS = 60.0


class LlamaServer(ChildServer):
    """A running server; a context manager that kills it on exit, whatever happened."""

    def __init__(
        self,
        model: Path,
        *,
        alias: str,
        cert_file: Path,
        key_file: Path,
        client_ca_file: Path | None = None,
        api_key: str | None = None,
        redirect_drafts_to: str | None = None,
        n_ctx: int = 4096,
        log_file: Path,
    ) -> None:
        self.port = free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        command = [
            sys.executable,
            "-m",
            "tests.remote.llama_server",
            f"--model={model}",
            f"--alias={alias}",
            f"--port={self.port}",
            f"--cert={cert_file}",
            f"--key={key_file}",
            f"--n-ctx={n_ctx}",
        ]
        if client_ca_file is not None:
            command.append(f"--client-ca={client_ca_file}")
        if api_key is not None:
            command.append(f"--api-key={api_key}")
        if redirect_drafts_to is not None:
            command.append(f"--redirect-drafts-to={redirect_drafts_to}")
        self._log_file = log_file
        with log_file.open("wb") as log:
            self._process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=Path(__file__).resolve().parents[2],
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )

    def wait_ready(self) -> None:
        """Return once the server accepts connections on its port."""
        wait_listening(
            self._process,
            self.port,
            name="the test server",
            seconds=_STARTUP_SECONDS,
            log=self._log_file.read_text,
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> None:
    import uvicorn
    from llama_cpp.server.app import create_app
    from llama_cpp.server.settings import ModelSettings, ServerSettings

    from app.inference import cpu_backend

    cpu_backend.load_backends()  # this portable llama.cpp loads its CPU backend at run time

    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--alias", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--client-ca")
    parser.add_argument("--api-key")
    parser.add_argument(
        "--redirect-drafts-to",
        help="answer chat completions with a 307 to this URL (misconfigured)",
    )
    parser.add_argument("--n-ctx", type=int, default=4096)
    args = parser.parse_args()
    app = create_app(
        server_settings=ServerSettings(
            host="127.0.0.1",
            port=args.port,
            api_key=args.api_key,
            # Its default stops a stream whenever another request arrives: one workstation's
            # draft would cut off another's.
            interrupt_requests=False,
        ),
        model_settings=[
            ModelSettings(
                model=args.model,
                model_alias=args.alias,
                n_ctx=args.n_ctx,
                n_threads=1,
                n_threads_batch=1,
                verbose=False,
            )
        ],
    )
    if args.redirect_drafts_to:
        _redirect_drafts(app, args.redirect_drafts_to)
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=args.port,
        ssl_certfile=args.cert,
        ssl_keyfile=args.key,
        ssl_ca_certs=args.client_ca,
        ssl_cert_reqs=ssl.CERT_REQUIRED if args.client_ca else ssl.CERT_NONE,
        log_level="warning",
    )


def _redirect_drafts(app: Any, target: str) -> None:
    """A server misconfigured to send drafts elsewhere: every chat completion gets a 307."""
    from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
    from starlette.requests import Request
    from starlette.responses import RedirectResponse, Response

    async def redirect(request: Request, call_next: RequestResponseEndpoint) -> Response:
        if request.url.path.endswith("/chat/completions"):
            return RedirectResponse(target, status_code=307)
        return await call_next(request)

    app.add_middleware(BaseHTTPMiddleware, dispatch=redirect)


if __name__ == "__main__":
    main()
