"""How a headless command learns who is running it."""

import getpass
import sys

from app.security.environment import Environment
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.session import Session
from app.services.workstation import Workstation


def sign_in(workstation: Workstation) -> Session:
    """Demo account in demo mode; else WARDSCRIBE_USER / WARDSCRIBE_PASSWORD, else a prompt."""
    if workstation.demo:
        return workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    environment = Environment()
    username = environment.user or input("WardScribe username: ")
    if environment.password is not None:
        password = environment.password.get_secret_value()
    elif sys.stdin.isatty():
        password = getpass.getpass("Password: ")
    else:
        password = sys.stdin.readline().rstrip("\n")
    return workstation.auth.sign_in(username, password)
