"""How a headless command learns who is running it."""

import getpass
import sys

from app.domain.errors import AuthenticationFailed
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.session import Session
from app.services.startup import headless_credentials
from app.services.workstation import Workstation


def sign_in(workstation: Workstation) -> Session:
    """Demo account in demo mode; else WARDSCRIBE_USER / WARDSCRIBE_PASSWORD, else a prompt."""
    if workstation.demo:
        return workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    environment = headless_credentials()
    username = environment.user or _typed("WardScribe username: ")
    if environment.password is not None:
        password = environment.password.get_secret_value()
    elif sys.stdin.isatty():
        password = getpass.getpass("Password: ")
    else:
        password = _typed(None)
    return workstation.auth.sign_in(username, password)


def _typed(prompt: str | None) -> str:
    """One line from the terminal (with `prompt`) or from stdin; nothing at all is refused."""
    try:
        line = input(prompt) if prompt is not None and sys.stdin.isatty() else _stdin_line()
    except EOFError:
        line = ""
    if not line:
        raise AuthenticationFailed(
            "No WardScribe sign-in was given: set WARDSCRIBE_USER and type the password, or "
            "pipe them in, one line each.",
            "no_credentials",
        )
    return line


def _stdin_line() -> str:
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\n")
